import { randomBytes } from 'node:crypto';
import { CheckFailure, capture, expect, expectText } from '../lib/page.mjs';
import { signedInPage } from '../lib/session.mjs';
import { guestClient, money } from '../lib/shop.mjs';

// Signs in, so it runs before identity.mjs (order 100) trips the sign-in lockout for 127.0.0.1.
export const order = 30;

// Volt Supply requires two-factor for its members: Priya (staff) has the demo TOTP secret
// (apps/api/src/demo/people.ts); Frank, the owner, has none, so the API would refuse him orders.*.
const STUDIO = 'volt-supply';
const STAFF = 'priya@volt-supply.test';
const DEMO_TOTP_SECRET = 'ATELIERDEMOTOTPSECRETVOLTSUPPLY2';
const API = `/api/v1/studios/${STUDIO}`;
const run = randomBytes(3).toString('hex');
const buyer = { email: `buyer.${run}@example.test`, name: `Dana Contractor ${run}` };
const address = {
  name: buyer.name,
  line1: '1200 W Lake St',
  city: 'Chicago',
  region: 'IL',
  postalCode: '60607',
  country: 'US',
};

/** USD minor units as the admin shows them (apps/web/lib/money.ts): 123456 -> "$1,234.56", 4900 -> "$49.00". */
const usd = (minor) => money(minor, 'USD', 'en');

/** Two in-stock products into a guest cart, then checkout by bank transfer; amounts checked exactly. */
async function placeBankTransferOrder(ctx) {
  const call = guestClient(ctx.baseUrl);
  const listing = await call('GET', `${API}/catalog/items?limit=10`);
  const picks = [];
  for (const item of listing.items.filter((entry) => entry.kind === 'product' && entry.inStock)) {
    const detail = await call('GET', `${API}/catalog/items/${item.slug}`);
    const variant = detail.variants.find((v) => v.available && (v.stock === null || v.stock >= 5));
    if (variant) picks.push(variant);
    if (picks.length === 2) break;
  }
  expect(picks.length === 2, 'volt-supply has fewer than two products in stock');
  await call('POST', `${API}/cart/lines`, { variantId: picks[0].id, quantity: 2 });
  await call('POST', `${API}/cart/lines`, { variantId: picks[1].id, quantity: 3 });

  const checkout = {
    ...buyer,
    shippingAddress: address,
    billingAddress: address,
    shippingMethodId: 'ground',
    paymentProvider: 'manual',
    manualMethod: 'bank_transfer',
  };
  const preview = await call('POST', `${API}/checkout/preview`, checkout);
  // The server's arithmetic, to the minor unit: lines, then the documented total.
  const subtotal = picks[0].price.amountMinor * 2 + picks[1].price.amountMinor * 3;
  expect(preview.subtotalMinor === subtotal, `subtotal ${preview.subtotalMinor}, expected ${subtotal}`);
  const expectedTotal =
    preview.subtotalMinor -
    preview.discountMinor +
    preview.shippingMinor +
    (preview.pricesIncludeTax ? 0 : preview.taxMinor);
  expect(
    preview.totalMinor === expectedTotal,
    `preview total ${preview.totalMinor}, expected ${expectedTotal}`,
  );
  expect(preview.shippingMinor > 0, 'ground freight by weight cost nothing');

  const placed = await call(
    'POST',
    `${API}/checkout`,
    { ...checkout, expectedTotalMinor: preview.totalMinor },
    { 'idempotency-key': `orders-admin-${run}` },
  );
  expect(placed.order.totalMinor === preview.totalMinor, 'the placed total differs from the preview');
  expect(
    placed.order.status === 'pending' && placed.order.paymentStatus === 'unpaid',
    'the order is not pending',
  );
  expect(placed.nextAction?.type === 'bank_transfer', `next action ${JSON.stringify(placed.nextAction)}`);
  expect(
    /First Prairie Bank/.test(placed.nextAction.instructions),
    'the bank instructions are not the demo ones',
  );
  return { order: placed.order, reference: placed.nextAction.reference };
}

/** Priya, through the real pages: password, then her TOTP code (once per run, lib/session.mjs). */
const staffPage = (ctx) => signedInPage(ctx, STAFF, { totpSecret: DEMO_TOTP_SECRET });

async function open(ctx, page, path) {
  const response = await page.goto(new URL(path, ctx.baseUrl).href);
  expect(response?.status() === 200, `${path} answered ${response?.status()}`);
  await page.locator('main#main').waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
}

async function adminGet(page, path) {
  // As the signed-in page (its cookies), against the page's own origin.
  const response = await page.request.get(new URL(path, page.url()).href);
  if (!response.ok())
    throw new CheckFailure(`GET ${path} answered ${response.status()}: ${await response.text()}`);
  return response;
}

// A 1×1 PNG: the proof of payment Priya attaches.
const PROOF_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

