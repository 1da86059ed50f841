import type { MailTemplate, TemplateVars } from '../../platform/mailer/index.js';

interface InstalmentVars extends TemplateVars {
  studioName: string;
  /** "2 of 3" */
  seq: number;
  count: number;
  amount: string;
  url: string;
}

interface ReminderVars extends InstalmentVars {
  dueDate: string;
  /** e.g. "card ending 4242", or null when the method has no number to show. */
  method: string | null;
}

/** Sent N days (the plan's reminderDays) before an instalment is charged. */
export const instalmentReminder: MailTemplate<ReminderVars> = {
  name: 'plan-instalment-reminder',
  subject: ({ locale, studioName, seq, count }) =>
    locale === 'th'
      ? `แจ้งเตือนการชำระงวดที่ ${seq}/${count} กับ ${studioName}`
      : `Instalment ${seq} of ${count} with ${studioName} is coming up`,
  body: ({ locale, amount, dueDate, method, seq, count, url }) =>
    locale === 'th'
      ? {
          heading: `งวดที่ ${seq} จาก ${count}`,
          paragraphs: [
            `เราจะตัดเงิน ${amount} ในวันที่ ${dueDate}${method ? ` จาก${method.replace('card ending', 'บัตรลงท้าย')}` : ''}`,
            'หากต้องการเปลี่ยนบัตร กรุณาอัปเดตก่อนวันครบกำหนด',
          ],
          action: { label: 'ดูแผนการชำระเงิน', url },
          footer: 'คุณได้รับอีเมลนี้เพราะมีแผนผ่อนชำระกับสตูดิโอนี้',
        }
      : {
          heading: `Instalment ${seq} of ${count}`,
          paragraphs: [
            `We will charge ${amount} on ${dueDate}${method ? ` to your ${method}` : ''}.`,
            'If you want to use another card, update it before the due date.',
          ],
          action: { label: 'View your payment plan', url },
          footer: 'You receive this because you have a payment plan with this studio.',
        },
};

interface FailedVars extends InstalmentVars {
  reason: string;
  /** When the next try is, or null when this was the last one. */
  nextAttempt: string | null;
}

/** Sent to the client after every failed charge: what happened, when we try again, how to fix it. */
export const instalmentFailed: MailTemplate<FailedVars> = {
  name: 'plan-instalment-failed',
  subject: ({ locale, studioName, seq, count }) =>
    locale === 'th'
      ? `การชำระงวดที่ ${seq}/${count} กับ ${studioName} ไม่สำเร็จ`
      : `Payment failed: instalment ${seq} of ${count} with ${studioName}`,
  body: ({ locale, amount, reason, nextAttempt, seq, count, url }) =>
    locale === 'th'
      ? {
          heading: 'การชำระเงินไม่สำเร็จ',
          paragraphs: [
            `เราไม่สามารถตัดเงิน ${amount} สำหรับงวดที่ ${seq} จาก ${count} ได้ (${reason})`,
            nextAttempt
              ? `เราจะลองอีกครั้งในวันที่ ${nextAttempt} กรุณาอัปเดตบัตรของคุณ หรือตรวจสอบว่ามียอดเงินเพียงพอ`
              : 'นี่เป็นความพยายามครั้งสุดท้าย แผนการชำระเงินถูกยกเลิกแล้ว สตูดิโอจะติดต่อคุณ',
          ],
          action: { label: 'อัปเดตบัตร', url },
          footer: 'คุณได้รับอีเมลนี้เพราะมีแผนผ่อนชำระกับสตูดิโอนี้',
        }
      : {
          heading: 'Your payment did not go through',
          paragraphs: [
            `We could not charge ${amount} for instalment ${seq} of ${count} (${reason}).`,
            nextAttempt
              ? `We will try again on ${nextAttempt}. Please update your card or make sure funds are available.`
              : 'That was the last try, so the payment plan has stopped. The studio will be in touch.',
          ],
          action: { label: 'Update your card', url },
          footer: 'You receive this because you have a payment plan with this studio.',
        },
};

interface PlanFailedVars extends TemplateVars {
  studioName: string;
  clientEmail: string;
  paid: string;
  total: string;
  seq: number;
  count: number;
  reason: string;
  url: string;
}

/** Sent to the studio's owners when a plan's last retry failed: the plan is stopped. */
export const planFailedStudio: MailTemplate<PlanFailedVars> = {
  name: 'plan-failed-studio',
  subject: ({ locale, clientEmail }) =>
    locale === 'th' ? `แผนผ่อนชำระของ ${clientEmail} ล้มเหลว` : `Payment plan failed: ${clientEmail}`,
  body: ({ locale, clientEmail, paid, total, seq, count, reason, url }) =>
    locale === 'th'
      ? {
          heading: 'แผนผ่อนชำระล้มเหลว',
          paragraphs: [
            `งวดที่ ${seq} จาก ${count} ของ ${clientEmail} ตัดเงินไม่สำเร็จหลังลองครบทุกครั้ง (${reason})`,
            `ชำระแล้ว ${paid} จากทั้งหมด ${total} จะไม่มีการตัดเงินงวดที่เหลือ`,
          ],
          action: { label: 'ดูรายการ', url },
          footer: 'อีเมลนี้ส่งถึงเจ้าของสตูดิโอ',
        }
      : {
          heading: 'A payment plan failed',
          paragraphs: [
            `Instalment ${seq} of ${count} for ${clientEmail} failed after every retry (${reason}).`,
            `Paid so far: ${paid} of ${total}. No further instalments will be charged.`,
          ],
          action: { label: 'Open it', url },
          footer: 'Sent to the owners of the studio.',
        },
};
