import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { selectRows } from '../../platform/db/index.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { SANDBOX_CARDS } from '../payments/index.js';
import { caller, fieldsOf, openShop, type ShopItem } from './orders.test-fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const SHOP = '/api/v1/studios/promo-hold';

/**
 * A promo code with a total usage limit is counted under its row's lock, which every checkout with that
 * code queues on; so the use is taken after the payment was started (never across the provider's round
 * trip), the count stays exact when checkouts race for the last uses, and a code the studio changed while
 * a checkout was under way stops that checkout instead of charging the discount it priced.
 */
describe('checkout: a limited promo code is taken after the payment, never over its limit', () => {
  let t: TestApp;
  let owner: { jar: Jar };
  let item: ShopItem;
  let key = 0;

  const checkout = (promoCode: string) =>
    caller(t)(
      'POST',
      `${SHOP}/checkout`,
      {
        email: `buyer${++key}@example.com`,
        name: 'Buyer',
        lines: [{ variantId: item.variantId, quantity: 1 }],
        paymentProvider: 'sandbox',
        sandboxCard: SANDBOX_CARDS.succeeds,
        promoCode,
      },
      { 'idempotency-key': `promo-hold-${key}` },
    );
  const createCode = async (body: Record<string, unknown>) => {
    const res = await caller(t, owner.jar)('POST', `${SHOP}/admin/promo-codes`, {
      kind: 'percentage',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const count = async (table: 'orders' | 'payments' | 'promo_redemptions') =>
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
    owner = await signUpVerified(t, 'promo-hold-owner@example.com');
    const opened = await openShop(
      t,
      owner.jar,
      { slug: 'promo-hold', currency: 'USD', timezone: 'UTC', locale: 'en' },
      [{ key: 'pack', kind: 'digital', priceMinor: 4_000 }],
    );
    item = opened.items.pack!;

    // A witness in the database (test-only): whenever a checkout records a code's use, note how many
    // payments its transaction had already written. now() is the transaction's start, the same for all
    // its rows.
    const db = t.database.db;
    await db.execute(sql.raw('create table test_promo_witness (payments int)'));
    await db.execute(
      sql.raw(`create function test_promo_witness() returns trigger language plpgsql security definer as $$
        begin
          insert into test_promo_witness values ((select count(*) from payments where created_at = now()));
          return new;
        end $$`),
    );
    await db.execute(
      sql.raw(
        'create trigger test_promo_witness after insert on promo_redemptions for each row execute function test_promo_witness()',
      ),
    );
  });
  afterAll(async () => t.close());

  it('records the use of a limited code after the payment was started, in the same transaction', async () => {
    await createCode({ code: 'FIRSTFEW', percentOff: 25, usageLimit: 10 });
    const placed = await checkout('firstfew');
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json().order).toMatchObject({
      promoCode: 'FIRSTFEW',
      discountMinor: 1_000,
      status: 'paid',
    });
    const witnessed = await selectRows<{ payments: number }>(
      t.database.db,
      sql`select payments from test_promo_witness`,
    );
    expect(witnessed).toEqual([{ payments: 1 }]);
  });

  it('gives the last uses to exactly as many racing checkouts, and leaves nothing of the others', async () => {
    await createCode({ code: 'LASTTWO', percentOff: 10, usageLimit: 2 });
    const before = [await count('orders'), await count('payments'), await count('promo_redemptions')];
    const results = await Promise.all(Array.from({ length: 6 }, () => checkout('LASTTWO')));
    expect(results.map((res) => res.statusCode).sort()).toEqual([201, 201, 409, 409, 409, 409]);
    for (const res of results.filter((r) => r.statusCode === 409)) {
      expect(fieldsOf(res)).toEqual(['promoCode']);
      expect(res.json().errors[0]).toMatchObject({
        message: 'This code has been used up',
        reason: 'promo.used_up',
      });
    }
    // The losers' orders and payments went with their rollback: two orders, two payments, two uses.
    expect([await count('orders'), await count('payments'), await count('promo_redemptions')]).toEqual(
      before.map((n) => n + 2),
    );
    const late = await checkout('LASTTWO');
    expect(late.statusCode).toBe(409);
    expect(fieldsOf(late)).toEqual(['promoCode']);
  });

  it('names the rule a refused code broke, with its values, for clients that word it themselves', async () => {
    await createCode({ code: 'BIGSPEND', percentOff: 10, minPurchaseMinor: 10_000 });
    const small = await checkout('BIGSPEND');
    expect(small.statusCode).toBe(409);
    expect(small.json().errors).toEqual([
      {
        field: 'promoCode',
        message: 'This code needs a purchase of at least $100.00',
        reason: 'promo.min_purchase',
        params: { amountMinor: 10_000, currency: 'USD' },
      },
    ]);
    const unknown = await checkout('NOSUCHCODE');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors).toEqual([
      { field: 'promoCode', message: 'No such promo code', reason: 'promo.not_found' },
    ]);
  });

  // Only a shared server has another connection to hold the code's row meanwhile; PGlite runs one at a time.
  if (loadConfig({ ...process.env, NODE_ENV: 'test' }).databaseUrl) {
    it('stops a checkout whose code the studio changed while it was paying (Postgres)', async () => {
      const { engine } = t.database;
      if (engine.kind !== 'postgres') throw new Error('expected Postgres');
      await createCode({ code: 'HALFOFF', percentOff: 50, usageLimit: 100 });
      const orders = await count('orders');
      const editor = await engine.pool.connect();
      let stopped: Awaited<ReturnType<typeof checkout>>;
      try {
        // The studio's edit is under way (updatePromo holds the row FOR UPDATE): the checkout prices the
        // code as it was, pays, and then waits for the row to record its use.
        await editor.query('begin');
        await editor.query(`select id from promo_codes where code = 'HALFOFF' for update`);
        const pending = checkout('HALFOFF');
        const waiting = async () =>
          (
            await engine.pool.query(
              `select count(*)::int as n from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock'`,
            )
          ).rows[0].n;
        for (let i = 0; i < 100 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
        expect(await waiting()).toBe(1);
        await editor.query(`update promo_codes set percent_off = 20 where code = 'HALFOFF'`);
        await editor.query('commit');
        stopped = await pending;
      } finally {
        editor.release();
      }
      expect(stopped.statusCode).toBe(409);
      expect(fieldsOf(stopped)).toEqual(['promoCode']);
      expect(stopped.json().errors[0]).toMatchObject({
        message: 'This code changed just now: check out again',
        reason: 'promo.changed',
      });
      expect(await count('orders')).toBe(orders);
      // Checking out again prices the code as it is now.
      const again = await checkout('HALFOFF');
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json().order.discountMinor).toBe(800);
    });
  }
});
