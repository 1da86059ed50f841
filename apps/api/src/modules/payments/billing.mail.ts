import type { EventHandler } from '../../platform/events/index.js';
import { formatMoney, type MailTemplate, queueMail, type TemplateVars } from '../../platform/mailer/index.js';
import type { Queue } from '../../platform/queue/index.js';
import { PLANS, type PlanId } from '../studios/index.js';
import { BILLING_EVENTS } from './billing.lifecycle.js';
import { formatDate, ownerEmails, studioMailInfo, studioMessage } from './wallet.mail.js';

interface PaymentFailedVars extends TemplateVars {
  studioName: string;
  amount: string;
  /** Stripe's next try, or null when it will not try again by itself. */
  nextAttempt: string | null;
  graceEnds: string;
  url: string;
}

/** To the studio's owners when Atelier could not charge the plan: what happens next and where to pay. */
export const billingPaymentFailed: MailTemplate<PaymentFailedVars> = {
  name: 'billing-payment-failed',
  subject: ({ locale, studioName }) =>
    locale === 'th'
      ? `ชำระค่าแพ็กเกจ Atelier ของ ${studioName} ไม่สำเร็จ`
      : `Payment for ${studioName}'s Atelier plan failed`,
  body: ({ locale, amount, nextAttempt, graceEnds, url }) =>
    locale === 'th'
      ? {
          heading: 'ชำระค่าแพ็กเกจไม่สำเร็จ',
          paragraphs: [
            `เราไม่สามารถเรียกเก็บเงิน ${amount} สำหรับแพ็กเกจของสตูดิโอได้`,
            nextAttempt
              ? `เราจะลองเรียกเก็บอีกครั้งในวันที่ ${nextAttempt} กรุณาอัปเดตบัตรหรือชำระใบแจ้งหนี้ก่อนหน้านั้น`
              : 'กรุณาอัปเดตบัตรหรือชำระใบแจ้งหนี้',
            `หากยังไม่ได้รับชำระภายในวันที่ ${graceEnds} สตูดิโอจะถูกเปลี่ยนเป็นแพ็กเกจ Starter ข้อมูลทั้งหมดยังอยู่ครบ แต่จะเพิ่มรายการหรือสมาชิกเกินขีดจำกัดของ Starter ไม่ได้`,
          ],
          action: { label: 'ไปที่หน้าการเรียกเก็บเงิน', url },
          footer: 'อีเมลนี้ส่งถึงเจ้าของสตูดิโอ',
        }
      : {
          heading: 'We could not charge your plan',
          paragraphs: [
            `The payment of ${amount} for your studio's plan did not go through.`,
            nextAttempt
              ? `We will try again on ${nextAttempt}. Update your card or pay the invoice before then.`
              : 'Please update your card or pay the invoice.',
            `If it is still unpaid on ${graceEnds}, the studio moves to the Starter plan. Nothing is deleted, but you cannot add more than Starter allows.`,
          ],
          action: { label: 'Open billing', url },
          footer: 'Sent to the owners of the studio.',
        },
};

interface PlanEndedVars extends TemplateVars {
  studioName: string;
  previousPlan: string;
  url: string;
}

/** To the owners when a paid plan ended (cancelled at Stripe, or unpaid past the grace). */
export const billingPlanEnded: MailTemplate<PlanEndedVars> = {
  name: 'billing-plan-ended',
  subject: ({ locale, studioName }) =>
    locale === 'th' ? `${studioName} เปลี่ยนเป็นแพ็กเกจ Starter แล้ว` : `${studioName} is now on the Starter plan`,
  body: ({ locale, previousPlan, url }) =>
    locale === 'th'
      ? {
          heading: 'แพ็กเกจของคุณสิ้นสุดแล้ว',
          paragraphs: [
            `แพ็กเกจ ${previousPlan} สิ้นสุดลงและสตูดิโอใช้แพ็กเกจ Starter แล้ว`,
            'ข้อมูลทั้งหมดยังอยู่ครบ แต่หากมีสมาชิกหรือรายการสินค้าเกินขีดจำกัดของ Starter จะเพิ่มใหม่ไม่ได้จนกว่าจะสมัครแพ็กเกจอีกครั้ง',
          ],
          action: { label: 'เลือกแพ็กเกจ', url },
          footer: 'อีเมลนี้ส่งถึงเจ้าของสตูดิโอ',
        }
      : {
          heading: 'Your plan has ended',
          paragraphs: [
            `The ${previousPlan} plan has ended and the studio is on Starter now.`,
            'Everything is kept, but while the studio has more team members or catalog items than Starter allows, you cannot add new ones. Subscribe again to lift the limits.',
          ],
          action: { label: 'Choose a plan', url },
          footer: 'Sent to the owners of the studio.',
        },
};

interface PaymentFailedPayload {
  amountMinor: number;
  currency: string;
  nextAttemptAt: string | null;
  graceEndsAt: string;
}

/** Owners' billing emails, rendered in the studio's language and queued in the handler's transaction. */
export function billingEventHandlers({
  queue,
  publicUrl,
}: {
  queue: Queue;
  publicUrl: string;
}): EventHandler[] {
  const billingUrl = (slug: string) => `${publicUrl}/${slug}/admin/billing`;
  return [
    {
      name: 'payments.billing.mail-payment-failed',
      eventType: BILLING_EVENTS.paymentFailed,
      handle: async (event, tx) => {
        if (!event.studioId) return;
        const p = event.payload as unknown as PaymentFailedPayload;
        const studio = await studioMailInfo(tx, event.studioId);
        const { locale, timezone } = studio;
        for (const owner of await ownerEmails(tx, event.studioId))
          await queueMail(
            queue,
            tx,
            studioMessage(
              billingPaymentFailed,
              {
                locale,
                studioName: studio.name,
                amount: formatMoney(p.amountMinor, p.currency, locale),
                nextAttempt: p.nextAttemptAt ? formatDate(new Date(p.nextAttemptAt), locale, timezone) : null,
                graceEnds: formatDate(new Date(p.graceEndsAt), locale, timezone),
                url: billingUrl(studio.slug),
              },
              owner,
              event.studioId,
              studio,
            ),
          );
      },
    },
    {
      name: 'payments.billing.mail-plan-ended',
      eventType: BILLING_EVENTS.planEnded,
      handle: async (event, tx) => {
        if (!event.studioId) return;
        const previous = (event.payload as { previousPlan?: PlanId }).previousPlan ?? 'professional';
        const studio = await studioMailInfo(tx, event.studioId);
        for (const owner of await ownerEmails(tx, event.studioId))
          await queueMail(
            queue,
            tx,
            studioMessage(
              billingPlanEnded,
              {
                locale: studio.locale,
                studioName: studio.name,
                previousPlan: PLANS[previous]?.name ?? previous,
                url: billingUrl(studio.slug),
              },
              owner,
              event.studioId,
              studio,
            ),
          );
      },
    },
  ];
}
