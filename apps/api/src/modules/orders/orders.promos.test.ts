import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { SANDBOX_CARDS } from '../payments/index.js';
import { addShopItem, caller, fieldsOf, openShop, type ShopItem } from './orders.test-fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const SHOP = '/api/v1/studios/inkwell';

describe('orders: promo codes under load, category scopes and money in the timeline', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let items: Record<string, ShopItem>;
  let n = 0;

  const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, key?: string) =>
    caller(t, owner.jar)(method, url, payload, key ? { 'idempotency-key': key } : {});
  /** A guest paying by sandbox card: a digital item, so no address or shipping is needed. */
  const checkout = (extra: Record<string, unknown>) =>
    caller(t)(
      'POST',
      `${SHOP}/checkout`,
      {
        email: `buyer${++n}@example.com`,
        name: 'Buyer',
        paymentProvider: 'sandbox',
        sandboxCard: SANDBOX_CARDS.succeeds,
        lines: [{ variantId: items.pack!.variantId, quantity: 1 }],
        ...extra,
      },
      { 'idempotency-key': `promo-${++n}` },
    );
  const createCode = async (body: Record<string, unknown>) => {
    const res = await admin('POST', `${SHOP}/admin/promo-codes`, { kind: 'percentage', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const usedCount = async (id: string) =>
    (await admin('GET', `${SHOP}/admin/promo-codes/${id}`)).json().usedCount as number;

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error', rateLimitPerMinute: 100_000 } });
    owner = await signUpVerified(t, 'inkwell-owner@example.com');
    ({ items } = await openShop(
      t,
      owner.jar,
      { slug: 'inkwell', currency: 'USD', timezone: 'UTC', locale: 'en' },
      [{ key: 'pack', kind: 'digital', priceMinor: 2_000 }],
    ));
  });
  afterAll(async () => t.close());

  it('refuses a code the studio already has, and dates the wrong way round, naming the rule', async () => {
    await createCode({ code: 'TWICE', percentOff: 10 });
    const again = await admin('POST', `${SHOP}/admin/promo-codes`, {
      kind: 'percentage',
      code: 'TWICE',
      percentOff: 5,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([
      expect.objectContaining({ field: 'code', reason: 'promo.code_taken', params: { code: 'TWICE' } }),
    ]);
    const backwards = await admin('POST', `${SHOP}/admin/promo-codes`, {
      kind: 'percentage',
      code: 'BACKWARDS',
      percentOff: 5,
      startsAt: '2026-12-02T00:00:00Z',
      expiresAt: '2026-12-01T00:00:00Z',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([
      expect.objectContaining({ field: 'expiresAt', reason: 'promo.ends_before_start' }),
    ]);
  });

  it('lets 30 concurrent checkouts share a code without limits, each with its discount', async () => {
    // No usage limit and no per-client limit: nothing to count under a lock, so checkouts never wait for
    // each other on the code (PromoGuard 'none' in orders.promos.ts). The use is the redemption row alone;
    // the promo row is not written, so there is no row lock to queue on (the 62 req/s bench bottleneck).
    const id = await createCode({ code: 'EVERYONE', percentOff: 10 });
    const results = await Promise.all(Array.from({ length: 30 }, () => checkout({ promoCode: 'everyone' })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    for (const r of results)
      expect(r.json().order).toMatchObject({
        promoCode: 'EVERYONE',
        discountMinor: 200,
        totalMinor: 1_800,
        status: 'paid',
      });
    expect(await usedCount(id)).toBe(30);

    // Cancelling gives the use back exactly once, however often the cancel is asked for.
    const order = results[0]!.json().order;
    const cancel = () => admin('POST', `${SHOP}/admin/orders/${order.id}/status`, { status: 'cancelled' });
    expect((await cancel()).statusCode).toBe(200);
    expect((await cancel()).statusCode).toBe(200);
    expect(await usedCount(id)).toBe(29);

    // A limit added to the live code counts the uses so far: 29 live, limit 30 -> one more, then none.
    const limited = await admin('PATCH', `${SHOP}/admin/promo-codes/${id}`, { usageLimit: 30 });
    expect(limited.json()).toMatchObject({ usageLimit: 30, usedCount: 29 });
    // A patch naming nothing changes nothing (it used to be a 500: an UPDATE with nothing to set).
    const unchanged = await admin('PATCH', `${SHOP}/admin/promo-codes/${id}`, {});
    expect(unchanged.statusCode).toBe(200);
    expect(unchanged.json()).toEqual(limited.json());
    expect((await checkout({ promoCode: 'EVERYONE' })).statusCode).toBe(201);
    const usedUp = await checkout({ promoCode: 'EVERYONE' });
    expect(usedUp.statusCode).toBe(409);
    expect(fieldsOf(usedUp)).toEqual(['promoCode']);
  });

  // Only a shared server has other connections to hold a row meanwhile; PGlite runs one at a time.
  if (loadConfig({ ...process.env, NODE_ENV: 'test' }).databaseUrl) {
    it('never waits on the code row for a code without limits; a limited code does (Postgres)', async () => {
      const { engine } = t.database;
      if (engine.kind !== 'postgres') throw new Error('expected Postgres');
      await createCode({ code: 'NOWAIT', percentOff: 5 });
      await createCode({ code: 'CAPPED', percentOff: 5, usageLimit: 100 });
      const holder = await engine.pool.connect();
      let capped: ReturnType<typeof checkout> | undefined;
      try {
        // Another transaction holds both rows for writing (as the old used_count + 1 did until commit).
        await holder.query('begin');
        await holder.query(`select id from promo_codes where code in ('NOWAIT', 'CAPPED') for no key update`);
        const free = await Promise.all(Array.from({ length: 3 }, () => checkout({ promoCode: 'NOWAIT' })));
        expect(free.map((r) => r.statusCode)).toEqual([201, 201, 201]);
        capped = checkout({ promoCode: 'CAPPED' });
        const waited = await Promise.race([
          capped.then(() => 'done'),
          new Promise((resolve) => setTimeout(() => resolve('waiting'), 1_000)),
        ]);
        expect(waited).toBe('waiting');
      } finally {
        await holder.query('rollback');
        holder.release();
      }
      expect((await capped!).statusCode).toBe(201);

      // A limit added while a checkout with the then-unlimited code is under way: the admin's change
      // (updatePromo holds the row FOR UPDATE) makes the checkout's redemption wait, and the checkout then
      // sees the new limit and stops rather than slip past a limit it never counted against.
      const editor = await engine.pool.connect();
      try {
        await editor.query('begin');
        await editor.query(`select id from promo_codes where code = 'NOWAIT' for update`);
        await editor.query(`update promo_codes set usage_limit = 1000 where code = 'NOWAIT'`);
        const late = checkout({ promoCode: 'NOWAIT' });
        const waiting = async () =>
          (
            await engine.pool.query(
              `select count(*)::int as n from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock'`,
            )
          ).rows[0].n;
        for (let i = 0; i < 100 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
        expect(await waiting()).toBe(1);
        await editor.query('commit');
        const stopped = await late;
        expect(stopped.statusCode).toBe(409);
        expect(fieldsOf(stopped)).toEqual(['promoCode']);
      } finally {
        editor.release();
      }
      expect((await checkout({ promoCode: 'NOWAIT' })).statusCode).toBe(201);
    });
  }

  it('keeps a per-client limit exact for one client racing, without holding up other clients', async () => {
    const id = await createCode({ code: 'ONEEACH', percentOff: 25, perClientLimit: 1 });
    const same = Array.from({ length: 10 }, () =>
      checkout({ email: 'Same@Example.com', promoCode: 'ONEEACH' }),
    );
    const others = Array.from({ length: 5 }, () => checkout({ promoCode: 'ONEEACH' }));
    const [mine, theirs] = await Promise.all([Promise.all(same), Promise.all(others)]);
    expect(mine.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const refused = mine.filter((r) => r.statusCode !== 201);
    expect(refused.map((r) => r.statusCode)).toEqual(Array(9).fill(409));
    expect(new Set(refused.flatMap(fieldsOf))).toEqual(new Set(['promoCode']));
    expect(theirs.map((r) => r.statusCode)).toEqual(Array(5).fill(201));
    expect(await usedCount(id)).toBe(6);

    // Cancelled, the client's use comes back and they may use the code again (once).
    const placed = mine.find((r) => r.statusCode === 201)!.json().order;
    await admin('POST', `${SHOP}/admin/orders/${placed.id}/status`, { status: 'cancelled' });
    expect((await checkout({ email: 'same@example.com', promoCode: 'ONEEACH' })).statusCode).toBe(201);
    expect((await checkout({ email: 'same@example.com', promoCode: 'ONEEACH' })).statusCode).toBe(409);
  });

  it('applies a category code to its subcategories, not to a sibling category', async () => {
    const category = async (name: string, parentId?: string) => {
      const res = await admin('POST', `${SHOP}/admin/catalog/categories`, {
        name,
        ...(parentId ? { parentId } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const prints = await category('Prints');
    const fineArt = await category('Fine art', prints);
    const stationery = await category('Stationery');
    const add = (key: string, categoryId: string, priceMinor: number) =>
      addShopItem(t, owner.jar, 'inkwell', { key, kind: 'digital', priceMinor, categoryId });
    const etching = await add('etching', fineArt, 1_000);
    const notebook = await add('notebook', stationery, 500);
    const poster = await add('poster', prints, 3_000);
    await createCode({ code: 'PRINTS20', percentOff: 20, appliesTo: 'categories', targetIds: [prints] });
    await createCode({ code: 'FINEART', percentOff: 50, appliesTo: 'categories', targetIds: [fineArt] });

    const preview = (code: string) =>
      caller(t)('POST', `${SHOP}/checkout/preview`, {
        email: 'look@example.com',
        name: 'Look',
        promoCode: code,
        lines: [
          { variantId: etching.variantId, quantity: 1 },
          { variantId: notebook.variantId, quantity: 1 },
          { variantId: poster.variantId, quantity: 1 },
        ],
      });
    const parent = await preview('PRINTS20');
    expect(parent.statusCode, parent.body).toBe(200);
    // Fine art (under Prints) and Prints itself: 20%; Stationery: nothing.
    expect(parent.json().lines.map((l: { discountMinor: number }) => l.discountMinor)).toEqual([200, 0, 600]);
    expect(parent.json().discountMinor).toBe(800);
    // A code for the child does not reach up to its parent.
    const child = await preview('FINEART');
    expect(child.json().lines.map((l: { discountMinor: number }) => l.discountMinor)).toEqual([500, 0, 0]);

    const onlySibling = await caller(t)('POST', `${SHOP}/checkout/preview`, {
      email: 'look@example.com',
      name: 'Look',
      promoCode: 'PRINTS20',
      lines: [{ variantId: notebook.variantId, quantity: 1 }],
    });
    expect(onlySibling.statusCode).toBe(409);
    expect(fieldsOf(onlySibling)).toEqual(['promoCode']);
  });

  it('keeps the money in the timeline as data (amount, currency, payment), refunds as their own kind', async () => {
    const placed = await checkout({ lines: [{ variantId: items.pack!.variantId, quantity: 2 }] });
    expect(placed.statusCode, placed.body).toBe(201);
    const { order, paymentId } = placed.json();
    const refund = await admin(
      'POST',
      `${SHOP}/admin/orders/${order.id}/refund`,
      { amountMinor: 1_200, reason: 'One pack was the wrong one' },
      'timeline-refund',
    );
    expect(refund.statusCode, refund.body).toBe(200);
    const tooMuch = await admin(
      'POST',
      `${SHOP}/admin/orders/${order.id}/refund`,
      { amountMinor: 5_000, reason: 'x' },
      'timeline-refund-2',
    );
    expect(tooMuch.json().errors).toEqual([
      {
        field: 'amountMinor',
        message: 'At most $28.00 can be refunded',
        reason: 'refund.more_than_left',
        params: { amountMinor: 2_800, currency: 'USD' },
      },
    ]);

    const money = (await admin('GET', `${SHOP}/admin/orders/${order.id}`))
      .json()
      .timeline.filter((e: { kind: string }) => e.kind === 'payment' || e.kind === 'refund');
    expect(money).toEqual([
      expect.objectContaining({
        kind: 'payment',
        note: null,
        amountMinor: 4_000,
        currency: 'USD',
        paymentId,
      }),
      expect.objectContaining({
        kind: 'refund',
        note: 'One pack was the wrong one',
        amountMinor: 1_200,
        currency: 'USD',
        paymentId,
      }),
    ]);
    // The buyer's view of the order shows the same entries, without the staff member's identity.
    const guest = await caller(t)('GET', `${SHOP}/orders/${order.id}?token=${placed.json().accessToken}`);
    const refundSeen = guest.json().timeline.find((e: { kind: string }) => e.kind === 'refund');
    expect(refundSeen).toMatchObject({ amountMinor: 1_200, paymentId, actorUserId: null, actorName: null });
  });
});
