// Pure decisions for the order page's payment panel (no React, no browser): which step the payer sees,
// what Stripe's redirect back means, and where Stripe sends the payer after confirming.
import type { NextAction } from '@/lib/shop';

/** What the panel shows; `action` is the API's next action, narrowed. */
export type PaymentStep =
  | { kind: 'none' }
  | { kind: 'sandbox_authentication' }
  | { kind: 'sandbox_card' }
  | { kind: 'stripe_card'; clientSecret: string; publishableKey: string }
  | { kind: 'promptpay'; action: Extract<NextAction, { type: 'promptpay_qr' }> }
  | { kind: 'bank_transfer'; action: Extract<NextAction, { type: 'bank_transfer' }> }
  | { kind: 'pay_at_studio'; instructions: string }
  | { kind: 'redirect'; url: string };

const OPEN = new Set(['pending', 'requires_action']);

/**
 * The payer's next step for one payment. Nothing once the payment is no longer open; the Stripe card
 * form only with both keys (the API blanks them for anyone but the payer); a redirect only to a web
 * address (Stripe Checkout), never to a script URL.
 */
export function paymentStep(payment: { provider: string; status: string; nextAction: unknown }): PaymentStep {
  if (!OPEN.has(payment.status)) return { kind: 'none' };
  if (payment.provider === 'sandbox' && payment.status === 'requires_action')
    return { kind: 'sandbox_authentication' };
  const action = payment.nextAction as NextAction | null;
  switch (action?.type) {
    case 'sandbox_card':
      return { kind: 'sandbox_card' };
    case 'stripe_confirm':
      return action.clientSecret && action.publishableKey
        ? { kind: 'stripe_card', clientSecret: action.clientSecret, publishableKey: action.publishableKey }
        : { kind: 'none' };
    case 'promptpay_qr':
      return { kind: 'promptpay', action };
    case 'bank_transfer':
      return { kind: 'bank_transfer', action };
    case 'pay_at_studio':
      return { kind: 'pay_at_studio', instructions: action.instructions };
    case 'redirect':
      return isWebUrl(action.url) ? { kind: 'redirect', url: action.url } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export type StripeReturnOutcome = 'succeeded' | 'processing' | 'failed';

/**
 * Stripe sends the payer back with `?payment_intent=pi_...&redirect_status=...`. Only a hint for the
 * message shown while the order page waits: the order turns paid when the webhook says so, never
 * from this query (anyone can type it). Anything malformed is ignored.
 */
export function stripeReturn(
  query: Record<string, string | string[] | undefined>,
): { paymentIntent: string; outcome: StripeReturnOutcome } | null {
  const intent = query.payment_intent;
  const status = query.redirect_status;
  if (typeof intent !== 'string' || typeof status !== 'string') return null;
  if (!/^pi_[A-Za-z0-9_]{1,200}$/.test(intent)) return null;
  const outcome: StripeReturnOutcome | null =
    status === 'succeeded'
      ? 'succeeded'
      : status === 'processing'
        ? 'processing'
        : status === 'failed' || status === 'requires_payment_method' || status === 'canceled'
          ? 'failed'
          : null;
  return outcome ? { paymentIntent: intent, outcome } : null;
}

/**
 * Where Stripe returns the payer after the card step: this order's storefront page (with a guest's
 * order token, so a guest lands on their order again). Signed-in clients land there too, by account.
 */
export function stripeReturnUrl(origin: string, studio: string, orderId: string, orderToken: string | null) {
  const url = new URL(`/${encodeURIComponent(studio)}/orders/${encodeURIComponent(orderId)}`, origin);
  if (orderToken) url.searchParams.set('token', orderToken);
  return url.href;
}

/** The `?token=` a payment route needs from a guest (empty for a signed-in payer without one). */
export function payerQuery(accessToken: string | null | undefined): string {
  return accessToken ? `?token=${encodeURIComponent(accessToken)}` : '';
}

/**
 * The message of a Stripe.js error when Stripe wrote it for the payer: a declined card, a form field,
 * a bank's check (3-D Secure) that failed. Anything else (a key, a network, our own mistake) is null,
 * and the page says it in its own words.
 */
export function payerMessage(error: { type?: string; code?: string; message?: string }): string | null {
  const forPayer =
    error.type === 'card_error' ||
    error.type === 'validation_error' ||
    error.code === 'payment_intent_authentication_failure' ||
    error.code === 'setup_intent_authentication_failure';
  return forPayer ? (error.message ?? null) : null;
}
