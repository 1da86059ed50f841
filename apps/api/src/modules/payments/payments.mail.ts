import type { Tx } from '../../platform/db/index.js';
import type { EventHandler } from '../../platform/events/index.js';
import {
  type Brand,
  formatMoney,
  type MailTemplate,
  queueMail,
  type RenderedMail,
  renderMail,
  type TemplateVars,
} from '../../platform/mailer/index.js';
import type { Queue } from '../../platform/queue/index.js';
import { studioProfile } from '../studios/index.js';
import { PAYMENT_EVENTS } from './payments.transitions.js';
import type { PaymentEventPayload } from './payments.types.js';

interface PaymentMailVars extends TemplateVars {
  studioName: string;
  /** Already formatted for the reader, e.g. "฿1,234.50". */
  amount: string;
  reference: string;
}

export const paymentReceipt: MailTemplate<PaymentMailVars> = {
  name: 'payment-receipt',
  subject: ({ locale, studioName, amount }) =>
    locale === 'th'
      ? `ใบเสร็จรับเงิน ${amount} จาก ${studioName}`
      : `Your receipt for ${amount} from ${studioName}`,
  body: ({ locale, studioName, amount, reference }) =>
    locale === 'th'
      ? {
          heading: 'ได้รับชำระเงินแล้ว ขอบคุณค่ะ',
          paragraphs: [
            `${studioName} ได้รับชำระเงินจำนวน ${amount} เรียบร้อยแล้ว`,
            `เลขอ้างอิงการชำระเงิน: ${reference}`,
          ],
          footer: `อีเมลนี้เป็นใบเสร็จการชำระเงินของคุณกับ ${studioName}`,
        }
      : {
          heading: 'Payment received, thank you',
          paragraphs: [
            `${studioName} has received your payment of ${amount}.`,
            `Payment reference: ${reference}`,
          ],
          footer: `This email is your receipt for a payment to ${studioName}.`,
        },
};

export const paymentFailed: MailTemplate<PaymentMailVars & { reason: string }> = {
  name: 'payment-failed',
  subject: ({ locale, studioName, amount }) =>
    locale === 'th'
      ? `การชำระเงิน ${amount} ให้ ${studioName} ไม่สำเร็จ`
      : `Your payment of ${amount} to ${studioName} did not go through`,
  body: ({ locale, studioName, amount, reference, reason }) =>
    locale === 'th'
      ? {
          heading: 'การชำระเงินไม่สำเร็จ',
          paragraphs: [
            `การชำระเงินจำนวน ${amount} ให้ ${studioName} ไม่สำเร็จ: ${reason}`,
            'ยังไม่มีการตัดเงินจากคุณ กรุณาลองอีกครั้งหรือเลือกวิธีชำระเงินอื่น',
            `เลขอ้างอิงการชำระเงิน: ${reference}`,
          ],
          footer: `คุณได้รับอีเมลนี้เนื่องจากได้ชำระเงินกับ ${studioName}`,
        }
      : {
          heading: 'Your payment did not go through',
          paragraphs: [
            `Your payment of ${amount} to ${studioName} failed: ${reason}`,
            'You have not been charged. Please try again or choose another way to pay.',
            `Payment reference: ${reference}`,
          ],
          footer: `You are receiving this because you paid ${studioName}.`,
        },
};

export const refundIssued: MailTemplate<PaymentMailVars & { to: 'original' | 'wallet' }> = {
  name: 'refund-issued',
  subject: ({ locale, studioName, amount }) =>
    locale === 'th' ? `${studioName} คืนเงิน ${amount} ให้คุณแล้ว` : `${studioName} refunded ${amount} to you`,
  body: ({ locale, studioName, amount, reference, to }) =>
    locale === 'th'
      ? {
          heading: 'คืนเงินแล้ว',
          paragraphs: [
            to === 'wallet'
              ? `${studioName} คืนเงินจำนวน ${amount} เข้ากระเป๋าเงินของคุณแล้ว ใช้ชำระครั้งถัดไปได้ทันที`
              : `${studioName} คืนเงินจำนวน ${amount} ไปยังช่องทางที่คุณใช้ชำระแล้ว อาจใช้เวลาสองสามวันกว่าจะเห็นยอด`,
            `เลขอ้างอิงการชำระเงิน: ${reference}`,
          ],
          footer: `คุณได้รับอีเมลนี้เนื่องจากได้ชำระเงินกับ ${studioName}`,
        }
      : {
          heading: 'Refund issued',
          paragraphs: [
            to === 'wallet'
              ? `${studioName} has refunded ${amount} to your wallet; you can spend it on your next purchase.`
              : `${studioName} has refunded ${amount} to the way you paid. It may take a few days to show.`,
            `Payment reference: ${reference}`,
          ],
          footer: `You are receiving this because you paid ${studioName}.`,
        },
};

