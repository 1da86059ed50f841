import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../platform/db/index.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import { reconcilePayments } from './payments.reconcile.js';
import { createPaymentsService, type PaymentsService } from './payments.service.js';
import { PAYMENT_EVENTS } from './payments.transitions.js';
import type { StartPaymentInput } from './payments.types.js';
import { SANDBOX_CARDS } from './provider.sandbox.js';
import { createStripeClient, type StripeSettings } from './provider.stripe.js';
import { inStudio, insertStudio, paymentEvents, stripeWebhook } from './testing/fixtures.js';
import { type StripeStandIn, startStripeStandIn } from './testing/stripe-stand-in.js';

const WEBHOOK_SECRET = 'whsec_test_atelier';

describe('Stripe: SDK against the stand-in, signed webhooks, reconciliation', () => {
  let stand: StripeStandIn;
  let t: TestApp;
  let payments: PaymentsService;
  let studioId: string;
  let thaiStudioId: string;
  let settings: StripeSettings;

  const start = (studio: string, overrides: Partial<StartPaymentInput> = {}) =>
    inStudio(t.database, studio, (ctx) =>
      payments.startPayment(ctx, {
        payable: { type: 'order', id: uuidv7() },
        clientId: null,
        email: 'card@example.com',
        amountMinor: 4_990,
        currency: 'USD',
        provider: 'stripe',
        description: 'Print order',
        idempotencyKey: uuidv7(),
        ...overrides,
      }),
    );
  const status = async (paymentId: string, studio = studioId) =>
    (await inStudio(t.database, studio, (ctx) => payments.getPayment(ctx, paymentId))).status;
  const deliver = (payload: string, signature: string) =>
    stripeWebhook(t, stand, WEBHOOK_SECRET).post(payload, signature);
  const send = (event: Record<string, unknown>) => {
    const payload = JSON.stringify(event);
    return deliver(payload, stand.sign(payload, WEBHOOK_SECRET));
  };
  const intentOf = async (paymentId: string) => {
    const [row] = await selectRows<{ provider_ref: string }>(
      t.database.db,
      sql`select provider_ref from payments where id = ${paymentId}`,
    );
    return row!.provider_ref;
  };

  beforeAll(async () => {
    stand = await startStripeStandIn();
    settings = {
      secretKey: 'sk_test_atelier',
      publishableKey: 'pk_test_atelier',
      webhookSecret: WEBHOOK_SECRET,
      apiUrl: stand.url,
    };
    t = await buildTestApp({ config: { stripe: settings } });
    payments = createPaymentsService({
      database: t.database,
      storage: t.storage,
      appSecret: t.config.appSecret,
      sandbox: true,
      stripe: { client: createStripeClient(settings), settings },
    });
    studioId = await insertStudio(t.database, { slug: 'electric-muse' });
    thaiStudioId = await insertStudio(t.database, { slug: 'qr-studios', currency: 'THB', locale: 'th' });
    for (const studio of [studioId, thaiStudioId])
      await inStudio(t.database, studio, (ctx) => payments.updateSettings(ctx, { stripeEnabled: true }));
  });
  afterAll(async () => {
    await t.close();
    await stand.close();
  });

  it('creates a PaymentIntent the browser confirms, with no Stripe customer when no card is kept', async () => {
    const customersBefore = stand.customers.size;
    const first = await start(studioId);
    expect(first.status).toBe('pending');
    expect(first.nextAction).toMatchObject({ type: 'stripe_confirm', publishableKey: 'pk_test_atelier' });
    const intent = stand.intents.get(await intentOf(first.id))!;
    expect(intent).toMatchObject({ amount: 4_990, currency: 'usd', metadata: { paymentId: first.id } });
    expect(intent.automatic_payment_methods).toEqual({ enabled: 'true', allow_redirects: 'never' });
    expect(intent.customer).toBeNull();
    expect(stand.customers.size).toBe(customersBefore);
    await expectStripeOff();
  });

  it('keeps a card on a customer made for that payment, never on one found by the typed email', async () => {
    // Somebody else's customer with the same email (or the studio's billing customer): not to be used.
    const stranger = await createStripeClient(settings).customers.create({ email: 'card@example.com' });
    const keeping = await start(studioId, { keepCard: true });
    const intent = stand.intents.get(await intentOf(keeping.id))!;
    expect(intent.setup_future_usage).toBe('off_session');
    expect(intent.customer).toMatch(/^cus_/);
    expect(intent.customer).not.toBe(stranger.id);
    expect(stand.customers.get(String(intent.customer))).toMatchObject({
      email: 'card@example.com',
      metadata: { studioId, paymentId: keeping.id },
    });
    // Another payment keeping a card gets its own customer.
    const other = await start(studioId, { keepCard: true });
    expect(stand.intents.get(await intentOf(other.id))!.customer).not.toBe(intent.customer);
  });

  it('offers card + PromptPay through Stripe for a THB studio', async () => {
    const thb = await start(thaiStudioId, { currency: 'THB', amountMinor: 150_000 });
    expect(stand.intents.get(await intentOf(thb.id))!.payment_method_types).toEqual(['card', 'promptpay']);
  });

  it('test cards confirm server-side: 4242 succeeds, 0002 is declined', async () => {
    const paid = await start(studioId, { sandboxCard: SANDBOX_CARDS.succeeds });
    expect(paid.status).toBe('succeeded');
    expect(await paymentEvents(t.database, PAYMENT_EVENTS.succeeded, paid.id)).toHaveLength(1);
    const declined = await start(studioId, { sandboxCard: SANDBOX_CARDS.declines });
    expect(declined).toMatchObject({ status: 'failed', failureReason: 'Your card was declined.' });
  });

  it('a retried start (same key) does not create a second PaymentIntent', async () => {
    const key = uuidv7();
    const payable = { type: 'order' as const, id: uuidv7() };
    const before = stand.intents.size;
    const a = await start(studioId, { idempotencyKey: key, payable });
    const b = await start(studioId, { idempotencyKey: key, payable });
    expect(b.id).toBe(a.id);
    expect(stand.intents.size).toBe(before + 1);
  });

  describe('webhook', () => {
    it('a good signature marks the payment paid once; a duplicate delivery is acknowledged, not reprocessed', async () => {
      const payment = await start(studioId);
      const intent = stand.completeIntent(await intentOf(payment.id));
      const event = stand.event('payment_intent.succeeded', intent);
      const first = await send(event);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({ received: true, status: 'processed' });
      expect(await status(payment.id)).toBe('succeeded');
      const again = await send(event);
      expect(again.json()).toEqual({ received: true, status: 'duplicate' });
      expect(await paymentEvents(t.database, PAYMENT_EVENTS.succeeded, payment.id)).toHaveLength(1);
    });

    it('refuses a wrong signature and a stale timestamp with 400', async () => {
      const payment = await start(studioId);
      const intent = stand.completeIntent(await intentOf(payment.id));
      const payload = JSON.stringify(stand.event('payment_intent.succeeded', intent));
      const wrong = await deliver(payload, stand.sign(payload, 'whsec_someone_else'));
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors[0].field).toBe('headers.stripe-signature');
      const stale = await deliver(
        payload,
        stand.sign(payload, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600),
      );
      expect(stale.statusCode).toBe(400);
      const tampered = await deliver(
        payload.replace('"amount":4990', '"amount":1'),
        stand.sign(payload, WEBHOOK_SECRET),
      );
      expect(tampered.statusCode).toBe(400);
      expect(await status(payment.id)).toBe('pending');
    });

    it('is order-independent: payment_failed arriving after succeeded does not un-pay', async () => {
      const payment = await start(studioId);
      const ref = await intentOf(payment.id);
      const failedSnapshot = structuredClone(stand.completeIntent(ref, 'failed'));
      const succeeded = stand.completeIntent(ref, 'succeeded');
      expect((await send(stand.event('payment_intent.succeeded', succeeded))).statusCode).toBe(200);
      expect((await send(stand.event('payment_intent.payment_failed', failedSnapshot))).statusCode).toBe(200);
      expect(await status(payment.id)).toBe('succeeded');
      expect(await paymentEvents(t.database, PAYMENT_EVENTS.failed, payment.id)).toHaveLength(0);
    });

    it('a declined card leaves the payment open for another card, which then pays it', async () => {
      const payment = await start(studioId);
      const ref = await intentOf(payment.id);
      const declined = await send(
        stand.event('payment_intent.payment_failed', stand.completeIntent(ref, 'failed')),
      );
      expect(declined.json()).toMatchObject({ status: 'ignored', reason: 'payer_may_retry' });
      expect(await status(payment.id)).toBe('pending');
      expect(await paymentEvents(t.database, PAYMENT_EVENTS.failed, payment.id)).toHaveLength(0);
      await send(stand.event('payment_intent.succeeded', stand.completeIntent(ref, 'succeeded')));
      expect(await status(payment.id)).toBe('succeeded');
    });

    it('accepts and parks an event for an unknown intent', async () => {
      const response = await send(
        stand.event('payment_intent.succeeded', {
          id: 'pi_unknown',
          object: 'payment_intent',
          amount: 100,
          currency: 'usd',
          status: 'succeeded',
          metadata: {},
        }),
      );
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ received: true, status: 'parked', reason: 'unknown_payment' });
      const [row] = await selectRows<{ status: string; parked_reason: string }>(
        t.database.db,
        sql`select status, parked_reason from payment_webhook_events where payload->'data'->'object'->>'id' = 'pi_unknown'`,
      );
      expect(row).toEqual({ status: 'parked', parked_reason: 'unknown_payment' });
    });

    it('refuses (parks and logs) an amount or currency that is not the payment’s', async () => {
      const payment = await start(studioId);
      const intent = { ...stand.completeIntent(await intentOf(payment.id)), amount: 1 };
      const response = await send(stand.event('payment_intent.succeeded', intent));
      expect(response.json()).toEqual({ received: true, status: 'parked', reason: 'amount_mismatch' });
      const other = { ...intent, amount: 4_990, currency: 'eur' };
      expect((await send(stand.event('payment_intent.succeeded', other))).json().reason).toBe(
        'currency_mismatch',
      );
      expect(await status(payment.id)).toBe('pending');
      expect(await paymentEvents(t.database, PAYMENT_EVENTS.succeeded, payment.id)).toHaveLength(0);
    });

    it('a Checkout Session (returnUrl) redirects and is paid by checkout.session.completed', async () => {
      const payment = await start(studioId, { returnUrl: 'http://localhost:3000/electric-muse/orders/1' });
      expect(payment.nextAction).toMatchObject({
        type: 'redirect',
        url: expect.stringContaining('cs_test_'),
      });
      // Checkout asks for the email itself; no customer is attached to a payment that keeps no card.
      expect(stand.sessions.get(await intentOf(payment.id))).toMatchObject({
        customer: null,
        customer_email: 'card@example.com',
      });
      const session = stand.completeSession(await intentOf(payment.id));
      expect((await send(stand.event('checkout.session.completed', session))).json().status).toBe(
        'processed',
      );
      expect(await status(payment.id)).toBe('succeeded');
      // Paid sessions settle on their PaymentIntent, so a refund goes through it.
      const refunded = await inStudio(t.database, studioId, (ctx) =>
        payments.refund(ctx, {
          paymentId: payment.id,
          amountMinor: 990,
          to: 'original',
          reason: '',
          idempotencyKey: uuidv7(),
        }),
      );
      expect(refunded).toMatchObject({ status: 'partially_refunded', refundedMinor: 990 });
    });
  });

  it('converges to paid when the process died between Stripe success and marking paid (no webhook)', async () => {
    const payment = await start(studioId);
    // The client paid in the browser; our webhook never arrived (process killed, network lost).
    stand.completeIntent(await intentOf(payment.id));
    expect(await status(payment.id)).toBe('pending');
    const young = await reconcilePayments({ database: t.database, registry: payments.registry });
    expect(young.converged).toBe(0); // younger than the default 10 minutes: left to the webhook
    const later = new Date(Date.now() + 11 * 60_000);
    const run = await reconcilePayments({ database: t.database, registry: payments.registry, now: later });
    expect(run.converged).toBeGreaterThanOrEqual(1);
    expect(await status(payment.id)).toBe('succeeded');
    await reconcilePayments({ database: t.database, registry: payments.registry, now: later });
    // The late webhook changes nothing either.
    const intent = stand.intents.get(await intentOf(payment.id))!;
    await send(stand.event('payment_intent.succeeded', intent));
    expect(await paymentEvents(t.database, PAYMENT_EVENTS.succeeded, payment.id)).toHaveLength(1);
  });

  it('leaves a payment whose card was declined open for another card, as the webhook does', async () => {
    const payment = await start(studioId);
    const ref = await intentOf(payment.id);
    // Declined in the browser; no webhook reached us. Reconciliation reads the intent back at
    // "requires a payment method" with the decline as its last error.
    stand.completeIntent(ref, 'failed');
    const later = new Date(Date.now() + 11 * 60_000);
    await reconcilePayments({ database: t.database, registry: payments.registry, now: later });
    expect(await status(payment.id)).toBe('pending');
    expect(await paymentEvents(t.database, PAYMENT_EVENTS.failed, payment.id)).toHaveLength(0);
    // The payer's next card pays it; reconciliation then converges.
    stand.completeIntent(ref, 'succeeded');
    await reconcilePayments({ database: t.database, registry: payments.registry, now: later });
    expect(await status(payment.id)).toBe('succeeded');
  });

  it('refunds through Stripe, partly and fully; never more than paid', async () => {
    const paid = await start(studioId, { sandboxCard: SANDBOX_CARDS.succeeds, amountMinor: 10_000 });
    const refund = (amountMinor: number) =>
      inStudio(t.database, studioId, (ctx) =>
        payments.refund(ctx, {
          paymentId: paid.id,
          amountMinor,
          to: 'original',
          reason: '',
          idempotencyKey: uuidv7(),
        }),
      );
    await refund(2_500);
    await refund(7_500);
    const ref = await intentOf(paid.id);
    expect([...stand.refunds.values()].filter((r) => r.payment_intent === ref).map((r) => r.amount)).toEqual([
      2_500, 7_500,
    ]);
    await expect(refund(1)).rejects.toMatchObject({ code: 'conflict' });
    expect(await status(paid.id)).toBe('refunded');
  });

  async function expectStripeOff() {
    const offStudio = await insertStudio(t.database, { slug: `no-stripe-${uuidv7().slice(-6)}` });
    await expect(start(offStudio)).rejects.toMatchObject({ code: 'validation_failed' });
  }
});
