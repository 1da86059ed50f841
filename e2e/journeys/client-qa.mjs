import { capture, expect, VIEWPORTS } from '../lib/page.mjs';
import { signedInPage } from '../lib/session.mjs';
import { addToCart, expectTestId, money, placeOrder, testIdText } from '../lib/shop.mjs';

// What clients met during the exploratory QA of Nov 2026, kept from coming back:
// - the portal's front page told signed-in clients that client sign-in was "coming soon";
// - an email the API refuses but the form let through showed the schema's words ("must match format")
//   and failed every summary refresh meanwhile;
// - the checkout's radio steps (Delivery, Payment) had their titles sitting on the card's border;
// - order timelines showed the API's English notes, with raw payment ids, on Thai pages;
// - an order its first instalment confirmed read "Paid" and "your payment is confirmed";
// - a listing URL with a cursor the API no longer accepts showed an error instead of the list.

export const order = 40;

const GUEST_NAME = 'Casey Client';
// A payment id as the API writes it into its own timeline notes.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * A guest's cart -> checkout with a name; stays on the checkout page. Both studios it is used with sell
 * things that don't ship and tax everyone at one rate, so no address is asked for.
 */
async function guestToCheckout(ctx, page, studio, slug) {
  await addToCart(page, ctx.baseUrl, studio, slug);
  await page.goto(new URL(`/${studio}/checkout`, ctx.baseUrl).href);
  await page.getByTestId('checkout-summary').waitFor();
  await page.locator('#name').fill(GUEST_NAME);
}

