import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { SANDBOX_CARDS } from '../payments/index.js';
import { addDays, localDate } from './orders.sales.js';
import { caller, fieldsOf, openShop, type ShopItem } from './orders.test-fixtures.js';

const { signUpVerified } = identityTesting;
type Jar = InstanceType<typeof identityTesting.Jar>;

const SHOP = '/api/v1/studios/sales-muse';
const SALES = `${SHOP}/admin/orders/sales`;
const TZ = 'Asia/Bangkok';

describe('orders: the sales overview on the owner dashboard', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let items: Record<string, ShopItem>;
  let key = 0;

  /** A paid digital order of `quantity` x 1,000.00 THB through checkout (sandbox card). */
  const paidOrder = async (quantity: number, slug = 'sales-muse', variantId = items.kit!.variantId) => {
    const res = await caller(t)(
      'POST',
      `/api/v1/studios/${slug}/checkout`,
      {
        email: 'buyer@example.com',
        name: 'Buyer',
        paymentProvider: 'sandbox',
        sandboxCard: SANDBOX_CARDS.succeeds,
        lines: [{ variantId, quantity }],
      },
      { 'idempotency-key': `sales-${++key}` },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().order.status).toBe('paid');
    return res.json().order.id as string;
  };
  /** Arranges when an order was paid (the checkout paid it now). */
  const paidAt = (orderId: string, at: Date) =>
    t.database.db.execute(
      sql`update orders set paid_at = ${at.toISOString()}::timestamptz where id = ${orderId}`,
    );
  const overview = async (query = '') => {
    const res = await caller(t, owner.jar)('GET', `${SALES}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error' } });
    owner = await signUpVerified(t, 'sales-owner@example.com');
    ({ items } = await openShop(
      t,
      owner.jar,
      { slug: 'sales-muse', currency: 'THB', timezone: TZ, locale: 'th' },
      [
        { key: 'kit', kind: 'digital', priceMinor: 100_000 },
        { key: 'print', kind: 'product', priceMinor: 50_000, stock: 10, weightGrams: 100 },
      ],
    ));
  });
  afterAll(async () => t.close());

  it('starts empty: every day of the period, at zero', async () => {
    const empty = await overview();
    expect(empty.days).toHaveLength(30);
    expect(empty.days.at(-1).date).toBe(localDate(TZ, new Date()));
    expect(empty.days[0].date).toBe(addDays(localDate(TZ, new Date()), -29));
    expect(empty).toMatchObject({
      currency: 'THB',
      timezone: TZ,
      period: { orders: 0, salesMinor: 0, averageOrderMinor: 0, refundedMinor: 0 },
      previous: { orders: 0, salesMinor: 0 },
      open: { awaitingPayment: 0, toFulfil: 0 },
    });
  });

  it("sums paid orders by the studio's local day, compares with the period before, and leaves cancels out", async () => {
    const now = new Date();
    const today = localDate(TZ, now);
    await paidOrder(2); // 2,000.00 today
    // 17:30 UTC is 00:30 the next day in Bangkok: counted on the local day, not the UTC one.
    const threeDaysAgo = addDays(today, -3);
    const lateNight = await paidOrder(1);
    await paidAt(lateNight, new Date(`${addDays(threeDaysAgo, -1)}T17:30:00Z`));
    // Partly refunded: counts as an order, worth what was kept.
    const refunded = await paidOrder(3);
    await paidAt(refunded, new Date(`${threeDaysAgo}T05:00:00Z`));
    const refund = await caller(t, owner.jar)(
      'POST',
      `${SHOP}/admin/orders/${refunded}/refund`,
      { amountMinor: 50_000, reason: 'Half a seat unused' },
      { 'idempotency-key': 'sales-refund' },
    );
    expect(refund.statusCode, refund.body).toBe(200);
    // Cancelled after paying (the cancel refunds it): not a sale.
    const cancelled = await paidOrder(5);
    const cancel = await caller(t, owner.jar)('POST', `${SHOP}/admin/orders/${cancelled}/status`, {
      status: 'cancelled',
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    // Forty days ago: in the previous thirty days, not this period.
    const older = await paidOrder(4);
    await paidAt(older, new Date(`${addDays(today, -40)}T05:00:00Z`));
    // Another studio's sale is never counted here.
    const other = await openShop(
      t,
      owner.jar,
      { slug: 'sales-other', currency: 'THB', timezone: TZ, locale: 'th' },
      [{ key: 'other-kit', kind: 'digital', priceMinor: 700_000 }],
    );
    await paidOrder(1, 'sales-other', other.items['other-kit']!.variantId);
    // Placed, not paid: waits for payment, and is no sale.
    const unpaid = await caller(t)(
      'POST',
      `${SHOP}/checkout`,
      {
        email: 'later@example.com',
        name: 'Later',
        paymentProvider: 'manual',
        manualMethod: 'bank_transfer',
        lines: [{ variantId: items.kit!.variantId, quantity: 1 }],
      },
      { 'idempotency-key': 'sales-unpaid' },
    );
    expect(unpaid.statusCode, unpaid.body).toBe(201);

    const sales = await overview();
    const day = (date: string) => sales.days.find((entry: { date: string }) => entry.date === date);
    expect(day(today)).toEqual({ date: today, orders: 1, salesMinor: 200_000 });
    expect(day(threeDaysAgo)).toEqual({ date: threeDaysAgo, orders: 2, salesMinor: 100_000 + 250_000 });
    expect(day(addDays(threeDaysAgo, -1))).toEqual({
      date: addDays(threeDaysAgo, -1),
      orders: 0,
      salesMinor: 0,
    });
    expect(sales.period).toEqual({
      orders: 3,
      salesMinor: 550_000,
      averageOrderMinor: Math.floor(550_000 / 3),
      refundedMinor: 50_000,
    });
    expect(sales.previous).toMatchObject({ orders: 1, salesMinor: 400_000 });
    // Every paid order still waits to be handed over, the one forty days ago too (the cancelled one
    // does not); one waits for payment.
    expect(sales.open).toEqual({ awaitingPayment: 1, toFulfil: 4 });

    // A shorter period: the order three days ago is in it, the one forty days ago in neither.
    const week = await overview('?days=7');
    expect(week.days).toHaveLength(7);
    expect(week.period).toMatchObject({ orders: 3, salesMinor: 550_000 });
    expect(week.previous).toMatchObject({ orders: 0, salesMinor: 0 });
  });

  it('refuses a period it does not offer, naming the field, and anyone who may not read orders', async () => {
    const tooLong = await caller(t, owner.jar)('GET', `${SALES}?days=365`);
    expect(tooLong.statusCode).toBe(400);
    expect(fieldsOf(tooLong)).toEqual(['query.days']);
    expect((await caller(t, owner.jar)('GET', `${SALES}?days=soon`)).statusCode).toBe(400);

    const stranger = await signUpVerified(t, 'sales-stranger@example.com');
    // Someone outside the studio is told it is not there, as for every admin read.
    expect((await caller(t, stranger.jar)('GET', SALES)).statusCode).toBe(404);
    expect((await caller(t)('GET', SALES)).statusCode).toBe(401);
  });
});
