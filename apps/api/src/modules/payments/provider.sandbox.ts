import { AppError } from '../../platform/http/errors.js';
import type { PaymentProvider, ProviderOutcome } from './payments.providers.js';
import { notASandboxCard, PAYMENT_RULES } from './payments.reasons.js';
import type { NextAction } from './payments.types.js';

/**
 * The demo and e2e provider: no money moves. Test card numbers behave like Stripe's: one succeeds, one
 * is declined, one needs an extra authentication step (completed with the sandbox confirm endpoint;
 * declined when charged without the client, as Stripe does), and one (Stripe's 4000 0000 0000 0341)
 * attaches and pays while the client is there but declines every later charge made without them, so a
 * plan's deposit goes through and its instalments 2..n fail.
 * Refused unless PAYMENTS_SANDBOX is on (never in production).
 */
export const SANDBOX_CARDS = {
  succeeds: '4242424242424242',
  declines: '4000000000000002',
  requires_action: '4000002500003155',
  /** Attaches; later charges decline: succeeds on-session, declines `offSession` (plan instalments). */
  declines_off_session: '4000000000000341',
} as const;

export const SANDBOX_NEXT_ACTION: NextAction = {
  type: 'sandbox_card',
  testCards: [
    { number: SANDBOX_CARDS.succeeds, outcome: 'succeeds' },
    { number: SANDBOX_CARDS.declines, outcome: 'declines' },
    { number: SANDBOX_CARDS.requires_action, outcome: 'requires_action' },
  ],
};

/**
 * What paying with a test card does; `offSession` is a charge made without the client (a plan's later
 * instalments). Throws 400 naming `field` for a number that is not a test card.
 */
export function sandboxCardOutcome(
  card: string,
  field: string,
  { offSession = false }: { offSession?: boolean } = {},
): ProviderOutcome {
  switch (card.replace(/[\s-]/g, '')) {
    case SANDBOX_CARDS.succeeds:
      return { status: 'succeeded', nextAction: { type: 'none' } };
    case SANDBOX_CARDS.declines_off_session:
      return offSession
        ? {
            status: 'failed',
            nextAction: { type: 'none' },
            failureReason: 'The card was declined for a charge without the cardholder (sandbox test card)',
          }
        : { status: 'succeeded', nextAction: { type: 'none' } };
    case SANDBOX_CARDS.declines:
      return {
        status: 'failed',
        nextAction: SANDBOX_NEXT_ACTION,
        failureReason: 'The card was declined (sandbox test card)',
      };
    case SANDBOX_CARDS.requires_action:
      // Off the client's session nobody can answer the bank's check: Stripe declines such a charge
      // (authentication_required), and so does the sandbox.
      return offSession
        ? {
            status: 'failed',
            nextAction: { type: 'none' },
            failureReason: 'This payment requires authentication by the cardholder (sandbox test card)',
          }
        : { status: 'requires_action', nextAction: SANDBOX_NEXT_ACTION };
    default:
      throw AppError.invalid(
        field,
        `is not a sandbox test card (use ${SANDBOX_CARDS.succeeds})`,
        notASandboxCard(SANDBOX_CARDS.succeeds),
      );
  }
}

export function createSandboxProvider({ enabled }: { enabled: boolean }): PaymentProvider {
  return {
    id: 'sandbox',
    unavailableReason: () =>
      enabled
        ? null
        : {
            message: 'The sandbox provider is turned off on this deployment',
            ...PAYMENT_RULES.sandboxTurnedOff,
          },
    async start(_ctx, payment, input) {
      const outcome = input.sandboxCard
        ? sandboxCardOutcome(input.sandboxCard, 'sandboxCard', { offSession: input.offSession ?? false })
        : { status: 'pending' as const, nextAction: SANDBOX_NEXT_ACTION };
      return { ...outcome, providerRef: `sandbox_${payment.id}` };
    },
    async refund(_ctx, _payment, refund) {
      return { providerRef: `sandbox_re_${refund.refundId}` };
    },
  };
}
