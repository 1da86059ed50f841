import { isAtelierApiError, rawRequest } from '@atelier/sdk';
import { payerMessage } from '@/components/shop/payment-step';
import { LOAD_TIMEOUT_MS, loadWithin } from '@/components/shop/stripe-payment-form';
import { type InstalmentCharge, type PaymentPlan, planApi } from './plan-model';

/**
 * Where an instalment charge stands once the client's browser has done its part:
 * - `paid`: the instalment is paid;
 * - `confirming`: the bank said yes and Stripe's word (the webhook) has not reached the plan yet;
 * - `failed`: the bank's check failed (or was closed); the plan settles the attempt when Stripe says so
 *   (a charge the client made here goes back to where the instalment stood, see plans.service.ts);
 * - `unavailable`: Stripe.js could not be loaded or reached (or the sandbox, for its check);
 * - `gone`: the check was no longer open when answered (the charge was settled or given up meanwhile);
 * - `waiting`: the charge waits for a step this page cannot take (not a card check).
 */
export type ChargeOutcome =
  | { kind: 'paid' }
  | { kind: 'confirming' }
  | { kind: 'failed'; message: string | null }
  | { kind: 'unavailable' }
  | { kind: 'gone' }
  | { kind: 'waiting' };

/** What the payer answers the sandbox's stand-in for their bank's check. */
export type SandboxAnswer = 'complete' | 'fail';

const SETTLE_POLL_MS = 500;
const SETTLE_WAIT_MS = 10_000;
/** A "no" is said sooner: waiting only lets the schedule catch up, and a lost event must not hold her. */
const SETTLE_FAILED_WAIT_MS = 3_000;

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
    } catch (error) {
      // Refused, not lost: the payment is no longer waiting for this check (the plan gave it up at its
      // deadline, or it was settled meanwhile). "Check your connection" would send her the wrong way.
      if (isAtelierApiError(error) && (error.status === 404 || error.status === 409)) {
        // Let the schedule the page shows next have caught up with it.
        await settledSoon(studio, planId, instalmentId, SETTLE_FAILED_WAIT_MS);
        return { kind: 'gone' };
      }
      return { kind: 'unavailable' };
    }
    if (answer === 'fail') {
      await settledSoon(studio, planId, instalmentId, SETTLE_FAILED_WAIT_MS);
      return { kind: 'failed', message: null };
    }
    return (await settledSoon(studio, planId, instalmentId)) === 'paid'
      ? { kind: 'paid' }
      : { kind: 'confirming' };
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
    await settledSoon(studio, planId, instalmentId, SETTLE_FAILED_WAIT_MS);
    return { kind: 'failed', message: payerMessage(error) };
  }
  return (await settledSoon(studio, planId, instalmentId)) === 'paid'
    ? { kind: 'paid' }
    : { kind: 'confirming' };
}

/**
 * Reads the plan until the instalment's charge is settled (the payment's event reaches the plan a
 * moment after the answer, through the outbox or Stripe's webhook), so that the schedule the page shows
 * next agrees with what it says: `paid`, `back` (to where it stood, or to the plan's retry), or still
 * `processing` after `waitMs`.
 */
async function settledSoon(
  studio: string,
  planId: string,
  instalmentId: string,
  waitMs = SETTLE_WAIT_MS,
): Promise<'paid' | 'back' | 'processing'> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const plan = await rawRequest<PaymentPlan>(
      { baseUrl: '', headers: {} },
      'GET',
      planApi(studio, planId),
    ).catch(() => null);
    const instalment = plan?.instalments.find((i) => i.id === instalmentId);
    if (instalment?.status === 'paid') return 'paid';
    if (instalment && instalment.status !== 'processing') return 'back';
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  return 'processing';
}
