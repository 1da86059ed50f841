import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { caller, openShop, type ShopItem } from './orders.test-fixtures.js';

const SHOP = '/api/v1/studios/big-shop';

/**
 * Large orders: a total past 2^31 minor units is paid like any other (the payments' amounts are bigint,
 * as the orders' are; an integer column once answered 500), and one past what a checkout takes is a 422
 * naming the lines, in preview and at checkout, rather than arithmetic that loses minor units.
 */
describe('orders: very large orders', () => {
  let t: TestApp;
  let items: Record<string, ShopItem>;
  let key = 0;

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error' } });
    const owner = await identityTesting.signUpVerified(t, 'big-owner@example.com');
    ({ items } = await openShop(
      t,
      owner.jar,
      { slug: 'big-shop', currency: 'THB', timezone: 'Asia/Bangkok', locale: 'th' },
      [
        { key: 'script', kind: 'digital', priceMinor: 45_000 },
        { key: 'estate', kind: 'digital', priceMinor: 1_000_000_000 },
      ],
    ));
  });
  afterAll(async () => t.close());

  const body = (variantId: string, lines: number) => ({
    email: 'big-buyer@example.com',
    name: 'Big Buyer',
    paymentProvider: 'manual',
    manualMethod: 'bank_transfer',
    lines: Array.from({ length: lines }, () => ({ variantId, quantity: 10_000 })),
  });

  it('places and pays an order past 2^31 minor units', async () => {
    // Five lines of 10,000 at 450.00: 2,250,000,000 minor units.
    const placed = await caller(t)('POST', `${SHOP}/checkout`, body(items.script!.variantId, 5), {
      'idempotency-key': `big-${++key}`,
    });
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json().order.totalMinor).toBe(2_250_000_000);
    const { order, accessToken } = placed.json() as { order: { id: string }; accessToken: string };
    const view = await caller(t)('GET', `${SHOP}/orders/${order.id}?token=${accessToken}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().payments).toMatchObject([{ amountMinor: 2_250_000_000, status: 'pending' }]);
  });

  it('refuses an order past what one checkout takes, naming the lines', async () => {
    // 10,000 at 10,000,000.00: 10^13 minor units, over the cap.
    for (const path of ['/checkout/preview', '/checkout']) {
      const refused = await caller(t)('POST', `${SHOP}${path}`, body(items.estate!.variantId, 1), {
        'idempotency-key': `big-${++key}`,
      });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().errors[0]).toMatchObject({ field: 'lines', reason: 'cart.too_large' });
    }
  });
});
