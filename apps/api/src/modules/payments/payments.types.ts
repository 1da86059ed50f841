import type { StudioContext } from '../../platform/context.js';
import type { RequestOrigin } from './payments.audit.js';

/**
 * The payments module's promise to the modules that charge money (orders now; bookings, projects and
 * studio plans later). A caller owns a "payable" (an order, a wallet top-up, a plan instalment...) and
 * asks for a payment against it; the payments module talks to the provider and, when money has moved,
 * emits `payments.payment.succeeded` through the outbox. The owner of the payable subscribes and updates
 * its own state. Nobody else marks anything paid.
 */
export const PAYMENT_PROVIDERS = ['stripe', 'manual', 'promptpay', 'wallet', 'sandbox'] as const;
export type PaymentProviderId = (typeof PAYMENT_PROVIDERS)[number];

/** Manual methods the studio confirms by hand. */
export const MANUAL_METHODS = ['bank_transfer', 'cash', 'invoice'] as const;
export type ManualMethod = (typeof MANUAL_METHODS)[number];

export const PAYMENT_STATUSES = [
  'pending',
  'requires_action',
  'succeeded',
  'failed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** What is being paid for. `type` names the owning module's thing; `id` is its id. */
export interface Payable {
  type: 'order' | 'wallet_topup' | 'plan_instalment' | 'booking' | 'project' | 'studio_plan';
  id: string;
}

/** What the client must do next, if anything. */
export type NextAction =
  | { type: 'none' }
  /** Both empty in views for anyone but the payer (see `withoutPayerSecrets`). */
  | { type: 'stripe_confirm'; clientSecret: string; publishableKey: string }
  | { type: 'redirect'; url: string }
  | { type: 'promptpay_qr'; payload: string; svg: string; amountMinor: number; promptPayId: string }
  | { type: 'bank_transfer'; instructions: string; reference: string }
  | { type: 'pay_at_studio'; instructions: string }
  | {
      type: 'sandbox_card';
      testCards: { number: string; outcome: 'succeeds' | 'declines' | 'requires_action' }[];
    };

export interface StartPaymentInput {
  payable: Payable;
  /** Studio client paying (null for a guest identified by email only). */
  clientId: string | null;
  /**
   * The signed-in person paying, when there is one (payments.payer_user_id): the payment is then theirs
   * alone, not the client record's account holder's. Leave it out when staff or a job starts it.
   */
  payerUserId?: string | null;
  email: string;
  amountMinor: number;
  currency: string;
  provider: PaymentProviderId;
  /** For provider 'manual'. */
  manualMethod?: ManualMethod;
  /** For provider 'sandbox' (and the stand-in Stripe in tests): the test card number used. */
  sandboxCard?: string;
  description: string;
  /** Same key + same input => the same payment back, no second charge. */
  idempotencyKey: string;
  /** Where a redirect-based flow comes back to. */
  returnUrl?: string;
  /** Language of the emails this payment sends ('en' | 'th'). */
  locale?: string;
  /** Set when this payment is one instalment (or the deposit) of a payment plan on the payable. */
  planInstalmentId?: string;
  /** Charge a saved method without the client present (plan instalments run by jobs). */
  offSession?: boolean;
  /**
   * The payer is present and the provider may keep the card they pay with, to charge it later without
   * them (a Stripe plan's first payment). What was kept comes back as the payment's saved card.
   */
  keepCard?: boolean;
  /** The card a provider kept earlier, to charge now (a Stripe plan's later instalments). */
  savedCard?: SavedCard;
}

/** A card a provider keeps for charges without the payer present: Stripe's customer and payment method. */
export interface SavedCard {
  customerId: string;
  paymentMethodId: string;
}

/**
 * A payment that happened before the studio kept its orders here (an import of past sales, the demo
 * studios' history): recorded as succeeded at the times given, by hand-confirmed methods only (no
 * provider holds it), with no events, emails or provider calls.
 */
export interface PastPaymentInput {
  payable: Payable;
  clientId: string | null;
  email: string;
  amountMinor: number;
  currency: string;
  provider: 'manual' | 'promptpay';
  manualMethod?: ManualMethod;
  description: string;
  /** Same key => the payment recorded before, unchanged. */
  idempotencyKey: string;
  locale?: string;
  /** When the payer was asked to pay, and when the money arrived; neither after `now`. */
  startedAt: Date;
  paidAt: Date;
  /** The team member who confirmed the money arrived, as `markPaid` records it. */
  confirmedBy?: string | null;
  /** The caller's clock (the present the times are checked against); the real one by default. */
  now?: Date;
}

export interface PaymentView {
  id: string;
  payable: Payable;
  provider: PaymentProviderId;
  manualMethod: ManualMethod | null;
  status: PaymentStatus;
  amountMinor: number;
  refundedMinor: number;
  currency: string;
  nextAction: NextAction;
  createdAt: string;
  paidAt: string | null;
  /**
   * A payment the payer settles by transfer (PromptPay, bank transfer, invoice) has a slip attached:
   * the payer's, waiting for the studio to check it, or the file on record once it is paid.
   */
  hasSlip: boolean;
  /**
   * The studio's own words when it turned the payer's slip down (no prefix: pages say "not accepted" in
   * the reader's language). Null when nothing was turned down, once another slip comes, or once paid.
   */
  slipRejectedReason: string | null;
}

/** Payload of `payments.payment.succeeded` / `.failed` / `.refunded` events (outbox). */
export interface PaymentEventPayload extends Record<string, unknown> {
  paymentId: string;
  payableType: Payable['type'];
  payableId: string;
  amountMinor: number;
  currency: string;
  planInstalmentId?: string | null;
  /** For `.succeeded` of a payment staff confirmed by hand: who confirmed it. */
  confirmedBy?: string | null;
  /** For `.refunded`: this refund's amount and where it went. */
  refundedMinor?: number;
  refundTo?: 'original' | 'wallet';
}

export interface PaymentsApi {
  /** Starts (or, for the same idempotencyKey, returns) a payment. Wallet payments succeed in ctx.tx. */
  startPayment(ctx: StudioContext, input: StartPaymentInput): Promise<PaymentView>;
  /** Starts keeping a new card on a provider's customer (Stripe SetupIntent); the browser finishes it. */
  setupCard(
    ctx: StudioContext,
    input: { provider: PaymentProviderId; customerId: string; metadata: Record<string, string> },
  ): Promise<{ type: 'stripe_setup'; clientSecret: string; publishableKey: string }>;
  /** A card a provider keeps: its customer and last digits; null when the provider has no such card. */
  keptCard(
    provider: PaymentProviderId,
    paymentMethodId: string,
  ): Promise<{ customerId: string | null; last4: string | null } | null>;
  getPayment(ctx: StudioContext, paymentId: string): Promise<PaymentView>;
  listForPayable(ctx: StudioContext, payable: Payable): Promise<PaymentView[]>;
  /**
   * The token that lets its holder act as the payment's payer (`?token=` on the payer routes: look,
   * attach a slip, finish the authentication step). The payable's owner hands it only to whoever
   * legitimately holds the payable, e.g. a guest who opened the order with the order's own token.
   */
  payerAccessToken(paymentId: string): string;
  /** Records a payment made in the past (see PastPaymentInput); the same key returns the same payment. */
  recordPastPayment(ctx: StudioContext, input: PastPaymentInput): Promise<PaymentView>;
  /** Cancels a payment that has not succeeded (order cancelled, reservation expired). */
  cancelPayment(ctx: StudioContext, paymentId: string): Promise<void>;
  /** Refunds part or all of a succeeded payment, to the original method or to the client's wallet. */
  refund(
    ctx: StudioContext,
    input: {
      paymentId: string;
      amountMinor: number;
      to: 'original' | 'wallet';
      reason: string;
      idempotencyKey: string;
    },
    /** Where the person's request came from, for the audit entry (a route passes it; jobs and events don't). */
    origin?: RequestOrigin,
  ): Promise<PaymentView>;
}
