import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { capture, expect, expectAccessible, screenshot, VIEWPORTS } from '../lib/page.mjs';
import { sessionCookie, signedInPage } from '../lib/session.mjs';
import { addToCart, apiAs, expectTestId, money, placeOrder, until } from '../lib/shop.mjs';

// Guests (no account, never signed in) at QR Studios finish their payment steps on the order page they
// land on after checkout (the order link with its token): (1) PromptPay, attaching a transfer slip the
// studio then sees and confirms; (2) a sandbox card that asks for 3-D Secure, completed on the page.
// The order view hands the guest each open payment's access token; the page passes it on.
// The studio first turns the PromptPay slip down with a reason; the guest reads it and sends another.

export const order = 32;

const STUDIO = 'qr-studios';
const SHOP = `/api/v1/studios/${STUDIO}`;
const ITEM = 'advanced-garage';
const STAFF = 'krit@qr-studios.test';
const TURN_DOWN_REASON = 'The slip shows 100 baht less than the order';
// The turn-down form at a small phone and a desktop.
const TURN_DOWN_VIEWPORTS = { w360: { width: 360, height: 800 }, w1280: { width: 1280, height: 800 } };
const GUEST_NAME = 'Nok Guest';
// The smallest valid PNG: a 1x1 pixel, as a payer's phone screenshot of the transfer would be.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** The guest picks the slip file on the order page and sends it; the upload must be accepted. */
async function attachSlip(page, paymentId) {
  const slip = path.join(tmpdir(), `guest-slip-${Date.now()}.png`);
  await writeFile(slip, PNG);
  await page.locator('#slip').setInputFiles(slip);
  const sent = page.waitForResponse(
    (response) =>
      response.url().includes(`/payments/${paymentId}/slip`) && response.request().method() === 'POST',
  );
  await page.locator('#slip').locator('xpath=ancestor::form').locator('button[type=submit]').click();
  const answer = await sent;
  expect(answer.status() === 200, `the guest's slip upload answered ${answer.status()}`);
  await page.locator('[data-form-message="success"]').waitFor();
}

/** A guest's cart -> checkout -> the order page by its token link; returns the order id and token. */
async function guestCheckout(ctx, page, email, choose) {
  const cart = await addToCart(page, ctx.baseUrl, STUDIO, ITEM);
  expect(cart.lines.length === 1, `the guest cart holds ${cart.lines.length} lines`);
  await page.goto(new URL(`/${STUDIO}/checkout`, ctx.baseUrl).href);
  await page.getByTestId('checkout-summary').waitFor();
  await page.locator('#email').fill(email);
  await page.locator('#name').fill(GUEST_NAME);
  await choose();
  const placed = await placeOrder(page);
  expect(Boolean(placed.token), `a guest lands on the order by its token link (${page.url()})`);
  return placed;
}