export const checks = [
  {
    name: 'supplier order by bank transfer: staff marks it paid (with proof), processing, shipped with tracking',
    async run(ctx) {
      const { order, reference } = await placeBankTransferOrder(ctx);
      const total = usd(order.totalMinor);
      const { context, page, problems } = await staffPage(ctx);
      try {
        // The list finds it by number, pending and unpaid, with its exact total.
        await open(ctx, page, `/${STUDIO}/admin/orders?q=${encodeURIComponent(order.number)}`);
        const row = page.locator('tbody tr').filter({ hasText: order.number });
        await row.waitFor();
        const rowText = await row.textContent();
        expect(
          rowText.includes(total) && rowText.includes('Pending') && rowText.includes('Unpaid'),
          `row: ${rowText}`,
        );
        await capture(ctx, page, 'orders-admin-list');

        // The export carries the same order, in minor units.
        const csv = await (await adminGet(page, `${API}/admin/orders/export.csv?q=${order.number}`)).text();
        expect(
          csv.includes(order.number) && csv.includes(String(order.totalMinor)),
          'the CSV lacks the order',
        );

        await row.getByRole('link', { name: order.number }).click();
        await page.waitForURL(`**/admin/orders/${order.id}`);
        await page.waitForLoadState('networkidle');
        expect((await page.getByTestId('order-total').textContent()) === total, 'the header total differs');
        const totals = page.getByTestId('order-totals');
        for (const [key, minor] of [
          ['subtotal', order.subtotalMinor],
          ['shipping', order.shippingMinor],
          ['tax', order.taxMinor],
          ['total', order.totalMinor],
        ]) {
          const shown = await totals.locator(`[data-total="${key}"] dd`).textContent();
          expect(shown === usd(minor), `${key} shows ${shown}, expected ${usd(minor)}`);
        }
        await expectText(page, reference);
        await expectText(page, `Bank transfer: ${total} not received yet.`);
        await capture(ctx, page, 'orders-admin-order-pending');

        // Only the transitions the API allows are offered: a pending order can only be cancelled.
        const pendingMoves = await page
          .getByLabel('Move to', { exact: true })
          .locator('option')
          .allTextContents();
        expect(pendingMoves.join() === 'Cancelled', `pending offers ${pendingMoves.join()}`);

        // Mark paid with a note and a proof file.
        await page.getByRole('button', { name: 'Mark paid' }).click();
        await page.getByLabel('Note (e.g. bank reference)').fill(`Wire ${reference}`);
        await page.getByLabel('Proof of payment').setInputFiles({
          name: 'wire.png',
          mimeType: 'image/png',
          buffer: PROOF_PNG,
        });
        await capture(ctx, page, 'orders-admin-mark-paid');
        await page.getByRole('button', { name: `Confirm ${total} received` }).click();
        await expectText(page, `Payment of ${total} recorded as received.`);
        await page.getByTestId('order-badges').getByText('Paid in full').waitFor();
        let detail = await (await adminGet(page, `${API}/admin/orders/${order.id}`)).json();
        expect(
          detail.status === 'paid' && detail.paymentStatus === 'paid',
          `after mark-paid: ${detail.status}/${detail.paymentStatus}`,
        );
        expect(detail.paidMinor === order.totalMinor, `paid ${detail.paidMinor}, total ${order.totalMinor}`);
        const payment = detail.payments[0];
        expect(
          payment.status === 'succeeded' && payment.amountMinor === order.totalMinor,
          JSON.stringify(payment),
        );
        const listed = await (await adminGet(page, `${API}/payments?provider=manual&limit=50`)).json();
        expect(listed.items.find((p) => p.id === payment.id)?.hasProof === true, 'the proof was not kept');

        // paid -> processing, then a tracking number that marks it shipped.
        await page.getByLabel('Move to', { exact: true }).selectOption('processing');
        await page.getByRole('button', { name: 'Mark as Processing' }).click();
        await expectText(page, 'Order marked as Processing.');
        await page.getByTestId('order-badges').getByText('Processing').waitFor();
        const tracking = `1Z${run.toUpperCase()}0312345678`;
        await page.getByLabel('Carrier', { exact: true }).fill('UPS');
        await page.getByLabel('Tracking number', { exact: true }).fill(tracking);
        await page.getByRole('button', { name: 'Add tracking number' }).click();
        await expectText(page, `Tracking number ${tracking} added.`);
        await page.getByTestId('order-badges').getByText('Shipped').waitFor();
        await page.getByTestId('tracking-numbers').getByText(tracking).waitFor();

        detail = await (await adminGet(page, `${API}/admin/orders/${order.id}`)).json();
        expect(detail.status === 'shipped', `status is ${detail.status}`);
        expect(
          detail.trackingNumbers.some((t) => t.number === tracking && t.carrier === 'UPS'),
          'tracking not kept',
        );
        expect(
          detail.totalMinor === order.totalMinor &&
            detail.paidMinor === order.totalMinor &&
            detail.refundedMinor === 0,
          'the money moved while shipping',
        );
        const moves = detail.timeline
          .filter((e) => e.kind === 'status')
          .map((e) => `${e.from ?? ''}>${e.to}`);
        for (const step of ['pending>paid', 'paid>processing', 'processing>shipped']) {
          expect(moves.includes(step), `the timeline lacks ${step}: ${moves.join(', ')}`);
        }
        await expectText(page, 'Processing → Shipped');
        await capture(ctx, page, 'orders-admin-order-shipped');
        expect(problems.length === 0, `the page logged:\n  ${problems.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'staff money pages: payments, promo codes, shipping and tax render accessibly',
    async run(ctx) {
      const { context, page, problems } = await staffPage(ctx);
      try {
        await open(ctx, page, `/${STUDIO}/admin/payments`);
        await expectText(page, 'Money Volt Supply Co. received');
        await capture(ctx, page, 'orders-admin-payments');
        await open(ctx, page, `/${STUDIO}/admin/commerce`);
        await expectText(page, 'Ground freight by weight');
        expect((await page.getByLabel('Order number prefix').inputValue()) === 'VS', 'the prefix is not VS');
        await capture(ctx, page, 'orders-admin-commerce');
        await open(ctx, page, `/${STUDIO}/admin/promo-codes/new`);
        await capture(ctx, page, 'orders-admin-promo-new');
        expect(problems.length === 0, `the page logged:\n  ${problems.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
