import { sql } from 'drizzle-orm';
import pino from 'pino';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, type EventBus } from '../../platform/events/index.js';
import { listMail, startMailWorker } from '../../platform/mailer/index.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { adjustWallet, SANDBOX_CARDS, walletEventHandlers } from '../payments/index.js';
import { until } from '../payments/testing.js';
import { caller, openShop, type ShopItem } from './orders.test-fixtures.js';

const { changeEmailVerified, signUpVerified, TEST_PASSWORD } = identityTesting;
type Jar = InstanceType<typeof identityTesting.Jar>;

const SHOP = '/api/v1/studios/carry-shop';

interface ClientRow {
  id: string;
  email: string;
  userId: string | null;
  retiredAt: string | null;
}
interface EntryRow {
  kind: string;
  amountMinor: number;
  balanceAfterMinor: number;
  reference: string | null;
  id: string;
}

/**
 * A person's money follows them like their history does: when one of their client records retires in
 * favour of another (an email change onto an address the studio knew, a second record from before
 * records followed people), its wallet balance is carried over in the same transaction, a statement
 * line on each side, and a top-up paid after its record retired lands where the person can spend it.
 */
describe('orders: wallet balances follow the person when their records join', () => {
  let t: TestApp;
  let bus: EventBus;
  let owner: { jar: Jar };
  let item: ShopItem;
  let studioId: string;
  let key = 0;

  const place = async (email: string) => {
    const placed = await caller(t)(
      'POST',
      `${SHOP}/checkout`,
      {
        email,
        name: 'Client',
        paymentProvider: 'manual',
        manualMethod: 'bank_transfer',
        lines: [{ variantId: item.variantId, quantity: 1 }],
      },
      { 'idempotency-key': `carry-${++key}` },
    );
    expect(placed.statusCode, placed.body).toBe(201);
  };
  const recordOf = async (email: string) => {
    const res = await caller(t, owner.jar)('GET', `${SHOP}/clients?limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as ClientRow[]).find(
      (c) => c.email.toLowerCase() === email && c.retiredAt === null,
    )!;
  };
  const myWallet = async (jar: Jar) => {
    const res = await caller(t, jar)('GET', `${SHOP}/wallet?limit=50`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { balanceMinor: number; items: EntryRow[] };
  };
  const staffWallet = async (clientId: string) => {
    const res = await caller(t, owner.jar)('GET', `${SHOP}/clients/${clientId}/wallet?limit=50`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { balanceMinor: number; items: EntryRow[] };
  };
  const credit = (clientId: string, amountMinor: number) =>
    t.database.withStudio(studioId, (tx) =>
      adjustWallet(tx, { studioId, clientId, amountMinor, currency: 'THB', reason: 'test credit' }),
    );
  // As data from before records followed their people: a record for another address, attached to them.
  const attach = (clientId: string, userId: string) =>
    t.database.db.execute(sql`update studio_clients set user_id = ${userId} where id = ${clientId}`);

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error', paymentsSandbox: true } });
    bus = createEventBus({ database: t.database, queue: t.queue, logger: pino({ level: 'silent' }) });
    for (const handler of walletEventHandlers({ queue: t.queue, publicUrl: t.config.publicUrl }))
      bus.subscribe(handler);
    await bus.start({ pollIntervalMs: 50 });
    await startMailWorker(t.queue, t.mailer, { work: true });
    owner = await signUpVerified(t, 'carry-owner@example.com');
    const opened = await openShop(
      t,
      owner.jar,
      { slug: 'carry-shop', currency: 'THB', timezone: 'Asia/Bangkok', locale: 'th' },
      [{ key: 'script', kind: 'digital', priceMinor: 45_000 }],
    );
    item = opened.items.script!;
    studioId = opened.studioId;
  });
  afterAll(async () => {
    await bus.stop();
    await t.close();
  });

  it('moving onto an address whose guest record holds money carries that money into her wallet', async () => {
    const ruth = await signUpVerified(t, 'ruth-old@example.com', 'Ruth');
    await place('ruth-old@example.com');
    await place('ruth-new@example.com');
    const hers = await recordOf('ruth-old@example.com');
    const guests = await recordOf('ruth-new@example.com');
    await credit(hers.id, 30_000);
    // Staff refunded a guest order of that address to its wallet, say.
    await credit(guests.id, 7_000);

    await changeEmailVerified(t, ruth.jar, 'ruth-new@example.com');
    const mine = await myWallet(ruth.jar);
    expect(mine.balanceMinor).toBe(37_000);
    const carriedIn = mine.items.find((e) => e.kind === 'transfer');
    expect(carriedIn).toMatchObject({ amountMinor: 7_000, balanceAfterMinor: 37_000 });

    // The guest record's wallet is empty, its last line the other half of the same transfer.
    const left = await staffWallet(guests.id);
    expect(left.balanceMinor).toBe(0);
    expect(left.items[0]).toMatchObject({ kind: 'transfer', amountMinor: -7_000, balanceAfterMinor: 0 });
    expect(carriedIn!.reference).toBe(left.items[0]!.id);

    // Signing in again (which brings records in line once more) moves nothing twice.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.config.publicUrl },
      payload: { email: 'ruth-new@example.com', password: TEST_PASSWORD },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await myWallet(ruth.jar)).toMatchObject({ balanceMinor: 37_000 });
    expect((await myWallet(ruth.jar)).items.filter((e) => e.kind === 'transfer')).toHaveLength(1);
  });

  it('a second record of hers retires into her current one with its balance', async () => {
    const ivy = await signUpVerified(t, 'ivy@example.com', 'Ivy');
    await place('ivy@example.com');
    await place('ivy-work@example.com');
    const current = await recordOf('ivy@example.com');
    const second = await recordOf('ivy-work@example.com');
    await attach(second.id, ivy.userId);
    await credit(current.id, 1_000);
    await credit(second.id, 4_000);

    await changeEmailVerified(t, ivy.jar, 'ivy-home@example.com');
    const wallet = await myWallet(ivy.jar);
    expect(wallet.balanceMinor).toBe(5_000);
    expect(wallet.items.filter((e) => e.kind === 'transfer').map((e) => e.amountMinor)).toEqual([
      expect.any(Number),
    ]);
    // Exactly one record is live, at her new address; the other retired empty.
    const live = await recordOf('ivy-home@example.com');
    const other = [current.id, second.id].find((id) => id !== live.id)!;
    expect([current.id, second.id]).toContain(live.id);
    expect((await staffWallet(other)).balanceMinor).toBe(0);
    expect((await staffWallet(live.id)).balanceMinor).toBe(5_000);
  });

  it('a top-up paid after its record retired lands on her live record, receipt to her new address', async () => {
    const una = await signUpVerified(t, 'una@example.com', 'Una');
    // Her older record (another address, attached) will take the new address; the newer one retires.
    await place('una-before@example.com');
    await place('una@example.com');
    const older = await recordOf('una-before@example.com');
    await attach(older.id, una.userId);
    const newer = await recordOf('una@example.com');
    expect(older.id < newer.id).toBe(true);

    const started = await caller(t, una.jar)(
      'POST',
      `${SHOP}/wallet/top-ups`,
      { amountMinor: 20_000, provider: 'sandbox', sandboxCard: SANDBOX_CARDS.requires_action },
      { 'idempotency-key': `carry-${++key}` },
    );
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({ clientId: newer.id, payment: { status: 'requires_action' } });

    await changeEmailVerified(t, una.jar, 'una-moved@example.com');
    expect((await recordOf('una-moved@example.com')).id).toBe(older.id);

    const confirmed = await caller(t, una.jar)(
      'POST',
      `${SHOP}/payments/${started.json().payment.id}/sandbox/confirm`,
      { outcome: 'complete' },
      { 'idempotency-key': `carry-${++key}` },
    );
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const wallet = await until(async () => {
      const seen = await myWallet(una.jar);
      return seen.balanceMinor > 0 ? seen : null;
    });
    expect(wallet.balanceMinor).toBe(20_000);
    expect((await staffWallet(older.id)).balanceMinor).toBe(20_000);
    expect((await staffWallet(newer.id)).balanceMinor).toBe(0);
    const receipt = await until(
      async () =>
        (await listMail(t.database, { limit: 100 })).items.find(
          (m) => m.template === 'wallet-topup-receipt' && m.toAddress.startsWith('una'),
        ) ?? null,
    );
    expect(receipt.toAddress).toBe('una-moved@example.com');
  });

  it('a refund of a wallet payment goes where the balance went when its record retired', async () => {
    const zoe = await signUpVerified(t, 'zoe@example.com', 'Zoe');
    await place('zoe-before@example.com');
    await place('zoe@example.com');
    const older = await recordOf('zoe-before@example.com');
    const current = await recordOf('zoe@example.com');
    await attach(older.id, zoe.userId);
    await attach(current.id, zoe.userId);
    await credit(current.id, 50_000);
    const bought = await caller(t, zoe.jar)(
      'POST',
      `${SHOP}/checkout`,
      {
        email: 'zoe@example.com',
        name: 'Zoe',
        walletAmountMinor: 45_000,
        lines: [{ variantId: item.variantId, quantity: 1 }],
      },
      { 'idempotency-key': `carry-${++key}` },
    );
    expect(bought.statusCode, bought.body).toBe(201);
    expect((await staffWallet(current.id)).balanceMinor).toBe(5_000);
    // Staff see which record the order is filed under; the client's own views leave the id out.
    const orderId = bought.json().order.id as string;
    const staffView = await caller(t, owner.jar)('GET', `${SHOP}/admin/orders/${orderId}`);
    expect(staffView.json().clientId).toBe(current.id);
    expect((await caller(t, zoe.jar)('GET', `${SHOP}/orders/${orderId}`)).json()).not.toHaveProperty(
      'clientId',
    );
    expect((await caller(t, zoe.jar)('GET', `${SHOP}/my/orders`)).json().items[0]).not.toHaveProperty(
      'clientId',
    );
    expect(bought.json().order).not.toHaveProperty('clientId');

    // Her older record takes the new address; the one she paid from retires, its 5,000 carried over.
    await changeEmailVerified(t, zoe.jar, 'zoe-moved@example.com');
    expect((await recordOf('zoe-moved@example.com')).id).toBe(older.id);
    expect((await staffWallet(older.id)).balanceMinor).toBe(5_000);

    const refunded = await caller(t, owner.jar)(
      'POST',
      `${SHOP}/admin/orders/${bought.json().order.id}/refund`,
      { reason: 'Changed her mind' },
      { 'idempotency-key': `carry-${++key}` },
    );
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect((await staffWallet(older.id)).balanceMinor).toBe(50_000);
    expect((await staffWallet(current.id)).balanceMinor).toBe(0);
    expect((await myWallet(zoe.jar)).balanceMinor).toBe(50_000);
  });

  it("an earlier holder's record that retires when someone else proves the address carries its balance to them", async () => {
    const bo = await signUpVerified(t, 'bo@example.com', 'Bo');
    await place('bo@example.com');
    await place('bo-old@example.com');
    const live = await recordOf('bo@example.com');
    const old = await recordOf('bo-old@example.com');
    await attach(live.id, bo.userId);
    await attach(old.id, bo.userId);
    await credit(old.id, 7_000);

    // Amy proves the address Bo's old record still carries: it retires, and Bo keeps the money.
    const amy = await signUpVerified(t, 'bo-old@example.com', 'Amy');
    expect((await staffWallet(old.id)).balanceMinor).toBe(0);
    expect((await staffWallet(live.id)).balanceMinor).toBe(7_000);
    expect((await myWallet(bo.jar)).balanceMinor).toBe(7_000);
    expect((await myWallet(amy.jar)).balanceMinor).toBe(0);
  });

  it('staff cannot credit a retired record, and can take back what is left there', async () => {
    await place('vera-guest@example.com');
    const guest = await recordOf('vera-guest@example.com');
    await credit(guest.id, 2_000);
    const vera = await signUpVerified(t, 'vera@example.com', 'Vera');
    await place('vera@example.com');
    await changeEmailVerified(t, vera.jar, 'vera-guest@example.com');
    // Her record took the address; the guest one joined her retired, its 2,000 carried over.
    const staff = caller(t, owner.jar);
    const refused = await staff(
      'POST',
      `${SHOP}/clients/${guest.id}/wallet/adjustments`,
      { amountMinor: 500, reason: 'goodwill' },
      { 'idempotency-key': `carry-${++key}` },
    );
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().errors[0]).toMatchObject({ field: 'clientId', reason: 'wallet.record_retired' });
    expect((await myWallet(vera.jar)).balanceMinor).toBe(2_000);
    // Money that reached it some other way (written straight to the ledger here) can be taken back.
    await credit(guest.id, 300);
    const taken = await staff(
      'POST',
      `${SHOP}/clients/${guest.id}/wallet/adjustments`,
      { amountMinor: -300, reason: 'moved by hand' },
      { 'idempotency-key': `carry-${++key}` },
    );
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json().balanceMinor).toBe(0);
  });
  it("lists one client record's orders for staff (the clients area)", async () => {
    await place('wes@example.com');
    await place('xia@example.com');
    await place('wes@example.com');
    const wes = await recordOf('wes@example.com');
    const staff = caller(t, owner.jar);
    const listed = await staff('GET', `${SHOP}/admin/orders?clientId=${wes.id}&limit=100`);
    expect(listed.statusCode, listed.body).toBe(200);
    const emails = (listed.json().items as { email: string }[]).map((o) => o.email);
    expect(emails).toEqual(['wes@example.com', 'wes@example.com']);
    // Another record's id (the studio's own, or none at all) lists none of Wes's.
    const xias = await staff(
      'GET',
      `${SHOP}/admin/orders?clientId=${(await recordOf('xia@example.com')).id}`,
    );
    expect((xias.json().items as { email: string }[]).map((o) => o.email)).toEqual(['xia@example.com']);
    const none = await staff('GET', `${SHOP}/admin/orders?clientId=${uuidv7()}`);
    expect(none.json().items).toEqual([]);
    const bad = await staff('GET', `${SHOP}/admin/orders?clientId=wes`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.clientId');

    // The list's totals per client, in one read: orders, paid less refunded, the last one.
    // One of Wes's orders paid and partly refunded (as the payment events leave it; this file runs only
    // the wallet's handlers).
    const firstId = (listed.json().items as { id: string }[])[0]!.id;
    await t.database.withStudio(studioId, (tx) =>
      tx.execute(sql`update orders set paid_minor = 45000, refunded_minor = 5000 where id = ${firstId}`),
    );
    const xia = await recordOf('xia@example.com');
    const nobody = uuidv7();
    const totals = await staff(
      'GET',
      `${SHOP}/admin/orders/client-totals?clientIds=${wes.id},${xia.id},${nobody}`,
    );
    expect(totals.statusCode, totals.body).toBe(200);
    expect(totals.json().items).toEqual([
      { clientId: wes.id, orders: 2, spentMinor: 40_000, lastOrderAt: expect.any(String) },
      { clientId: xia.id, orders: 1, spentMinor: 0, lastOrderAt: expect.any(String) },
      { clientId: nobody, orders: 0, spentMinor: 0, lastOrderAt: null },
    ]);
    // An id in capitals is the same client, once.
    const shouted = await staff(
      'GET',
      `${SHOP}/admin/orders/client-totals?clientIds=${wes.id.toUpperCase()},${wes.id}`,
    );
    expect(shouted.json().items).toEqual([expect.objectContaining({ clientId: wes.id, orders: 2 })]);
    for (const ids of ['wes', '-'.repeat(36), `${wes.id},`, ''])
      expect((await staff('GET', `${SHOP}/admin/orders/client-totals?clientIds=${ids}`)).statusCode).toBe(
        400,
      );
    expect(
      (await caller(t)('GET', `${SHOP}/admin/orders/client-totals?clientIds=${wes.id}`)).statusCode,
    ).toBe(401);
  });
});
