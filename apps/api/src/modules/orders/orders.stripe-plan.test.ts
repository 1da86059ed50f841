import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../platform/events/events.tables.js';
import type { EventHandler } from '../../platform/events/index.js';
import { type OutboxDelivery, outboxDelivery } from '../../platform/events/testing/deliver.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import {
  createPaymentsService,
  createPlansService,
  createStripeClient,
  type PaymentPlanView,
  planEventHandlers,
  SANDBOX_CARDS,
  type StripeSettings,
} from '../payments/index.js';
import * as paymentsTesting from '../payments/testing.js';
import { caller, openShop, type ShopItem } from './orders.test-fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const SHOP = '/api/v1/studios/stripe-plan-shop';
const DAY = 86_400_000;
const PUBLISHABLE_KEY = 'pk_test_stripe_plan';
const WEBHOOK_SECRET = 'whsec_stripe_plan';
const GOOD_CARD = '4242 4242 4242 4242';
const DECLINED_CARD = '4000 0000 0000 0002';
const MASTERCARD = '5555 5555 5555 4444';

type Json = Record<string, unknown>;

/**
 * An order paid in 3 instalments by card through Stripe, at the API with the Stripe stand-in: the first
 * part is paid in the card form (Stripe.js in the browser, here its requests to the stand-in with the
 * publishable key), which keeps the card on the buyer's Stripe customer; the later parts are charged
 * to that kept card without the buyer, by the job (`runDueInstalments` with explicit times, as the
 * cron job would on those days). A kept card that starts declining is replaced through a SetupIntent.
 */
