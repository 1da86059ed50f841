import { rawRequest } from '@atelier/sdk';
import { payerMessage } from '@/components/shop/payment-step';
import { LOAD_TIMEOUT_MS, loadWithin } from '@/components/shop/stripe-payment-form';
import { type InstalmentCharge, type PaymentPlan, planApi } from './plan-model';

/**
 * Where an instalment charge stands once the client's browser has done its part:
 * - `paid`: the instalment is paid;
 * - `confirming`: the bank said yes and Stripe's word (the webhook) has not reached the plan yet;
 * - `failed`: the bank's check failed (or was closed); the plan settles the attempt when Stripe says so
 *   (a charge the client made here goes back to where the instalment stood, see plans.service.ts);
 * - `unavailable`: Stripe.js could not be loaded or reached;
 * - `waiting`: the charge waits for a step this page cannot take (not a card check).
 */
export type ChargeOutcome =
  | { kind: 'paid' }
  | { kind: 'confirming' }
  | { kind: 'failed'; message: string | null }
  | { kind: 'unavailable' }
  | { kind: 'waiting' };

/** What the payer answers the sandbox's stand-in for their bank's check. */
export type SandboxAnswer = 'complete' | 'fail';

const SETTLE_POLL_MS = 500;
const SETTLE_WAIT_MS = 10_000;

/**
 * Takes a "charge now" answer to its end in the browser. A card whose bank asks for 3-D Secure comes
 * back `requires_action` with Stripe's client secret: Stripe.js `handleNextAction` shows the bank's
 * check, then the plan is read until Stripe's webhook has marked the instalment paid (a few seconds
 * at most; the page says "confirming" if it takes longer, and the reconciliation job catches a lost one).
 * A sandbox plan's test card asks the same through `askSandbox`, and its answer goes to the sandbox.
 */
export async function finishCharge(
  studio: string,
  planId: string,
  instalmentId: string,
  charge: InstalmentCharge,
  {
    askSandbox,
  }: {
    /** Shows the sandbox's stand-in for the bank's check (a sandbox plan's 3-D Secure test card). */
    askSandbox?: () => Promise<SandboxAnswer>;
  } = {},
): Promise<ChargeOutcome> {
  const { payment } = charge;
  if (payment.status === 'succeeded') return { kind: 'paid' };
  if (payment.status !== 'requires_action') return { kind: 'waiting' };
  const action = payment.nextAction;
  if (action.type === 'sandbox_card' && askSandbox) {
    const answer = await askSandbox();
    try {
      await rawRequest(
        { baseUrl: '', headers: { 'idempotency-key': crypto.randomUUID() } },
        'POST',
        `/api/v1/studios/${encodeURIComponent(studio)}/payments/${payment.id}/sandbox/confirm`,
        { outcome: answer },
      );
    } catch {
      return { kind: 'unavailable' };
    }
    if (answer === 'fail') return { kind: 'failed', message: null };
    return (await paidSoon(studio, planId, instalmentId)) ? { kind: 'paid' } : { kind: 'confirming' };
  }
  if (action.type !== 'stripe_confirm' || !action.clientSecret) return { kind: 'waiting' };
  let stripe: Awaited<ReturnType<typeof loadWithin>>;
  try {
    stripe = await loadWithin(action.publishableKey, LOAD_TIMEOUT_MS);
  } catch {
    return { kind: 'unavailable' };
  }
  const { error } = await stripe.handleNextAction({ clientSecret: action.clientSecret });
  if (error) {
    if (error.type === 'api_connection_error') return { kind: 'unavailable' };
    return { kind: 'failed', message: payerMessage(error) };
  }
  return (await paidSoon(studio, planId, instalmentId)) ? { kind: 'paid' } : { kind: 'confirming' };
}

async function paidSoon(studio: string, planId: string, instalmentId: string): Promise<boolean> {
  const deadline = Date.now() + SETTLE_WAIT_MS;
  while (Date.now() < deadline) {
    const plan = await rawRequest<PaymentPlan>(
      { baseUrl: '', headers: {} },
      'GET',
      planApi(studio, planId),
    ).catch(() => null);
    const instalment = plan?.instalments.find((i) => i.id === instalmentId);
    if (instalment?.status === 'paid') return true;
    // Settled as failed meanwhile (the bank said no after all): no point waiting.
    if (instalment && instalment.status !== 'processing') return false;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  return false;
}
