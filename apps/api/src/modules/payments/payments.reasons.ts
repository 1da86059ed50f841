import type { FieldReason } from '../../platform/http/errors.js';

/**
 * The rules the payments refusals that people meet on a page name (`errors[].reason`): staff refunding,
 * confirming or cancelling a payment, a payer choosing how to pay (a method the studio has turned off,
 * a wallet too small), paying a sandbox payment or attaching a slip, and a client topping up a wallet.
 * The web words them in the reader's
 * language (`ApiReasons` in apps/web/messages); the English message stays the API's. Kept together so
 * the set is easy to read next to those messages.
 */

/** A payment that never succeeded, or was refunded in full: `status` is its status. */
export const nothingLeftToRefund = (status: string): FieldReason => ({
  reason: 'refund.nothing_left',
  params: { status },
});

/** More than the payment (or the order) has left to refund: the most that may still go back. */
export const moreThanLeftToRefund = (amountMinor: number, currency: string): FieldReason => ({
  reason: 'refund.more_than_left',
  params: { amountMinor, currency },
});

/** A slip on a payment that is no longer open (`status`: succeeded, cancelled, ...). */
export const slipOnClosedPayment = (status: string): FieldReason => ({
  reason: 'slip.payment_closed',
  params: { status },
});

/** Staff check a slip of a payment that is no longer open. */
export const slipCheckOnClosedPayment = (status: string): FieldReason => ({
  reason: 'slip.check_closed',
  params: { status },
});

/** An uploaded slip or proof over the size limit. */
export const fileTooLarge = (maxMegabytes: number): FieldReason => ({
  reason: 'slip.too_large',
  params: { max: maxMegabytes },
});

/** Staff cannot confirm by hand what a provider confirms (a card, the wallet, the sandbox). */
export const confirmedByProvider = (provider: string): FieldReason => ({
  reason: 'payment.confirmed_by_provider',
  params: { provider },
});

/** Only an open payment can be cancelled; money taken is refunded instead. */
export const cannotCancelPayment = (status: string): FieldReason => ({
  reason: 'payment.cannot_cancel',
  params: { status },
});

/** The studio does not take this provider's payments (turned off in its settings, Stripe not on). */
export const methodTurnedOff = (provider: string): FieldReason => ({
  reason: 'payment.method_off',
  params: { provider },
});

/** A bank transfer, cash or invoice payment the studio has turned off (`method` is the manual method). */
export const manualMethodTurnedOff = (method: string): FieldReason => ({
  reason: 'payment.manual_method_off',
  params: { method },
});

/** The wallet holds less than the payment (or a staff debit) takes: what it holds and what was asked. */
export const walletTooLow = (balanceMinor: number, amountMinor: number, currency: string): FieldReason => ({
  reason: 'wallet.balance_too_low',
  params: { balanceMinor, amountMinor, currency },
});

/** A top-up outside the studio's limits: the least and the most one top-up may be. */
export const topupOutOfRange = (minMinor: number, maxMinor: number, currency: string): FieldReason => ({
  reason: 'wallet.topup_out_of_range',
  params: { minMinor, maxMinor, currency },
});

/** A card number that is none of the sandbox's test cards: `card` is the one that always pays. */
export const notASandboxCard = (card: string): FieldReason => ({
  reason: 'sandbox.unknown_card',
  params: { card },
});

/** Rules without parameters, by the name the code uses. */
export const PAYMENT_RULES = {
  guestRefundToWallet: { reason: 'refund.guest_no_wallet' },
  walletNotThePayers: { reason: 'refund.wallet_not_payers' },
  walletRetired: { reason: 'refund.wallet_retired' },
  walletRetiredCredit: { reason: 'wallet.record_retired' },
  planOtherCustomer: { reason: 'plan.other_customer' },
  planNotStripe: { reason: 'plan.not_stripe' },
  planCardNotKept: { reason: 'plan.card_not_kept' },
  planCardNotOnCustomer: { reason: 'plan.card_not_on_customer' },
  chargeNotSettled: { reason: 'refund.charge_not_settled' },
  slipNotTaken: { reason: 'slip.not_taken' },
  slipEmpty: { reason: 'slip.empty' },
  noSlipToCheck: { reason: 'slip.none_attached' },
  slipReasonNeeded: { reason: 'slip.reason_needed' },
  cancelledCannotBePaid: { reason: 'payment.cancelled' },
  paidBeforeCancel: { reason: 'payment.paid_meanwhile' },
  nothingToConfirm: { reason: 'payment.nothing_to_confirm' },
  noWayToPay: { reason: 'payment_settings.no_way_to_pay' },
  promptPayNotSetUp: { reason: 'payment.promptpay_not_set_up' },
  promptPayBahtOnly: { reason: 'payment.promptpay_thb_only' },
  sandboxTurnedOff: { reason: 'payment.sandbox_off' },
  notASandboxPayment: { reason: 'payment.not_sandbox' },
  walletNeedsSignIn: { reason: 'wallet.sign_in_needed' },
  walletEmailUnverified: { reason: 'wallet.email_unverified' },
  topupsTurnedOff: { reason: 'wallet.topups_off' },
} as const satisfies Record<string, FieldReason>;
