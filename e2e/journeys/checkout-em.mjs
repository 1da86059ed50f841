import { capture, expect, fillAddress, VIEWPORTS } from '../lib/page.mjs';
import { signedInPage } from '../lib/session.mjs';
import {
  addToCart,
  apiAs,
  cookieOf,
  divideHalfUp,
  emptyCart,
  expectTestId,
  money,
  placeOrder,
} from '../lib/shop.mjs';

// Electric Muse (USD, California sales tax added on top, shipping rules): (3) a guest orders a photo
// print shipped by standard post and pays with the SANDBOX card, after a declined card that keeps
// nothing; (4) a signed-in client pays a framed print in 3 instalments: the first is charged now and
// the schedule shows the rest. (The failing and recovering second charge is driven by the due-
// instalment job, which has no HTTP route: apps/api/src/modules/orders/orders.plan-journey.test.ts.)

export const order = 31;

const STUDIO = 'electric-muse';
const SHOP = `/api/v1/studios/${STUDIO}`;
const CURRENCY = 'USD';
const LOCALE = 'en';
const TAX_BPS = 725;
const STANDARD_SHIPPING = 899;
const ADDRESS = {
  name: 'Riley Rock',
  line1: '1200 Sunset Blvd',
  city: 'Los Angeles',
  region: 'CA',
  postalCode: '90026',
  country: 'US',
};
const DECLINES = '4000000000000002';
const SUCCEEDS = '4242424242424242';

const usd = (minor) => money(minor, CURRENCY, LOCALE);

/** Exclusive tax per line, half-up to the cent; shipping untaxed in this studio. */
function expectedTotals(subtotal, shipping) {
  const tax = divideHalfUp(subtotal * TAX_BPS, 10_000);
  return { subtotal, shipping, tax, total: subtotal + shipping + tax };
}

async function goCheckout(ctx, page, slug, cookie) {
  if (cookie) await emptyCart(ctx, cookie, STUDIO);
  const cart = await addToCart(page, ctx.baseUrl, STUDIO, slug);
  await page.goto(new URL(`/${STUDIO}/checkout`, ctx.baseUrl).href);
  await page.getByTestId('checkout-summary').waitFor();
  return cart.lines[0];
}

async function fillShipping(page) {
  await fillAddress(page, 'shipping', ADDRESS);
}

export const checks = [
  {
    name: 'Electric Muse: a guest print order with shipping and tax, paid by sandbox card after a decline',
    async run(ctx) {
      const context = await ctx.browser.newContext({ viewport: VIEWPORTS.desktop });
      try {
        const page = await context.newPage();
        const line = await goCheckout(ctx, page, 'photo-print');
        const want = expectedTotals(line.unitPriceMinor * line.quantity, STANDARD_SHIPPING);

        await page.locator('#email').fill(`riley-${Date.now()}@example.com`);
        await page.locator('#name').fill('Riley Rock');
        await fillShipping(page);
        await page.locator('input[name=shippingMethodId][value=standard]').check();
        await page.locator('input[name=payment][value=sandbox]').check();
        await expectTestId(page, 'total-subtotal', usd(want.subtotal));
        await expectTestId(page, 'total-shipping', usd(want.shipping));
        await expectTestId(page, 'total-tax', usd(want.tax));
        // The rate as the page's locale writes it (725 basis points), tax added on top.
        await expectTestId(page, 'total-tax-label', 'Tax (7.25%)');
        await expectTestId(page, 'total-total', usd(want.total));
        await capture(ctx, page, 'checkout-em-card-checkout');

        // A declined card: an error, and no order.
        await page.locator('#sandboxCard').fill(DECLINES);
        await page.getByTestId('place-order').click();
        await page.locator('[data-form-message="error"]').first().waitFor();
        expect(new URL(page.url()).pathname === `/${STUDIO}/checkout`, 'a declined card stays on checkout');
        await capture(ctx, page, 'checkout-em-card-declined');

        await page.locator('#sandboxCard').fill(SUCCEEDS);
        const { orderId, token } = await placeOrder(page);
        expect(token, 'a guest lands on the order with its access token');
        await expectTestId(page, 'payment-status', 'Paid');
        await expectTestId(page, 'total-total', usd(want.total));
        await expectTestId(page, 'total-tax', usd(want.tax));
        const placed = await ctx.api(`${SHOP}/orders/${orderId}?token=${encodeURIComponent(token)}`);
        expect(
          placed.status === 'paid' &&
            placed.totalMinor === want.total &&
            placed.taxMinor === want.tax &&
            placed.shippingMinor === want.shipping &&
            placed.paidMinor === want.total,
          `the order says ${JSON.stringify({ ...placed, lines: undefined, timeline: undefined, payments: undefined })}`,
        );
        expect(/^EM-\d{4}-\d{6}$/.test(placed.number), `order number ${placed.number}`);
        await capture(ctx, page, 'checkout-em-card-order');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'Electric Muse: a framed print in 3 instalments, the first charged now, the schedule shown',
    async run(ctx) {
      const { context, page } = await signedInPage(ctx, 'mint@players.test');
      try {
        const cookie = await cookieOf(context, ctx.baseUrl);
        const line = await goCheckout(ctx, page, 'framed-print', cookie);
        await fillShipping(page);
        await page.locator('input[name=shippingMethodId][value=pickup]').check();
        await page.locator('input[name=payment][value=sandbox]').check();
        await page.locator('input[name=plan][value="3"]').check();
        // Picked up at the studio: no shipping, but the address still decides the tax.
        const want = expectedTotals(line.unitPriceMinor * line.quantity, 0);
        const first = want.total - Math.floor(want.total / 3) * 2;
        await expectTestId(page, 'total-total', usd(want.total));
        await expectTestId(page, 'total-due-now', usd(first));
        await capture(ctx, page, 'checkout-em-plan-checkout');

        const { orderId } = await placeOrder(page);
        await expectTestId(page, 'payment-status', 'Deposit paid');
        const rows = page.getByTestId('instalment');
        await rows.first().waitFor();
        expect((await rows.count()) === 3, 'three instalments are listed');
        const second = Math.floor(want.total / 3);
        const texts = await rows.allTextContents();
        expect(
          texts[0].includes(usd(first)) && texts[0].includes('Paid') && texts[1].includes(usd(second)),
          `instalments read ${JSON.stringify(texts)}`,
        );
        const placed = await apiAs(ctx, cookie, 'GET', `${SHOP}/orders/${orderId}`);
        expect(
          placed.paidMinor === first && placed.totalMinor === want.total,
          `the order has paid ${placed.paidMinor} of ${placed.totalMinor}`,
        );
        await capture(ctx, page, 'checkout-em-plan-order');
      } finally {
        await context.close();
      }
    },
  },
];
