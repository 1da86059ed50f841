import { CheckFailure, capture, expect, fillAddress, VIEWPORTS } from '../lib/page.mjs';
import { signedInPage } from '../lib/session.mjs';
import { addToCart, expectTestId, placeOrder, until } from '../lib/shop.mjs';
import { payWith, routeStripe, withStripeApp } from '../lib/stripe-app.mjs';

// A guest pays an order by card through Stripe's Payment Element, the main money path. Stripe is not
// reachable from here, so the journey runs on its own app wired to the API stand-in
// (lib/stripe-app.mjs), with webhooks: the
// stand-in signs and POSTs `payment_intent.*` events to the app, which is how the app learns a card
// payment went through. In the browser, Playwright answers js.stripe.com with the Stripe.js stand-in
// (stripe-js-stand-in.js) and forwards api.stripe.com to the API stand-in, so the app's own card form
// (loadStripe, Elements, PaymentElement, confirmPayment) runs unchanged and talks to "Stripe" over the
// same two hosts as in production. Nothing of the app is patched.
//
// Electric Muse's owner turns Stripe on in her payment settings; a guest orders a print, chooses card,
// is declined once (the error shows in the form, the order stays open), then pays with a card whose bank
// checks the payment (3-D Secure: failed once, with the bank's words in the form, then passed), comes
// back from "Stripe" to the order page and sees it paid; reloading that page counts nothing twice, nor
// does Stripe delivering the same event again. The owner's order page shows the card payment, and the
// guest gets the receipt by email.

const WEBHOOK_SECRET = 'whsec_e2e_card_payment';
const STUDIO = 'electric-muse';
const SHOP = `/api/v1/studios/${STUDIO}`;
const OWNER = 'jolene@electric-muse.test';
const ADDRESS = {
  name: 'Casey Card',
  line1: '1200 Sunset Blvd',
  city: 'Los Angeles',
  region: 'CA',
  postalCode: '90026',
  country: 'US',
};
const DECLINED_CARD = '4000 0000 0000 0002';
/** Its bank asks the cardholder to confirm each payment (3-D Secure). */
const CHECKED_CARD = '4000 0025 0000 3155';

// After billing-stripe (20): both start their own app; neither depends on the shared one.
export const order = 21;

