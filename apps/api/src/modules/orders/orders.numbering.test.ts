import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../platform/events/events.tables.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { SANDBOX_CARDS } from '../payments/index.js';
import { caller, openShop, type ShopItem } from './orders.test-fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const SHOP = '/api/v1/studios/numbers';
const BILLING = { name: 'Buyer', line1: '1 Main St', city: 'Portland', postalCode: '97201', country: 'US' };

interface Probe {
  payments: number;
  orderEvents: number;
  orderPayments: number;
}

/**
 * Order numbers: gap-free and unique under concurrency, and taken last in the checkout transaction,
 * because taking one locks the studio's counter row until the commit and every checkout of the studio
 * queues on it (README "Numbers").
 */
describe('order numbers: gap-free, unique, and the last thing a checkout takes', () => {
  let t: TestApp;
  let owner: { jar: Jar };
  let studioId: string;
  let item: ShopItem;
  let key = 0;

  const checkout = (card: string, email = `buyer${++key}@example.com`) =>
    caller(t)(
      'POST',
      `${SHOP}/checkout`,
      {
        email,
        name: 'Buyer',
        billingAddress: BILLING,
        lines: [{ variantId: item.variantId, quantity: 1 }],
        paymentProvider: 'sandbox',
        sandboxCard: card,
      },
      { 'idempotency-key': `numbers-${++key}` },
    );
  const sequence = (number: string) => Number(number.split('-').at(-1));

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error', rateLimitPerMinute: 100_000 } });
    owner = await signUpVerified(t, 'numbers-owner@example.com');
    const opened = await openShop(
      t,
      owner.jar,
      { slug: 'numbers', currency: 'USD', timezone: 'America/Los_Angeles', locale: 'en' },
      [{ key: 'pattern', kind: 'digital', priceMinor: 1_200 }],
    );
    studioId = opened.studioId;
    item = opened.items.pattern!;
    const settings = await caller(t, owner.jar)('PATCH', `${SHOP}/admin/commerce-settings`, {
      orderNumberPrefix: 'NO',
    });
    expect(settings.statusCode, settings.body).toBe(200);

    // A witness in the database (test-only): whenever a checkout takes a number, note what its
    // transaction had already written. now() is the transaction's start, the same for all its rows.
    const db = t.database.db;
    await db.execute(
      sql.raw('create table test_number_witness (payments int, order_events int, order_payments int)'),
    );
    await db.execute(
      sql.raw(`create function test_number_witness() returns trigger language plpgsql security definer as $$
        begin
          insert into test_number_witness values (
            (select count(*) from payments where created_at = now()),
            (select count(*) from order_events where created_at = now()),
            (select count(*) from order_payments where created_at = now()));
          return new;
        end $$`),
    );
    await db.execute(
      sql.raw(
        'create trigger test_number_witness after insert or update on order_counters for each row execute function test_number_witness()',
      ),
    );
  });
  afterAll(async () => t.close());

  it('takes the number after the payment, its timeline and the sale are written; events carry the number', async () => {
    const placed = await checkout(SANDBOX_CARDS.succeeds);
    expect(placed.statusCode, placed.body).toBe(201);
    const { order, paymentId } = placed.json() as {
      order: { id: string; number: string; status: string };
      paymentId: string;
    };
    expect(order.number).toMatch(/^NO-\d{4}-000001$/);
    expect(order.status).toBe('paid');

    const rows = (await t.database.db.execute(sql.raw('select * from test_number_witness'))) as unknown as
      | { rows: Record<string, unknown>[] }
      | Record<string, unknown>[];
    const witnessed = ('rows' in rows ? rows.rows : rows).map(
      (r): Probe => ({
        payments: Number(r.payments),
        orderEvents: Number(r.order_events),
        orderPayments: Number(r.order_payments),
      }),
    );
    // The payment (and its provider's answer), the payment applied, "placed", "received" and "paid"
    // were all in the transaction before the studio's counter was touched.
    expect(witnessed).toEqual([{ payments: 1, orderEvents: 3, orderPayments: 1 }]);

    // What announces the order names its final number (taken last, written just after).
    const events = await t.database.db
      .select()
      .from(outboxEvents)
      .where(
        and(eq(outboxEvents.studioId, studioId), sql`${outboxEvents.payload}->>'orderId' = ${order.id}`),
      );
    const byType = Object.fromEntries(events.map((e) => [e.type, e.payload as { number?: string }]));
    expect(byType['orders.order.placed']).toMatchObject({ number: order.number });
    expect(byType['orders.order.paid']).toMatchObject({ number: order.number });

    const admin = await caller(t, owner.jar)('GET', `${SHOP}/admin/orders/${order.id}`);
    expect(admin.json()).toMatchObject({ number: order.number, payments: [{ id: paymentId }] });
  });

  it('stays gap-free and unique when concurrent checkouts are declined and roll back', async () => {
    const cards = Array.from({ length: 24 }, (_, i) =>
      i % 3 === 1 ? SANDBOX_CARDS.declines : SANDBOX_CARDS.succeeds,
    );
    const results = await Promise.all(cards.map((card) => checkout(card)));
    for (const [i, res] of results.entries())
      expect(res.statusCode, res.body).toBe(cards[i] === SANDBOX_CARDS.declines ? 422 : 201);
    const numbers = results
      .filter((r) => r.statusCode === 201)
      .map((r) => (r.json() as { order: { number: string } }).order.number);
    expect(numbers).toHaveLength(16);
    // Order 1 came from the test before: these are exactly 2..17, each once.
    expect(numbers.map(sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 2));

    // The studio's list holds only real numbers (nothing written with a stand-in survives).
    const list = await caller(t, owner.jar)('GET', `${SHOP}/admin/orders?limit=100`);
    const listed = (list.json().items as { number: string }[]).map((o) => o.number);
    expect(listed).toHaveLength(17);
    for (const number of listed) expect(number).toMatch(/^NO-\d{4}-\d{6}$/);

    // A declined checkout after them takes nothing either: the next order is 18.
    expect((await checkout(SANDBOX_CARDS.declines)).statusCode).toBe(422);
    const next = await checkout(SANDBOX_CARDS.succeeds);
    expect(sequence((next.json() as { order: { number: string } }).order.number)).toBe(18);
  });
});