export const checks = [
  {
    name: 'QR Studios: a guest pays by PromptPay and attaches the slip; the studio sees it and confirms',
    async run(ctx) {
      const context = await ctx.browser.newContext({ viewport: VIEWPORTS.phone });
      try {
        const page = await context.newPage();
        const email = `guest-${Date.now()}@guests.test`;
        const { orderId, token } = await guestCheckout(ctx, page, email, () =>
          page.locator('input[name=payment][value=promptpay]').check(),
        );
        await page.getByTestId('promptpay').waitFor();
        await expectTestId(page, 'payment-status', 'ยังไม่ชำระ');
        const placed = await apiAs(ctx, null, 'GET', `${SHOP}/orders/${orderId}?token=${token}`);
        const payment = placed.payments.find((p) => p.provider === 'promptpay');
        expect(Boolean(payment?.accessToken), "the guest's order view carries the payment's access token");
        await expectTestId(page, 'promptpay-amount', money(payment.amountMinor, 'THB', 'th'));
        await capture(ctx, page, 'guest-promptpay-qr');

        await attachSlip(page, payment.id);
        await capture(ctx, page, 'guest-promptpay-slip-sent');

        // The studio sees the slip among its payments, opens it, and confirms the money arrived.
        const { context: staffContext, page: admin } = await signedInPage(ctx, STAFF);
        try {
          await admin.goto(new URL(`/${STUDIO}/admin/payments?provider=promptpay`, ctx.baseUrl).href);
          const row = admin.locator('li', { hasText: email });
          const proof = row.locator(`a[href*="/${payment.id}/slip-"]`);
          await proof.waitFor({ timeout: 15_000 });
          const file = await admin.request.get(await proof.getAttribute('href'));
          expect(
            file.ok() && (await file.body()).equals(PNG),
            'the studio opens the very slip the guest sent',
          );
          await capture(ctx, admin, 'guest-promptpay-admin-payments');

          // The slip does not check out: staff turn it down from the order page, with a reason.
          await admin.goto(new URL(`/${STUDIO}/admin/orders/${orderId}`, ctx.baseUrl).href);
          await admin.getByTestId('slip-attached').waitFor({ timeout: 15_000 });
          await admin.getByTestId('turn-down-slip-open').click();
          const form = admin.getByTestId('turn-down-slip');
          const reasonBox = form.getByRole('textbox');
          await reasonBox.waitFor();
          expect(
            await reasonBox.evaluate((element) => element === document.activeElement),
            'the turn-down form puts the keyboard in its reason field',
          );
          expect(
            (await reasonBox.getAttribute('maxlength')) === '500',
            "the reason field keeps to the API's 500 characters",
          );
          // No reason, no turn-down: the field says so, by itself.
          await form.locator('button[type=submit]').click();
          await form.locator('[aria-invalid="true"]').waitFor();
          await reasonBox.fill(TURN_DOWN_REASON);
          for (const [name, size] of Object.entries(TURN_DOWN_VIEWPORTS)) {
            await admin.setViewportSize(size);
            // Let the page lay out again at the new width before the full-page picture.
            await form.locator('button[type=submit]').waitFor({ state: 'visible' });
            await admin.evaluate(() => new Promise((done) => requestAnimationFrame(() => done())));
            await screenshot(admin, ctx.screenshotDir, 'admin-turn-down-slip', name);
          }
          await admin.setViewportSize(VIEWPORTS.desktop);
          const milder = await expectAccessible(admin);
          if (milder.length > 0) ctx.note(`admin-turn-down-slip axe, not failing: ${milder.join(', ')}`);
          const rejected = admin.waitForResponse(
            (response) =>
              response.url().includes(`/payments/${payment.id}/slip/reject`) &&
              response.request().method() === 'POST',
          );
          // From the keyboard: Enter on the button (in the textarea Enter is a newline).
          await form.locator('button[type=submit]').focus();
          await admin.keyboard.press('Enter');
          const turned = await rejected;
          expect(turned.status() === 200, `turning the slip down answered ${turned.status()}`);
          expect(
            Boolean(turned.request().headers()['idempotency-key']),
            'turning a slip down sends an Idempotency-Key',
          );
          await admin.locator('[data-form-message="success"]').waitFor();
          await admin.getByTestId('slip-turned-down').filter({ hasText: TURN_DOWN_REASON }).waitFor();
          expect(
            (await admin.getByTestId('slip-attached').count()) === 0,
            'the turned-down slip is no longer shown as attached',
          );
          await capture(ctx, admin, 'admin-slip-turned-down');

          // Its Payments list says the same, labelled in staff's language around the studio's words.
          await admin.goto(new URL(`/${STUDIO}/admin/payments?provider=promptpay`, ctx.baseUrl).href);
          const turnedDownRow = admin.locator('li', { hasText: email });
          const notAccepted = turnedDownRow.getByTestId('slip-not-accepted');
          await notAccepted.waitFor({ timeout: 15_000 });
          expect(
            (await notAccepted.textContent()) === `สลิปไม่ได้รับการยอมรับ: ${TURN_DOWN_REASON}`,
            `the Payments list labels the turn-down (${await notAccepted.textContent()})`,
          );
          expect(
            (await turnedDownRow.locator(`a[href*="/${payment.id}/slip-"]`).count()) === 0,
            'the Payments list no longer links the turned-down slip',
          );
          await capture(ctx, admin, 'admin-payments-slip-not-accepted');
        } finally {
          await staffContext.close();
        }

        // The guest's page (refreshing itself while it waits) tells them why, and they send another slip.
        const seen = await apiAs(
          ctx,
          null,
          'GET',
          `${SHOP}/payments/${payment.id}?token=${payment.accessToken}`,
        );
        expect(
          seen.status === 'pending' &&
            !seen.hasSlip &&
            !seen.hasProof &&
            seen.slipRejectedReason === TURN_DOWN_REASON,
          `the payment stays open with the studio's words as sent (${seen.status}, ${seen.slipRejectedReason})`,
        );
        await page
          .getByTestId('slip-turned-down')
          .filter({ hasText: TURN_DOWN_REASON })
          .waitFor({ timeout: 30_000 });
        await capture(ctx, page, 'guest-promptpay-slip-turned-down');
        await attachSlip(page, payment.id);
        await until(async () => {
          const again = await apiAs(
            ctx,
            null,
            'GET',
            `${SHOP}/payments/${payment.id}?token=${payment.accessToken}`,
          );
          // A new slip clears the turn-down, so neither page shows it any more.
          return again.hasSlip && again.slipRejectedReason === null;
        }, 'the second slip to be attached and the turn-down cleared');
        await page.getByTestId('slip-turned-down').waitFor({ state: 'detached', timeout: 30_000 });
        const staff = await sessionCookie(ctx, STAFF);
        await apiAs(
          ctx,
          staff,
          'POST',
          `${SHOP}/payments/${payment.id}/mark-paid`,
          { note: 'Slip checked' },
          {
            'idempotency-key': `guest-mark-${payment.id}`,
          },
        );

        // The guest's page was waiting: it refreshes by itself and shows the order paid.
        await expectTestId(page, 'payment-status', 'ชำระแล้ว', 30_000);
        await until(
          async () =>
            (await apiAs(ctx, null, 'GET', `${SHOP}/orders/${orderId}?token=${token}`)).paymentStatus ===
            'paid',
          'the guest order to be paid',
        );
        await capture(ctx, page, 'guest-promptpay-paid');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'QR Studios: a guest finishes the sandbox 3-D Secure step on the order page',
    async run(ctx) {
      const context = await ctx.browser.newContext({ viewport: VIEWPORTS.phone });
      try {
        const page = await context.newPage();
        const { orderId, token } = await guestCheckout(
          ctx,
          page,
          `guest-3ds-${Date.now()}@guests.test`,
          async () => {
            await page.locator('input[name=payment][value=sandbox]').check();
            await page.locator('#sandboxCard').fill('4000002500003155');
          },
        );
        await page.getByTestId('sandbox-action').waitFor();
        await expectTestId(page, 'payment-status', 'ยังไม่ชำระ');
        await capture(ctx, page, 'guest-3ds-action');
        const answered = page.waitForResponse(
          (response) => response.url().includes('/sandbox/confirm') && response.request().method() === 'POST',
        );
        await page.getByTestId('sandbox-action').getByRole('button').first().click();
        const answer = await answered;
        expect(answer.status() === 200, `the guest's 3-D Secure confirm answered ${answer.status()}`);
        await expectTestId(page, 'payment-status', 'ชำระแล้ว', 30_000);
        const paid = await apiAs(ctx, null, 'GET', `${SHOP}/orders/${orderId}?token=${token}`);
        expect(paid.paymentStatus === 'paid', `the guest order is ${paid.paymentStatus}`);
        await capture(ctx, page, 'guest-3ds-paid');
      } finally {
        await context.close();
      }
    },
  },
];
