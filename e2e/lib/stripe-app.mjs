import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { startApp } from './app.mjs';
import { expect } from './page.mjs';

// Stripe is not reachable from here. A journey that pays through "Stripe" starts the API stand-in
// (stripe-stand-in.ts, from its TypeScript source through tsx: test code is not built into the app's
// dist, see scripts/check-module-boundaries.mjs) and an app of its own pointed at it, since the shared
// app runs without Stripe.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STAND_IN = new URL('../../apps/api/src/modules/payments/testing/stripe-stand-in.ts', import.meta.url);

/**
 * Starts the Stripe stand-in and an app configured for it (keys named after `name`), runs
 * `journey({ app, stand })`, then stops both, whatever happened. With `webhookSecret` the stand-in signs
 * and POSTs its events to the app's webhook, as Stripe does. A failure carries the end of the app's log:
 * the app is the journey's own, so its log is the only place a server-side failure shows. The journey
 * closes its own browser contexts before it returns (the app stops after it).
 */
export async function withStripeApp({ name, webhookSecret }, journey) {
  const { startStripeStandIn } = await tsImport(STAND_IN.href, import.meta.url);
  const stand = await startStripeStandIn();
  let app;
  try {
    app = await startApp(ROOT, {
      env: {
        STRIPE_SECRET_KEY: `sk_test_${name}`,
        STRIPE_PUBLISHABLE_KEY: `pk_test_${name}`,
        STRIPE_API_URL: stand.url,
        ...(webhookSecret ? { STRIPE_WEBHOOK_SECRET: webhookSecret } : {}),
      },
    });
    if (webhookSecret)
      stand.deliverWebhooks({ url: `${app.baseUrl}/api/v1/payments/stripe/webhook`, secret: webhookSecret });
    return await journey({ app, stand });
  } catch (error) {
    if (app && error instanceof Error) error.message += `\n--- app log (end) ---\n${app.log().slice(-4000)}`;
    throw error;
  } finally {
    await app?.stop();
    await stand.close();
  }
}

const STRIPE_JS = new URL(
  '../../apps/api/src/modules/payments/testing/stripe-js-stand-in.js',
  import.meta.url,
);

/**
 * js.stripe.com answers with the Stripe.js stand-in and api.stripe.com with the API stand-in, for every
 * page of `context`; `calls` collects the API paths the browser asked for, `failures` what could not be
 * forwarded.
 */
export async function routeStripe(context, stand) {
  const script = await readFile(STRIPE_JS, 'utf8');
  const calls = [];
  await context.route('https://js.stripe.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: script }),
  );
  const failures = [];
  await context.route('https://api.stripe.com/**', async (route) => {
    const url = new URL(route.request().url());
    calls.push(`${route.request().method()} ${url.pathname}`);
    try {
      const response = await route.fetch({ url: `${stand.url}${url.pathname}${url.search}` });
      await route.fulfill({ response });
    } catch (error) {
      // Thrown here it would end the whole run; the page gets a network error and the check says why.
      failures.push(`forwarding ${url.pathname} to the stand-in: ${error.message.split('\n')[0]}`);
      await route.abort('failed').catch(() => {});
    }
  });
  return { calls, failures };
}

/**
 * Types a card into the card form from the keyboard, as a payer does: the number field first, Tab to the
 * expiry and the CVC, Tab to Pay, Enter.
 */
export async function payWith(page, number, { formTestId = 'stripe-card-form', submit = /^Pay / } = {}) {
  const form = page.getByTestId(formTestId);
  const fields = [
    ['Card number', number],
    ['Expiry date (MM / YY)', '12 / 34'],
    ['Security code (CVC)', '123'],
  ];
  await form.getByLabel('Card number').focus();
  for (const [label, value] of fields) {
    const focused = await form.getByLabel(label).evaluate((input) => input === document.activeElement);
    expect(focused, `the keyboard is not on "${label}"`);
    await page.keyboard.press('Control+a');
    await page.keyboard.type(value);
    await page.keyboard.press('Tab');
  }
  const onPay = await form
    .getByRole('button', { name: submit })
    .evaluate((button) => button === document.activeElement);
  expect(onPay, 'Tab from the security code does not reach the submit button');
  await page.keyboard.press('Enter');
}
