import { CheckFailure, capture, expect, fillAddress, screenshot, VIEWPORTS } from '../lib/page.mjs';
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
  staffCharge,
  until,
} from '../lib/shop.mjs';

// Electric Muse (USD): the payment-plan "done means" in the browser. Mint, a signed-in client, buys a
// photo print in 3 instalments with the sandbox card that pays while the client is there and declines
// every charge made without them (4000 0000 0000 0341). Instalment 1 is paid at checkout. The owner
// charges instalment 2 early from the admin order page: declined; the client's plan page shows it
// failed with the next try, and the "payment failed" email arrives with a link to that page. The client
// puts in a card whose bank checks each payment: instalment 2 is charged at once and paid once she
// passes the check on the page (the sandbox's stand-in). The owner charges instalment 3: the plan is
// complete and the order paid. Every amount is checked to the minor unit against the schedule the API
// computed (the leftover cents go to the first instalment).

export const order = 32;

const STUDIO = 'electric-muse';
const SHOP = `/api/v1/studios/${STUDIO}`;
const CLIENT = 'mint@players.test';
const OWNER = 'jolene@electric-muse.test';
const CURRENCY = 'USD';
const LOCALE = 'en';
const TAX_BPS = 725;
const DECLINES_LATER = '4000000000000341';
const SUCCEEDS = '4242424242424242';
/** Its bank asks the cardholder to confirm each payment (3-D Secure). */
const CHECKED = '4000002500003155';
const ADDRESS = {
  name: 'Mint Player',
  line1: '1200 Sunset Blvd',
  city: 'Los Angeles',
  region: 'CA',
  postalCode: '90026',
  country: 'US',
};

const usd = (minor) => money(minor, CURRENCY, LOCALE);
/** Money as the emails write it (platform/mailer formatMoney: en-US, always the cents). */
const usdMail = (minor) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: CURRENCY }).format(minor / 100);

function needMail(ctx) {
  if (!ctx.mail) throw new CheckFailure('needs the captured SMTP mail: run without E2E_BASE_URL');
  return ctx.mail;
}

/** The schedule rows as the page shows them: status and amount text per instalment. */
async function scheduleRows(page) {
  const rows = page.getByTestId('plan-instalment');
  await rows.first().waitFor();
  const out = [];
  for (let i = 0; i < (await rows.count()); i += 1) {
    const row = rows.nth(i);
    out.push({
      seq: Number(await row.getAttribute('data-seq')),
      status: await row.getAttribute('data-status'),
      amount: (await row.getByTestId('instalment-amount').textContent())?.trim(),
    });
  }
  return out;
}

/** Expects the page's schedule to read `statuses` with the API's amounts, formatted to the cent. */
async function expectSchedule(page, amounts, statuses) {
  const deadline = Date.now() + 15_000;
  let rows = [];
  while (Date.now() < deadline) {
    rows = await scheduleRows(page);
    const ok =
      rows.length === amounts.length &&
      rows.every(
        (row, i) => row.seq === i + 1 && row.status === statuses[i] && row.amount === usd(amounts[i]),
      );
    if (ok) return;
    await page.waitForTimeout(500);
    await page.reload();
  }
  throw new CheckFailure(
    `the schedule on ${page.url()} reads ${JSON.stringify(rows)}, expected ${JSON.stringify(
      amounts.map((amount, i) => ({ seq: i + 1, status: statuses[i], amount: usd(amount) })),
    )}`,
  );
}

async function expectTotals(page, total, paid) {
  await expectTestId(page, 'plan-total', usd(total));
  await expectTestId(page, 'plan-paid', usd(paid));
  await expectTestId(page, 'plan-remaining', usd(total - paid));
}

/**
 * Saves a new card on the plan page and waits for what the page says about it: `plan-flash` at the top
 * when saving it charged an instalment (the page reloads), `plan-card-result` under the form when not.
 */
async function saveCard(page, number, { where, says }) {
  await page.locator('#plan-cardNumber').fill(number);
  await page.getByTestId('plan-save-card').click();
  await page.getByTestId(where).getByText(says).waitFor({ timeout: 20_000 });
}

