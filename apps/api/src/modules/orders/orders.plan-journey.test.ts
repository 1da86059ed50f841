import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutboxDelivery, outboxDelivery } from '../../platform/events/testing/deliver.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import { createCatalogCheckout } from '../catalog/index.js';
import * as identityTesting from '../identity/testing.js';
import { createPaymentsService, createPlansService, SANDBOX_CARDS } from '../payments/index.js';
import { createOrderEventHandlers } from './orders.handlers.js';
import { createOrderLifecycle } from './orders.lifecycle.js';
import { caller, openShop, type ShopItem } from './orders.test-fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const SHOP = '/api/v1/studios/plan-shop';
const DAY = 86_400_000;

/**
 * The "Done means" journey for payment plans, at the API: an order paid in 3 instalments whose second
 * charge fails, is retried and recovers. There is no HTTP route that runs due instalments (a cron job
 * does, every minute), so this drives `runDueInstalments` with explicit times, the way the job would
 * on those days, and reads everything else through the client's own routes.
 */
describe('orders: a 3-instalment plan whose second charge fails and recovers', () => {
  let t: TestApp;
  let client: { jar: Jar; userId: string };
  let items: Record<string, ShopItem>;
  let handlers: ReturnType<typeof createOrderEventHandlers>;
  let plans: ReturnType<typeof createPlansService>;
  let delivery: OutboxDelivery;
  /** Hands new payment events to the orders handlers, as the bus does (studio scope, in order). */
  const deliver = () => delivery.deliver();

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error', rateLimitPerMinute: 100_000 } });
    const owner = await signUpVerified(t, 'plan-owner@example.com');
    ({ items } = await openShop(
      t,
      owner.jar,
      { slug: 'plan-shop', currency: 'THB', timezone: 'Asia/Bangkok', locale: 'en' },
      [{ key: 'course', kind: 'digital', priceMinor: 100_000 }],
    ));
    client = await signUpVerified(t, 'plan-client@example.com');
    const payments = createPaymentsService({
      database: t.database,
      storage: t.storage,
      appSecret: t.config.appSecret,
      sandbox: true,
    });
    plans = createPlansService({ database: t.database, payments });
    handlers = createOrderEventHandlers({
      lifecycle: createOrderLifecycle({ catalog: createCatalogCheckout({ storage: t.storage }), payments }),
      getPayment: (ctx, id) => payments.getPayment(ctx, id),
      queue: t.queue,
      publicUrl: t.config.publicUrl,
      appSecret: t.config.appSecret,
    });
    delivery = outboxDelivery(t.database, handlers, (type) => type.startsWith('payments.payment.'));
    await delivery.skipWritten();
  }, 180_000);
  afterAll(async () => t.close());

  it('charges the first part at checkout, retries the declined second one and completes after a card change', async () => {
    const as = caller(t, client.jar);
    const added = await as('POST', `${SHOP}/cart/lines`, { variantId: items.course!.variantId, quantity: 1 });
    expect(added.statusCode, added.body).toBe(200);
    const body = {
      email: 'plan-client@example.com',
      name: 'Plan Client',
      billingAddress: {
        name: 'Plan Client',
        line1: '1 Sukhumvit',
        city: 'Bangkok',
        postalCode: '10110',
        country: 'TH',
      },
      paymentProvider: 'sandbox',
      sandboxCard: SANDBOX_CARDS.succeeds,
      paymentPlan: { kind: 'instalments', count: 3 },
    };
    const preview = await as('POST', `${SHOP}/checkout/preview`, body);
    expect(preview.statusCode, preview.body).toBe(200);
    // 100,000 in 3: the leftover minor unit goes to the first charge.
    expect(preview.json()).toMatchObject({ totalMinor: 100_000, dueNowMinor: 33_334 });

    const placed = await as('POST', `${SHOP}/checkout`, body, { 'idempotency-key': 'plan-journey-1' });
    expect(placed.statusCode, placed.body).toBe(201);
    const orderId: string = placed.json().order.id;
    await deliver();
    const order = async () => (await as('GET', `${SHOP}/orders/${orderId}`)).json();
    let now = await order();
    expect(now).toMatchObject({ status: 'paid', paymentStatus: 'deposit_paid', paidMinor: 33_334 });
    const planId: string = now.plan.planId;
    const plan = async () => (await as('GET', `${SHOP}/payment-plans/${planId}`)).json();
    const schedule = (await plan()).instalments as { amountMinor: number; dueAt: string }[];
    expect(schedule.map((i) => i.amountMinor)).toEqual([33_334, 33_333, 33_333]);
    // Days counted from the second instalment's due date (30 days after checkout).
    const t0 = Date.parse(schedule[1]!.dueAt) - 30 * DAY;

    // The card on file starts declining: the second charge fails and waits for its retry.
    const declining = await as('PUT', `${SHOP}/payment-plans/${planId}/method`, {
      savedMethod: { kind: 'card', cardNumber: SANDBOX_CARDS.declines },
    });
    expect(declining.statusCode, declining.body).toBe(200);
    expect((await plans.runDueInstalments(new Date(t0 + 30 * DAY))).charged).toBe(1);
    await deliver();
    expect((await plan()).instalments[1]).toMatchObject({ status: 'retrying', attempts: 1 });
    now = await order();
    expect(now).toMatchObject({ status: 'paid', paidMinor: 33_334 });

    // The retry a day later declines again; the client then puts in a working card and it goes through.
    expect((await plans.runDueInstalments(new Date(t0 + 31 * DAY))).charged).toBe(1);
    expect((await plan()).instalments[1]).toMatchObject({ status: 'retrying', attempts: 2 });
    const fixed = await as('PUT', `${SHOP}/payment-plans/${planId}/method`, {
      savedMethod: { kind: 'card', cardNumber: SANDBOX_CARDS.succeeds },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await plans.runDueInstalments(new Date(t0 + 32 * DAY))).charged).toBe(1);
    await deliver();
    expect((await plan()).instalments[1]).toMatchObject({ status: 'paid', attempts: 3 });
    expect((await order()).paidMinor).toBe(66_667);

    // The third is charged on its day; the plan completes and the order is paid to the minor unit.
    expect((await plans.runDueInstalments(new Date(t0 + 61 * DAY))).charged).toBe(1);
    await deliver();
    expect(await plan()).toMatchObject({ status: 'completed', paidMinor: 100_000 });
    expect(await order()).toMatchObject({ status: 'paid', paymentStatus: 'paid', paidMinor: 100_000 });
  }, 120_000);

  it('cancelling an order cancels its plan: the paid part is refunded and no later instalment is charged', async () => {
    const as = caller(t, client.jar);
    const added = await as('POST', `${SHOP}/cart/lines`, { variantId: items.course!.variantId, quantity: 1 });
    expect(added.statusCode, added.body).toBe(200);
    const placed = await as(
      'POST',
      `${SHOP}/checkout`,
      {
        email: 'plan-client@example.com',
        name: 'Plan Client',
        billingAddress: {
          name: 'Plan Client',
          line1: '1 Sukhumvit',
          city: 'Bangkok',
          postalCode: '10110',
          country: 'TH',
        },
        paymentProvider: 'sandbox',
        // Pays at checkout, declines every later charge: were the plan still live, the job would try.
        sandboxCard: SANDBOX_CARDS.declines_off_session,
        paymentPlan: { kind: 'instalments', count: 3 },
      },
      { 'idempotency-key': 'plan-journey-cancel' },
    );
    expect(placed.statusCode, placed.body).toBe(201);
    const orderId: string = placed.json().order.id;
    await deliver();
    const planId: string = (await as('GET', `${SHOP}/orders/${orderId}`)).json().plan.planId;

    const cancelled = await as('POST', `${SHOP}/orders/${orderId}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await deliver();
    const plan = (await as('GET', `${SHOP}/payment-plans/${planId}`)).json();
    expect(plan).toMatchObject({ status: 'cancelled', paidMinor: 33_334 });
    expect(plan.instalments.map((i: { status: string }) => i.status)).toEqual([
      'paid',
      'cancelled',
      'cancelled',
    ]);
    expect(await (await as('GET', `${SHOP}/orders/${orderId}`)).json()).toMatchObject({
      status: 'cancelled',
      paidMinor: 33_334,
      refundedMinor: 33_334,
    });

    // Every later due date passes: nothing is charged.
    const last = Date.parse(plan.instalments[2].dueAt);
    expect((await plans.runDueInstalments(new Date(last + 10 * DAY))).charged).toBe(0);
    const after = (await as('GET', `${SHOP}/payment-plans/${planId}`)).json();
    expect(after.instalments.map((i: { attempts: number }) => i.attempts)).toEqual([1, 0, 0]);
  }, 120_000);
});
