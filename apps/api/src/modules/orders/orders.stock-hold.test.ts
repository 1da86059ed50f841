import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../platform/db/index.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { SANDBOX_CARDS } from '../payments/index.js';
import { caller, fieldsOf, openShop, type ShopItem } from './orders.test-fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const SHOP = '/api/v1/studios/stock-hold';

/**
 * Counted stock at checkout: reserving it locks the variant's row until the commit, so it is reserved
 * after the payment was started (a provider round trip must not hold the row every other checkout of
 * that item waits on), and an order the stock cannot cover is refused before any payment is tried.
 */
describe('checkout: counted stock is reserved after the payment, never oversold', () => {
  let t: TestApp;
  let owner: { jar: Jar };
  let item: ShopItem;
  let key = 0;

  const checkout = (quantity: number, card: string = SANDBOX_CARDS.succeeds) =>
    caller(t)(
      'POST',
      `${SHOP}/checkout`,
      {
        email: `buyer${++key}@example.com`,
        name: 'Buyer',
        lines: [{ variantId: item.variantId, quantity }],
        paymentProvider: 'sandbox',
        sandboxCard: card,
      },
      { 'idempotency-key': `stock-hold-${key}` },
    );
  const count = async (table: 'orders' | 'payments') =>
    Number(
      (
        await selectRows<{ n: string }>(
          t.database.db,
          sql`select count(*) as n from ${sql.identifier(table)}`,
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error', rateLimitPerMinute: 100_000 } });
    owner = await signUpVerified(t, 'stock-hold-owner@example.com');
    const opened = await openShop(
      t,
      owner.jar,
      { slug: 'stock-hold', currency: 'USD', timezone: 'America/New_York', locale: 'en' },
      [{ key: 'limited', kind: 'digital', priceMinor: 2_500, stock: 3 }],
    );
    item = opened.items.limited!;

    // A witness in the database (test-only): whenever a checkout takes stock, note how many payments its
    // transaction had already written. now() is the transaction's start, the same for all its rows.
    const db = t.database.db;
    await db.execute(sql.raw('create table test_stock_witness (payments int)'));
    await db.execute(
      sql.raw(`create function test_stock_witness() returns trigger language plpgsql security definer as $$
        begin
          if new.stock < old.stock then
            insert into test_stock_witness values ((select count(*) from payments where created_at = now()));
          end if;
          return new;
        end $$`),
    );
    await db.execute(
      sql.raw(
        'create trigger test_stock_witness after update on catalog_variants for each row execute function test_stock_witness()',
      ),
    );
  });
  afterAll(async () => t.close());

  it('takes the stock after the payment was started, in the same transaction', async () => {
    const placed = await checkout(1);
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json().order.status).toBe('paid');
    const witnessed = await selectRows<{ payments: number }>(
      t.database.db,
      sql`select payments from test_stock_witness`,
    );
    expect(witnessed).toEqual([{ payments: 1 }]);
  });

  it('refuses more than the stock before trying any payment, naming the line', async () => {
    const [orders, payments] = [await count('orders'), await count('payments')];
    const res = await checkout(3);
    expect(res.statusCode, res.body).toBe(409);
    expect(fieldsOf(res)).toEqual(['lines[0].quantity']);
    expect(res.json().errors[0]).toMatchObject({
      message: 'Only 2 of Item limited left',
      reason: 'stock.only_left',
      params: { left: 2, item: 'Item limited' },
    });
    expect([await count('orders'), await count('payments')]).toEqual([orders, payments]);
  });

  it('sells exactly the stock left when checkouts race for it, and nothing after', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => checkout(1)));
    const codes = results.map((res) => res.statusCode).sort();
    expect(codes).toEqual([201, 201, 409, 409, 409, 409]);
    for (const res of results.filter((r) => r.statusCode === 409)) {
      expect(fieldsOf(res)).toEqual(['lines[0].quantity']);
      expect(res.json().errors[0].reason).toMatch(/^stock\.(out|only_left)$/);
    }
    const left = await caller(t)('GET', `${SHOP}/catalog/items/limited`);
    expect(left.json().variants[0].stock).toBe(0);
    const sold = await checkout(1);
    expect(sold.statusCode).toBe(409);
    expect(sold.json().errors[0].message).toBe('Item limited is out of stock');
  });
});
