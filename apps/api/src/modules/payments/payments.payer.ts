import type { NextAction } from './payments.types.js';

/**
 * A payment as someone other than its payer sees it (studio staff, the admin order page). A Stripe
 * PaymentIntent's client secret lets whoever holds it confirm the payment from a browser, so it goes
 * to the payer only (the signed-in client, or the holder of the payment's access token); here it and
 * the publishable key that goes with it are blanked, the step itself ("waiting for the card") stays.
 */
export function withoutPayerSecrets<T extends { nextAction: NextAction }>(view: T): T {
  if (view.nextAction.type !== 'stripe_confirm') return view;
  return { ...view, nextAction: { type: 'stripe_confirm', clientSecret: '', publishableKey: '' } };
}
