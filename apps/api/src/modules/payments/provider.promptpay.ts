import QRCode from 'qrcode';
import type { PaymentProvider } from './payments.providers.js';
import { PAYMENT_RULES } from './payments.reasons.js';
import { parsePromptPayId, promptPayPayload } from './promptpay.emvco.js';

/**
 * PromptPay QR straight to the studio's own PromptPay id (no gateway): the payer scans the QR in their
 * banking app, the studio sees the money arrive and confirms it (optionally after the payer attached
 * their slip). A refund is recorded; the studio transfers it back itself.
 */
export function createPromptPayProvider(): PaymentProvider {
  return {
    id: 'promptpay',
    unavailableReason: (ctx, input) => {
      if (!ctx.settings.promptPayId)
        return { message: 'The studio has not set up PromptPay', ...PAYMENT_RULES.promptPayNotSetUp };
      if (input.currency.toUpperCase() !== 'THB')
        return { message: 'PromptPay takes Thai baht only', ...PAYMENT_RULES.promptPayBahtOnly };
      return null;
    },
    async start(ctx, payment) {
      const promptPayId = ctx.settings.promptPayId ?? '';
      const target = parsePromptPayId(promptPayId);
      if (!target) throw new Error('The stored PromptPay id is not valid');
      const payload = promptPayPayload(target, payment.amountMinor);
      const svg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return {
        status: 'pending',
        nextAction: { type: 'promptpay_qr', payload, svg, amountMinor: payment.amountMinor, promptPayId },
      };
    },
    async refund() {
      return { providerRef: null };
    },
  };
}