export const checks = [
  {
    name: 'Electric Muse: a 3-instalment plan whose second charge fails, is retried with a new card and completes',
    async run(ctx) {
      const mail = needMail(ctx);
      const client = await signedInPage(ctx, CLIENT);
      const owner = await signedInPage(ctx, OWNER);
      try {
        const { page } = client;
        const cookie = await cookieOf(client.context, ctx.baseUrl);
        const studio = await ctx.api(`/api/v1/studios/${STUDIO}`);

        // 1. Checkout: pickup, sandbox card that declines later charges, 3 instalments.
        await emptyCart(ctx, cookie, STUDIO);
        const cart = await addToCart(page, ctx.baseUrl, STUDIO, 'photo-print');
        const line = cart.lines[0];
        await page.goto(new URL(`/${STUDIO}/checkout`, ctx.baseUrl).href);
        await page.getByTestId('checkout-summary').waitFor();
        await fillAddress(page, 'shipping', ADDRESS);
        await page.locator('input[name=shippingMethodId][value=pickup]').check();
        await page.locator('input[name=payment][value=sandbox]').check();
        await page.locator('input[name=plan][value="3"]').check();
        await page.locator('#sandboxCard').fill(DECLINES_LATER);
        // Picked up at the studio: no shipping, but the address decides the tax (California, on top).
        const subtotal = line.unitPriceMinor * line.quantity;
        const checkoutTotal = subtotal + divideHalfUp(subtotal * TAX_BPS, 10_000);
        const firstShare = checkoutTotal - 2 * Math.floor(checkoutTotal / 3);
        // The summary follows the form through the preview: place the order once it shows these figures.
        await expectTestId(page, 'total-total', usd(checkoutTotal));
        await expectTestId(page, 'total-due-now', usd(firstShare));
        const { orderId } = await placeOrder(page);

        // 2. The schedule the API computed: the total in 3, the leftover cents on the first.
        const placed = await apiAs(ctx, cookie, 'GET', `${SHOP}/orders/${orderId}`);
        const total = placed.totalMinor;
        expect(total === checkoutTotal, `the order's total ${total}, the checkout showed ${checkoutTotal}`);
        const planId = placed.plan?.planId;
        expect(planId, `the order has a plan: ${JSON.stringify(placed.plan)}`);
        const share = Math.floor(total / 3);
        const amounts = [total - 2 * share, share, share];
        const plan = await apiAs(ctx, cookie, 'GET', `${SHOP}/payment-plans/${planId}`);
        expect(
          JSON.stringify(plan.instalments.map((i) => i.amountMinor)) === JSON.stringify(amounts) &&
            plan.totalMinor === total &&
            amounts.reduce((a, b) => a + b, 0) === total,
          `plan amounts ${JSON.stringify(plan.instalments.map((i) => i.amountMinor))} of ${plan.totalMinor}, expected ${JSON.stringify(amounts)} of ${total}`,
        );
        expect(
          placed.paidMinor === amounts[0] &&
            plan.paidMinor === amounts[0] &&
            plan.instalments[0].status === 'paid',
          `instalment 1 paid at checkout: order paid ${placed.paidMinor}, plan paid ${plan.paidMinor}`,
        );
        expect(plan.method.last4 === '0341', `the plan charges the card ending ${plan.method.last4}`);

        // 3. From the order page to the plan page.
        await page.getByTestId('plan-link').click();
        await page.waitForURL((url) => url.pathname === `/${STUDIO}/portal/payment-plans/${planId}`);
        await expectSchedule(page, amounts, ['paid', 'scheduled', 'scheduled']);
        await expectTotals(page, total, amounts[0]);

        // 3b. The portal's list of plans, reached from the portal's navigation: this plan first (the
        // newest), what is paid of the total and the next instalment to the cent; its line opens the plan.
        await page.goto(new URL(`/${STUDIO}/portal`, ctx.baseUrl).href);
        await page
          .getByRole('navigation', { name: 'Client portal sections' })
          .getByRole('link', { name: 'Payment plans' })
          .click();
        await page.waitForURL((url) => url.pathname === `/${STUDIO}/portal/payment-plans`);
        const listed = page.getByTestId('my-payment-plan');
        await listed.first().waitFor();
        const newest = await listed.first().getAttribute('data-plan-id');
        expect(newest === planId, `the list starts with plan ${newest}, expected the new ${planId}`);
        const planLine = listed.first();
        const words = async (id) =>
          ((await planLine.getByTestId(id).textContent()) ?? '').replace(/\s+/g, ' ').trim();
        const dueDay = new Intl.DateTimeFormat(LOCALE, {
          dateStyle: 'medium',
          timeZone: studio.timezone,
        }).format(new Date(plan.instalments[1].dueAt));
        const same = (a, b) => a.replace(/\s+/g, ' ') === b.replace(/\s+/g, ' ');
        const paidLine = await words('my-plan-paid');
        expect(
          same(paidLine, `${usd(amounts[0])} of ${usd(total)} paid (1 of 3 instalments)`),
          `the list says "${paidLine}"`,
        );
        const nextLine = await words('my-plan-next');
        expect(
          same(nextLine, `Next: instalment 2, ${usd(amounts[1])} on ${dueDay}`),
          `the list says next "${nextLine}"`,
        );
        await capture(ctx, page, 'payment-plans-list');
        await page.setViewportSize({ width: 360, height: 780 });
        await screenshot(page, ctx.screenshotDir, 'payment-plans-list', 'phone-360');
        await page.setViewportSize(VIEWPORTS.desktop);
        await planLine.getByRole('link').click();
        await page.waitForURL((url) => url.pathname === `/${STUDIO}/portal/payment-plans/${planId}`);
        await expectSchedule(page, amounts, ['paid', 'scheduled', 'scheduled']);

        // 4. The owner charges instalment 2 now: charged without the client, this card declines.
        const staffPage = owner.page;
        const declined = await staffCharge(staffPage, ctx.baseUrl, STUDIO, orderId, {
          expectLabel: `Charge instalment 2 now (${usd(amounts[1])})`,
        });
        expect(/declined/i.test(declined) && /next try/i.test(declined), `the owner is told: "${declined}"`);
        const failed = await apiAs(ctx, cookie, 'GET', `${SHOP}/payment-plans/${planId}`);
        const second = failed.instalments[1];
        expect(
          second.status === 'retrying' &&
            second.attempts === 1 &&
            second.nextAttemptAt &&
            failed.status === 'active',
          `instalment 2 after the decline: ${JSON.stringify(second)}`,
        );
        expect(failed.paidMinor === amounts[0], `paid after the decline: ${failed.paidMinor}`);
        await staffPage
          .getByTestId('plan-instalment')
          .nth(1)
          .and(staffPage.locator('[data-status=retrying]'))
          .waitFor();
        await capture(ctx, staffPage, 'payment-plan-admin-declined');

        // 5. The "payment failed" email, with the amount and a link to the plan page that works.
        const failedMail = await mail.waitFor(CLIENT, (m) =>
          m.subject.includes('Payment failed: instalment 2 of 3'),
        );
        expect(failedMail.text.includes(usdMail(amounts[1])), `the email names ${usdMail(amounts[1])}`);
        const planLink = mail
          .links(failedMail)
          .find((link) => link.includes(`/portal/payment-plans/${planId}`));
        expect(planLink, `the email links the plan page: ${mail.links(failedMail).join(', ')}`);
        const response = await page.goto(planLink);
        expect(response?.status() === 200, `the emailed plan link answered ${response?.status()}`);

        // 6. The client's plan page: instalment 2 failed, with the next try in the studio's time zone.
        await expectSchedule(page, amounts, ['paid', 'retrying', 'scheduled']);
        await expectTotals(page, total, amounts[0]);
        const nextTry = new Intl.DateTimeFormat(LOCALE, {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: studio.timezone,
        }).format(new Date(second.nextAttemptAt));
        await expectTestId(page, 'instalment-next-try', `Next try ${nextTry}`.replace(/\s+/g, ' '));
        await page.getByTestId('plan-alert').waitFor();
        await capture(ctx, page, 'payment-plan-declined');

        // 7. A new card, whose bank checks each payment: saved, and instalment 2 charged with it at once.
        // The charge waits for her bank's check (the sandbox's stand-in), which she passes on the page.
        await saveCard(page, CHECKED, {
          where: 'plan-flash',
          says: 'Card ending 3155 saved. Instalment 2 is not paid yet; this page shows where it stands.',
        });
        const toConfirm = page.getByTestId('plan-confirm');
        await toConfirm.getByRole('button', { name: /^Confirm payment of instalment 2/ }).click();
        const sandboxCheck = page.getByTestId('plan-sandbox-check');
        const complete = sandboxCheck.getByRole('button', { name: 'Complete authentication' });
        await complete.waitFor();
        expect(
          await complete.evaluate((button) => button === document.activeElement),
          "focus is not on the bank's check",
        );
        await capture(ctx, page, 'payment-plan-sandbox-check');

        // Meanwhile she opens the plan in another tab, where the same check opens (no second charge),
        // and fails it there. The check still showing in the first tab is over: answering it says so,
        // rather than "check your connection", and nothing is taken.
        const otherTab = await client.context.newPage();
        await otherTab.goto(page.url());
        await otherTab
          .getByTestId('plan-confirm')
          .getByRole('button', { name: /^Confirm payment of instalment 2/ })
          .click();
        await otherTab
          .getByTestId('plan-sandbox-check')
          .getByRole('button', { name: 'Fail authentication' })
          .click();
        await otherTab
          .getByTestId('plan-flash')
          .getByText(/^Your bank did not confirm the payment, so nothing was taken/)
          .waitFor({ timeout: 20_000 });
        await otherTab.close();
        await complete.press('Enter');
        await page
          .getByTestId('plan-flash')
          .getByText(
            'This payment can no longer be confirmed: it was settled or called off meanwhile, and nothing ' +
              'more was taken. The schedule shows where instalment 2 stands.',
          )
          .waitFor({ timeout: 20_000 });
        // The schedule below agrees: instalment 2 is back to its retry (the failed check changed nothing).
        await page
          .locator('[data-testid=plan-instalment][data-seq="2"][data-status=retrying]')
          .waitFor({ timeout: 10_000 });
        await capture(ctx, page, 'payment-plan-check-gone', { at: 'desktop' });

        // She pays it again and passes the check.
        await page.getByRole('button', { name: /^Pay instalment 2 now/ }).click();
        await complete.waitFor();
        await complete.press('Enter');
        await page
          .getByTestId('plan-flash')
          .getByText(/^Instalment 2 \(\$[\d,.]+\) is paid/)
          .waitFor({ timeout: 20_000 });
        await expectSchedule(page, amounts, ['paid', 'paid', 'scheduled']);
        await expectTotals(page, total, amounts[0] + amounts[1]);
        await until(async () => {
          const now = await apiAs(ctx, cookie, 'GET', `${SHOP}/orders/${orderId}`);
          return now.paidMinor === amounts[0] + amounts[1];
        }, 'the order to have received instalment 2');
        expect((await toConfirm.count()) === 0, 'the plan still asks to confirm instalment 2');

        // She goes back to a card without checks for the last one: saved, nothing charged.
        await saveCard(page, SUCCEEDS, { where: 'plan-card-result', says: 'Card ending 4242 saved.' });
        await expectSchedule(page, amounts, ['paid', 'paid', 'scheduled']);

        // 8. The owner charges instalment 3: paid; the plan completes and the order is paid in full.
        const paidText = await staffCharge(staffPage, ctx.baseUrl, STUDIO, orderId, {
          expectLabel: `Charge instalment 3 now (${usd(amounts[2])})`,
        });
        expect(/instalment 3 .* is paid/i.test(paidText), `the owner is told: "${paidText}"`);
        const done = await until(async () => {
          const [now, orderNow] = await Promise.all([
            apiAs(ctx, cookie, 'GET', `${SHOP}/payment-plans/${planId}`),
            apiAs(ctx, cookie, 'GET', `${SHOP}/orders/${orderId}`),
          ]);
          return now.status === 'completed' && orderNow.paymentStatus === 'paid' ? { now, orderNow } : null;
        }, 'the plan to complete and the order to be paid');
        expect(
          done.now.paidMinor === total &&
            done.orderNow.paidMinor === total &&
            done.orderNow.totalMinor === total,
          `plan paid ${done.now.paidMinor}, order paid ${done.orderNow.paidMinor} of ${total}`,
        );
        expect(
          JSON.stringify(done.now.instalments.map((i) => [i.amountMinor, i.status])) ===
            JSON.stringify(amounts.map((a) => [a, 'paid'])),
          `instalments at the end: ${JSON.stringify(done.now.instalments)}`,
        );
        await staffPage.reload();
        await expectTestId(staffPage, 'order-paid', usd(total));

        await page.reload();
        await expectSchedule(page, amounts, ['paid', 'paid', 'paid']);
        await expectTotals(page, total, total);
        await expectTestId(page, 'plan-status', 'Paid in full');
        await capture(ctx, page, 'payment-plan-completed');
      } finally {
        await client.context.close();
        await owner.context.close();
      }
    },
  },
];