export const checks = [
  {
    name: 'Client QA: the portal front page leads a signed-in client to orders, wallet and payment plans',
    async run(ctx) {
      const { context, page } = await signedInPage(ctx, 'mint@players.test', { viewport: VIEWPORTS.phone });
      try {
        await page.goto(new URL('/qr-studios/portal', ctx.baseUrl).href);
        const links = page.getByTestId('portal-dashboard').locator('a');
        await links.first().waitFor();
        const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
        expect(
          JSON.stringify(hrefs) ===
            JSON.stringify([
              '/qr-studios/portal/orders',
              '/qr-studios/portal/wallet',
              '/qr-studios/portal/payment-plans',
            ]),
          `the dashboard links to ${JSON.stringify(hrefs)}`,
        );
        // Each card says where she stands, as the API has it: her latest order and her balance.
        const api = '/api/v1/studios/qr-studios';
        const orders = await (
          await page.request.get(new URL(`${api}/my/orders?limit=1`, ctx.baseUrl).href)
        ).json();
        const wallet = await (
          await page.request.get(new URL(`${api}/wallet?limit=1`, ctx.baseUrl).href)
        ).json();
        const ordersFact = (await page.getByTestId('portal-fact-orders').textContent()) ?? '';
        const latest = orders.items[0]?.number;
        expect(
          latest ? ordersFact.includes(latest) : !/\d/.test(ordersFact),
          `the orders card reads "${ordersFact}", the latest order is ${latest ?? 'none'}`,
        );
        // Orders waiting for payment are counted however old they are (asked for by state).
        const waiting = (
          await (
            await page.request.get(new URL(`${api}/my/orders?status=pending&limit=100`, ctx.baseUrl).href)
          ).json()
        ).items.length;
        const attention = page.getByTestId('portal-attention-orders');
        const attentionText = (await attention.count()) > 0 ? ((await attention.textContent()) ?? '') : '';
        expect(
          waiting > 0 ? attentionText.includes(String(waiting)) : attentionText === '',
          `the orders card flags "${attentionText}", ${waiting} order(s) wait for payment`,
        );
        const balance = (wallet.balanceMinor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
        const walletFact = (await page.getByTestId('portal-fact-wallet').textContent()) ?? '';
        expect(
          walletFact.includes(balance),
          `the wallet card reads "${walletFact}", the balance is ${balance}`,
        );
        await page.getByTestId('portal-fact-payment-plans').waitFor();
        await capture(ctx, page, 'client-qa-portal-dashboard', { at: 'phone' });

        // The portal's menu offers only what works: no "coming soon" sections among her choices.
        // (By href: the page is in Thai or English, whichever the studio and her cookie say.)
        const nav = await page
          .locator('nav a[href^="/qr-studios/portal"]')
          .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
        const soon = nav.filter((href) => /\/(projects|bookings|downloads)$/.test(href));
        expect(nav.length > 0 && soon.length === 0, `the portal's menu offers ${JSON.stringify(nav)}`);
        // Her account is one page for every studio; it leads back to this portal by name.
        await page.goto(new URL('/qr-studios/portal/account', ctx.baseUrl).href);
        const back = page.getByTestId('account-back-to-portal');
        await back.waitFor();
        expect(
          (await back.getAttribute('href')) === '/qr-studios/portal',
          `the account page leads back to ${await back.getAttribute('href')}`,
        );
        await back.click();
        await page.waitForURL((url) => url.pathname === '/qr-studios/portal');
      } finally {
        await context.close();
      }
      const anonymous = await ctx.browser.newContext({ viewport: VIEWPORTS.desktop });
      try {
        const page = await anonymous.newPage();
        await page.goto(new URL('/qr-studios/portal', ctx.baseUrl).href);
        const signIn = page.locator('main a[href^="/sign-in"]');
        await signIn.waitFor();
        expect(
          (await signIn.getAttribute('href')) === `/sign-in?next=${encodeURIComponent('/qr-studios/portal')}`,
          'signed out, the dashboard offers a sign-in that comes back to it',
        );
        // The storefront header's sign-in comes back to the page too, and the sign-in page speaks the
        // studio's language (this browser asks for English; QR Studios is Thai).
        await page.goto(new URL('/qr-studios/search?q=kit', ctx.baseUrl).href);
        const headerSignIn = page.locator('header a[href^="/sign-in"]').first();
        const here = `/sign-in?next=${encodeURIComponent('/qr-studios/search?q=kit')}`;
        expect(
          (await headerSignIn.getAttribute('href')) === here,
          `the storefront header signs in through ${await headerSignIn.getAttribute('href')}`,
        );
        await page.goto(new URL(here, ctx.baseUrl).href);
        await page.getByRole('heading', { name: 'เข้าสู่ระบบ' }).waitFor();
      } finally {
        await anonymous.close();
      }
    },
  },
  {
    name: 'Client QA: Electric Muse checkout names a refused email in its own words, step titles inside their cards',
    async run(ctx) {
      const context = await ctx.browser.newContext({ viewport: VIEWPORTS.phone });
      try {
        const page = await context.newPage();
        const refusedPreviews = [];
        page.on('response', (response) => {
          if (response.url().endsWith('/checkout/preview') && response.status() >= 400)
            refusedPreviews.push(response.status());
        });
        const cart = await addToCart(page, ctx.baseUrl, 'electric-muse', 'metal-print');
        await page.goto(new URL('/electric-muse/checkout', ctx.baseUrl).href);
        await page.getByTestId('checkout-summary').waitFor();
        // A colon is fine to a loose "x@y.z" check and refused by the API's email format.
        await page.locator('#email').fill('casey:client@example.com');
        await page.locator('#name').fill(GUEST_NAME);
        await page.locator('input[name=payment][value="manual:bank_transfer"]').check();
        await page.getByTestId('place-order').click();
        await page.getByText('Enter an email address like name@example.com.').waitFor();
        expect(
          (await page.locator('main').textContent()).includes('must match format') === false,
          'the page shows the schema message for the email',
        );
        expect(refusedPreviews.length === 0, `summary refreshes were refused: ${refusedPreviews.join(', ')}`);

        // The radio steps' titles (legends) sit inside their cards, below the top border.
        const delivery = page.locator('fieldset', { hasText: 'Standard shipping' }).first();
        const [box, legend] = await Promise.all([
          delivery.boundingBox(),
          delivery.locator('legend').boundingBox(),
        ]);
        expect(
          box && legend && legend.y >= box.y + 8,
          `the Delivery title sits at ${legend?.y} on a card starting at ${box?.y}`,
        );
        // Standard shipping turns free from $150: the print alone is short of it, and the option says by
        // how much (a second "free over $150" method once cost the same $8.99 below the line).
        const subtotal = cart.subtotalMinor;
        const hint = `Add ${money(15_000 - subtotal, 'USD', 'en')} more to ship free`;
        expect(subtotal < 15_000, `the print alone costs ${subtotal}, not under the free-shipping line`);
        await delivery.getByText(hint).waitFor();
        await capture(ctx, page, 'client-qa-checkout-email', { at: 'phone' });
        // Under 15% off, that much more in prints would add less than that: the option names the line.
        await page.locator('#promoCode').fill('ROCK15');
        await page.locator('#promoCode').press('Enter');
        await page.getByTestId('promo-applied').waitFor();
        await delivery.getByText('Ships free when the order comes to $150.00 after discounts').waitFor();
        expect(!(await delivery.getByText(/more to ship free/).isVisible()), 'the shortfall hint stays');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'Client QA: a Thai order timeline reads Thai, and an instalment order reads confirmed with what is left',
    async run(ctx) {
      const context = await ctx.browser.newContext({ viewport: VIEWPORTS.phone });
      try {
        const page = await context.newPage();
        await guestToCheckout(ctx, page, 'qr-studios', 'advanced-garage');
        await page.locator('#email').fill(`qa-th-${Date.now()}@guests.test`);
        await page.locator('input[name=payment][value=promptpay]').check();
        await placeOrder(page);
        const thai = await testIdText(page, 'timeline');
        expect(
          thai.includes('สั่งซื้อแล้ว') && !thai.includes('Order placed'),
          `the Thai timeline reads: ${thai}`,
        );
        await capture(ctx, page, 'client-qa-order-th', { at: 'phone' });

        // Wedding, full day, in 3 sandbox instalments: the first is paid, two are still to come.
        await guestToCheckout(ctx, page, 'focusflow-demo', 'wedding-full-day');
        await page.locator('#email').fill(`qa-plan-${Date.now()}@guests.test`);
        await page.locator('input[name=payment][value=sandbox]').check();
        await page.locator('input[name=plan][value="3"]').check();
        await placeOrder(page);
        await expectTestId(page, 'order-status', 'Confirmed');
        const thanks = await testIdText(page, 'order-thanks');
        expect(/still to pay/.test(thanks), `the order thanks the client with: ${thanks}`);
        const timeline = await testIdText(page, 'timeline');
        expect(!UUID.test(timeline), `the timeline shows a raw id: ${timeline}`);
        expect(timeline.includes('Payment received'), `the timeline lists the payment: ${timeline}`);
        await capture(ctx, page, 'client-qa-order-plan', { at: 'phone' });
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'Client QA: a listing URL with a cursor the API refuses shows the list from its first page',
    async run(ctx) {
      const context = await ctx.browser.newContext({ viewport: VIEWPORTS.desktop });
      try {
        const page = await context.newPage();
        const path = '/volt-supply/c/circuit-protection/circuit-breakers';
        const response = await page.goto(new URL(`${path}?brand=eaton&cursor=stale`, ctx.baseUrl).href);
        expect(response?.status() === 200, `the stale cursor answered ${response?.status()}`);
        const url = new URL(page.url());
        expect(
          url.pathname === path &&
            url.searchParams.get('brand') === 'eaton' &&
            !url.searchParams.has('cursor'),
          `the page moved to ${url.pathname}${url.search}`,
        );
        await page.locator('main article').first().waitFor();
        await capture(ctx, page, 'client-qa-stale-cursor', { at: 'desktop' });
      } finally {
        await context.close();
      }
    },
  },
];