describe('orders: a payment plan by card through Stripe', () => {
  let stand: paymentsTesting.StripeStandIn;
  let t: TestApp;
  let buyer: { jar: Jar; userId: string };
  let stranger: { jar: Jar; userId: string };
  let owner: { jar: Jar; userId: string };
  let item: ShopItem;
  let plans: ReturnType<typeof createPlansService>;
  let handlers: EventHandler[];
  let delivery: OutboxDelivery;
  /**
   * Hands new payment events, and the plan's "card kept", to the plans' handlers, as a worker's event
   * bus does (in order, and what they emit in turn).
   */
  const deliverEvents = () => delivery.deliver();
  let key = 0;

  /** What Stripe.js does in the buyer's browser: publishable key, client secret, the card typed. */
  const browser = async (path: string, clientSecret: string, card: string) => {
    const form = new URLSearchParams({
      key: PUBLISHABLE_KEY,
      client_secret: clientSecret,
      'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': card,
    });
    const res = await fetch(`${stand.url}${path}`, { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const webhook = () => paymentsTesting.stripeWebhook(t, stand, WEBHOOK_SECRET);
  const planOf = async (planId: string, jar = buyer.jar) => {
    const res = await caller(t, jar)('GET', `${SHOP}/payment-plans/${planId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PaymentPlanView;
  };
  const checkout = (body: Json) =>
    caller(t, buyer.jar)(
      'POST',
      `${SHOP}/checkout`,
      {
        email: 'stripe-plan-buyer@example.com',
        name: 'Casey Card',
        lines: [{ ...item, quantity: 1 }],
        ...body,
      },
      { 'idempotency-key': `stripe-plan-${++key}` },
    );

  beforeAll(async () => {
    stand = await paymentsTesting.startStripeStandIn();
    const stripe: StripeSettings = {
      secretKey: 'sk_test_stripe_plan',
      publishableKey: PUBLISHABLE_KEY,
      webhookSecret: WEBHOOK_SECRET,
      apiUrl: stand.url,
    };
    t = await buildTestApp({ config: { logLevel: 'error', rateLimitPerMinute: 100_000, stripe } });
    owner = await signUpVerified(t, 'stripe-plan-owner@example.com');
    const opened = await openShop(
      t,
      owner.jar,
      { slug: 'stripe-plan-shop', currency: 'USD', timezone: 'America/Los_Angeles', locale: 'en' },
      [{ key: 'course', kind: 'digital', priceMinor: 90_000 }],
    );
    item = opened.items.course!;
    const settings = await caller(t, owner.jar)('PUT', `${SHOP}/payment-settings`, { stripeEnabled: true });
    expect(settings.statusCode, settings.body).toBe(200);
    buyer = await signUpVerified(t, 'stripe-plan-buyer@example.com');
    stranger = await signUpVerified(t, 'stripe-plan-stranger@example.com');
    // The job's plans service: the same database and Stripe as the app's, as a worker process has.
    const payments = createPaymentsService({
      database: t.database,
      storage: t.storage,
      appSecret: t.config.appSecret,
      sandbox: true,
      stripe: { client: createStripeClient(stripe), settings: stripe },
    });
    plans = createPlansService({ database: t.database, payments });
    handlers = planEventHandlers({ plans, queue: t.queue, publicUrl: t.config.publicUrl });
    delivery = outboxDelivery(
      t.database,
      handlers,
      (type) => type.startsWith('payments.payment.') || type === 'payments.plan.card_kept',
    );
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await stand.close();
  });

  /** Places an order paid in 3 parts by card through Stripe: its plan, and the first part's payment. */
  async function placeStripePlan() {
    const placed = await checkout({
      paymentProvider: 'stripe',
      paymentPlan: { kind: 'instalments', count: 3 },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const { order } = placed.json() as { order: { id: string } };
    const view = (await caller(t, buyer.jar)('GET', `${SHOP}/orders/${order.id}`)).json() as {
      plan: { planId: string };
      payments: { id: string; status: string; nextAction: { type: string; clientSecret: string } }[];
    };
    return { planId: view.plan.planId, first: view.payments[0]! };
  }

  it('keeps the card the first part is paid with, charges it for the rest, and takes a new card by SetupIntent', async () => {
    const { planId, first } = await placeStripePlan();
    // The first part waits for the card form, like any card payment; the plan has no card yet.
    expect(first).toMatchObject({ status: 'pending', nextAction: { type: 'stripe_confirm' } });
    const intentId = first.nextAction.clientSecret.split('_secret_')[0]!;
    expect(stand.intents.get(intentId)).toMatchObject({
      amount: 30_000,
      setup_future_usage: 'off_session',
      payment_method_types: ['card'],
    });
    expect((await planOf(planId)).method).toEqual({ kind: 'stripe', last4: null, saved: false });
    // No card yet, so there is nothing to replace: the first payment keeps one.
    const early = await caller(t, buyer.jar)('POST', `${SHOP}/payment-plans/${planId}/card-setup`);
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().errors[0]).toMatchObject({ field: 'planId', reason: 'plan.card_not_kept' });

    // A declined card in the form: the buyer is still there, so the payment waits for another card
    // (Stripe reports the attempt; the plan does not count it as a failed instalment).
    const declined = await browser(
      `/v1/payment_intents/${intentId}/confirm`,
      first.nextAction.clientSecret,
      DECLINED_CARD,
    );
    expect(declined.status).toBe(402);
    const failedEvent = stand.event('payment_intent.payment_failed', stand.intents.get(intentId)!);
    expect(await webhook().deliver(failedEvent)).toMatchObject({
      status: 'ignored',
      reason: 'payer_may_retry',
    });
    expect((await planOf(planId)).instalments[0]).toMatchObject({ status: 'processing', attempts: 1 });

    const paid = await browser(
      `/v1/payment_intents/${intentId}/confirm`,
      first.nextAction.clientSecret,
      GOOD_CARD,
    );
    expect(paid.status).toBe(200);
    const kept = String(paid.body.payment_method);
    expect(kept).toMatch(/^pm_/);
    expect(stand.paymentMethods.get(kept)).toMatchObject({ customer: stand.intents.get(intentId)!.customer });
    await webhook().deliver(stand.event('payment_intent.succeeded', stand.intents.get(intentId)!));
    await deliverEvents();
    const afterFirst = await planOf(planId);
    expect(afterFirst.instalments[0]).toMatchObject({ status: 'paid', attempts: 1 });
    // The webhook named the card; its digits were asked of Stripe afterwards (payments.plan.card_kept).
    expect(afterFirst.method).toEqual({ kind: 'stripe', last4: '4242', saved: true });

    // Day 31: the job charges the kept card, without the buyer, through the customer it is kept on.
    const created = Date.parse(afterFirst.createdAt);
    const before = new Set(stand.intents.keys());
    expect(await plans.runDueInstalments(new Date(created + 31 * DAY))).toMatchObject({ charged: 1 });
    const second = [...stand.intents.values()].find((intent) => !before.has(intent.id))!;
    expect(second).toMatchObject({
      amount: 30_000,
      status: 'succeeded',
      payment_method: kept,
      customer: stand.paymentMethods.get(kept)!.customer,
    });
    expect((await planOf(planId)).instalments[1]).toMatchObject({ status: 'paid' });

    // Day 61: the kept card is declined now; the instalment waits for its retry.
    stand.declineKeptCard(kept);
    await plans.runDueInstalments(new Date(created + 61 * DAY));
    expect((await planOf(planId)).instalments[2]).toMatchObject({
      status: 'retrying',
      lastError: 'Your card was declined.',
    });

    // A new card: Stripe.js confirms a SetupIntent on the plan's customer, and the plan takes the card
    // Stripe kept. Someone else's plan page is not theirs to set up.
    expect(
      (await caller(t, stranger.jar)('POST', `${SHOP}/payment-plans/${planId}/card-setup`)).statusCode,
    ).toBe(404);
    const setup = await caller(t, buyer.jar)('POST', `${SHOP}/payment-plans/${planId}/card-setup`);
    expect(setup.statusCode, setup.body).toBe(200);
    expect(setup.json()).toMatchObject({ type: 'stripe_setup', publishableKey: PUBLISHABLE_KEY });
    const secret = setup.json().clientSecret as string;
    const setupId = secret.split('_secret_')[0]!;
    expect(stand.setupIntents.get(setupId)).toMatchObject({
      customer: stand.paymentMethods.get(kept)!.customer,
      usage: 'off_session',
      metadata: { planId },
    });
    const refused = await browser(`/v1/setup_intents/${setupId}/confirm`, secret, DECLINED_CARD);
    expect(refused.status).toBe(402);
    const confirmed = await browser(`/v1/setup_intents/${setupId}/confirm`, secret, MASTERCARD);
    expect(confirmed.status).toBe(200);
    const newCard = String(confirmed.body.payment_method);
    expect(stand.paymentMethods.get(newCard)!.customer).toBe(stand.paymentMethods.get(kept)!.customer);

    const method = (savedMethod: Json, jar = buyer.jar) =>
      caller(t, jar)('PUT', `${SHOP}/payment-plans/${planId}/method`, { savedMethod });
    // Ids that are not a card Stripe keeps on this customer are refused, before any charge.
    const madeUp = await method({ kind: 'stripe', paymentMethodId: 'pm_made_up' });
    expect(madeUp.statusCode, madeUp.body).toBe(400);
    expect(madeUp.json().errors[0]).toMatchObject({
      field: 'body.savedMethod.paymentMethodId',
      reason: 'plan.card_not_on_customer',
    });
    const otherCustomer = await method({ kind: 'stripe', customerId: 'cus_other', paymentMethodId: newCard });
    expect(otherCustomer.json().errors[0]).toMatchObject({ reason: 'plan.other_customer' });
    // The browser knows only the card: the plan's own customer is implied.
    const changed = await method({ kind: 'stripe', paymentMethodId: newCard });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().method).toEqual({ kind: 'stripe', last4: '4444', saved: true });

    // The waiting retry is due at once with the new card; the plan completes.
    await plans.runDueInstalments(new Date(created + 61 * DAY + 60_000));
    const done = await planOf(planId);
    expect(done.instalments.map((i) => i.status)).toEqual(['paid', 'paid', 'paid']);
    expect(done.status).toBe('completed');
    const third = [...stand.intents.values()].at(-1)!;
    expect(third).toMatchObject({ payment_method: newCard, status: 'succeeded', amount: 30_000 });
  });

  /**
   * Places a 3-part Stripe plan and pays its first part in the card form: the card Stripe keeps.
   * `deliver` takes the events from there (all of them unless a test holds some back).
   */
  async function planWithKeptCard(
    deliver: () => Promise<unknown> = deliverEvents,
  ): Promise<{ planId: string; kept: string; created: number }> {
    const { planId, first } = await placeStripePlan();
    const secret = first.nextAction.clientSecret;
    const intentId = secret.split('_secret_')[0]!;
    const paid = await browser(`/v1/payment_intents/${intentId}/confirm`, secret, GOOD_CARD);
    expect(paid.status).toBe(200);
    await webhook().deliver(stand.event('payment_intent.succeeded', stand.intents.get(intentId)!));
    await deliver();
    const plan = await planOf(planId);
    expect(plan.method.saved).toBe(true);
    return { planId: plan.id, kept: String(paid.body.payment_method), created: Date.parse(plan.createdAt) };
  }

  /** How many "instalment failed" events (each a "declined" email to the client) were written so far. */
  const instalmentFailedEvents = async () => {
    const [row] = await t.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(outboxEvents)
      .where(eq(outboxEvents.type, 'payments.plan.instalment_failed'));
    return row!.count;
  };

  /** "Pay now" on the plan page (the client) or "charge now" on the admin order page (staff). */
  const chargeInstalment = (planId: string, instalmentId: string, jar = buyer.jar) =>
    caller(t, jar)('POST', `${SHOP}/payment-plans/${planId}/instalments/${instalmentId}/charge`, undefined, {
      'idempotency-key': `stripe-plan-charge-${++key}`,
    });
  /** The client passes or fails the bank's 3-D Secure check in Stripe.js's dialog. */
  const authenticate = (intent: { id: string } & Record<string, unknown>, outcome: 'complete' | 'fail') =>
    fetch(`${stand.url}/v1/payment_intents/${intent.id}/test_authentication`, {
      method: 'POST',
      body: new URLSearchParams({
        key: PUBLISHABLE_KEY,
        client_secret: String(intent.client_secret),
        outcome,
      }),
    });

  it("a kept card whose bank asks for 3-D Secure: declined off the session, confirmed by the client on the plan page, given up when they don't", async () => {
    const { planId, kept, created } = await planWithKeptCard();
    stand.requireAuthentication(kept);
    const chargeNow = (instalmentId: string, jar = buyer.jar) => chargeInstalment(planId, instalmentId, jar);

    // Day 31, without the client: nobody can authenticate, so Stripe refuses and the retry waits.
    await plans.runDueInstalments(new Date(created + 31 * DAY));
    const second = (await planOf(planId)).instalments[1]!;
    expect(second).toMatchObject({
      status: 'retrying',
      lastError: 'This payment requires authentication by the cardholder.',
      awaitingAuthentication: false,
    });

    // The client pays it from the plan page: the bank's check is handed to their browser.
    const asked = await chargeNow(second.id);
    expect(asked.statusCode, asked.body).toBe(200);
    const { payment } = asked.json() as {
      payment: { id: string; status: string; nextAction: { type: string; clientSecret: string } };
    };
    expect(payment).toMatchObject({
      status: 'requires_action',
      nextAction: { type: 'stripe_confirm', publishableKey: PUBLISHABLE_KEY },
    });
    const intent = stand.intents.get(payment.nextAction.clientSecret.split('_secret_')[0]!)!;
    expect(intent).toMatchObject({ status: 'requires_action', payment_method: kept });
    const waiting = (await planOf(planId)).instalments[1]!;
    // If she leaves the check, the instalment is charged on the job's planned retry (day 32).
    expect(waiting).toMatchObject({
      status: 'processing',
      awaitingAuthentication: true,
      chargedAgainAt: second.nextAttemptAt,
    });
    // Her list of plans says so too.
    const mine = await caller(t, buyer.jar)('GET', `${SHOP}/my/payment-plans`);
    expect(
      (mine.json().items as { id: string; nextInstalment: unknown }[]).find((p) => p.id === planId)
        ?.nextInstalment,
    ).toMatchObject({ seq: 2, status: 'processing', awaitingAuthentication: true });
    const deadline = Date.parse(waiting.nextAttemptAt!) - Date.now();
    expect(deadline).toBeGreaterThan(23 * 3_600_000);
    expect(deadline).toBeLessThanOrEqual(24 * 3_600_000);

    // Asking again (a reload, the email's link) gives the same charge back, not a second one; staff
    // cannot charge it over the client's head meanwhile.
    const intentsBefore = stand.intents.size;
    const again = await chargeNow(second.id);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().payment).toMatchObject({ id: payment.id, status: 'requires_action' });
    expect(stand.intents.size).toBe(intentsBefore);
    const staff = await chargeNow(second.id, owner.jar);
    expect(staff.statusCode, staff.body).toBe(409);
    expect(staff.json().errors[0]).toMatchObject({
      field: 'instalmentId',
      message: 'waits for the client to authenticate the payment',
    });

    // The check fails. Her own attempt is not held against the plan: the instalment is back where the
    // job left it (its retry, its reason), with no "declined" email; her page told her.
    const failedMails = await instalmentFailedEvents();
    expect((await authenticate(intent, 'fail')).status).toBe(200);
    await webhook().deliver(stand.event('payment_intent.payment_failed', intent));
    await deliverEvents();
    const failedCheck = (await planOf(planId)).instalments[1]!;
    expect(failedCheck).toMatchObject({
      status: 'retrying',
      awaitingAuthentication: false,
      attempts: 2,
      nextAttemptAt: second.nextAttemptAt,
      lastError: second.lastError,
    });
    expect(await instalmentFailedEvents()).toBe(failedMails);

    // Next time the client completes it: paid by the kept card.
    const retried = await chargeNow(second.id);
    expect(retried.json().payment).toMatchObject({ status: 'requires_action' });
    const retriedIntent = stand.intents.get(
      (retried.json().payment.nextAction.clientSecret as string).split('_secret_')[0]!,
    )!;
    expect((await authenticate(retriedIntent, 'complete')).status).toBe(200);
    await webhook().deliver(stand.event('payment_intent.succeeded', retriedIntent));
    await deliverEvents();
    expect((await planOf(planId)).instalments[1]).toMatchObject({
      status: 'paid',
      attempts: 3,
      awaitingAuthentication: false,
      nextAttemptAt: null,
    });

    // The third part, paid early: the client opens the check and walks away. A day later the job
    // cancels the charge at Stripe, and the instalment waits for its own date as before.
    const third = (await planOf(planId)).instalments[2]!;
    expect(third).toMatchObject({ status: 'scheduled', attempts: 0 });
    const abandoned = await chargeNow(third.id);
    expect(abandoned.json().payment).toMatchObject({ status: 'requires_action' });
    expect(abandoned.json().plan.instalments[2]).toMatchObject({ chargedAgainAt: third.dueAt });
    const abandonedIntent = stand.intents.get(
      (abandoned.json().payment.nextAction.clientSecret as string).split('_secret_')[0]!,
    )!;
    expect(await plans.runDueInstalments(new Date(Date.now() + 23 * 3_600_000))).toMatchObject({
      unauthenticated: 0,
    });
    expect(await plans.runDueInstalments(new Date(Date.now() + 25 * 3_600_000))).toMatchObject({
      unauthenticated: 1,
    });
    expect(abandonedIntent.status).toBe('canceled');
    const givenUp = (await planOf(planId)).instalments[2]!;
    expect(givenUp).toMatchObject({
      status: 'scheduled',
      attempts: 1,
      awaitingAuthentication: false,
      nextAttemptAt: third.nextAttemptAt,
      lastError: null,
      chargedAgainAt: null,
    });
    expect(await instalmentFailedEvents()).toBe(failedMails);

    // On its date the job charges it, off the session: the bank's check cannot be done, and that is
    // the first attempt that counts (all the retries are left).
    await plans.runDueInstalments(new Date(Date.parse(third.dueAt) + 60_000));
    const dueFailed = (await planOf(planId)).instalments[2]!;
    expect(dueFailed).toMatchObject({ status: 'retrying', attempts: 2 });
    expect(Date.parse(dueFailed.nextAttemptAt!)).toBe(Date.parse(third.dueAt) + 60_000 + DAY);
    expect(await instalmentFailedEvents()).toBe(failedMails + 1);
  });

  it('a check passed just as its window closes is paid, not given up', async () => {
    const { planId, kept } = await planWithKeptCard();
    stand.requireAuthentication(kept);
    const second = (await planOf(planId)).instalments[1]!;
    const asked = await chargeInstalment(planId, second.id);
    expect(asked.json().payment).toMatchObject({ status: 'requires_action' });
    const intent = stand.intents.get(
      (asked.json().payment.nextAction.clientSecret as string).split('_secret_')[0]!,
    )!;
    // The client passes the check, but Stripe's webhook has not arrived when the job gives up waiting:
    // Stripe refuses to cancel a paid charge, the job learns it was paid and counts no failure.
    expect((await authenticate(intent, 'complete')).status).toBe(200);
    expect(await plans.runDueInstalments(new Date(Date.now() + 25 * 3_600_000))).toMatchObject({
      unauthenticated: 0,
    });
    expect(intent.status).toBe('succeeded');
    // The payment was recorded paid on the way; its event settles the instalment.
    await deliverEvents();
    expect((await planOf(planId)).instalments[1]).toMatchObject({
      status: 'paid',
      attempts: 1,
      awaitingAuthentication: false,
      lastError: null,
    });
  });

  it("a card replaced before the first card's digits arrive keeps the new card's digits", async () => {
    // Delivers the payment's events alone, leaving the plan's "card kept" for later.
    const settleOnly = outboxDelivery(t.database, handlers, (type) => type.startsWith('payments.payment.'));
    await settleOnly.skipWritten();
    const { planId } = await planWithKeptCard(() => settleOnly.deliver());
    expect((await planOf(planId)).method).toEqual({ kind: 'stripe', last4: null, saved: true });

    const setup = await caller(t, buyer.jar)('POST', `${SHOP}/payment-plans/${planId}/card-setup`);
    const secret = setup.json().clientSecret as string;
    const confirmed = await browser(
      `/v1/setup_intents/${secret.split('_secret_')[0]!}/confirm`,
      secret,
      MASTERCARD,
    );
    const changed = await caller(t, buyer.jar)('PUT', `${SHOP}/payment-plans/${planId}/method`, {
      savedMethod: { kind: 'stripe', paymentMethodId: String(confirmed.body.payment_method) },
    });
    expect(changed.json().method).toEqual({ kind: 'stripe', last4: '4444', saved: true });

    // Now the first card's "card kept" arrives (and, delivered once more, the payment's own events):
    // the Visa's digits are not written over the Mastercard's, and the paid part stays paid once.
    await deliverEvents();
    const plan = await planOf(planId);
    expect(plan.method).toEqual({ kind: 'stripe', last4: '4444', saved: true });
    expect(plan.instalments[0]).toMatchObject({ status: 'paid', attempts: 1 });
  });

  it('never charges a default card found by email: without a kept card, a charge off the session fails', async () => {
    const placed = await checkout({ paymentProvider: 'stripe', paymentPlan: { kind: 'deposit' } });
    expect(placed.statusCode, placed.body).toBe(201);
    const { order } = placed.json() as { order: { id: string } };
    const planId = (
      (await caller(t, buyer.jar)('GET', `${SHOP}/orders/${order.id}`)).json() as { plan: { planId: string } }
    ).plan.planId;
    // The buyer's Stripe customer has a default card (set in Stripe's dashboard, say); the plan never
    // kept one, its deposit still waiting in the card form.
    for (const customer of stand.customers.values())
      if (customer.email === 'stripe-plan-buyer@example.com')
        customer.invoice_settings = { default_payment_method: 'pm_card_visa' };
    const intentsBefore = stand.intents.size;
    await plans.runDueInstalments(new Date(Date.now() + 31 * DAY));
    // The balance fell due: it is not charged to that default card; it fails and waits for its retry.
    const after = await planOf(planId);
    expect(after.instalments.map((i) => [i.status, i.lastError])).toEqual([
      ['processing', null],
      ['retrying', 'No saved card to charge'],
    ]);
    // (The job charged the other tests' plans that fell due too; none of its charges is this balance.)
    const balance = after.instalments[1]!.amountMinor;
    const charged = [...stand.intents.values()].slice(intentsBefore);
    expect(charged.filter((i) => i.amount === balance || i.payment_method === 'pm_card_visa')).toEqual([]);
  });

  it('a sandbox plan is changed by card number, not by Stripe setup', async () => {
    const placed = await checkout({
      paymentProvider: 'sandbox',
      sandboxCard: SANDBOX_CARDS.succeeds,
      paymentPlan: { kind: 'instalments', count: 2 },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const { order } = placed.json() as { order: { id: string } };
    const planId = (
      (await caller(t, buyer.jar)('GET', `${SHOP}/orders/${order.id}`)).json() as { plan: { planId: string } }
    ).plan.planId;
    expect((await planOf(planId)).method).toEqual({ kind: 'card', last4: '4242', saved: true });
    const setup = await caller(t, buyer.jar)('POST', `${SHOP}/payment-plans/${planId}/card-setup`);
    expect(setup.statusCode, setup.body).toBe(409);
    expect(setup.json().errors[0]).toMatchObject({ field: 'planId', reason: 'plan.not_stripe' });
  });
});
