/**
 * What cancelling an order gives back, as the API's cancel does it (`settleMoney` in
 * apps/api/src/modules/orders/orders.lifecycle.ts): every payment that succeeded is refunded for what is
 * left of it, to where it came from. Card (Stripe, the sandbox) and wallet refunds move the money
 * themselves; bank transfer, cash, invoice and PromptPay refunds are only recorded, so the studio hands
 * that money back itself, and the warning says which is which.
 */

/** Providers whose refund moves the money; the others' refunds are records the studio acts on. */
const MONEY_MOVES_ITSELF = new Set(['stripe', 'sandbox', 'wallet']);

export interface CancelRefunds {
  /** Goes back to the card or wallet by itself. */
  automaticMinor: number;
  /** Marked refunded; the studio pays it back outside the platform. */
  byHandMinor: number;
}

export function refundsOnCancel(
  payments: readonly { provider: string; status: string; amountMinor: number; refundedMinor: number }[],
): CancelRefunds {
  const refunds: CancelRefunds = { automaticMinor: 0, byHandMinor: 0 };
  for (const payment of payments) {
    if (payment.status !== 'succeeded' && payment.status !== 'partially_refunded') continue;
    const left = Math.max(0, payment.amountMinor - payment.refundedMinor);
    if (MONEY_MOVES_ITSELF.has(payment.provider)) refunds.automaticMinor += left;
    else refunds.byHandMinor += left;
  }
  return refunds;
}