export const checks = [
  {
    name: 'card payment: a guest pays by card through Stripe.js after a decline; the order is paid once',
    async run(ctx) {
      await withStripeApp({ name: 'e2e_card', webhookSecret: WEBHOOK_SECRET }, async ({ app, stand }) => {
        const contexts = [];
        let failures = [];
        try {
          // This journey's app, in the shape the lib helpers take.
          const mine = { ...ctx, baseUrl: app.baseUrl };
          const problems = [];

          // 1. The owner turns Stripe on for Electric Muse, from her payment settings page.
          const owner = await signedInPage(mine, OWNER);
          contexts.push(owner.context);
          await owner.page.goto(new URL(`/${STUDIO}/admin/payments/settings`, app.baseUrl).href);
          await owner.page.getByLabel('Stripe is connected for this studio').check();
          await owner.page.getByRole('checkbox', { name: /^Card \(Stripe\)/ }).check();
          // PromptPay has no id here, so it is not offered and the form shows it off: saving asks for nothing.
          expect(
            !(await owner.page.getByRole('checkbox', { name: /^PromptPay/ }).isChecked()),
            'PromptPay without an id shows as on',
          );
          await owner.page.getByRole('button', { name: 'Save', exact: true }).click();
          await owner.page.getByText('Payment methods saved.').waitFor();

          // 2. A guest orders a print and chooses to pay by card.
          const context = await ctx.browser.newContext({ viewport: VIEWPORTS.desktop });
          contexts.push(context);
          const routed = await routeStripe(context, stand);
          const calls = routed.calls;
          failures = routed.failures;
          const page = await context.newPage();
          page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
          const email = `casey-${Date.now()}@example.com`;
          await addToCart(page, app.baseUrl, STUDIO, 'photo-print');
          await page.goto(new URL(`/${STUDIO}/checkout`, app.baseUrl).href);
          await page.getByTestId('checkout-summary').waitFor();
          await page.locator('#email').fill(email);
          await page.locator('#name').fill(ADDRESS.name);
          await fillAddress(page, 'shipping', ADDRESS);
          await page.locator('input[name=shippingMethodId][value=standard]').check();
          await page.locator('input[name=payment][value=stripe]').check();
          const { orderId, token } = await placeOrder(page);
          const orderUrl = new URL(page.url());
          expect(Boolean(token), 'a guest lands on the order by its token link');
          const orderNow = async () => {
            const response = await fetch(
              new URL(`${SHOP}/orders/${orderId}?token=${encodeURIComponent(token)}`, app.baseUrl),
            );
            expect(response.ok, `GET the order answered ${response.status}`);
            return response.json();
          };
          const placed = await orderNow();
          const payment = placed.payments.find((p) => p.provider === 'stripe');
          expect(
            payment?.status === 'pending' && payment.nextAction?.type === 'stripe_confirm',
            `the order's card payment waits for the card: ${JSON.stringify(payment)}`,
          );
          const intentId = payment.nextAction.clientSecret.split('_secret_')[0];
          expect(stand.intents.has(intentId), `no intent ${intentId} at the stand-in`);

          // 3. The card form: Stripe.js loaded from "js.stripe.com", the Payment Element mounted and ready.
          const form = page.getByTestId('stripe-card-form');
          await form.getByLabel('Card number').waitFor({ timeout: 20_000 });
          await page.locator('[data-testid=stripe-card-form][aria-busy=false]').waitFor();
          const pay = form.getByRole('button', { name: /^Pay / });
          await until(() => pay.isEnabled(), 'the Pay button to be enabled once the card form is ready');
          await capture(ctx, page, 'card-payment-form', { at: 'desktop' });

          // 4. A declined card: Stripe's words in the form, the page and the order stay, open for another card.
          await payWith(page, DECLINED_CARD);
          await form.getByText('Your card was declined.').waitFor();
          expect(new URL(page.url()).search === orderUrl.search, `a decline left the page: ${page.url()}`);
          await capture(ctx, page, 'card-payment-declined', { at: 'desktop' });
          // Stripe tells the app about the failed attempt too; the order must not give up on the payer.
          await until(
            () =>
              stand.webhookDeliveries.some(
                (d) => d.type === 'payment_intent.payment_failed' && d.status === 200,
              ),
            'the payment_failed webhook to be accepted',
          );
          // Longer than the order page's own refresh (4 s): what the payer sees after the webhook.
          await page.waitForTimeout(5_000);
          const afterDecline = await orderNow();
          expect(
            afterDecline.status === 'pending' && afterDecline.paymentStatus === 'unpaid',
            `after one declined card the order is ${afterDecline.status} / ${afterDecline.paymentStatus}`,
          );
          expect(await form.getByLabel('Card number').isVisible(), 'the card form is gone after a decline');

          // 5. A card whose bank asks for a check (3-D Secure): the bank's page opens over the form. She
          // fails it: the bank's words in the form, which stays open for another try.
          await payWith(page, CHECKED_CARD);
          const check = page.getByRole('dialog', { name: /Confirm this payment with your bank/ });
          await check.waitFor({ timeout: 20_000 });
          await check.getByRole('button', { name: 'Fail authentication' }).click();
          await form
            .getByText(/^We are unable to authenticate your payment method/)
            .waitFor({ timeout: 20_000 });
          expect(
            new URL(page.url()).search === orderUrl.search,
            `a failed check left the page: ${page.url()}`,
          );
          await capture(ctx, page, 'card-payment-check-failed', { at: 'desktop' });

          // 6. Again, and she passes the check: "Stripe" sends her back to the order page, which shows it paid.
          await payWith(page, CHECKED_CARD);
          await check.waitFor({ timeout: 20_000 });
          await check.getByRole('button', { name: 'Complete authentication' }).click();
          await page.waitForURL(
            (url) =>
              url.pathname === orderUrl.pathname &&
              url.searchParams.get('payment_intent') === intentId &&
              url.searchParams.get('redirect_status') === 'succeeded' &&
              url.searchParams.get('token') === token,
            { timeout: 20_000 },
          );
          await expectTestId(page, 'payment-status', 'Paid', 30_000);
          await page.getByTestId('order-thanks').waitFor();
          const timeline = page.getByTestId('timeline');
          await timeline
            .getByText(/Card \(Stripe\)/)
            .first()
            .waitFor();
          await capture(ctx, page, 'card-payment-paid', { at: 'desktop' });

          // 7. Counted once: a reload of the return page, and Stripe delivering the same event again.
          await page.reload();
          await expectTestId(page, 'payment-status', 'Paid');
          const succeeded = stand.webhookDeliveries.find(
            (d) => d.type === 'payment_intent.succeeded' && d.intentId === intentId && d.status === 200,
          );
          expect(Boolean(succeeded), 'the payment_intent.succeeded webhook was not accepted');
          expect(
            (await stand.redeliver(succeeded.eventId)) === 200,
            'a redelivered event was not acknowledged',
          );
          const paid = await orderNow();
          const paidPayments = paid.payments.filter((p) => p.status === 'succeeded');
          expect(
            paid.status === 'paid' && paid.paidMinor === paid.totalMinor && paidPayments.length === 1,
            `after a reload and a redelivery the order says ${paid.status}, paid ${paid.paidMinor} of ${paid.totalMinor}, ${paidPayments.length} paid payments`,
          );
          const paymentEntries = paid.timeline.filter((entry) => entry.kind === 'payment');
          expect(
            paymentEntries.length === 1,
            `the timeline records ${paymentEntries.length} payments: ${JSON.stringify(paid.timeline)}`,
          );
          const confirms = stand.requests.filter(
            (r) => r.method === 'POST' && r.path === `/v1/payment_intents/${intentId}/confirm`,
          );
          expect(
            confirms.length === 3,
            `${confirms.length} confirmations at Stripe, not 3 (declined, check failed, paid)`,
          );
          expect(
            calls.filter((c) => c.endsWith('/confirm')).length === 3,
            `the browser confirmed through api.stripe.com ${calls.length} times: ${calls.join(', ')}`,
          );

          // 8. The receipt, by email, to the guest.
          const receipt = await app.mail.waitFor(email, (m) => /receipt/i.test(m.subject));
          expect(/Electric Muse/.test(receipt.subject), `receipt subject: ${receipt.subject}`);

          // 9. The owner's order page: the card payment, paid.
          await owner.page.goto(new URL(`/${STUDIO}/admin/orders/${orderId}`, app.baseUrl).href);
          const payments = owner.page.getByTestId('order-payments');
          await payments.waitFor();
          const row = payments.locator(`[data-payment="${payment.id}"]`);
          await row.getByText(/Card \(Stripe\)/).waitFor();
          await capture(ctx, owner.page, 'card-payment-admin-order', { at: 'desktop' });
          problems.push(...owner.problems, ...failures);
          if (problems.length > 0) throw new CheckFailure(problems.join('; '));
        } catch (error) {
          if (error instanceof Error && failures.length > 0)
            error.message += `\n--- api.stripe.com ---\n${failures.join('\n')}`;
          throw error;
        } finally {
          for (const context of contexts) await context.close();
        }
      });
    },
  },
];
