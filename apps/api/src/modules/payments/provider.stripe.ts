import Stripe from 'stripe';
import { AppError } from '../../platform/http/errors.js';
import type { PaymentProvider, PaymentRow, ProviderOutcome } from './payments.providers.js';
import { methodTurnedOff, PAYMENT_RULES } from './payments.reasons.js';
import type { SavedCard } from './payments.types.js';
import { SANDBOX_CARDS } from './provider.sandbox.js';

export interface StripeSettings {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string | undefined;
  /** Where the SDK sends requests (the stand-in in tests and the demo); absent means api.stripe.com. */
  apiUrl: string | undefined;
}

/** The official SDK, pointed at STRIPE_API_URL when set (host, port and protocol are SDK settings). */
export function createStripeClient(settings: Pick<StripeSettings, 'secretKey' | 'apiUrl'>): Stripe {
  const url = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(url
      ? {
          host: url.hostname,
          port: url.port || (url.protocol === 'http:' ? 80 : 443),
          protocol: url.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  });
}

/** Stripe's own test payment methods, for the sandbox card numbers (tests and the demo against the stand-in). */
const TEST_PAYMENT_METHODS: Record<string, string> = {
  [SANDBOX_CARDS.succeeds]: 'pm_card_visa',
  [SANDBOX_CARDS.declines]: 'pm_card_chargeDeclined',
  [SANDBOX_CARDS.requires_action]: 'pm_card_authenticationRequired',
};

/**
 * The card Stripe kept on the customer for charges without the payer: an intent made with
 * `setup_future_usage: 'off_session'` attaches the method it was paid with to its customer.
 */
function keptCard(intent: Stripe.PaymentIntent): SavedCard | undefined {
  if (intent.setup_future_usage !== 'off_session') return undefined;
  const customerId = typeof intent.customer === 'string' ? intent.customer : intent.customer?.id;
  const paymentMethodId =
    typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id;
  return customerId && paymentMethodId ? { customerId, paymentMethodId } : undefined;
}

/** Where a PaymentIntent stands, in our words. */
export function intentOutcome(intent: Stripe.PaymentIntent, publishableKey: string): ProviderOutcome {
  const base = {
    providerRef: intent.id,
    amountMinor: intent.amount,
    currency: intent.currency.toUpperCase(),
  };
  const confirm = {
    type: 'stripe_confirm' as const,
    clientSecret: intent.client_secret ?? '',
    publishableKey,
  };
  switch (intent.status) {
    case 'succeeded': {
      const savedCard = keptCard(intent);
      return {
        ...base,
        status: 'succeeded',
        nextAction: { type: 'none' },
        ...(savedCard ? { savedCard } : {}),
      };
    }
    case 'canceled':
      return { ...base, status: 'cancelled', nextAction: { type: 'none' } };
    case 'requires_action': {
      const redirect = intent.next_action?.redirect_to_url?.url;
      return {
        ...base,
        status: 'requires_action',
        nextAction: redirect ? { type: 'redirect', url: redirect } : confirm,
      };
    }
    case 'requires_payment_method':
      // Back to "needs a payment method" after an attempt: that attempt failed.
      if (intent.last_payment_error)
        return {
          ...base,
          status: 'failed',
          nextAction: confirm,
          failureReason: intent.last_payment_error.message ?? 'The payment was declined',
        };
      return { ...base, status: 'pending', nextAction: confirm };
    default:
      return { ...base, status: 'pending', nextAction: confirm };
  }
}

function sessionOutcome(session: Stripe.Checkout.Session): ProviderOutcome {
  const intentId =
    typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
  const base = {
    amountMinor: session.amount_total ?? undefined,
    currency: session.currency?.toUpperCase(),
  };
  if (session.payment_status === 'paid')
    return {
      ...base,
      status: 'succeeded',
      nextAction: { type: 'none' },
      providerRef: intentId ?? session.id,
    };
  if (session.status === 'expired') return { ...base, status: 'cancelled', nextAction: { type: 'none' } };
  return { ...base, status: 'pending', nextAction: { type: 'redirect', url: session.url ?? '' } };
}

