import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { adjustWallet, SANDBOX_CARDS } from '../payments/index.js';
import { caller, openShop, type ShopItem } from './orders.test-fixtures.js';

const { changeEmailVerified, signUpVerified, TEST_PASSWORD } = identityTesting;
type Jar = InstanceType<typeof identityTesting.Jar>;

const SHOP = '/api/v1/studios/moving-shop';

interface ClientRow {
  id: string;
  email: string;
  userId: string | null;
  retiredAt: string | null;
}

/**
 * A studio's client record answers for one address, and an address belongs to one account at a time.
 * When a person changes their email, their records (history, wallet) go with them and the old address
 * is free; when they delete their account, their records retire. Whoever proves the address next starts
 * afresh: they neither see the earlier holder's orders nor pay into, or from, their wallet.
 */
describe('orders: client records follow the person, not the address they gave up', () => {
  let t: TestApp;
  let owner: { jar: Jar };
  let item: ShopItem;
  let studioId: string;
  let key = 0;

  const place = async (jar: Jar | undefined, email: string) => {
    const placed = await caller(t, jar)(
      'POST',
      `${SHOP}/checkout`,
      {
        email,
        name: 'Client',
        paymentProvider: 'manual',
        manualMethod: 'bank_transfer',
        lines: [{ variantId: item.variantId, quantity: 1 }],
      },
      { 'idempotency-key': `records-${++key}` },
    );
    expect(placed.statusCode, placed.body).toBe(201);
    return (placed.json() as { order: { id: string } }).order.id;
  };
  const myOrders = async (jar: Jar) => {
    const res = await caller(t, jar)('GET', `${SHOP}/my/orders?limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: string }[]).map((order) => order.id).sort();
  };
  const clients = async () => {
    const res = await caller(t, owner.jar)('GET', `${SHOP}/clients?limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as ClientRow[];
  };
  const liveRecordOf = async (email: string) =>
    (await clients()).find((c) => c.email.toLowerCase() === email && c.retiredAt === null);
  const balanceOf = async (jar: Jar) => {
    const res = await caller(t, jar)('GET', `${SHOP}/wallet?limit=1`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().balanceMinor as number;
  };
  const credit = (clientId: string, amountMinor: number) =>
    t.database.withStudio(studioId, (tx) =>
      adjustWallet(tx, { studioId, clientId, amountMinor, currency: 'THB', reason: 'test credit' }),
    );
  const topUp = async (jar: Jar) => {
    const res = await caller(t, jar)(
      'POST',
      `${SHOP}/wallet/top-ups`,
      { amountMinor: 50_000, provider: 'sandbox', sandboxCard: SANDBOX_CARDS.succeeds },
      { 'idempotency-key': `records-${++key}` },
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json().clientId as string;
  };

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error' } });
    owner = await signUpVerified(t, 'moving-owner@example.com');
    const opened = await openShop(
      t,
      owner.jar,
      { slug: 'moving-shop', currency: 'THB', timezone: 'Asia/Bangkok', locale: 'th' },
      [{ key: 'script', kind: 'digital', priceMinor: 45_000 }],
    );
    item = opened.items.script!;
    studioId = opened.studioId;
    const settings = await caller(t, owner.jar)('PUT', `${SHOP}/wallet/settings`, {
      topupsEnabled: true,
      minTopupMinor: 10_000,
      maxTopupMinor: 5_000_000,
      bonusTiers: [],
    });
    expect(settings.statusCode, settings.body).toBe(200);
  });
  afterAll(async () => t.close());

  it('an email change takes the records along; the next holder of the old address starts afresh', async () => {
    const before = await place(undefined, 'shared@example.com');
    const alice = await signUpVerified(t, 'shared@example.com', 'Alice');
    const record = await topUp(alice.jar);
    await credit(record, 10_000);
    expect(await myOrders(alice.jar)).toEqual([before]);

    await changeEmailVerified(t, alice.jar, 'alice-new@example.com');
    // The same record, at her new address: her history and balance are where they were.
    expect(await liveRecordOf('alice-new@example.com')).toMatchObject({ id: record, userId: alice.userId });
    expect(await liveRecordOf('shared@example.com')).toBeUndefined();
    expect(await myOrders(alice.jar)).toEqual([before]);
    expect(await balanceOf(alice.jar)).toBe(10_000);

    // Carol proves the address Alice gave up: a record of her own, nothing of Alice's.
    const carol = await signUpVerified(t, 'shared@example.com', 'Carol');
    expect(await myOrders(carol.jar)).toEqual([]);
    expect(await balanceOf(carol.jar)).toBe(0);
    const carols = await topUp(carol.jar);
    expect(carols).not.toBe(record);
    expect(await balanceOf(alice.jar)).toBe(10_000);
    // An order placed signed out with the address is Carol's now.
    const after = await place(undefined, 'shared@example.com');
    expect(await myOrders(carol.jar)).toEqual([after]);
    expect(await myOrders(alice.jar)).toEqual([before]);
  });

  it('moving to an address the studio already knows keeps both histories and her wallet', async () => {
    const eve = await signUpVerified(t, 'eve-old@example.com', 'Eve');
    const fromOld = await place(undefined, 'eve-old@example.com');
    // A guest order with the address she is about to move to: the studio has a record for it already.
    const fromNew = await place(undefined, 'eve-new@example.com');
    const hers = (await liveRecordOf('eve-old@example.com'))!;
    const guests = (await liveRecordOf('eve-new@example.com'))!;
    await credit(hers.id, 30_000);

    await changeEmailVerified(t, eve.jar, 'eve-new@example.com');
    // Her own record (and its wallet) takes the new address; the guest one joins her, retired.
    expect(await liveRecordOf('eve-new@example.com')).toMatchObject({ id: hers.id, userId: eve.userId });
    expect((await clients()).find((c) => c.id === guests.id)).toMatchObject({
      userId: eve.userId,
      retiredAt: expect.any(String),
    });
    expect(await balanceOf(eve.jar)).toBe(30_000);
    expect(await myOrders(eve.jar)).toEqual([fromOld, fromNew].sort());

    const frank = await signUpVerified(t, 'eve-old@example.com', 'Frank');
    expect(await myOrders(frank.jar)).toEqual([]);
    expect(await balanceOf(frank.jar)).toBe(0);
    const franks = await topUp(frank.jar);
    expect([hers.id, guests.id]).not.toContain(franks);

    // A refund to the wallet of the guest record that joined her goes to her live one, where she spends.
    const staff = caller(t, owner.jar);
    const order = await staff('GET', `${SHOP}/admin/orders/${fromNew}`);
    expect(order.statusCode, order.body).toBe(200);
    const paymentId = (order.json().payments as { id: string }[])[0]!.id;
    const paid = await staff('POST', `${SHOP}/payments/${paymentId}/mark-paid`, { note: 'transfer seen' });
    expect(paid.statusCode, paid.body).toBe(200);
    const refund = await staff(
      'POST',
      `${SHOP}/payments/${paymentId}/refunds`,
      { amountMinor: 1_000, to: 'wallet' },
      { 'idempotency-key': `records-${++key}` },
    );
    expect(refund.statusCode, refund.body).toBe(200);
    expect(await balanceOf(eve.jar)).toBe(31_000);
  });

  it("a deleted account's records retire: whoever proves the address next sees none of it", async () => {
    const bea = await signUpVerified(t, 'gone@example.com', 'Bea');
    const hers = await place(undefined, 'gone@example.com');
    const record = (await liveRecordOf('gone@example.com'))!;
    expect(record.userId).toBe(bea.userId);
    await credit(record.id, 5_000);
    expect(await myOrders(bea.jar)).toEqual([hers]);

    const deleted = await caller(t, bea.jar)('DELETE', '/api/v1/me', { password: TEST_PASSWORD });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await clients()).find((c) => c.id === record.id)?.retiredAt).toEqual(expect.any(String));

    const dan = await signUpVerified(t, 'gone@example.com', 'Dan');
    expect(await myOrders(dan.jar)).toEqual([]);
    expect(await balanceOf(dan.jar)).toBe(0);
    expect(await topUp(dan.jar)).not.toBe(record.id);

    // Nobody is left to spend a refund into the deleted person's wallet: refused, naming the choice.
    const staff = caller(t, owner.jar);
    const order = await staff('GET', `${SHOP}/admin/orders/${hers}`);
    const paymentId = (order.json().payments as { id: string }[])[0]!.id;
    const paid = await staff('POST', `${SHOP}/payments/${paymentId}/mark-paid`, { note: 'transfer seen' });
    expect(paid.statusCode, paid.body).toBe(200);
    const refund = await staff(
      'POST',
      `${SHOP}/payments/${paymentId}/refunds`,
      { amountMinor: 1_000, to: 'wallet' },
      { 'idempotency-key': `records-${++key}` },
    );
    expect(refund.statusCode, refund.body).toBe(400);
    expect(refund.json().errors[0]).toMatchObject({ field: 'to', reason: 'refund.wallet_retired' });
  });

  it('a record still attached to an earlier holder of the address retires when the new one uses it', async () => {
    // As data from before records followed their people: Gus's address record, attached to someone else.
    const gus = await signUpVerified(t, 'gus@example.com', 'Gus');
    const earlier = await signUpVerified(t, 'earlier@example.com', 'Earlier');
    const old = await place(undefined, 'gus@example.com');
    await t.database.db.execute(
      sql`update studio_clients set user_id = ${earlier.userId} where lower(email) = 'gus@example.com'`,
    );
    const stale = (await liveRecordOf('gus@example.com'))!;
    expect(stale.userId).toBe(earlier.userId);

    // Gus tops up: his own record, and the stale one retires with its history.
    const his = await topUp(gus.jar);
    expect(his).not.toBe(stale.id);
    expect(await liveRecordOf('gus@example.com')).toMatchObject({ id: his, userId: gus.userId });
    expect((await clients()).find((c) => c.id === stale.id)?.retiredAt).toEqual(expect.any(String));
    expect(await myOrders(gus.jar)).toEqual([]);
    expect(await myOrders(earlier.jar)).toEqual([old]);
  });
});
