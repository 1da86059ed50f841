import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import type { PaymentRow, ProviderOutcome } from './payments.providers.js';
import type { PaymentListItem } from './payments.schemas.js';
import { payments } from './payments.tables.js';
import type { PaymentEventPayload, PaymentStatus, PaymentView } from './payments.types.js';

/** Event types this module emits through the outbox (durable names). */
export const PAYMENT_EVENTS = {
  succeeded: 'payments.payment.succeeded',
  failed: 'payments.payment.failed',
  refunded: 'payments.payment.refunded',
} as const;

/** States money can still arrive from. `cancelled` is here on purpose: if money moved anyway, it counts. */
const CAN_SUCCEED: PaymentStatus[] = ['pending', 'requires_action', 'failed', 'cancelled'];
const OPEN: PaymentStatus[] = ['pending', 'requires_action'];

/**
 * A card declined while the payer can still try another on the same intent (Stripe's Payment Element:
 * the intent is back at "needs a payment method", so the outcome is a failure that still offers a
 * confirm). The payment stays open, and its order with it, until another card pays or the order's hold
 * runs out. A plan instalment charged without the client still fails on a decline: retrying that is
 * the plan's business. A Stripe plan's first payment (the one that keeps the card) is made by the
 * client in the card form, so it waits for another card like any other. The webhook and
 * reconciliation both ask this.
 */
export function awaitsAnotherCard(
  payment: Pick<PaymentRow, 'status' | 'planInstalmentId' | 'keepsCard'>,
  outcome: Pick<ProviderOutcome, 'status' | 'nextAction'>,
): boolean {
  return (
    outcome.status === 'failed' &&
    outcome.nextAction.type !== 'none' &&
    (!payment.planInstalmentId || payment.keepsCard) &&
    OPEN.includes(payment.status)
  );
}

/** The contract's PaymentView plus what this module adds (sandbox label, failure, proof). */
export type PaymentDetails = PaymentView & Omit<PaymentListItem, 'email' | 'clientId'>;

/** Payments the payer settles by transfer and proves with a slip the studio checks by hand. */
export function takesSlip(row: Pick<PaymentRow, 'provider' | 'manualMethod'>): boolean {
  return row.provider === 'promptpay' || (row.provider === 'manual' && row.manualMethod !== 'cash');
}

/**
 * The studio's words when it turned the payer's slip down. Providers the studio confirms by hand
 * (manual, PromptPay) never fail through a provider, so for them `failure_reason` holds only that
 * turn-down (`rejectSlip` writes the words as given; a new slip or being paid clears it). For the
 * others (card, Stripe, sandbox) it is the provider's decline, and this is null.
 */
function slipRejectedReason(row: PaymentRow): string | null {
  return row.provider === 'manual' || row.provider === 'promptpay' ? row.failureReason : null;
}

export function toView(row: PaymentRow): PaymentDetails {
  return {
    id: row.id,
    payable: { type: row.payableType, id: row.payableId },
    provider: row.provider,
    manualMethod: row.manualMethod,
    status: row.status,
    amountMinor: row.amountMinor,
    refundedMinor: row.refundedMinor,
    currency: row.currency,
    nextAction: row.nextAction,
    createdAt: row.createdAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
    sandbox: row.provider === 'sandbox',
    failureReason: row.failureReason,
    slipRejectedReason: slipRejectedReason(row),
    hasProof: row.proofStorageKey !== null,
    hasSlip: row.proofStorageKey !== null && takesSlip(row),
  };
}

/** The outbox payload for a payment event; extra fields (email, locale) feed the emails. */
export function eventPayload(row: PaymentRow, extra: Partial<PaymentEventPayload> = {}): PaymentEventPayload {
  return {
    paymentId: row.id,
    payableType: row.payableType,
    payableId: row.payableId,
    amountMinor: row.amountMinor,
    currency: row.currency,
    planInstalmentId: row.planInstalmentId,
    clientId: row.clientId,
    email: row.email,
    provider: row.provider,
    locale: row.locale,
    confirmedBy: row.confirmedBy,
    ...extra,
  };
}

/**
 * Moves a payment to what the provider reports, monotonically: succeeded is final (a late "failed"
 * changes nothing), and each status change is one conditional UPDATE, so concurrent webhooks,
 * reconciliation and confirmations make at most one transition and emit its event exactly once.
 * Works in a studio transaction or in the webhook's platform transaction (it filters by studio itself).
 * Returns the row as it now stands.
 */
export async function applyOutcome(
  tx: Tx,
  payment: PaymentRow,
  outcome: ProviderOutcome,
  extra: { confirmedBy?: string | null; confirmationNote?: string | null } = {},
): Promise<PaymentRow> {
  const where = (from: PaymentStatus[]) =>
    and(eq(payments.id, payment.id), eq(payments.studioId, payment.studioId), inArray(payments.status, from));
  const providerRef = outcome.providerRef ? { providerRef: outcome.providerRef } : {};
  let changed: PaymentRow | undefined;
  switch (outcome.status) {
    case 'succeeded': {
      [changed] = await tx
        .update(payments)
        .set({
          status: 'succeeded',
          paidAt: sql`now()`,
          nextAction: { type: 'none' },
          failureReason: null,
          ...providerRef,
          ...(outcome.savedCard ? { savedCard: outcome.savedCard } : {}),
          ...(extra.confirmedBy !== undefined ? { confirmedBy: extra.confirmedBy } : {}),
          ...(extra.confirmationNote !== undefined ? { confirmationNote: extra.confirmationNote } : {}),
        })
        .where(where(CAN_SUCCEED))
        .returning();
      if (changed)
        await emit(tx, {
          type: PAYMENT_EVENTS.succeeded,
          studioId: changed.studioId,
          payload: eventPayload(changed),
        });
      break;
    }
    case 'failed': {
      [changed] = await tx
        .update(payments)
        .set({
          status: 'failed',
          nextAction: outcome.nextAction,
          failureReason: outcome.failureReason ?? null,
          ...providerRef,
        })
        .where(where(OPEN))
        .returning();
      if (changed)
        await emit(tx, {
          type: PAYMENT_EVENTS.failed,
          studioId: changed.studioId,
          payload: eventPayload(changed, { failureReason: changed.failureReason }),
        });
      break;
    }
    case 'cancelled': {
      [changed] = await tx
        .update(payments)
        .set({ status: 'cancelled', nextAction: { type: 'none' }, ...providerRef })
        .where(where([...OPEN, 'failed']))
        .returning();
      break;
    }
    default: {
      // pending / requires_action: new instructions for the payer (a retry after a failure is allowed).
      [changed] = await tx
        .update(payments)
        .set({ status: outcome.status, nextAction: outcome.nextAction, failureReason: null, ...providerRef })
        .where(where([...OPEN, 'failed']))
        .returning();
    }
  }
  if (changed) return changed;
  const [current] = await tx.select().from(payments).where(eq(payments.id, payment.id));
  return current ?? payment;
}

/** True when what the provider charged is not what we asked for (refused and logged, never settled). */
export function mismatch(
  payment: PaymentRow,
  outcome: ProviderOutcome,
): 'amount_mismatch' | 'currency_mismatch' | null {
  if (outcome.amountMinor !== undefined && outcome.amountMinor !== payment.amountMinor)
    return 'amount_mismatch';
  if (outcome.currency !== undefined && outcome.currency !== payment.currency) return 'currency_mismatch';
  return null;
}
