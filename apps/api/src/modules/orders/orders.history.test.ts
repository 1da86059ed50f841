import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import { createCatalogCheckout } from '../catalog/index.js';
import * as identityTesting from '../identity/testing.js';
import { createPlansService, paymentsFromConfig } from '../payments/index.js';
import { createStudiosService, type Studio } from '../studios/index.js';
import type { PastOrder } from './orders.history.js';
import { localDate } from './orders.sales.js';
import { createOrdersService } from './orders.service.js';
import { yearIn } from './orders.settings.js';
import { caller, openShop, type ShopItem } from './orders.test-fixtures.js';

const { signUpVerified } = identityTesting;
type Jar = InstanceType<typeof identityTesting.Jar>;

const SLUG = 'history-muse';
const SHOP = `/api/v1/studios/${SLUG}`;
const TZ = 'Asia/Bangkok';
const DAY = 86_400_000;
const system: Actor = { kind: 'system', reason: 'test' };

describe('orders: past orders recorded as they happened', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let items: Record<string, ShopItem>;
  let studio: Studio;
  let orders: ReturnType<typeof createOrdersService>;
  const now = new Date();
  const daysAgo = (days: number, hours = 0) => new Date(now.getTime() - days * DAY + hours * 3_600_000);
  const admin = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => caller(t, owner.jar)(method, url, body, headers);
  const count = async (query: ReturnType<typeof sql>) =>
    Number(((await t.database.db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0]!.n);

  const ADDRESS = {
    name: 'Ploy',
    line1: '12 Sukhumvit 31',
    city: 'Bangkok',
    postalCode: '10110',
    country: 'TH',
  };
  /** A print shipped and delivered, paid by transfer a day after it was placed. */
  const shippedPrint = (reference: string, placed: number): PastOrder => ({
    reference,
    name: 'Ploy',
    email: `${reference}@example.com`,
    lines: [{ variantId: items.print!.variantId, quantity: 2 }],
    shippingMethodId: 'post',
    shippingAddress: ADDRESS,
    paidBy: { provider: 'manual', manualMethod: 'bank_transfer' },
    placedAt: daysAgo(placed),
    paidAt: daysAgo(placed, 20),
    steps: [
      {
        status: 'shipped',
        at: daysAgo(placed - 2),
        tracking: { carrier: 'Thailand Post', number: 'EF123456789TH' },
      },
      { status: 'delivered', at: daysAgo(placed - 4) },
    ],
    staffUserId: owner.userId,
  });
  /** A kit delivered by download, paid by PromptPay. */
  const kit = (reference: string, placed: number): PastOrder => ({
    reference,
    name: 'Mint',
    email: `${reference}@example.com`,
    lines: [{ variantId: items.kit!.variantId, quantity: 1 }],
    paidBy: { provider: 'promptpay' },
    placedAt: daysAgo(placed),
    paidAt: daysAgo(placed, 1),
    steps: [{ status: 'fulfilled', at: daysAgo(placed, 2) }],
  });

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error' } });
    owner = await signUpVerified(t, 'history-owner@example.com');
    ({ items } = await openShop(t, owner.jar, { slug: SLUG, currency: 'THB', timezone: TZ, locale: 'th' }, [
      { key: 'print', kind: 'product', priceMinor: 50_000, stock: 3, weightGrams: 200 },
      { key: 'kit', kind: 'digital', priceMinor: 100_000 },
    ]));
    const settings = await admin('PATCH', `${SHOP}/admin/commerce-settings`, {
      orderNumberPrefix: 'HM',
      shippingMethods: [{ id: 'post', name: 'Thailand Post', kind: 'flat', priceMinor: 5_000 }],
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const studios = createStudiosService({ database: t.database, cache: t.cache });
    studio = await studios.getBySlug(SLUG);
    const payments = paymentsFromConfig(t.config, { database: t.database, storage: t.storage });
    orders = createOrdersService({
      database: t.database,
      studios,
      catalog: createCatalogCheckout({ storage: t.storage }),
      payments,
      plans: createPlansService({ database: t.database, payments }),
      appSecret: t.config.appSecret,
    });
  });
  afterAll(async () => t.close());

  it('writes each order at its own times, numbered by date, paid and moved along, without telling anyone', async () => {
    const eventsBefore = await count(sql`select count(*)::int as n from outbox_events`);
    const mailsBefore = await count(sql`select count(*)::int as n from mail_messages`);
    // Given newest first: numbered oldest first all the same.
    const result = await orders.recordPastOrders(
      studio,
      system,
      [kit('kit-1', 3), shippedPrint('print-1', 40)],
      now,
    );
    expect(result).toEqual({ created: 2 });

    const list = await admin('GET', `${SHOP}/admin/orders`);
    expect(list.statusCode, list.body).toBe(200);
    const byEmail = new Map(list.json().items.map((o: { email: string }) => [o.email, o]));
    const print = byEmail.get('print-1@example.com') as Record<string, unknown>;
    const download = byEmail.get('kit-1@example.com') as Record<string, unknown>;
    const year = yearIn(TZ, daysAgo(40));
    expect(print).toMatchObject({
      number: `HM-${year}-000001`,
      status: 'delivered',
      paymentStatus: 'paid',
      // 2 x 500.00 + 50.00 post (no tax rate set).
      totalMinor: 105_000,
    });
    expect(download).toMatchObject({ status: 'fulfilled', paymentStatus: 'paid', totalMinor: 100_000 });
    // Second in its year's numbering, or first of a new year (40 and 3 days ago straddle January 1st).
    const kitYear = yearIn(TZ, daysAgo(3));
    expect(download.number).toBe(`HM-${kitYear}-00000${kitYear === year ? 2 : 1}`);

    const detail = await admin('GET', `${SHOP}/admin/orders/${print.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const order = detail.json();
    expect(new Date(order.createdAt).getTime()).toBe(daysAgo(40).getTime());
    expect(order.timeline.map((e: { kind: string; to: string | null }) => `${e.kind}:${e.to}`)).toEqual([
      'status:pending',
      'payment:paid',
      'status:paid',
      'tracking:Thailand Post EF123456789TH',
      'status:shipped',
      'status:delivered',
    ]);
    expect(order.timeline[0].reason).toBe('imported');
    // Its parcel's tracking, added when it shipped, as staff would have.
    expect(order.trackingNumbers).toEqual([
      { carrier: 'Thailand Post', number: 'EF123456789TH', url: null, addedAt: daysAgo(38).toISOString() },
    ]);
    expect(new Date(order.timeline[3].at).getTime()).toBe(daysAgo(38).getTime());
    expect(new Date(order.timeline.at(-1).at).getTime()).toBe(daysAgo(36).getTime());
    expect(order.payments).toEqual([
      expect.objectContaining({
        provider: 'manual',
        manualMethod: 'bank_transfer',
        status: 'succeeded',
        amountMinor: 105_000,
        paidAt: daysAgo(40, 20).toISOString(),
      }),
    ]);
    // Confirmed by the owner, as the timeline says (a hand-confirmed payment keeps who confirmed it).
    const { rows } = (await t.database.db.execute(
      sql`select confirmed_by from payments where id = ${order.payments[0].id}`,
    )) as unknown as { rows: { confirmed_by: string }[] };
    expect(rows[0]!.confirmed_by).toBe(owner.userId);

    // The dashboard counts them on the days they were paid: the kit in this period, the print 40 days ago.
    const sales = await admin('GET', `${SHOP}/admin/orders/sales?days=30`);
    expect(sales.json().period).toMatchObject({ orders: 1, salesMinor: 100_000 });
    expect(sales.json().previous).toMatchObject({ orders: 1, salesMinor: 105_000 });
    expect(
      sales.json().days.find((d: { date: string }) => d.date === localDate(TZ, daysAgo(3, 1))),
    ).toMatchObject({ orders: 1 });

    // Nothing announced (no emails follow), and the shelf is as it was: these were sold long ago.
    expect(await count(sql`select count(*)::int as n from outbox_events`)).toBe(eventsBefore);
    expect(await count(sql`select count(*)::int as n from mail_messages`)).toBe(mailsBefore);
    const item = await caller(t)('GET', `${SHOP}/catalog/items/print`);
    expect(item.json().variants[0].stock).toBe(3);
  });

  it('records each reference once, and a recorded order can be refunded like any other', async () => {
    const again = await orders.recordPastOrders(
      studio,
      system,
      [kit('kit-1', 3), shippedPrint('print-1', 40)],
      now,
    );
    expect(again).toEqual({ created: 0 });
    expect(await count(sql`select count(*)::int as n from orders where studio_id = ${studio.id}`)).toBe(2);

    const list = await admin('GET', `${SHOP}/admin/orders?q=print-1@example.com`);
    const id = list.json().items[0].id;
    const refund = await admin(
      'POST',
      `${SHOP}/admin/orders/${id}/refund`,
      { amountMinor: 5_000, reason: 'Postage refunded' },
      { 'idempotency-key': 'history-refund' },
    );
    expect(refund.statusCode, refund.body).toBe(200);
    expect(refund.json()).toMatchObject({ refundedMinor: 5_000, paymentStatus: 'partially_refunded' });
  });

  it('gives back no stock when a recorded order is cancelled: it never held any', async () => {
    const paidOnly = { ...shippedPrint('print-cancel', 2), steps: [] };
    expect(await orders.recordPastOrders(studio, system, [paidOnly], now)).toEqual({ created: 1 });
    const list = await admin('GET', `${SHOP}/admin/orders?q=print-cancel@example.com`);
    const cancelled = await admin('POST', `${SHOP}/admin/orders/${list.json().items[0].id}/status`, {
      status: 'cancelled',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    const item = await caller(t)('GET', `${SHOP}/catalog/items/print`);
    expect(item.json().variants[0].stock).toBe(3);
  });

  it('refuses times out of order or to come, and moves staff could not make, recording nothing of the batch', async () => {
    const refusal = async (past: PastOrder) => {
      const error = await orders
        .recordPastOrders(studio, system, [kit('fine', 5), past], now)
        .catch((e) => e);
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).fields?.map((f) => f.field);
    };
    expect(await refusal({ ...kit('early', 2), paidAt: daysAgo(3) })).toEqual(['paidAt']);
    expect(
      await refusal({
        ...kit('future', 2),
        steps: [{ status: 'fulfilled', at: new Date(now.getTime() + DAY) }],
      }),
    ).toEqual(['steps[0].at']);
    // A download is never shipped.
    expect(await refusal({ ...kit('shipped', 2), steps: [{ status: 'shipped', at: daysAgo(1) }] })).toEqual([
      'steps[0].status',
    ]);
    // Tracking belongs to the move to shipped, and to nothing else.
    expect(
      await refusal({
        ...kit('tracked', 2),
        steps: [{ status: 'fulfilled', at: daysAgo(1), tracking: { carrier: 'Kerry', number: 'K1' } }],
      }),
    ).toEqual(['steps[0].tracking']);
    expect(
      await refusal({
        ...shippedPrint('untracked', 6),
        steps: [{ status: 'shipped', at: daysAgo(4), tracking: { carrier: ' ', number: 'EF1TH' } }],
      }),
    ).toEqual(['steps[0].tracking.carrier']);
    expect(await count(sql`select count(*)::int as n from orders where studio_id = ${studio.id}`)).toBe(3);
  });

  it('prices a past order as it was then: a flash sale running now does not apply to an order before it', async () => {
    const sale = await admin('POST', `${SHOP}/admin/catalog/flash-sales`, {
      itemId: items.kit!.itemId,
      name: 'Half off',
      percentOff: 50,
      startsAt: daysAgo(1).toISOString(),
      endsAt: new Date(now.getTime() + DAY).toISOString(),
    });
    expect(sale.statusCode, sale.body).toBe(201);
    await orders.recordPastOrders(studio, system, [kit('before-sale', 3), kit('during-sale', 0.5)], now);
    const totals = async (email: string) =>
      (await admin('GET', `${SHOP}/admin/orders?q=${email}`)).json().items[0].totalMinor;
    expect(await totals('before-sale@example.com')).toBe(100_000);
    expect(await totals('during-sale@example.com')).toBe(50_000);
  });

  it("dates a buyer's client record from their earliest past order, not from when it was recorded", async () => {
    await orders.recordPastOrders(studio, system, [shippedPrint('since-1', 40)], now);
    // A later past order of theirs leaves that as it is, an earlier one moves it back.
    const sinceOf = async (email: string) => {
      const res = await admin('GET', `${SHOP}/clients?q=${encodeURIComponent(email)}`);
      return new Date(res.json().items[0].createdAt).getTime();
    };
    expect(await sinceOf('since-1@example.com')).toBe(daysAgo(40).getTime());
    await orders.recordPastOrders(
      studio,
      system,
      [
        { ...kit('since-1-later', 10), email: 'since-1@example.com' },
        { ...kit('since-1-earlier', 60), email: 'since-1@example.com' },
      ],
      now,
    );
    expect(await sinceOf('since-1@example.com')).toBe(daysAgo(60).getTime());
  });
});
