import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { SANDBOX_CARDS } from '../payments/index.js';
import { caller, fieldsOf, openShop, type ShopItem } from './orders.test-fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const SHOP = '/api/v1/studios/muse';
const ADDRESS = { name: 'Ann', line1: '1 Sukhumvit', city: 'Bangkok', postalCode: '10110', country: 'TH' };
const guestCookie = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.find((c) => c.name === 'atelier_cart')?.value;

describe('orders: cart and checkout', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let items: Record<string, ShopItem>;
  let key = 0;
  const nextKey = () => `key-${++key}`;

  const checkout = (jar: Jar | undefined, body: Record<string, unknown>, idempotencyKey = nextKey()) =>
    caller(t, jar)('POST', `${SHOP}/checkout`, body, { 'idempotency-key': idempotencyKey });
  const buyer = (extra: Record<string, unknown> = {}) => ({
    email: 'ann@example.com',
    name: 'Ann',
    shippingAddress: ADDRESS,
    shippingMethodId: 'post',
    paymentProvider: 'manual',
    manualMethod: 'bank_transfer',
    ...extra,
  });

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error' } });
    owner = await signUpVerified(t, 'muse-owner@example.com');
    ({ items } = await openShop(
      t,
      owner.jar,
      { slug: 'muse', currency: 'THB', timezone: 'Asia/Bangkok', locale: 'th' },
      [
        { key: 'print', kind: 'product', priceMinor: 1005, stock: 500, weightGrams: 300 },
        { key: 'poster', kind: 'product', priceMinor: 2003, stock: 5, weightGrams: 600 },
        { key: 'bulk', kind: 'product', priceMinor: 100, stock: 1000, minOrderQuantity: 10, weightGrams: 10 },
        { key: 'brushes', kind: 'digital', priceMinor: 50_000 },
      ],
    ));
    const settings = await caller(t, owner.jar)('PATCH', `${SHOP}/admin/commerce-settings`, {
      orderNumberPrefix: 'EM',
      pricesIncludeTax: false,
      taxRates: [{ country: 'TH', rateBps: 700 }],
      shippingMethods: [
        {
          id: 'post',
          name: 'Thai Post',
          kind: 'weight',
          priceMinor: 0,
          bands: [
            { upToGrams: 1000, priceMinor: 500 },
            { upToGrams: 5000, priceMinor: 900 },
          ],
        },
        { id: 'ems', name: 'EMS', kind: 'free_over', priceMinor: 800, freeOverMinor: 10_000 },
        { id: 'pickup', name: 'Pick up', kind: 'pickup', priceMinor: 0 },
      ],
    });
    expect(settings.statusCode, settings.body).toBe(200);
  });
  afterAll(async () => t.close());

  it('keeps a guest cart by cookie, checks quantities against stock and minimum, and merges it on sign-in', async () => {
    const add = await caller(t)('POST', `${SHOP}/cart/lines`, {
      variantId: items.print!.variantId,
      quantity: 2,
    });
    expect(add.statusCode, add.body).toBe(200);
    const token = guestCookie(add);
    expect(token).toBeTruthy();
    const withCookie = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: { origin: t.config.publicUrl, cookie: `atelier_cart=${token}` },
        ...(payload ? { payload: payload as object } : {}),
      });

    const tooMany = await withCookie('POST', `${SHOP}/cart/lines`, {
      variantId: items.poster!.variantId,
      quantity: 6,
    });
    expect(tooMany.statusCode).toBe(409);
    expect(fieldsOf(tooMany)).toEqual(['quantity']);
    const tooFew = await withCookie('POST', `${SHOP}/cart/lines`, {
      variantId: items.bulk!.variantId,
      quantity: 3,
    });
    expect(tooFew.statusCode).toBe(400);
    expect(fieldsOf(tooFew)).toEqual(['quantity']);
    const unknown = await withCookie('POST', `${SHOP}/cart/lines`, {
      variantId: '01900000-0000-7000-8000-000000000001',
      quantity: 1,
    });
    expect(unknown.statusCode).toBe(404);

    const cart = await withCookie('GET', `${SHOP}/cart`);
    expect(cart.json()).toMatchObject({
      itemCount: 2,
      subtotalMinor: 2010,
      requiresShipping: true,
      hasNotices: false,
    });

    // The same person signs in: their account cart already has a line; the guest cart joins it.
    const client = await signUpVerified(t, 'merge@example.com');
    await caller(t, client.jar)('POST', `${SHOP}/cart/lines`, {
      variantId: items.print!.variantId,
      quantity: 1,
    });
    const merged = await t.app.inject({
      method: 'GET',
      url: `${SHOP}/cart`,
      headers: { cookie: `${client.jar.header()}; atelier_cart=${token}` },
    });
    expect(merged.json().lines).toHaveLength(1);
    expect(merged.json().lines[0]).toMatchObject({ quantity: 3, unitPriceMinor: 1005 });
    expect(merged.cookies.find((c) => c.name === 'atelier_cart')?.value).toBe('');
    // The guest cart is gone.
    expect((await withCookie('GET', `${SHOP}/cart`)).json().lines).toEqual([]);
  });

  it('previews totals to the minor unit (exclusive 7% VAT per line, weight shipping) without creating anything', async () => {
    const preview = await caller(t)('POST', `${SHOP}/checkout/preview`, {
      ...buyer(),
      lines: [
        { variantId: items.print!.variantId, quantity: 1 },
        { variantId: items.poster!.variantId, quantity: 1 },
      ],
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const s = preview.json();
    // 1005 + 2003 = 3008; 900 g -> 500 shipping; tax 70.35 -> 70, 140.21 -> 140, shipping 35.
    expect(s).toMatchObject({
      subtotalMinor: 3008,
      discountMinor: 0,
      shippingMinor: 500,
      taxMinor: 245,
      totalMinor: 3753,
    });
    // EMS ships free from 10,000: 6,992 short of it.
    expect(s.shippingOptions).toEqual([
      { id: 'post', name: 'Thai Post', kind: 'weight', priceMinor: 500, moreForFreeMinor: null },
      { id: 'ems', name: 'EMS', kind: 'free_over', priceMinor: 800, moreForFreeMinor: 6992 },
      { id: 'pickup', name: 'Pick up', kind: 'pickup', priceMinor: 0, moreForFreeMinor: null },
    ]);
    // Past the line (10 prints: 10,050), EMS is free and asks for nothing more.
    const over = await caller(t)('POST', `${SHOP}/checkout/preview`, {
      ...buyer(),
      lines: [{ variantId: items.print!.variantId, quantity: 10 }],
    });
    expect(over.statusCode, over.body).toBe(200);
    expect(over.json().shippingOptions.find((o: { id: string }) => o.id === 'ems')).toMatchObject({
      priceMinor: 0,
      moreForFreeMinor: null,
    });
    const orders = await caller(t, owner.jar)('GET', `${SHOP}/admin/orders`);
    expect(orders.json().items).toEqual([]);
  });

  it('ignores a tampered price: the server prices every line', async () => {
    const res = await checkout(
      undefined,
      buyer({ lines: [{ variantId: items.print!.variantId, quantity: 2, unitPriceMinor: 1 }] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const { order, nextAction } = res.json();
    expect(order.lines[0]).toMatchObject({ unitPriceMinor: 1005, quantity: 2 });
    // 2010 + tax 141 (140.7) + shipping 500 (600 g) + 35 = 2686
    expect(order).toMatchObject({
      subtotalMinor: 2010,
      shippingMinor: 500,
      taxMinor: 176,
      totalMinor: 2686,
      status: 'pending',
      paymentStatus: 'unpaid',
    });
    expect(order.number).toMatch(/^EM-\d{4}-\d{6}$/);
    expect(nextAction.type).toBe('bank_transfer');
  });

  it('asks for a shipping address and method for physical goods, not for digital ones', async () => {
    const noAddress = await checkout(
      undefined,
      buyer({ shippingAddress: undefined, lines: [{ variantId: items.print!.variantId, quantity: 1 }] }),
    );
    expect(noAddress.statusCode).toBe(400);
    expect(fieldsOf(noAddress)).toEqual(['shippingAddress']);
    const digital = await checkout(undefined, {
      email: 'dig@example.com',
      name: 'Dig',
      paymentProvider: 'sandbox',
      sandboxCard: SANDBOX_CARDS.succeeds,
      lines: [{ variantId: items.brushes!.variantId, quantity: 1 }],
    });
    expect(digital.statusCode, digital.body).toBe(201);
    expect(digital.json().order).toMatchObject({
      shippingMinor: 0,
      taxMinor: 0,
      totalMinor: 50_000,
      status: 'paid',
      paymentStatus: 'paid',
    });
  });

  it('tells the page whether the tax waits for an address (rates by country) or not (one rate for all)', async () => {
    const digitalPreview = async () =>
      caller(t)('POST', `${SHOP}/checkout/preview`, {
        email: 'dig@example.com',
        name: 'Dig',
        lines: [{ variantId: items.brushes!.variantId, quantity: 1 }],
      });
    const byCountry = await digitalPreview();
    expect(byCountry.statusCode, byCountry.body).toBe(200);
    expect(byCountry.json()).toMatchObject({ taxByAddress: true, requiresShipping: false });

    const patch = (body: object) => caller(t, owner.jar)('PATCH', `${SHOP}/admin/commerce-settings`, body);
    expect((await patch({ taxRates: [], defaultTaxRateBps: 700 })).statusCode).toBe(200);
    try {
      // One rate for everyone: the tax is known without an address, so a digital order needs none.
      const flat = await digitalPreview();
      expect(flat.json()).toMatchObject({ taxByAddress: false, taxRateBps: 700, taxMinor: 3500 });
    } finally {
      expect(
        (await patch({ taxRates: [{ country: 'TH', rateBps: 700 }], defaultTaxRateBps: 0 })).statusCode,
      ).toBe(200);
    }
  });

  it('refuses a declined card without leaving an order or holding stock', async () => {
    const before = (
      await caller(t)(
        'POST',
        `${SHOP}/checkout/preview`,
        buyer({ lines: [{ variantId: items.poster!.variantId, quantity: 5 }] }),
      )
    ).statusCode;
    expect(before).toBe(200);
    const res = await checkout(
      undefined,
      buyer({
        paymentProvider: 'sandbox',
        sandboxCard: SANDBOX_CARDS.declines,
        manualMethod: undefined,
        lines: [{ variantId: items.poster!.variantId, quantity: 5 }],
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toEqual(['sandboxCard']);
    // All five posters are still there.
    const again = await caller(t)(
      'POST',
      `${SHOP}/checkout/preview`,
      buyer({ lines: [{ variantId: items.poster!.variantId, quantity: 5 }] }),
    );
    expect(again.statusCode).toBe(200);
  });

  it('names the rule of each refusal a client can meet at checkout, for the page to word', async () => {
    const print = (quantity = 1) => [{ variantId: items.print!.variantId, quantity }];
    /** The answer's status and its one field error (field, reason, params). */
    const refusal = async (jar: Jar | undefined, body: Record<string, unknown>) => {
      const res = await checkout(jar, body);
      const errors = (res.json().errors ?? []) as { field: string; reason?: string; params?: unknown }[];
      expect(errors, res.body).toHaveLength(1);
      const [{ field, reason, params }] = errors as [(typeof errors)[number]];
      return { status: res.statusCode, field, reason, ...(params ? { params } : {}) };
    };

    // The cart, shipping and how to pay.
    expect(await refusal(undefined, buyer())).toEqual({ status: 400, field: 'lines', reason: 'cart.empty' });
    expect(await refusal(undefined, buyer({ lines: print(), shippingMethodId: 'drone' }))).toEqual({
      status: 400,
      field: 'shippingMethodId',
      reason: 'shipping.method_unknown',
    });
    // 20 prints weigh 6 kg, more than the post's heaviest band.
    expect(await refusal(undefined, buyer({ lines: print(20) }))).toEqual({
      status: 409,
      field: 'shippingMethodId',
      reason: 'shipping.method_cannot_ship',
    });
    expect(await refusal(undefined, buyer({ lines: print(), shippingMethodId: undefined }))).toEqual({
      status: 400,
      field: 'shippingMethodId',
      reason: 'shipping.method_needed',
    });
    expect(await refusal(undefined, buyer({ lines: print(), shippingAddress: undefined }))).toMatchObject({
      field: 'shippingAddress',
      reason: 'shipping.address_needed',
    });
    expect(
      await refusal(
        undefined,
        buyer({ lines: print(), paymentProvider: undefined, manualMethod: undefined }),
      ),
    ).toEqual({ status: 400, field: 'paymentProvider', reason: 'payment.method_needed' });
    expect(await refusal(undefined, buyer({ lines: print(), manualMethod: undefined }))).toEqual({
      status: 400,
      field: 'manualMethod',
      reason: 'payment.manual_method_needed',
    });

    // A method the studio does not offer is refused on the field the client chose it with.
    expect(await refusal(undefined, buyer({ lines: print(), paymentProvider: 'promptpay' }))).toEqual({
      status: 400,
      field: 'paymentProvider',
      reason: 'payment.promptpay_not_set_up',
    });
    expect(await refusal(undefined, buyer({ lines: print(), paymentProvider: 'stripe' }))).toEqual({
      status: 400,
      field: 'paymentProvider',
      reason: 'payment.method_off',
      params: { provider: 'stripe' },
    });
    const settings = `${SHOP}/payment-settings`;
    const bankOnly = await caller(t, owner.jar)('PUT', settings, { manualMethods: ['bank_transfer'] });
    expect(bankOnly.statusCode, bankOnly.body).toBe(200);
    expect(await refusal(undefined, buyer({ lines: print(), manualMethod: 'cash' }))).toEqual({
      status: 400,
      field: 'paymentProvider',
      reason: 'payment.manual_method_off',
      params: { method: 'cash' },
    });
    const noSandbox = await caller(t, owner.jar)('PUT', settings, { enabledProviders: ['manual'] });
    expect(noSandbox.statusCode, noSandbox.body).toBe(200);
    expect(
      await refusal(
        undefined,
        buyer({ lines: print(), paymentProvider: 'sandbox', sandboxCard: SANDBOX_CARDS.succeeds }),
      ),
    ).toEqual({
      status: 400,
      field: 'paymentProvider',
      reason: 'payment.method_off',
      params: { provider: 'sandbox' },
    });
    const restored = await caller(t, owner.jar)('PUT', settings, {
      enabledProviders: ['manual', 'sandbox', 'wallet', 'promptpay', 'stripe'],
      manualMethods: ['bank_transfer', 'cash', 'invoice'],
    });
    expect(restored.statusCode, restored.body).toBe(200);
    // A sandbox card number that is none of the test cards says which one pays.
    expect(
      await refusal(
        undefined,
        buyer({ lines: print(), paymentProvider: 'sandbox', sandboxCard: '4111 1111 1111 1111' }),
      ),
    ).toEqual({
      status: 400,
      field: 'sandboxCard',
      reason: 'sandbox.unknown_card',
      params: { card: SANDBOX_CARDS.succeeds },
    });

    // A payment plan is charged to a card, automatically.
    const plan = (extra: Record<string, unknown>) =>
      buyer({ lines: print(), paymentPlan: { kind: 'deposit' }, ...extra });
    expect(await refusal(undefined, plan({}))).toEqual({
      status: 400,
      field: 'paymentProvider',
      reason: 'plan.card_only',
    });
    // By Stripe, on a studio that has not turned Stripe on: refused like a payment in full by Stripe.
    expect(await refusal(undefined, plan({ paymentProvider: 'stripe', manualMethod: undefined }))).toEqual({
      status: 400,
      field: 'paymentProvider',
      reason: 'payment.method_off',
      params: { provider: 'stripe' },
    });
    expect(await refusal(undefined, plan({ paymentProvider: 'sandbox', manualMethod: undefined }))).toEqual({
      status: 400,
      field: 'sandboxCard',
      reason: 'plan.card_needed',
    });
    expect(
      await refusal(
        undefined,
        plan({
          paymentProvider: 'sandbox',
          manualMethod: undefined,
          sandboxCard: SANDBOX_CARDS.succeeds,
          walletAmountMinor: 100,
        }),
      ),
    ).toEqual({ status: 400, field: 'walletAmountMinor', reason: 'plan.no_wallet' });

    // Paying more from the wallet than it holds: what it holds and what was asked, as money.
    const client = await signUpVerified(t, 'wallet-short@example.com');
    expect(
      await refusal(
        client.jar,
        buyer({ email: 'wallet-short@example.com', lines: print(), walletAmountMinor: 500 }),
      ),
    ).toEqual({
      status: 409,
      field: 'walletAmountMinor',
      reason: 'wallet.balance_too_low',
      params: { balanceMinor: 0, amountMinor: 500, currency: 'THB' },
    });
  });

  it('places one order for two identical checkouts in flight (Idempotency-Key)', async () => {
    const body = buyer({
      email: 'twice@example.com',
      lines: [{ variantId: items.print!.variantId, quantity: 1 }],
    });
    const [a, b] = await Promise.all([
      checkout(undefined, body, 'same-key'),
      checkout(undefined, body, 'same-key'),
    ]);
    const ok = [a, b].filter((r) => r.statusCode === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    // The loser either replays the first answer or is told the first is still running.
    for (const r of [a, b]) expect([201, 409]).toContain(r.statusCode);
    const replay = await checkout(undefined, body, 'same-key');
    expect(replay.statusCode).toBe(201);
    expect(new Set([...ok, replay].map((r) => r.json().order.id)).size).toBe(1);
    const list = await caller(t, owner.jar)('GET', `${SHOP}/admin/orders?q=twice%40example.com`);
    expect(list.json().items).toHaveLength(1);
    const noKey = await caller(t)('POST', `${SHOP}/checkout`, body);
    expect(noKey.statusCode).toBe(400);
  });
});
