import type { Tx } from '../../platform/db/index.js';
import { type PlanId, setStudioPlan } from '../studios/index.js';
import { insertManualInvoice } from './billing.invoices.js';
import { billingSubscriptions } from './billing.tables.js';

export interface ManualBillingHistory {
  plan: Exclude<PlanId, 'starter'>;
  /** Per month, in minor units of `currency`. */
  priceMinor: number;
  currency: string;
  /** End of the month being billed now. */
  currentPeriodEnd: Date;
  /** Invoices already raised, oldest first (numbered ATL-0001 on in that order). */
  invoices: { periodStart: Date; periodEnd: Date; status: 'open' | 'paid'; issuedAt: Date; paidAt?: Date }[];
  /** Who set it up, for `studios.studio.updated` (a platform admin's id, or 'system'). */
  by: string;
}

/**
 * Puts a studio on a paid plan billed by hand, with the invoices already raised, in the caller's
 * transaction (owner role): for platform code that sets studios up (the demo seed), so the billing
 * page shows a studio that has been paying for a while. No permission check and no Stripe. Does
 * nothing and answers false when the studio already has a billing row (an owner or admin chose since),
 * so running it again is safe. The caller drops the studios cache after the commit.
 */
export async function billStudioByHand(tx: Tx, studioId: string, history: ManualBillingHistory) {
  const [subscription] = await tx
    .insert(billingSubscriptions)
    .values({
      studioId,
      plan: history.plan,
      collection: 'manual',
      status: 'active',
      priceMinor: history.priceMinor,
      currency: history.currency,
      currentPeriodEnd: history.currentPeriodEnd,
    })
    .onConflictDoNothing({ target: billingSubscriptions.studioId })
    .returning();
  if (!subscription) return false;
  await setStudioPlan(tx, studioId, history.plan, { actorUserId: history.by, reason: 'platform-billing' });
  for (const invoice of history.invoices)
    await insertManualInvoice(
      tx,
      subscription,
      { ...invoice, amountMinor: history.priceMinor, currency: history.currency },
      null,
    );
  return true;
}
