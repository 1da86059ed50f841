import { CheckFailure, capture, expect, expectText, VIEWPORTS } from '../lib/page.mjs';
import { signInThroughPages } from '../lib/session.mjs';
import { withStripeApp } from '../lib/stripe-app.mjs';

// Studio plan billing against "Stripe": the journey runs on its own app wired to the Stripe stand-in
// (lib/stripe-app.mjs), since the shared app has no Stripe (its paid plans are invoiced by hand).
// Electric Muse's owner has no card on file, so a paid plan goes through Stripe's hosted Checkout: she
// cancels once, then pays, comes back on the new plan, and opens the customer portal for her card.

const OWNER = 'jolene@electric-muse.test';
const BILLING = '/electric-muse/admin/billing';

// Before identity.mjs (order 100), which trips the sign-in lockout for 127.0.0.1.
export const order = 20;

export const checks = [
  {
    name: 'billing with Stripe: an owner pays for a plan at Checkout, comes back on it, and opens the card portal',
    async run(ctx) {
      await withStripeApp({ name: 'e2e_billing' }, async ({ app, stand }) => {
        let context;
        try {
          context = await ctx.browser.newContext({ viewport: VIEWPORTS.desktop });
          const page = await context.newPage();
          const problems = [];
          page.on('pageerror', (error) => problems.push(error.message));
          const onBilling = (url) => url.origin === app.baseUrl && url.pathname === BILLING;
          const billingNow = async () => {
            const response = await page.request.get(
              new URL(`/api/v1/studios/electric-muse/billing`, app.baseUrl).href,
            );
            expect(response.status() === 200, `GET billing answered ${response.status()}`);
            return response.json();
          };
          const choose = async (plan) => {
            await page.getByRole('radio', { name: new RegExp(plan) }).check();
            await page.getByRole('button', { name: 'Change plan', exact: true }).click();
            await page.getByRole('button', { name: new RegExp(`Yes, switch to ${plan}`) }).click();
            // No card on file: the browser leaves for Stripe's Checkout.
            await page.waitForURL((url) => url.href.startsWith(`${stand.url}/c/pay/`));
            await expectText(page, 'Stripe Checkout (test stand-in)');
          };

          await signInThroughPages(page, app.baseUrl, OWNER);
          await page.goto(new URL(BILLING, app.baseUrl).href);
          expect((await billingNow()).plan === 'starter', 'Electric Muse does not start on starter');

          // Second thoughts at Stripe: back to the billing page, told nothing changed.
          await choose('Professional');
          await page.getByRole('link', { name: 'Back' }).click();
          await page.waitForURL((url) => onBilling(url) && url.searchParams.get('checkout') === 'cancelled');
          await expectText(page, 'Checkout was cancelled. Your plan has not changed.');
          expect((await billingNow()).plan === 'starter', 'a cancelled Checkout changed the plan');
          await capture(ctx, page, 'billing-checkout-cancelled', { at: 'desktop' });

          // Paying: Stripe sends her back with the session; the page confirms it and swaps it out of the URL
          // (a reload shows the message, not a second settling).
          await choose('Professional');
          await page.getByRole('button', { name: 'Pay' }).click();
          await page.waitForURL((url) => onBilling(url) && url.searchParams.get('checkout') === 'paid');
          await expectText(page, 'Payment received: the studio is now on Professional.');
          await page.reload();
          await expectText(page, 'Payment received: the studio is now on Professional.');
          const paid = await billingNow();
          expect(
            paid.plan === 'professional' && paid.collection === 'stripe' && paid.status === 'active',
            `after paying, billing is ${JSON.stringify(paid)}`,
          );
          expect(
            stand.subscriptions.size === 1,
            `${stand.subscriptions.size} subscriptions at Stripe, not 1`,
          );
          // Billed by card now, so the card can be managed from here.
          const manage = page.getByRole('button', { name: 'Manage payment method' });
          await manage.waitFor();
          await capture(ctx, page, 'billing-checkout-paid', { at: 'desktop' });

          // The card portal: Stripe's page, and the way back to the billing page.
          await manage.click();
          await page.waitForURL((url) => url.href.startsWith(`${stand.url}/p/session/`));
          await expectText(page, 'Stripe customer portal (test stand-in)');
          await page.getByRole('link', { name: 'Return to Atelier' }).click();
          await page.waitForURL(onBilling);
          await expectText(page, 'Manage payment method');
          if (problems.length > 0) throw new CheckFailure(`page errors: ${problems.join('; ')}`);
        } finally {
          await context?.close();
        }
      });
    },
  },
];
