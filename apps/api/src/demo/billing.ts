import { invalidateStudios, type StudiosService } from '../modules/index.js';
import {
  BILLING_CURRENCY,
  billStudioByHand,
  type ManualBillingHistory,
  PLAN_PRICES,
} from '../modules/payments/index.js';
import type { Cache } from '../platform/cache/index.js';
import type { Database } from '../platform/db/index.js';

/**
 * The demo studios that pay Atelier for a plan, and for how many months they have. They are billed by
 * hand (an invoice a month): it works on a deployment with or without a Stripe account, where a made-up
 * Stripe subscription would break the owner's first plan change. Electric Muse stays on the free
 * starter plan: the team journey shows its owner hitting the seat limit and upgrading.
 */
const DEMO_BILLING: Record<string, { plan: 'professional' | 'studio'; monthsPaid: number }> = {
  // The supplier's 5,000 products need the Studio plan (10,000 items).
  'volt-supply': { plan: 'studio', monthsPaid: 5 },
  'tysun-mike-productions': { plan: 'professional', monthsPaid: 3 },
  'focusflow-demo': { plan: 'professional', monthsPaid: 8 },
  'qr-studios': { plan: 'professional', monthsPaid: 2 },
};

const DAY_MS = 86_400_000;
const monthStart = (now: Date, offset: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));

/**
 * A plan paid for `monthsPaid` months: one paid invoice per past month (raised on the 1st, paid on the
 * 3rd) and this month's raised and still open, so the page shows a history and something due.
 */
export function demoBillingHistory(
  plan: 'professional' | 'studio',
  monthsPaid: number,
  now: Date,
): Omit<ManualBillingHistory, 'by'> {
  const invoices: ManualBillingHistory['invoices'] = [];
  for (let offset = -monthsPaid; offset <= 0; offset++) {
    const periodStart = monthStart(now, offset);
    const paid = offset < 0;
    invoices.push({
      periodStart,
      periodEnd: monthStart(now, offset + 1),
      status: paid ? 'paid' : 'open',
      issuedAt: periodStart,
      ...(paid ? { paidAt: new Date(periodStart.getTime() + 2 * DAY_MS) } : {}),
    });
  }
  return {
    plan,
    priceMinor: PLAN_PRICES[plan],
    currency: BILLING_CURRENCY,
    currentPeriodEnd: monthStart(now, 1),
    invoices,
  };
}

/**
 * Gives the paying demo studios their plan, subscription row and invoices. Idempotent: a studio that
 * has a billing row (seeded before, or its owner or a platform admin chose a plan since) is left alone.
 */
export async function seedBilling({
  database,
  cache,
  studios,
  now = new Date(),
}: {
  database: Database;
  cache: Cache;
  studios: Pick<StudiosService, 'getBySlug'>;
  now?: Date;
}): Promise<{ billed: number }> {
  let billed = 0;
  for (const [slug, { plan, monthsPaid }] of Object.entries(DEMO_BILLING)) {
    const studio = await studios.getBySlug(slug);
    const history = { ...demoBillingHistory(plan, monthsPaid, now), by: 'system' };
    if (await database.transaction((tx) => billStudioByHand(tx, studio.id, history))) billed++;
  }
  // The studios' cached lookups still carry the starter plan.
  if (billed > 0) await invalidateStudios(cache);
  return { billed };
}
