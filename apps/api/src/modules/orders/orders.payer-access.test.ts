import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { SANDBOX_CARDS } from '../payments/index.js';
import * as paymentsTesting from '../payments/testing.js';
import { caller, openShop, type ShopItem } from './orders.test-fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const SHOP = '/api/v1/studios/qr-shop';
const OTHER = '/api/v1/studios/other-shop';
const PUBLISHABLE_KEY = 'pk_test_payer_access';
const BILLING = { name: 'Guest', line1: '1 Sukhumvit', city: 'Bangkok', postalCode: '10110', country: 'TH' };
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
).toString('base64');

interface OrderPaymentJson {
  id: string;
  provider: string;
  status: string;
  nextAction: { type: string; clientSecret?: string; publishableKey?: string };
  accessToken?: string;
}

/**
 * Who may act on an order's payment: its buyer (signed-in client, or a guest holding the order's
 * token, who gets each open payment's access token in the order view) and nobody else, who gets 404.
 * The Stripe client secret reaches the buyer only; staff see the payment without it.
 */
describe('payer access: guests finish payment steps; Stripe secrets only for the buyer', () => {
  let stand: paymentsTesting.StripeStandIn;
  let t: TestApp;
  let owner: { jar: Jar };
  let buyer: { jar: Jar };
  let stranger: { jar: Jar };
  let item: ShopItem;
  let key = 0;

  const checkout = (jar: Jar | undefined, body: Record<string, unknown>) =>
    caller(t, jar)(
      'POST',
      `${SHOP}/checkout`,
      {
        email: 'guest@example.com',
        name: 'Guest',
        billingAddress: BILLING,
        lines: [{ variantId: item.variantId, quantity: 1 }],
        ...body,
      },
      { 'idempotency-key': `payer-access-${++key}` },
    );
  const placeAsGuest = async (body: Record<string, unknown>) => {
    const placed = await checkout(undefined, body);
    expect(placed.statusCode, placed.body).toBe(201);
    const { order, accessToken } = placed.json() as { order: { id: string }; accessToken: string };
    const view = await caller(t)('GET', `${SHOP}/orders/${order.id}?token=${accessToken}`);
    expect(view.statusCode, view.body).toBe(200);
    const payment = (view.json().payments as OrderPaymentJson[]).find((p) => p.provider !== 'wallet')!;
    return { orderId: order.id, orderToken: accessToken, payment };
  };
  const post = (url: string, payload: unknown) =>
    caller(t)('POST', url, payload, { 'idempotency-key': `post-${++key}` });

  beforeAll(async () => {
    stand = await paymentsTesting.startStripeStandIn();
    t = await buildTestApp({
      config: {
        logLevel: 'error',
        stripe: {
          secretKey: 'sk_test_payer_access',
          publishableKey: PUBLISHABLE_KEY,
          webhookSecret: 'whsec_payer_access',
          apiUrl: stand.url,
        },
      },
    });
    owner = await signUpVerified(t, 'qr-owner@example.com');
    buyer = await signUpVerified(t, 'qr-buyer@example.com');
    stranger = await signUpVerified(t, 'qr-stranger@example.com');
    const shop = { currency: 'THB', timezone: 'Asia/Bangkok', locale: 'th' };
    const opened = await openShop(t, owner.jar, { slug: 'qr-shop', ...shop }, [
      { key: 'script', kind: 'digital', priceMinor: 45_000 },
    ]);
    item = opened.items.script!;
    await openShop(t, stranger.jar, { slug: 'other-shop', ...shop }, []);
    const settings = await caller(t, owner.jar)('PUT', `${SHOP}/payment-settings`, {
      promptPayId: '0812345678',
      stripeEnabled: true,
    });
    expect(settings.statusCode, settings.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await stand.close();
  });

  it('a guest with the order link uploads a PromptPay slip; a wrong, missing or foreign token is 404', async () => {
    const { payment, orderToken } = await placeAsGuest({ paymentProvider: 'promptpay' });
    expect(payment.nextAction.type).toBe('promptpay_qr');
    expect(payment.accessToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const slip = (token?: string, shop = SHOP) =>
      post(`${shop}/payments/${payment.id}/slip${token === undefined ? '' : `?token=${token}`}`, {
        contentType: 'image/png',
        dataBase64: PNG,
      });

    expect((await slip()).statusCode).toBe(404);
    expect((await slip('not-the-token-at-all')).statusCode).toBe(404);
    // The order's own token opens the order, not the payment: the order view hands out the payment's.
    expect((await slip(orderToken)).statusCode).toBe(404);
    expect((await slip(payment.accessToken, OTHER)).statusCode).toBe(404);
    const sent = await slip(payment.accessToken);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().hasProof).toBe(true);

    // The studio sees the slip.
    const seen = await caller(t, owner.jar)('GET', `${SHOP}/payments?provider=promptpay`);
    const row = (seen.json().items as { id: string; proofUrl: string | null }[]).find(
      (p) => p.id === payment.id,
    );
    expect(row?.proofUrl).toMatch(/^http/);
  });

  it('a guest finishes the sandbox 3-D Secure step with the token from the order view', async () => {
    const { orderId, orderToken, payment } = await placeAsGuest({
      paymentProvider: 'sandbox',
      sandboxCard: SANDBOX_CARDS.requires_action,
    });
    expect(payment.status).toBe('requires_action');
    const confirm = (token?: string, shop = SHOP) =>
      post(`${shop}/payments/${payment.id}/sandbox/confirm${token === undefined ? '' : `?token=${token}`}`, {
        outcome: 'complete',
      });
    expect((await confirm()).statusCode).toBe(404);
    expect((await confirm('wrong-token-wrong-token')).statusCode).toBe(404);
    expect((await confirm(payment.accessToken, OTHER)).statusCode).toBe(404);
    // Signed in as somebody else does not help either.
    expect(
      (
        await caller(t, stranger.jar)(
          'POST',
          `${SHOP}/payments/${payment.id}/sandbox/confirm`,
          { outcome: 'complete' },
          { 'idempotency-key': `stranger-${++key}` },
        )
      ).statusCode,
    ).toBe(404);
    const done = await confirm(payment.accessToken);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('succeeded');

    // Once nothing is open any more, the order view hands out no payment token.
    const after = await caller(t)('GET', `${SHOP}/orders/${orderId}?token=${orderToken}`);
    expect((after.json().payments as OrderPaymentJson[]).every((p) => p.accessToken === undefined)).toBe(
      true,
    );
  });

  it('the order of another studio, or a wrong order token, is 404 and hands out nothing', async () => {
    const { orderId, orderToken } = await placeAsGuest({ paymentProvider: 'promptpay' });
    expect((await caller(t)('GET', `${OTHER}/orders/${orderId}?token=${orderToken}`)).statusCode).toBe(404);
    expect((await caller(t)('GET', `${SHOP}/orders/${orderId}?token=${'x'.repeat(43)}`)).statusCode).toBe(
      404,
    );
    // Staff look at the order without the payer's token.
    const admin = await caller(t, owner.jar)('GET', `${SHOP}/admin/orders/${orderId}`);
    expect(admin.statusCode, admin.body).toBe(200);
    expect((admin.json().payments as OrderPaymentJson[])[0]!.accessToken).toBeUndefined();
  });

  it('a Stripe payment: client secret and publishable key for the buyer only, never for staff or others', async () => {
    const placed = await checkout(buyer.jar, { email: 'qr-buyer@example.com', paymentProvider: 'stripe' });
    expect(placed.statusCode, placed.body).toBe(201);
    const { order, accessToken: orderToken, paymentId } = placed.json();
    const secretOf = (payment: OrderPaymentJson | undefined) => payment?.nextAction.clientSecret;
    const paymentIn = (res: { json: () => { payments: OrderPaymentJson[] } }) =>
      res.json().payments.find((p) => p.id === paymentId);

    // The buyer, signed in: the order page gets what Stripe.js needs, and the payment's token.
    const own = await caller(t, buyer.jar)('GET', `${SHOP}/orders/${order.id}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(paymentIn(own)?.nextAction).toMatchObject({
      type: 'stripe_confirm',
      clientSecret: expect.stringMatching(/^pi_.+_secret_.+/),
      publishableKey: PUBLISHABLE_KEY,
    });
    const secret = secretOf(paymentIn(own));
    const paymentToken = paymentIn(own)?.accessToken;
    expect(paymentToken).toBeTruthy();

    // The same buyer by the emailed order link (no session), and the payment by its token.
    const byLink = await caller(t)('GET', `${SHOP}/orders/${order.id}?token=${orderToken}`);
    expect(secretOf(paymentIn(byLink))).toBe(secret);
    const payment = await caller(t)('GET', `${SHOP}/payments/${paymentId}?token=${paymentToken}`);
    expect(payment.json().nextAction).toMatchObject({
      clientSecret: secret,
      publishableKey: PUBLISHABLE_KEY,
    });

    // Staff: the payment, the list and the admin order page, all without the secret.
    const blank = { type: 'stripe_confirm', clientSecret: '', publishableKey: '' };
    const staffView = await caller(t, owner.jar)('GET', `${SHOP}/payments/${paymentId}`);
    expect(staffView.statusCode).toBe(200);
    expect(staffView.json().nextAction).toEqual(blank);
    const list = await caller(t, owner.jar)('GET', `${SHOP}/payments?provider=stripe`);
    expect(list.json().items.find((p: { id: string }) => p.id === paymentId).nextAction).toEqual(blank);
    const admin = await caller(t, owner.jar)('GET', `${SHOP}/admin/orders/${order.id}`);
    expect(paymentIn(admin)?.nextAction).toEqual(blank);
    expect(paymentIn(admin)?.accessToken).toBeUndefined();

    // Anybody else: 404, and the secret appears in no answer.
    const others = [
      await caller(t)('GET', `${SHOP}/payments/${paymentId}`),
      await caller(t)('GET', `${SHOP}/payments/${paymentId}?token=${orderToken}`),
      await caller(t, stranger.jar)('GET', `${SHOP}/payments/${paymentId}`),
      await caller(t, stranger.jar)('GET', `${SHOP}/orders/${order.id}`),
      await caller(t)('GET', `${OTHER}/payments/${paymentId}?token=${paymentToken}`),
      await caller(t)('GET', `${OTHER}/orders/${order.id}?token=${orderToken}`),
    ];
    expect(others.map((res) => res.statusCode)).toEqual([404, 404, 404, 404, 404, 404]);
    for (const res of [...others, staffView, list, admin]) expect(res.body).not.toContain(secret!);
  });
});
