import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { expect } from 'vitest';
import { createCache } from '../../../platform/cache/index.js';
import type { StudioContext } from '../../../platform/context.js';
import { type Database, selectRows } from '../../../platform/db/index.js';
import type { TestApp } from '../../../testing.js';
import { createStudiosService, type NewStudio } from '../../studios/index.js';
import type { PaymentPlanView, PlansService } from '../plans.service.js';
import type { StripeStandIn } from './stripe-stand-in.js';

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

/**
 * The app's one Stripe webhook endpoint, as Stripe calls it: `post` sends a payload with the given
 * Stripe-Signature header (for tests of bad signatures), `deliver` signs an event with `secret` as
 * Stripe would, expects 200 and answers what the webhook says it did (processed, duplicate, parked...).
 */
export function stripeWebhook(t: TestApp, stand: StripeStandIn, secret: string) {
  const post = (payload: string, signature: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/stripe/webhook',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      payload,
    });
  return {
    post,
    async deliver(event: Record<string, unknown>): Promise<{ status: string; reason?: string }> {
      const payload = JSON.stringify(event);
      const res = await post(payload, stand.sign(payload, secret));
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
  };
}
