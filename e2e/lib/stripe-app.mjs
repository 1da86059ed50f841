import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { startApp } from './app.mjs';

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
