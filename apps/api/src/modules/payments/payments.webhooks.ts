import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type Stripe from 'stripe';
import type { Cache } from '../../platform/cache/index.js';
import type { Database, Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import {
  applyBillingEvent,
  applyPlanCheckout,
  BILLING_EVENT_TYPES,
  type BillingEventResult,
  isPlanCheckout,
} from './billing.lifecycle.js';
import type { PaymentRow, ProviderOutcome } from './payments.providers.js';
import { payments, paymentWebhookEvents } from './payments.tables.js';
import { applyOutcome, awaitsAnotherCard, mismatch } from './payments.transitions.js';
import { intentOutcome } from './provider.stripe.js';

export interface WebhookResult {
  status: 'processed' | 'parked' | 'ignored' | 'duplicate';
  reason?: string;
  paymentId?: string;
}

type Handled = Omit<WebhookResult, 'status'> & {
  status: 'processed' | 'parked' | 'ignored';
  studioId?: string;
  afterCommit?: BillingEventResult['afterCommit'];
};

/**
 * Stripe's webhook: verified against the raw body with the signing secret, recorded by event id (a
 * redelivery is answered 200 and not processed again), and applied through the same monotonic
 * transitions as everything else, so arrival order does not matter: a `payment_failed` after
 * `succeeded` leaves the payment paid. An event for a payment we do not know, or whose amount or
 * currency differs from ours, is kept as `parked` for a person to look at, and logged.
 *
 * Runs in one platform transaction (the studio is unknown until the payment is found): the event
 * record and the payment change commit together, so a crash midway lets Stripe's retry redo both.
 *
 * The platform's own billing of studios (subscription and invoice events) arrives on the same endpoint
 * and is handed to `billing.lifecycle.ts` inside the same transaction and dedupe.
 */
export function createStripeWebhookHandler({
  database,
  stripe,
  webhookSecret,
  publishableKey,
  logger,
  cache,
}: {
  database: Database;
  stripe: Stripe;
  webhookSecret: string;
  publishableKey: string;
  logger: Pick<Logger, 'warn' | 'error' | 'info'>;
  /** Dropped after a billing event changed a studio's plan (the studios module caches lookups). */
  cache?: Cache | undefined;
}) {
  const findPayment = async (tx: Tx, ref: string | null, metadataPaymentId: unknown) => {
    if (ref) {
      const [byRef] = await tx
        .select()
        .from(payments)
        .where(and(eq(payments.provider, 'stripe'), eq(payments.providerRef, ref)));
      if (byRef) return byRef;
    }
    if (typeof metadataPaymentId === 'string' && /^[0-9a-f-]{36}$/i.test(metadataPaymentId)) {
      const [byId] = await tx
        .select()
        .from(payments)
        .where(and(eq(payments.provider, 'stripe'), eq(payments.id, metadataPaymentId)));
      return byId;
    }
    return undefined;
  };

  const settle = async (
    tx: Tx,
    event: Stripe.Event,
    payment: PaymentRow | undefined,
    outcome: ProviderOutcome,
  ): Promise<Handled> => {
    if (!payment) {
      logger.warn({ eventId: event.id, type: event.type }, 'Stripe webhook for an unknown payment; parked');
      return { status: 'parked', reason: 'unknown_payment' };
    }
    const wrong = mismatch(payment, outcome);
    if (wrong) {
      logger.error(
        {
          eventId: event.id,
          paymentId: payment.id,
          expected: { amountMinor: payment.amountMinor, currency: payment.currency },
          received: { amountMinor: outcome.amountMinor, currency: outcome.currency },
        },
        `Stripe webhook ${wrong}; refused and parked`,
      );
      return { status: 'parked', reason: wrong, paymentId: payment.id, studioId: payment.studioId };
    }
    await applyOutcome(tx, payment, outcome);
    return { status: 'processed', paymentId: payment.id, studioId: payment.studioId };
  };

  const handle = async (tx: Tx, event: Stripe.Event): Promise<Handled> => {
    if (BILLING_EVENT_TYPES.has(event.type)) {
      const billed = await applyBillingEvent(tx, event);
      if (billed.status === 'parked')
        logger.warn({ eventId: event.id, type: event.type }, 'Stripe billing event for no studio; parked');
      return billed;
    }
    switch (event.type) {
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed':
      case 'payment_intent.canceled': {
        const intent = event.data.object;
        const payment = await findPayment(tx, intent.id, intent.metadata?.paymentId);
        const outcome = intentOutcome(intent, publishableKey);
        // A card declined at the Payment Element: Stripe reports the attempt while the intent waits
        // for another card from the payer, who is still on the order page.
        if (payment && awaitsAnotherCard(payment, outcome))
          return {
            status: 'ignored',
            reason: 'payer_may_retry',
            paymentId: payment.id,
            studioId: payment.studioId,
          };
        // The event names what happened even if the snapshot's status lags; trust the event type.
        if (event.type === 'payment_intent.payment_failed' && outcome.status !== 'failed')
          Object.assign(outcome, {
            status: 'failed',
            failureReason: intent.last_payment_error?.message ?? 'The payment failed',
          });
        return settle(tx, event, payment, outcome);
      }
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded': {
        const session = event.data.object;
        // An owner paying for a plan, not a client paying for an order.
        if (isPlanCheckout(session)) {
          const billed = await applyPlanCheckout(tx, session);
          if (billed.status === 'parked')
            logger.error(
              { eventId: event.id, reason: billed.reason, studioId: billed.studioId },
              'Stripe plan Checkout not applied; parked for a person',
            );
          return billed;
        }
        const payment = await findPayment(tx, session.id, session.metadata?.paymentId);
        if (session.payment_status !== 'paid') return { status: 'ignored', reason: 'not_paid_yet' };
        const intentId =
          typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
        return settle(tx, event, payment, {
          status: 'succeeded',
          nextAction: { type: 'none' },
          providerRef: intentId ?? session.id,
          amountMinor: session.amount_total ?? undefined,
          currency: session.currency?.toUpperCase(),
        });
      }
      default:
        return { status: 'ignored' };
    }
  };

  return async function receiveStripeWebhook(
    rawBody: Buffer,
    signature: string | undefined,
  ): Promise<WebhookResult> {
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(rawBody, signature ?? '', webhookSecret);
    } catch (error) {
      throw AppError.invalid(
        'headers.stripe-signature',
        `does not verify (${error instanceof Error ? error.message : 'bad signature'})`,
      );
    }
    const outcome = await database.transaction(async (tx) => {
      // The dedup: a second delivery (even concurrently) meets this row and stops here.
      const [claimed] = await tx
        .insert(paymentWebhookEvents)
        .values({
          provider: 'stripe',
          eventId: event.id,
          type: event.type,
          status: 'ignored',
          payload: event as unknown as Record<string, unknown>,
        })
        .onConflictDoNothing({ target: [paymentWebhookEvents.provider, paymentWebhookEvents.eventId] })
        .returning({ id: paymentWebhookEvents.id });
      if (!claimed) return { answer: { status: 'duplicate' as const }, afterCommit: undefined };
      const result = await handle(tx, event);
      await tx
        .update(paymentWebhookEvents)
        .set({
          status: result.status,
          parkedReason: result.status === 'parked' ? (result.reason ?? null) : null,
          paymentId: result.paymentId ?? null,
          studioId: result.studioId ?? null,
        })
        .where(eq(paymentWebhookEvents.id, claimed.id));
      const { studioId: _studio, afterCommit, ...answer } = result;
      return { answer, afterCommit };
    });
    await outcome
      .afterCommit?.({ cache, stripe })
      .catch((error: unknown) =>
        logger.error({ err: error, eventId: event.id }, 'Stripe webhook: after-commit step failed'),
      );
    return outcome.answer;
  };
}
