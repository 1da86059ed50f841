// A studio cancels a paid order: the warning says what goes back (the amount, and that a card refund is
// automatic), the timeline keeps the reason as a code beside the staff member's note, and the client's
// cancel email comes in the client's language (Thai here) with the note as written and no English reason.
import { randomBytes } from 'node:crypto';
import { CheckFailure, expect, expectAccessible, expectText, screenshot, VIEWPORTS } from '../lib/page.mjs';
import { sessionCookie, signedInPage } from '../lib/session.mjs';
import { apiAs, guestClient, money } from '../lib/shop.mjs';

// Signs in, so it runs before identity.mjs (order 100) trips the sign-in lockout for 127.0.0.1.
export const order = 45;

const STUDIO = 'qr-studios';
const API = `/api/v1/studios/${STUDIO}`;
const run = randomBytes(3).toString('hex');
const baht = (minor) => money(minor, 'THB', 'en');

/** A guest's order of one script at QR Studios, paid on the spot by the sandbox card, in Thai. */
async function placePaidOrder(ctx) {
  const call = guestClient(ctx.baseUrl);
  const detail = await call('GET', `${API}/catalog/items/advanced-garage`);
  const variant = detail.variants.find((v) => v.available);
  expect(variant, 'no Advanced Garage variant is available');
  await call('POST', `${API}/cart/lines`, { variantId: variant.id, quantity: 1 });
  const email = `cancel.${run}@guests.test`;
  const placed = await call(
    'POST',
    `${API}/checkout`,
    {
      email,
      name: `Cancel QA ${run}`,
      locale: 'th',
      billingAddress: {
        name: `Cancel QA ${run}`,
        line1: '1 Silom Rd',
        city: 'Bangkok',
        postalCode: '10500',
        country: 'TH',
      },
      paymentProvider: 'sandbox',
      sandboxCard: '4242424242424242',
    },
    { 'idempotency-key': `order-cancel-${run}` },
  );
  expect(placed.order.status === 'paid', `the order is ${placed.order.status}, not paid on the spot`);
  return { order: placed.order, email };
}

export const checks = [
  {
    name: 'order cancel: the studio cancels a paid order, told what goes back; the Thai client is emailed in Thai',
    async run(ctx) {
      const { order, email } = await placePaidOrder(ctx);
      const note = `The artist is away until March (${run})`;
      const { context, page, problems } = await signedInPage(ctx, 'krit@qr-studios.test');
      try {
        // The staff member reads English (the studio's own pages default to its Thai); the client is Thai.
        await context.addCookies([{ name: 'locale', value: 'en', url: ctx.baseUrl }]);
        const path = `/${STUDIO}/admin/orders/${order.id}`;
        const response = await page.goto(new URL(path, ctx.baseUrl).href);
        expect(response?.status() === 200, `${path} answered ${response?.status()}`);
        await page.waitForLoadState('networkidle');
        await page.getByLabel('Move to', { exact: true }).selectOption('cancelled');
        await page.getByLabel(/^Note for the timeline/).fill(note);
        await page.getByRole('button', { name: 'Mark as Cancelled' }).click();

        // Paid by card: the whole amount goes back by itself, and the warning says so with the figure.
        const automatic = page.getByTestId('cancel-refund-automatic');
        await automatic.waitFor();
        const said = (await automatic.textContent())?.trim();
        expect(
          said ===
            `${baht(order.totalMinor)} received by card or wallet goes back to where it came from automatically.`,
          `the warning says: ${said}`,
        );
        expect(
          (await page.getByTestId('cancel-refund-by-hand').count()) === 0,
          'a card payment is not by hand',
        );
        for (const [viewport, size] of Object.entries(VIEWPORTS)) {
          await page.setViewportSize(size);
          await page.evaluate(() => document.fonts.ready);
          await screenshot(page, ctx.screenshotDir, 'order-cancel-warning', viewport);
          const milder = await expectAccessible(page);
          if (milder.length > 0)
            ctx.note(`order-cancel-warning (${viewport}) axe, not failing: ${milder.join(', ')}`);
        }
        await page.setViewportSize(VIEWPORTS.desktop);

        await page.getByRole('button', { name: 'Yes, cancel the order' }).click();
        await expectText(page, 'Order marked as Cancelled.');
        const timeline = page.getByTestId('order-timeline');
        await timeline.getByText('Cancelled by the studio').waitFor();
        const text = (await timeline.textContent()) ?? '';
        for (const want of [note, 'Given back because the order was cancelled', baht(order.totalMinor)])
          expect(text.includes(want), `the timeline lacks "${want}": ${text}`);
        // Each entry's time is a machine-readable <time> in an ordered list.
        const times = await timeline.locator('li time[datetime]').count();
        expect(times === (await timeline.locator('li').count()), `${times} entries carry a <time dateTime>`);
        await screenshot(page, ctx.screenshotDir, 'order-cancel-timeline', 'desktop');

        const cookie = await sessionCookie(ctx, 'krit@qr-studios.test');
        const detail = await apiAs(ctx, cookie, 'GET', `${API}/admin/orders/${order.id}`);
        expect(
          detail.status === 'cancelled' && detail.refundedMinor === order.totalMinor,
          `after cancel: ${detail.status}, refunded ${detail.refundedMinor} of ${order.totalMinor}`,
        );

        if (!ctx.mail) throw new CheckFailure('needs the captured SMTP mail: run without E2E_BASE_URL');
        // Found by its Thai heading in the body: lib/mail.mjs joins a long subject's encoded words with spaces.
        const mail = await ctx.mail.waitFor(email, (m) => m.text.includes(`คำสั่งซื้อ ${order.number} ถูกยกเลิก`));
        for (const want of ['สตูดิโอยกเลิกคำสั่งซื้อนี้', note])
          expect(mail.text.includes(want), `the cancel email lacks "${want}":\n${mail.text}`);
        expect(
          !/Cancelled by the studio|Reason|เหตุผล/i.test(mail.text),
          `the Thai cancel email carries an English reason:\n${mail.text}`,
        );
        expect(problems.length === 0, `the page logged:\n  ${problems.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
