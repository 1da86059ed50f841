import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../platform/context.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { adjustWallet, SANDBOX_CARDS } from '../payments/index.js';
import { createStudiosService } from '../studios/index.js';
import { caller, openShop, type ShopItem } from './orders.test-fixtures.js';

const { signUpVerified } = identityTesting;
type Jar = InstanceType<typeof identityTesting.Jar>;

const SHOP = '/api/v1/studios/link-shop';

/**
 * Whose orders a signed-in person sees: the ones they placed signed in, and the guest orders of the
 * studio's client record linked to them, which happens only for an address they have proved (a verified
 * email, or checking out signed in with their own). Typing someone else's email at checkout places an
 * order of one's own and hands over nothing of theirs.
 */
describe("orders: a client's own orders follow their proved address, and only theirs", () => {
  let t: TestApp;
  let owner: { jar: Jar };
  let item: ShopItem;
  let key = 0;

  const checkout = (jar: Jar | undefined, email: string, name: string, extra: Record<string, unknown> = {}) =>
    caller(t, jar)(
      'POST',
      `${SHOP}/checkout`,
      {
        email,
        name,
        paymentProvider: 'manual',
        manualMethod: 'bank_transfer',
        lines: [{ variantId: item.variantId, quantity: 1 }],
        ...extra,
      },
      { 'idempotency-key': `client-link-${++key}` },
    );
  const place = async (jar: Jar | undefined, email: string, name: string) => {
    const placed = await checkout(jar, email, name);
    expect(placed.statusCode, placed.body).toBe(201);
    return (placed.json() as { order: { id: string; number: string } }).order;
  };
  const myOrders = async (jar: Jar) => {
    const res = await caller(t, jar)('GET', `${SHOP}/my/orders?limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: string }[]).map((order) => order.id).sort();
  };
  const clientOf = async (email: string) => {
    const res = await caller(t, owner.jar)('GET', `${SHOP}/clients?limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: string; email: string; userId: string | null }[]).find(
      (c) => c.email.toLowerCase() === email,
    );
  };
  const balanceOf = async (jar: Jar) =>
    (await caller(t, jar)('GET', `${SHOP}/wallet?limit=1`)).json().balanceMinor as number;

  let studioId: string;
  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error' } });
    owner = await signUpVerified(t, 'link-owner@example.com');
    const opened = await openShop(
      t,
      owner.jar,
      { slug: 'link-shop', currency: 'THB', timezone: 'Asia/Bangkok', locale: 'th' },
      [{ key: 'script', kind: 'digital', priceMinor: 45_000 }],
    );
    item = opened.items.script!;
    studioId = opened.studioId;
  });
  afterAll(async () => t.close());

  it("a stranger checking out with a guest's email gets their own order, not her history", async () => {
    // Nok buys as a guest; she has no account yet.
    const guestOrder = await place(undefined, 'nok@example.com', 'Nok');
    const stranger = await signUpVerified(t, 'stranger@example.com', 'Stranger');
    const strangersOwn = await place(stranger.jar, 'stranger@example.com', 'Stranger');

    // Signed in, the stranger types Nok's address. The order is theirs (they placed it)...
    const typedHers = await place(stranger.jar, 'nok@example.com', 'Nok');
    expect(await myOrders(stranger.jar)).toEqual([strangersOwn.id, typedHers.id].sort());
    // ...but her client record is not attached to them, so neither is her guest order.
    expect((await clientOf('nok@example.com'))?.userId).toBeNull();
    expect((await clientOf('stranger@example.com'))?.userId).toBe(stranger.userId);
    const peek = await caller(t, stranger.jar)('GET', `${SHOP}/orders/${guestOrder.id}`);
    expect(peek.statusCode).toBe(404);
    const receipt = await caller(t, stranger.jar)('GET', `${SHOP}/orders/${guestOrder.id}/receipt.pdf`);
    expect(receipt.statusCode).toBe(404);

    // Nok proves the address: her guest orders follow her into her account, with the page and receipt.
    const nok = await signUpVerified(t, 'nok@example.com', 'Nok');
    expect((await clientOf('nok@example.com'))?.userId).toBe(nok.userId);
    // Only her guest order: the one the stranger placed signed in stays the stranger's.
    expect(await myOrders(nok.jar)).toEqual([guestOrder.id]);
    const notHers = await caller(t, nok.jar)('GET', `${SHOP}/orders/${typedHers.id}`);
    expect(notHers.statusCode).toBe(404);
    const view = await caller(t, nok.jar)('GET', `${SHOP}/orders/${guestOrder.id}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ id: guestOrder.id, number: guestOrder.number });
    const own = await caller(t, nok.jar)('GET', `${SHOP}/orders/${guestOrder.id}/receipt.pdf`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toContain('application/pdf');
    // Filtered by state, her linked orders are there too.
    const pending = await caller(t, nok.jar)('GET', `${SHOP}/my/orders?status=pending`);
    expect((pending.json().items as { id: string }[]).map((o) => o.id)).toContain(guestOrder.id);
    // And the stranger still sees only the two they placed.
    expect(await myOrders(stranger.jar)).toEqual([strangersOwn.id, typedHers.id].sort());

    // Her wallet pays for her alone: not for a stranger, nor a guest, who types her address.
    const nokClient = (await clientOf('nok@example.com'))!;
    await t.database.withStudio(studioId, (tx) =>
      adjustWallet(tx, {
        studioId,
        clientId: nokClient.id,
        amountMinor: 100_000,
        currency: 'THB',
        reason: 'test credit',
      }),
    );
    for (const jar of [stranger.jar, undefined]) {
      const spend = await checkout(jar, 'nok@example.com', 'Nok', { walletAmountMinor: 45_000 });
      expect(spend.statusCode, spend.body).toBe(400);
      expect(spend.json().errors[0]).toMatchObject({
        field: 'walletAmountMinor',
        reason: 'wallet.own_address_only',
      });
    }
    expect(await balanceOf(nok.jar)).toBe(100_000);
    // She pays from it herself.
    const paid = await checkout(nok.jar, 'nok@example.com', 'Nok', { walletAmountMinor: 45_000 });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(await balanceOf(nok.jar)).toBe(55_000);
  });

  it("a plan and payments started signed in are the buyer's, whatever email they typed", async () => {
    const rin = await signUpVerified(t, 'rin@example.com', 'Rin');
    const buyer = await signUpVerified(t, 'buyer@example.com', 'Buyer');
    const onPlan = {
      paymentProvider: 'sandbox',
      sandboxCard: SANDBOX_CARDS.succeeds,
      paymentPlan: { kind: 'instalments', count: 3 },
      billingAddress: { name: 'Rin', line1: '1 Silom', city: 'Bangkok', postalCode: '10500', country: 'TH' },
    };
    const placePlan = async (jar: Jar | undefined) => {
      const placed = await checkout(jar, 'rin@example.com', 'Rin', onPlan);
      expect(placed.statusCode, placed.body).toBe(201);
      const { order } = placed.json() as { order: { id: string } };
      const view = await caller(t, jar ?? rin.jar)('GET', `${SHOP}/orders/${order.id}`);
      expect(view.statusCode, view.body).toBe(200);
      const { plan, payments } = view.json() as { plan: { planId: string }; payments: { id: string }[] };
      expect(payments).toHaveLength(1);
      return { planId: plan.planId, paymentId: payments[0]!.id };
    };
    const myPlans = async (jar: Jar) => {
      const res = await caller(t, jar)('GET', `${SHOP}/my/payment-plans?limit=100`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: string }[]).map((plan) => plan.id).sort();
    };
    const sees = async (jar: Jar, path: string) => (await caller(t, jar)('GET', `${SHOP}${path}`)).statusCode;

    // The buyer, signed in, types Rin's address (her record is already hers): the plan and its deposit
    // are the buyer's to see and manage, not Rin's.
    const bought = await placePlan(buyer.jar);
    expect(await myPlans(buyer.jar)).toEqual([bought.planId]);
    expect(await sees(buyer.jar, `/payment-plans/${bought.planId}`)).toBe(200);
    expect(await sees(buyer.jar, `/payments/${bought.paymentId}`)).toBe(200);
    expect(await myPlans(rin.jar)).toEqual([]);
    expect(await sees(rin.jar, `/payment-plans/${bought.planId}`)).toBe(404);
    expect(await sees(rin.jar, `/payments/${bought.paymentId}`)).toBe(404);

    // A plan placed signed out with her address is hers (through her client record), and not the buyer's.
    const guests = await placePlan(undefined);
    expect(await myPlans(rin.jar)).toEqual([guests.planId]);
    expect(await sees(rin.jar, `/payment-plans/${guests.planId}`)).toBe(200);
    expect(await sees(rin.jar, `/payments/${guests.paymentId}`)).toBe(200);
    expect(await myPlans(buyer.jar)).toEqual([bought.planId]);
    expect(await sees(buyer.jar, `/payment-plans/${guests.planId}`)).toBe(404);
    expect(await sees(buyer.jar, `/payments/${guests.paymentId}`)).toBe(404);

    // Staff cannot refund the buyer's deposit into Rin's wallet (the record the typed address names);
    // to the card it goes. Rin's own guest deposit may go to her wallet.
    const refund = (paymentId: string, to: 'wallet' | 'original') =>
      caller(t, owner.jar)(
        'POST',
        `${SHOP}/payments/${paymentId}/refunds`,
        { amountMinor: 100, to, reason: 'goodwill' },
        { 'idempotency-key': `client-link-${++key}` },
      );
    const intoHers = await refund(bought.paymentId, 'wallet');
    expect(intoHers.statusCode, intoHers.body).toBe(400);
    expect(intoHers.json().errors[0]).toMatchObject({ field: 'to', reason: 'refund.wallet_not_payers' });
    expect((await refund(bought.paymentId, 'original')).statusCode).toBe(200);
    const toRin = await refund(guests.paymentId, 'wallet');
    expect(toRin.statusCode, toRin.body).toBe(200);
  });

  it('someone with a record for an earlier address sees the wallet of their current one', async () => {
    const moved = await signUpVerified(t, 'moved@example.com', 'Moved');
    const studios = createStudiosService({ database: t.database, cache: t.cache });
    const credit = (email: string, amountMinor: number) =>
      t.database.withStudio(studioId, async (tx) => {
        // The older record first: an address they proved before changing it.
        const client = await studios.upsertClient(
          { studioId, actor: ANONYMOUS, tx },
          { email, name: 'Moved', userId: moved.userId },
        );
        await adjustWallet(tx, {
          studioId,
          clientId: client.id,
          amountMinor,
          currency: 'THB',
          reason: 'test',
        });
      });
    await credit('moved-before@example.com', 10_000);
    await credit('moved@example.com', 20_000);
    // Top-ups go to the current address's record, so the wallet shown is that one.
    expect(await balanceOf(moved.jar)).toBe(20_000);
  });

  it('a wallet top-up from an address nobody proved is refused, attaching nothing', async () => {
    const kit = await signUpVerified(t, 'kit@example.com', 'Kit');
    await identityTesting.markEmailUnverified(t, kit.userId);
    const topup = await caller(t, kit.jar)(
      'POST',
      `${SHOP}/wallet/top-ups`,
      { amountMinor: 50_000, provider: 'promptpay' },
      { 'idempotency-key': `client-link-${++key}` },
    );
    expect(topup.statusCode, topup.body).toBe(422);
    expect(topup.json().errors[0]).toMatchObject({ field: 'email', reason: 'wallet.email_unverified' });
    expect(await clientOf('kit@example.com')).toBeUndefined();
  });

  it('an order placed signed out with the address of an account shows in that account', async () => {
    const ploy = await signUpVerified(t, 'ploy@example.com', 'Ploy');
    // Her client record is made by this order, after she verified: filed under her account at once.
    const signedOut = await place(undefined, 'Ploy@Example.com', 'Ploy');
    expect((await clientOf('ploy@example.com'))?.userId).toBe(ploy.userId);
    expect(await myOrders(ploy.jar)).toEqual([signedOut.id]);
    const view = await caller(t, ploy.jar)('GET', `${SHOP}/orders/${signedOut.id}`);
    expect(view.statusCode, view.body).toBe(200);
  });
});
