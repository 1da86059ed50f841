import { AppError } from '../../platform/http/errors.js';
import { type PaymentProvider, transferReference } from './payments.providers.js';
import { manualMethodTurnedOff } from './payments.reasons.js';
import { MANUAL_METHODS } from './payments.types.js';

/**
 * Bank transfer, cash at the studio and invoice: the payment waits (pending) with instructions until
 * staff mark it paid. A refund is recorded here; the studio hands the money back itself.
 * Instructions are the studio's own words, or empty when it wrote none: the page then says the
 * general thing in the payer's language (an English default here once read out on Thai pages).
 */
export function createManualProvider(): PaymentProvider {
  return {
    id: 'manual',
    unavailableReason: (ctx, input) => {
      if (input.manualMethod && !ctx.settings.manualMethods.includes(input.manualMethod))
        return {
          message: `The studio does not take ${input.manualMethod.replace('_', ' ')} payments`,
          ...manualMethodTurnedOff(input.manualMethod),
        };
      return null;
    },
    async start(ctx, payment, input) {
      const method = input.manualMethod;
      if (!method || !MANUAL_METHODS.includes(method))
        throw AppError.invalid(
          'manualMethod',
          `is required for manual payments (${MANUAL_METHODS.join(', ')})`,
        );
      if (method === 'cash') {
        return {
          status: 'pending',
          nextAction: {
            type: 'pay_at_studio',
            instructions: ctx.settings.payAtStudioInstructions,
          },
        };
      }
      return {
        status: 'pending',
        nextAction: {
          type: 'bank_transfer',
          instructions: ctx.settings.bankTransferInstructions,
          reference: transferReference(payment.id),
        },
      };
    },
    async refund() {
      return { providerRef: null };
    },
  };
}