interface StudioLook {
  name: string;
  locale: string;
  brand: { primaryColor?: string } | null;
}

async function studioLook(tx: Tx, studioId: string | null): Promise<StudioLook> {
  // The name, language and colour are all an email needs from the studio.
  const studio = studioId ? await studioProfile(tx, studioId) : null;
  return studio
    ? { name: studio.name, locale: studio.locale, brand: studio.brand }
    : { name: 'Atelier', locale: 'en', brand: null };
}

const readerLocale = (payload: PaymentEventPayload, studio: StudioLook): 'en' | 'th' =>
  (payload.locale ?? studio.locale) === 'th' ? 'th' : 'en';

/**
 * The payment emails, rendered by event handlers (so only for committed changes, once per event thanks
 * to the bus's receipts) and queued on the module's mail queue (wallet.mail.ts), whose worker sends. In Thai when the payment was made in Thai or, failing that, the studio's
 * language is Thai. Give them to `events.subscribe` in main.ts.
 */
export function paymentsEventHandlers({ queue }: { queue: Queue }): EventHandler[] {
  const send = async (
    event: { id: string; studioId: string | null; payload: Record<string, unknown> },
    tx: Tx,
    render: (vars: PaymentMailVars, payload: PaymentEventPayload, brand: Brand) => RenderedMail,
  ) => {
    const payload = event.payload as PaymentEventPayload & { email?: string };
    if (!payload.email) return;
    const studio = await studioLook(tx, event.studioId);
    const locale = readerLocale(payload, studio);
    // A refund's email names the refund, not the whole payment.
    const shown = typeof payload.refundedMinor === 'number' ? payload.refundedMinor : payload.amountMinor;
    const vars: PaymentMailVars = {
      locale,
      studioName: studio.name,
      amount: formatMoney(shown, payload.currency, locale),
      reference: payload.paymentId.slice(-12).toUpperCase(),
    };
    const brand: Brand = {
      studioName: studio.name,
      ...(studio.brand?.primaryColor ? { color: studio.brand.primaryColor } : {}),
    };
    // Queued in the handler's transaction, sent by the mail worker outside any transaction.
    await queueMail(queue, tx, {
      to: payload.email,
      studioId: event.studioId,
      ...render(vars, payload, brand),
      headers: { 'X-Atelier-Event': event.id },
    });
  };
  return [
    {
      name: 'payments.mail.receipt',
      eventType: PAYMENT_EVENTS.succeeded,
      handle: (event, tx) =>
        send(event, tx, (vars, _payload, brand) => renderMail(paymentReceipt, vars, { brand })),
    },
    {
      name: 'payments.mail.failed',
      eventType: PAYMENT_EVENTS.failed,
      handle: (event, tx) =>
        send(event, tx, (vars, payload, brand) => {
          const given = typeof payload.failureReason === 'string' ? payload.failureReason : '';
          const reason = given || (vars.locale === 'th' ? 'ธนาคารปฏิเสธรายการ' : 'it was declined');
          return renderMail(paymentFailed, { ...vars, reason }, { brand });
        }),
    },
    {
      name: 'payments.mail.refund',
      eventType: PAYMENT_EVENTS.refunded,
      handle: (event, tx) =>
        send(event, tx, (vars, payload, brand) =>
          renderMail(
            refundIssued,
            { ...vars, to: payload.refundTo === 'wallet' ? 'wallet' : 'original' },
            { brand },
          ),
        ),
    },
  ];
}
