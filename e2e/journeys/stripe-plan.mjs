import { CheckFailure, capture, expect, fillAddress, screenshot } from '../lib/page.mjs';
import { signedInPage } from '../lib/session.mjs';
import {
  addToCart,
  apiAs,
  cookieOf,
  emptyCart,
  expectTestId,
  placeOrder,
  staffCharge,
  until,
} from '../lib/shop.mjs';
import { payWith, routeStripe, withStripeApp } from '../lib/stripe-app.mjs';

// Electric Muse (USD), a payment plan by card through Stripe. Mint, a signed-in client, buys a photo
// print in 3 instalments and pays the first in Stripe's card form on the order page (Stripe.js stand-in
// in the browser, the API stand-in behind api.stripe.com, as in card-payment.mjs). Stripe keeps that
// card for the plan; her plan page shows its last digits. She then puts in another card through Stripe's form (a
// SetupIntent, no payment), and the plan charges that one from now on. When that card's bank asks for
// 3-D Secure, paying the next instalment early opens the bank's check on the plan page. A charge the
// owner makes without her is declined (nobody can answer the check); the new card she puts in pays it.

export const order = 22;

const STUDIO = 'electric-muse';
const SHOP = `/api/v1/studios/${STUDIO}`;
const CLIENT = 'mint@players.test';
const OWNER = 'jolene@electric-muse.test';
const WEBHOOK_SECRET = 'whsec_e2e_stripe_plan';
const GOOD_CARD = '4242 4242 4242 4242';
const MASTERCARD = '5555 5555 5555 4444';
/** A card whose bank asks for 3-D Secure on every charge. */
const CHECKED_CARD = '4000 0025 0000 3155';
const ADDRESS = {
  name: 'Mint Player',
  line1: '1200 Sunset Blvd',
  city: 'Los Angeles',
  region: 'CA',
  postalCode: '90026',
  country: 'US',
};