/** Stripe answered with an error: a declined card carries the intent, anything else is Stripe's trouble. */
function fromStripeError(error: unknown, publishableKey: string): ProviderOutcome {
  if (error instanceof Stripe.errors.StripeCardError) {
    const intent = (error.raw as { payment_intent?: Stripe.PaymentIntent }).payment_intent;
    if (intent) return intentOutcome(intent, publishableKey);
    return { status: 'failed', nextAction: { type: 'none' }, failureReason: error.message };
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError)
    throw new AppError('rule_broken', `Stripe refused the request: ${error.message}`, { cause: error });
  throw new AppError('service_unavailable', 'Stripe could not be reached; try again shortly', {
    retryAfter: 5,
    cause: error,
  });
}

/**
 * Stripe through the official SDK: a PaymentIntent (card everywhere; card + PromptPay for THB studios)
 * the browser confirms with the Payment Element, or a Checkout Session when the caller gives a
 * returnUrl. Money moving is learnt from the webhook, or from reconciliation if the webhook is lost.
 * Every call carries an idempotency key derived from the caller's, so a retry never charges twice.
 */
export function createStripeProvider({
  stripe,
  settings,
}: {
  stripe: Stripe;
  settings: StripeSettings;
}): PaymentProvider {
  /**
   * The customer a card is kept on: one of its own, made for the payment that keeps it (a plan charges
   * that customer's card from then on), never one found by the email typed for the payment, which
   * anybody can type: the card would have joined a stranger's customer, or the studio's own billing
   * customer. Its key follows the payment's, so a retried start finds the same customer.
   */
  const customerKeeping = async (
    studioId: string,
    payment: PaymentRow,
    idempotencyKey: string,
  ): Promise<string> => {
    const customer = await stripe.customers.create(
      { email: payment.email, metadata: { studioId, paymentId: payment.id } },
      { idempotencyKey: `atelier-customer-${studioId}-${idempotencyKey}` },
    );
    return customer.id;
  };

  return {
    id: 'stripe',
    unavailableReason: (ctx) =>
      ctx.settings.stripeEnabled
        ? null
        : { message: 'The studio has not turned on Stripe', ...methodTurnedOff('stripe') },

    async start(ctx, payment, input) {
      const idempotencyKey = `atelier-payment-${ctx.studioId}-${input.idempotencyKey}`;
      const metadata = {
        paymentId: payment.id,
        studioId: ctx.studioId,
        payableType: payment.payableType,
        payableId: payment.payableId,
      };
      const currency = payment.currency.toLowerCase();
      try {
        // A kept card is charged through the customer it is attached to; a card about to be kept gets a
        // customer of its own (customerKeeping); a payment that keeps no card needs no customer.
        const customerId =
          input.savedCard?.customerId ??
          (input.keepCard ? await customerKeeping(ctx.studioId, payment, input.idempotencyKey) : undefined);
        if (
          input.returnUrl &&
          !input.sandboxCard &&
          !input.offSession &&
          !input.keepCard &&
          !input.savedCard
        ) {
          const session = await stripe.checkout.sessions.create(
            {
              mode: 'payment',
              // No card is kept here (see the condition above), so no customer: Checkout asks for the email.
              customer_email: payment.email,
              client_reference_id: payment.id,
              line_items: [
                {
                  quantity: 1,
                  price_data: {
                    currency,
                    unit_amount: payment.amountMinor,
                    product_data: { name: payment.description || 'Payment' },
                  },
                },
              ],
              payment_intent_data: { metadata },
              metadata,
              success_url: input.returnUrl,
              cancel_url: input.returnUrl,
            },
            { idempotencyKey },
          );
          return { ...sessionOutcome(session), providerRef: session.id };
        }
        const card = input.sandboxCard?.replace(/[\s-]/g, '');
        // Off the payer's session only a card they let us keep is charged: not the customer's default
        // card, which may be one somebody else saved under the same email.
        const paymentMethod = card ? TEST_PAYMENT_METHODS[card] : input.savedCard?.paymentMethodId;
        if (card && !paymentMethod) throw AppError.invalid('sandboxCard', 'is not a test card');
        if (input.offSession && !paymentMethod)
          return { status: 'failed', nextAction: { type: 'none' }, failureReason: 'No saved card to charge' };
        // Keeping a card is for cards only (PromptPay cannot be charged again without the payer).
        const methods = input.keepCard
          ? { payment_method_types: ['card'], setup_future_usage: 'off_session' as const }
          : ctx.studioCurrency === 'THB' && payment.currency === 'THB'
            ? { payment_method_types: ['card', 'promptpay'] }
            : { automatic_payment_methods: { enabled: true, allow_redirects: 'never' as const } };
        const intent = await stripe.paymentIntents.create(
          {
            amount: payment.amountMinor,
            currency,
            ...(customerId ? { customer: customerId } : {}),
            description: payment.description || undefined,
            metadata,
            ...methods,
            ...(paymentMethod
              ? {
                  payment_method: paymentMethod,
                  confirm: true,
                  ...(input.offSession ? { off_session: true } : {}),
                }
              : {}),
          },
          { idempotencyKey },
        );
        return intentOutcome(intent, settings.publishableKey);
      } catch (error) {
        if (error instanceof AppError) throw error;
        return fromStripeError(error, settings.publishableKey);
      }
    },

    async refund(_ctx, payment, refund) {
      const intentId = payment.providerRef;
      if (!intentId?.startsWith('pi_'))
        throw AppError.conflictOn(
          'to',
          'This Stripe payment has no completed charge to refund yet',
          PAYMENT_RULES.chargeNotSettled,
        );
      try {
        const created = await stripe.refunds.create(
          { payment_intent: intentId, amount: refund.amountMinor },
          { idempotencyKey: `atelier-refund-${payment.studioId}-${refund.idempotencyKey}` },
        );
        return { providerRef: created.id };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError)
          throw new AppError('rule_broken', `Stripe refused the refund: ${error.message}`, { cause: error });
        throw new AppError('service_unavailable', 'Stripe could not be reached; try again shortly', {
          retryAfter: 5,
          cause: error,
        });
      }
    },

    async retrieve(payment: PaymentRow) {
      const ref = payment.providerRef ?? '';
      if (ref.startsWith('cs_')) return sessionOutcome(await stripe.checkout.sessions.retrieve(ref));
      return intentOutcome(await stripe.paymentIntents.retrieve(ref), settings.publishableKey);
    },

    async setupCard(_ctx, { customerId, metadata }) {
      try {
        const setup = await stripe.setupIntents.create({
          customer: customerId,
          usage: 'off_session',
          // Cards that need no redirect: the plan's card form stays on the page.
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          metadata,
        });
        return {
          type: 'stripe_setup',
          clientSecret: setup.client_secret ?? '',
          publishableKey: settings.publishableKey,
        };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError)
          throw new AppError('rule_broken', `Stripe refused the request: ${error.message}`, { cause: error });
        throw new AppError('service_unavailable', 'Stripe could not be reached; try again shortly', {
          retryAfter: 5,
          cause: error,
        });
      }
    },

    async keptCard(paymentMethodId) {
      try {
        const method = await stripe.paymentMethods.retrieve(paymentMethodId);
        const customerId =
          typeof method.customer === 'string' ? method.customer : (method.customer?.id ?? null);
        return { customerId, last4: method.card?.last4 ?? null };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError) return null;
        throw new AppError('service_unavailable', 'Stripe could not be reached; try again shortly', {
          retryAfter: 5,
          cause: error,
        });
      }
    },

    async cancel(payment: PaymentRow) {
      const ref = payment.providerRef ?? '';
      if (ref.startsWith('pi_')) await stripe.paymentIntents.cancel(ref);
      else if (ref.startsWith('cs_')) await stripe.checkout.sessions.expire(ref);
    },
  };
}
