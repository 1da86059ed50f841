import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { SANDBOX_CARDS } from '../payments/index.js';
import { caller, openShop, type ShopItem } from './orders.test-fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const SHOP = '/api/v1/studios/slip-shop';
const BILLING = { name: 'Guest', line1: '1 Sukhumvit', city: 'Bangkok', postalCode: '10110', country: 'TH' };
const USER_AGENT = 'order-admin-test-browser/2.0';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
).toString('base64');

interface OrderPaymentJson {
  id: string;
  provider: string;
  status: string;
  hasSlip: boolean;
  slipRejectedReason: string | null;
  accessToken?: string;
}

/**
 * The order's payment view tells the slip's whole story (attached? turned down, and why, in the staff's
 * own words), so the payer's and the staff's order pages need no second read of the payment; and a
 * refund started from the admin order page is audited with where the request came from.
 */
describe("order payment view: the slip's story; refunds from the order page audited", () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let buyer: { jar: Jar; userId: string };
  let item: ShopItem;
  let key = 0;

  const headers = () => ({ 'idempotency-key': `payment-view-${++key}`, 'user-agent': USER_AGENT });
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
      headers(),
    );
  const staff = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    caller(t, owner.jar)(method, `${SHOP}${url}`, payload, method === 'POST' ? headers() : {});
  const paymentOf = (res: { statusCode: number; body: string; json: () => unknown }) => {
    expect(res.statusCode, res.body).toBe(200);
    const payments = (res.json() as { payments: OrderPaymentJson[] }).payments;
    expect(payments).toHaveLength(1);
    return payments[0]!;
  };
  const sendSlip = async (paymentId: string, query: string, jar?: Jar) => {
    const res = await caller(t, jar)(
      'POST',
      `${SHOP}/payments/${paymentId}/slip${query}`,
      { contentType: 'image/png', dataBase64: PNG },
      headers(),
    );
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error', rateLimitPerMinute: 100_000 } });
    owner = await signUpVerified(t, 'slip-owner@example.com');
    buyer = await signUpVerified(t, 'slip-buyer@example.com');
    const opened = await openShop(
      t,
      owner.jar,
      { slug: 'slip-shop', currency: 'THB', timezone: 'Asia/Bangkok', locale: 'th' },
      [{ key: 'script', kind: 'digital', priceMinor: 45_000 }],
    );
    item = opened.items.script!;
    const settings = await caller(t, owner.jar)('PUT', `${SHOP}/payment-settings`, {
      promptPayId: '0812345678',
    });
    expect(settings.statusCode, settings.body).toBe(200);
  });
  afterAll(async () => t.close());

  it("a guest's PromptPay slip, turned down: both order views carry it, in the staff's words only", async () => {
    const placed = await checkout(undefined, { paymentProvider: 'promptpay' });
    expect(placed.statusCode, placed.body).toBe(201);
    const { order, accessToken: orderToken } = placed.json() as {
      order: { id: string };
      accessToken: string;
    };
    const guestView = () => caller(t)('GET', `${SHOP}/orders/${order.id}?token=${orderToken}`);
    const adminView = () => staff('GET', `/admin/orders/${order.id}`);

    const fresh = paymentOf(await guestView());
    expect(fresh).toMatchObject({ provider: 'promptpay', hasSlip: false, slipRejectedReason: null });
    expect(paymentOf(await adminView())).toMatchObject({ hasSlip: false, slipRejectedReason: null });

    await sendSlip(fresh.id, `?token=${fresh.accessToken}`);
    expect(paymentOf(await guestView())).toMatchObject({ hasSlip: true, slipRejectedReason: null });
    expect(paymentOf(await adminView())).toMatchObject({ hasSlip: true, slipRejectedReason: null });

    const reason = 'The slip shows ฿450.00 to another account';
    const rejected = await staff('POST', `/payments/${fresh.id}/slip/reject`, { reason: `  ${reason}  ` });
    expect(rejected.statusCode, rejected.body).toBe(200);
    // Exactly the words, trimmed: no English lead for the pages to strip.
    expect(rejected.json()).toMatchObject({ hasSlip: false, slipRejectedReason: reason });
    for (const view of [await guestView(), await adminView()])
      expect(paymentOf(view)).toMatchObject({
        status: 'pending',
        hasSlip: false,
        slipRejectedReason: reason,
      });

    // Another slip replaces the turned-down one, and the reason goes with it.
    await sendSlip(fresh.id, `?token=${fresh.accessToken}`);
    for (const view of [await guestView(), await adminView()])
      expect(paymentOf(view)).toMatchObject({ hasSlip: true, slipRejectedReason: null });
  });

  it("a signed-in client's bank transfer: their own order view tells them the studio's reason", async () => {
    const placed = await checkout(buyer.jar, {
      email: 'slip-buyer@example.com',
      paymentProvider: 'manual',
      manualMethod: 'bank_transfer',
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const orderId = (placed.json() as { order: { id: string } }).order.id;
    const mine = () => caller(t, buyer.jar)('GET', `${SHOP}/orders/${orderId}`);
    const payment = paymentOf(await mine());
    await sendSlip(payment.id, '', buyer.jar);
    expect(paymentOf(await mine())).toMatchObject({ hasSlip: true, slipRejectedReason: null });
    const rejected = await staff('POST', `/payments/${payment.id}/slip/reject`, {
      reason: 'Unreadable photo',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(paymentOf(await mine())).toMatchObject({ hasSlip: false, slipRejectedReason: 'Unreadable photo' });

    // Marking it paid settles it: nothing turned down any more.
    const paid = await staff('POST', `/payments/${payment.id}/mark-paid`, { note: 'Seen on the statement' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paymentOf(await mine())).toMatchObject({ status: 'succeeded', slipRejectedReason: null });
  });

  it('a card payment takes no slip: hasSlip false, no turn-down, its failure reason stays its own', async () => {
    const placed = await checkout(undefined, {
      email: 'card@example.com',
      paymentProvider: 'sandbox',
      sandboxCard: SANDBOX_CARDS.requires_action,
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const { order, paymentId, accessToken } = placed.json() as {
      order: { id: string };
      paymentId: string;
      accessToken: string;
    };
    const open = paymentOf(await caller(t)('GET', `${SHOP}/orders/${order.id}?token=${accessToken}`));
    expect(open).toMatchObject({ status: 'requires_action', hasSlip: false, slipRejectedReason: null });
    const failed = await caller(t)(
      'POST',
      `${SHOP}/payments/${paymentId}/sandbox/confirm?token=${open.accessToken}`,
      { outcome: 'fail' },
      headers(),
    );
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({
      status: 'failed',
      failureReason: 'Authentication failed (sandbox)',
      slipRejectedReason: null,
    });
    expect(paymentOf(await staff('GET', `/admin/orders/${order.id}`))).toMatchObject({
      status: 'failed',
      hasSlip: false,
      slipRejectedReason: null,
    });
  });

  it('a refund from the admin order page is audited with the IP and user agent of the request', async () => {
    const placed = await checkout(undefined, {
      email: 'refund@example.com',
      paymentProvider: 'sandbox',
      sandboxCard: SANDBOX_CARDS.succeeds,
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const { order, paymentId } = placed.json() as { order: { id: string }; paymentId: string };
    const refunded = await staff('POST', `/admin/orders/${order.id}/refund`, {
      amountMinor: 10_000,
      reason: 'Wrong edition',
    });
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect(refunded.json()).toMatchObject({ refundedMinor: 10_000, paymentStatus: 'partially_refunded' });

    const audit = await staff('GET', '/audit?action=payments.payment.refunded&limit=100');
    expect(audit.statusCode, audit.body).toBe(200);
    const entries = (
      audit.json().items as { targetId: string; ip: string | null; userAgent: string | null; data: object }[]
    ).filter((entry) => entry.targetId === paymentId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      ip: '127.0.0.1',
      userAgent: USER_AGENT,
      data: { refundedMinor: 10_000, reason: 'Wrong edition' },
    });
  });
});
