import { currentClientIdOf } from '../studios/index.js';
import type { PaymentProvider } from './payments.providers.js';
import { PAYMENT_RULES } from './payments.reasons.js';
import { creditWallet, debitWallet } from './wallet.ledger.js';

/**
 * Pays from the client's wallet balance through the ledger, inside the caller's transaction: the debit
 * and the succeeded payment commit together or not at all. A balance too small is a 409 naming
 * `amountMinor` (from the ledger). Refunding "to original" puts the money back in the wallet.
 */
export function createWalletProvider(): PaymentProvider {
  return {
    id: 'wallet',
    unavailableReason: (_ctx, input) =>
      input.clientId
        ? null
        : { message: 'Paying by wallet needs a signed-in client', ...PAYMENT_RULES.walletNeedsSignIn },
    async start(ctx, payment) {
      await debitWallet(ctx.tx, {
        studioId: ctx.studioId,
        clientId: payment.clientId!,
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        // The ledger's own record; statements name the payment's order from paymentId instead.
        reason: payment.description || `Payment ${payment.id}`,
        reference: payment.id,
        paymentId: payment.id,
      });
      return { status: 'succeeded', nextAction: { type: 'none' }, providerRef: `wallet_${payment.id}` };
    },
    async refund(ctx, payment, refund) {
      await creditWallet(ctx.tx, {
        kind: 'refund',
        studioId: ctx.studioId,
        // Back to the wallet it came from, or, if that record has retired since (an email change), to
        // the person's live record, where their balance went.
        clientId: await currentClientIdOf(ctx.tx, ctx.studioId, payment.clientId!),
        amountMinor: refund.amountMinor,
        currency: payment.currency,
        reason: `Refund of payment ${payment.id}`,
        reference: refund.refundId,
        // What was refunded, for the statement's words ("Refund for order QR-2026-0042"). No note: a
        // provider is not told the refund's reason, which may be the system's own (an order cancelled).
        paymentId: payment.id,
      });
      return { providerRef: null };
    },
  };
}
