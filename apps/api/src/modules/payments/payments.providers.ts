import type { StudioContext } from '../../platform/context.js';
import type { FieldReason } from '../../platform/http/errors.js';
import type { PaymentSettings } from './payments.schemas.js';
import type { payments } from './payments.tables.js';
import type { NextAction, PaymentProviderId, SavedCard, StartPaymentInput } from './payments.types.js';

export type PaymentRow = typeof payments.$inferSelect;

/** What a provider says about a payment: where it stands and what the payer must do next. */
export interface ProviderOutcome {
  status: 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'cancelled';
  nextAction: NextAction;
  providerRef?: string | null;
  failureReason?: string | null;
  /** What the provider says it charged, when it says (checked against the payment before settling). */
  amountMinor?: number;
  currency?: string;
  /** The card the provider kept for later charges (a succeeded payment started with keepCard). */
  savedCard?: SavedCard;
}

/** A studio use case plus what every provider may need to know about the studio. */
export interface ProviderContext extends StudioContext {
  settings: PaymentSettings;
  /** The studio's own currency (Stripe offers PromptPay only for THB). */
  studioCurrency: string;
}

/** Why a provider cannot take a payment: the API's English, and the rule a client words itself. */
export interface Unavailable extends FieldReason {
  message: string;
}

/**
 * One way of taking money. The service owns the payment row and its status transitions; a provider
 * only talks to the outside world (or the wallet ledger) and reports an outcome. Adding a provider is
 * one file implementing this and one line in the registry (payments.service.ts).
 */
export interface PaymentProvider {
  readonly id: PaymentProviderId;
  /** Why this studio cannot use the provider for this payment right now, or null when it can. */
  unavailableReason(ctx: ProviderContext, input: StartPaymentInput): Unavailable | null;
  /** Called once, inside ctx.tx, right after the pending payment row was inserted. */
  start(ctx: ProviderContext, payment: PaymentRow, input: StartPaymentInput): Promise<ProviderOutcome>;
  /**
   * Sends `amountMinor` of a succeeded payment back the way it came. `idempotencyKey` is the same
   * for a retried refund (even after a rollback), so providers pass it on as their own.
   */
  refund(
    ctx: StudioContext,
    payment: PaymentRow,
    refund: { refundId: string; amountMinor: number; idempotencyKey: string },
  ): Promise<{ providerRef: string | null }>;
  /** The provider's current view of a payment (reconciliation); absent for providers with no remote state. */
  retrieve?(payment: PaymentRow): Promise<ProviderOutcome>;
  /** Stops the provider from still taking money for a payment we are cancelling. */
  cancel?(payment: PaymentRow): Promise<void>;
  /**
   * Starts keeping a new card on a customer without charging it (Stripe: a SetupIntent the payer's
   * browser confirms in the card form); absent for providers that keep no cards.
   */
  setupCard?(
    ctx: ProviderContext,
    input: { customerId: string; metadata: Record<string, string> },
  ): Promise<CardSetup>;
  /** A kept card: the customer it is attached to and its last digits; null when there is no such card. */
  keptCard?(paymentMethodId: string): Promise<KeptCardFacts | null>;
}

/** What the payer's browser needs to save a card with the provider's own form. */
export interface CardSetup {
  type: 'stripe_setup';
  clientSecret: string;
  publishableKey: string;
}

export interface KeptCardFacts {
  customerId: string | null;
  last4: string | null;
}

export type ProviderRegistry = Partial<Record<PaymentProviderId, PaymentProvider>>;

export function requireProvider(registry: ProviderRegistry, id: PaymentProviderId): PaymentProvider {
  const provider = registry[id];
  if (!provider) throw new Error(`No payment provider "${id}" is registered`);
  return provider;
}

/** The short reference a payer quotes with a bank transfer: the tail of the payment id, upper case. */
export const transferReference = (paymentId: string) =>
  `PAY-${paymentId.replaceAll('-', '').slice(-8).toUpperCase()}`;