export const checks = [
  {
    name: 'Stripe plan: the first instalment is paid in the card form, which keeps the card; the client replaces it and confirms a charge with her bank',
    async run(ctx) {
      await withStripeApp(
        { name: 'e2e_stripe_plan', webhookSecret: WEBHOOK_SECRET },
        async ({ app, stand }) => {
          const mine = { ...ctx, baseUrl: app.baseUrl };
          const contexts = [];
          const problems = [];
          let failures = [];
          try {
            // 1. The owner turns Stripe on.
            const owner = await signedInPage(mine, OWNER);
            contexts.push(owner.context);
            await owner.page.goto(new URL(`/${STUDIO}/admin/payments/settings`, app.baseUrl).href);
            await owner.page.getByLabel('Stripe is connected for this studio').check();
            await owner.page.getByRole('checkbox', { name: /^Card \(Stripe\)/ }).check();
            await owner.page.getByRole('button', { name: 'Save', exact: true }).click();
            await owner.page.getByText('Payment methods saved.').waitFor();

            // 2. Mint checks out by card in 3 instalments: no card number asked for at checkout.
            const client = await signedInPage(mine, CLIENT);
            contexts.push(client.context);
            failures = (await routeStripe(client.context, stand)).failures;
            const { page } = client;
            page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
            const cookie = await cookieOf(client.context, app.baseUrl);
            await emptyCart(mine, cookie, STUDIO);
            await addToCart(page, app.baseUrl, STUDIO, 'photo-print');
            await page.goto(new URL(`/${STUDIO}/checkout`, app.baseUrl).href);
            await page.getByTestId('checkout-summary').waitFor();
            await fillAddress(page, 'shipping', ADDRESS);
            await page.locator('input[name=shippingMethodId][value=pickup]').check();
            await page.locator('input[name=payment][value=stripe]').check();
            await page.locator('input[name=plan][value="3"]').check();
            expect((await page.locator('#sandboxCard').count()) === 0, 'checkout asks for a card number');
            const { orderId } = await placeOrder(page);
            const placed = await apiAs(mine, cookie, 'GET', `${SHOP}/orders/${orderId}`);
            const planId = placed.plan?.planId;
            expect(planId, `the order has a plan: ${JSON.stringify(placed.plan)}`);

            // 3. The first instalment in Stripe's card form, on the order page.
            const form = page.getByTestId('stripe-card-form');
            await form.getByLabel('Card number').waitFor({ timeout: 20_000 });
            await page.locator('[data-testid=stripe-card-form][aria-busy=false]').waitFor();
            await payWith(page, GOOD_CARD);
            await page.waitForURL((url) => url.searchParams.get('redirect_status') === 'succeeded', {
              timeout: 20_000,
            });
            const plan = await until(async () => {
              const now = await apiAs(mine, cookie, 'GET', `${SHOP}/payment-plans/${planId}`);
              // The card's digits come from Stripe just after (the plan's card_kept handler).
              return now.instalments[0].status === 'paid' && now.method.last4 === '4242' ? now : null;
            }, 'the first instalment to be paid and its card kept, with its last digits');
            const kept = [...stand.paymentMethods.values()].at(-1);
            expect(
              kept && plan.method.kind === 'stripe',
              `Stripe kept no card for the plan: ${JSON.stringify(plan.method)}`,
            );

            // 4. The plan page: the card is Stripe's; another one goes in through Stripe's form.
            await page.goto(new URL(`/${STUDIO}/portal/payment-plans/${planId}`, app.baseUrl).href);
            await expectTestId(page, 'plan-card', 'Card ending 4242');
            await page.getByTestId('plan-new-card').click();
            const setupForm = page.getByTestId('plan-stripe-card-form');
            await setupForm.getByLabel('Card number').waitFor({ timeout: 20_000 });
            await page.locator('[data-testid=plan-stripe-card-form][aria-busy=false]').waitFor();
            await capture(ctx, page, 'stripe-plan-new-card', { at: 'desktop' });
            await payWith(page, MASTERCARD, { formTestId: 'plan-stripe-card-form', submit: /^Save card$/ });
            await page
              .getByTestId('plan-card-result')
              .getByText('Your new card is saved. The next instalments are charged to it.')
              .waitFor({ timeout: 20_000 });
            const after = await apiAs(mine, cookie, 'GET', `${SHOP}/payment-plans/${planId}`);
            const newest = [...stand.paymentMethods.values()].at(-1);
            expect(
              newest.id !== kept.id && newest.customer === kept.customer,
              `the new card is not kept on the plan's customer: ${JSON.stringify(newest)}`,
            );
            expect(
              after.method.last4 === '4444',
              `the plan does not show the new card: ${JSON.stringify(after.method)}`,
            );
            await expectTestId(page, 'plan-card', 'Card ending 4444');
            await capture(ctx, page, 'stripe-plan-card-saved', { at: 'desktop' });

            // 5. Her bank now asks for 3-D Secure on this card. Paying instalment 2 early opens the bank's
            // check (Stripe.js handleNextAction; the stand-in's dialog stands in for the bank's page).
            stand.requireAuthentication(newest.id);
            await page.getByTestId('plan-pay-now').click();
            const check = page.getByRole('dialog', { name: /Confirm this payment with your bank/ });
            await check.waitFor({ timeout: 20_000 });
            await screenshot(page, ctx.screenshotDir, 'stripe-plan-3ds-check', 'desktop');

            // She closes the tab before answering. Back on the plan page, the waiting charge comes first,
            // and its button opens the same charge's check again (no second charge).
            const intentsBefore = stand.intents.size;
            await page.reload();
            const toConfirm = page.getByTestId('plan-confirm');
            await toConfirm
              .getByRole('heading', { name: 'Your bank asks you to confirm instalment 2' })
              .waitFor();
            // It says until when she can confirm, and when the instalment is charged if she does not:
            // its due date, since she was paying early.
            const waitingPlan = await apiAs(mine, cookie, 'GET', `${SHOP}/payment-plans/${planId}`);
            const waitingSecond = waitingPlan.instalments[1];
            expect(
              waitingSecond.chargedAgainAt === waitingSecond.dueAt,
              `charged again at ${waitingSecond.chargedAgainAt}, not its due date ${waitingSecond.dueAt}`,
            );
            const { timezone } = await apiAs(mine, cookie, 'GET', SHOP);
            const when = (iso) =>
              new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: timezone })
                .format(new Date(iso))
                .replace(/\s+/g, ' ');
            await expectTestId(
              page,
              'plan-confirm-explain',
              'The payment is waiting for you to confirm it with your bank (3-D Secure). ' +
                `Confirm it by ${when(waitingSecond.nextAttemptAt)}; after that it is called off, nothing is ` +
                `taken, and your card is charged for this instalment on ${when(waitingSecond.dueAt)}.`,
            );
            await page
              .locator('[data-testid=plan-instalment][data-seq="2"] [data-testid=instalment-status]')
              .getByText('Awaiting bank confirmation')
              .waitFor();
            await capture(ctx, page, 'stripe-plan-3ds-waiting', { at: 'desktop' });
            await toConfirm.getByRole('button', { name: /^Confirm payment of instalment 2/ }).click();
            await check.waitFor({ timeout: 20_000 });
            expect(stand.intents.size === intentsBefore, 'reopening the check made another charge');
            await check.getByRole('button', { name: 'Complete authentication' }).click();
            // Paid: the waiting section goes, the page says so at the top (where focus moves, since the
            // button pressed has gone), and so does the schedule.
            const paidLine = page.getByTestId('plan-flash').getByText(/^Instalment 2 \(\$[\d,.]+\) is paid/);
            await paidLine.waitFor({ timeout: 20_000 });
            expect(
              await paidLine.evaluate((element) => element === document.activeElement),
              'focus did not move to the "paid" line',
            );
            await page.locator('[data-testid=plan-instalment][data-seq="2"][data-status=paid]').waitFor();
            expect((await page.getByTestId('plan-confirm').count()) === 0, 'the plan still asks to confirm');
            const confirmed = await apiAs(mine, cookie, 'GET', `${SHOP}/payment-plans/${planId}`);
            expect(
              confirmed.instalments[1].status === 'paid',
              `instalment 2 is not paid after the bank's check: ${JSON.stringify(confirmed.instalments[1])}`,
            );
            const charged = [...stand.intents.values()].at(-1);
            expect(
              charged.payment_method === newest.id && charged.status === 'succeeded',
              `instalment 2 was not charged to the new card: ${JSON.stringify(charged)}`,
            );
            await capture(ctx, page, 'stripe-plan-3ds-paid', { at: 'desktop' });

            // 6. Instalment 3, paid early: she fails her bank's check. Nothing is taken and nothing is
            // held against the plan: the page says so at the top, and the instalment waits for its date.
            await page.getByTestId('plan-pay-now').click();
            await check.waitFor({ timeout: 20_000 });
            await check.getByRole('button', { name: 'Fail authentication' }).click();
            const declinedLine = page
              .getByTestId('plan-flash')
              .getByText(/^Your bank did not confirm the payment, so nothing was taken/);
            await declinedLine.waitFor({ timeout: 20_000 });
            const third = await until(async () => {
              const now = await apiAs(mine, cookie, 'GET', `${SHOP}/payment-plans/${planId}`);
              return now.instalments[2].status === 'scheduled' ? now.instalments[2] : null;
            }, 'instalment 3 back to its date after the failed check');
            expect(
              third.attempts === 1 && third.lastError === null,
              `the failed check was held against the plan: ${JSON.stringify(third)}`,
            );
            await page.reload();
            await page
              .locator('[data-testid=plan-instalment][data-seq="3"][data-status=scheduled]')
              .waitFor();
            expect(
              (await page.getByTestId('plan-confirm').count()) === 0,
              'the plan asks to confirm a called-off charge',
            );

            // 7. The owner charges instalment 3 now, without her: nobody can answer the bank's check, so
            // it is declined and waits for its retry. She puts in a new card (its bank checks every
            // charge too), which pays instalment 3 at once; Stripe cannot be reached for the check. The
            // page says so, and the check waits on the page until she answers it.
            const ownerSays = await staffCharge(owner.page, app.baseUrl, STUDIO, orderId, {
              expectLabel: 'Charge instalment 3 now',
            });
            expect(/declined/i.test(ownerSays), `the owner is told: "${ownerSays}"`);
            await page.reload();
            await page.getByTestId('plan-alert').waitFor();
            const thirdRow = page.locator('[data-testid=plan-instalment][data-seq="3"]');
            await thirdRow
              .getByTestId('instalment-error')
              .getByText('This payment requires authentication by the cardholder.')
              .waitFor();
            await page.getByTestId('plan-new-card').click();
            await setupForm.getByLabel('Card number').waitFor({ timeout: 20_000 });
            await page.locator('[data-testid=plan-stripe-card-form][aria-busy=false]').waitFor();
            const offline = (route) => route.abort('internetdisconnected');
            await page.route('https://api.stripe.com/v1/payment_intents/**', offline);
            await payWith(page, CHECKED_CARD, {
              formTestId: 'plan-stripe-card-form',
              submit: /^Save card and pay instalment 3$/,
            });
            await page
              .getByTestId('plan-flash')
              .getByText(
                /^Your new card is saved, but your bank's check for instalment 3 could not be opened/,
              )
              .waitFor({ timeout: 20_000 });
            await page.unroute('https://api.stripe.com/v1/payment_intents/**', offline);
            const stillToConfirm = page.getByTestId('plan-confirm');
            await stillToConfirm
              .getByRole('heading', { name: 'Your bank asks you to confirm instalment 3' })
              .waitFor();
            expect(
              (await thirdRow.getByTestId('instalment-error').count()) === 0,
              "the owner's declined charge is still shown under the charge waiting for her bank",
            );
            await capture(ctx, page, 'stripe-plan-check-unreachable', { at: 'desktop' });
            await stillToConfirm.getByRole('button', { name: /^Confirm payment of instalment 3/ }).click();
            await check.waitFor({ timeout: 20_000 });
            await check.getByRole('button', { name: 'Complete authentication' }).click();
            await page
              .getByTestId('plan-flash')
              .getByText(/^Instalment 3 \(\$[\d,.]+\) is paid/)
              .waitFor({ timeout: 20_000 });
            const done = await until(async () => {
              const now = await apiAs(mine, cookie, 'GET', `${SHOP}/payment-plans/${planId}`);
              return now.status === 'completed' ? now : null;
            }, 'the plan completed after instalment 3');
            expect(
              done.method.last4 === '3155',
              `the plan does not charge the new card: ${JSON.stringify(done.method)}`,
            );
            if (problems.length > 0) throw new CheckFailure(problems.join('; '));
            if (failures.length > 0) throw new CheckFailure(failures.join('; '));
          } finally {
            for (const context of contexts) await context.close().catch(() => {});
          }
        },
      );
    },
  },
];
