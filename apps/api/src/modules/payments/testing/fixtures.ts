import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { createCache } from '../../../platform/cache/index.js';
import type { StudioContext } from '../../../platform/context.js';
import { type Database, selectRows } from '../../../platform/db/index.js';
import { createStudiosService, type NewStudio } from '../../studios/index.js';
import type { PaymentPlanView, PlansService } from '../plans.service.js';

/** A studio for service tests, opened through the studios module (whose table it is). */
export async function insertStudio(
  database: Database,
  {
    slug,
    currency = 'USD',
    locale = 'en',
  }: { slug: string; currency?: NewStudio['currency']; locale?: NewStudio['locale'] },
): Promise<string> {
  const cache = createCache({ redisUrl: undefined, keyPrefix: `payments-fixture-${uuidv7()}:` });
  try {
    const studios = createStudiosService({ database, cache });
    const studio = await studios.create({ slug, name: `Studio ${slug}`, currency, timezone: 'UTC', locale });
    return studio.id;
  } finally {
    await cache.close();
  }
}

/** Runs fn as the system inside the studio's RLS scope, like a job or another module's service. */
export function inStudio<T>(database: Database, studioId: string, fn: (ctx: StudioContext) => Promise<T>) {
  return database.withStudio(studioId, (tx) =>
    fn({ studioId, actor: { kind: 'system', reason: 'test' }, tx }),
  );
}

/** Outbox events of a type for one payment (platform read). */
export async function paymentEvents(database: Database, type: string, paymentId: string) {
  return selectRows<{ id: string; payload: Record<string, unknown> }>(
    database.db,
    sql`select id, payload from outbox_events where type = ${type} and payload->>'paymentId' = ${paymentId}`,
  );
}

/**
 * A plan for an order that does not exist elsewhere (a fresh payable id), charged to a sandbox card
 * saved with it, every 30 days: how the route and audit tests open one. Returns the plan's view.
 */
export async function newCardPlan(
  database: Database,
  plans: Pick<PlansService, 'createPaymentPlan'>,
  studioId: string,
  plan: { clientId: string | null; email: string; card: string; totalMinor: number; instalments?: number },
): Promise<PaymentPlanView> {
  const created = await inStudio(database, studioId, (ctx) =>
    plans.createPaymentPlan(ctx, {
      payable: { type: 'order', id: uuidv7() },
      clientId: plan.clientId,
      email: plan.email,
      totalMinor: plan.totalMinor,
      currency: 'USD',
      instalments: plan.instalments ?? 3,
      schedule: { intervalDays: 30 },
      provider: 'sandbox',
      savedMethod: { kind: 'card', cardNumber: plan.card },
    }),
  );
  return created.plan;
}
