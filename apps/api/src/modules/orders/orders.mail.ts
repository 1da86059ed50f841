import type { MailTemplate, TemplateVars } from '../../platform/mailer/index.js';
import type { CancelReasonCode } from './orders.model.js';

interface OrderMailVars extends TemplateVars {
  studioName: string;
  number: string;
  total: string;
  lines: string[];
  url: string;
}

export const orderConfirmation: MailTemplate<OrderMailVars & { paid: string }> = {
  name: 'order-confirmation',
  subject: ({ locale, number, studioName }) =>
    locale === 'th' ? `ยืนยันคำสั่งซื้อ ${number} จาก ${studioName}` : `Your order ${number} from ${studioName}`,
  body: ({ locale, number, total, paid, lines, url }) =>
    locale === 'th'
      ? {
          heading: `ขอบคุณสำหรับคำสั่งซื้อ ${number}`,
          paragraphs: [...lines, `ยอดรวม ${total} · ชำระแล้ว ${paid}`, 'เราจะแจ้งให้ทราบเมื่อจัดส่งสินค้า'],
          action: { label: 'ดูคำสั่งซื้อ', url },
          footer: 'ดาวน์โหลดใบเสร็จได้จากหน้าคำสั่งซื้อ',
        }
      : {
          heading: `Thank you for order ${number}`,
          paragraphs: [...lines, `Total ${total} · paid ${paid}`, 'We will let you know when it ships.'],
          action: { label: 'View your order', url },
          footer: 'You can download the receipt from the order page.',
        },
};

export const unpaidOrderReminder: MailTemplate<OrderMailVars & { deadline: string }> = {
  name: 'order-unpaid-reminder',
  subject: ({ locale, number }) =>
    locale === 'th' ? `คำสั่งซื้อ ${number} ยังไม่ได้ชำระเงิน` : `Order ${number} is waiting for payment`,
  body: ({ locale, number, total, deadline, url }) =>
    locale === 'th'
      ? {
          heading: `คำสั่งซื้อ ${number} รอการชำระเงิน`,
          paragraphs: [
            `ยอดที่ต้องชำระ ${total}`,
            `กรุณาชำระภายใน ${deadline} มิฉะนั้นคำสั่งซื้อจะถูกยกเลิกและคืนสินค้าเข้าสต็อก`,
          ],
          action: { label: 'ดูวิธีชำระเงิน', url },
          footer: 'หากชำระแล้ว ไม่ต้องทำอะไร เราจะยืนยันเมื่อได้รับเงิน',
        }
      : {
          heading: `Order ${number} is waiting for payment`,
          paragraphs: [
            `Amount due: ${total}.`,
            `Please pay by ${deadline}; after that the order is cancelled and the items go back on sale.`,
          ],
          action: { label: 'See how to pay', url },
          footer: 'If you have paid already, there is nothing to do: we confirm as soon as it arrives.',
        },
};

/** Why the order was cancelled, in each language the emails speak: every cancel code must be worded. */
const CANCELLED_BECAUSE: Record<CancelReasonCode, { en: string; th: string }> = {
  payment_failed: { en: 'The payment did not go through.', th: 'การชำระเงินไม่สำเร็จ' },
  not_paid_in_time: {
    en: 'The payment did not arrive in time.',
    th: 'ไม่ได้รับการชำระเงินภายในเวลาที่กำหนด',
  },
  cancelled_by_client: { en: 'You cancelled it.', th: 'คุณยกเลิกคำสั่งซื้อนี้เอง' },
  cancelled_by_studio: { en: 'The studio cancelled it.', th: 'สตูดิโอยกเลิกคำสั่งซื้อนี้' },
};

export interface OrderCancelledVars extends OrderMailVars {
  /** Why, as a code worded here in the reader's language (null: an event from before the codes). */
  reason: CancelReasonCode | null;
  /** A staff member's own words when they cancelled, shown as written. */
  note: string | null;
  /** What the cancel gave back, formatted; null when it gave nothing back. */
  refund: string | null;
  /** Nothing was ever paid for the order (said instead of a refund). */
  nothingCharged: boolean;
}

export const orderCancelled: MailTemplate<OrderCancelledVars> = {
  name: 'order-cancelled',
  subject: ({ locale, number }) =>
    locale === 'th' ? `ยกเลิกคำสั่งซื้อ ${number}` : `Order ${number} was cancelled`,
  body: ({ locale, number, reason, note, refund, nothingCharged, url }) =>
    locale === 'th'
      ? {
          heading: `คำสั่งซื้อ ${number} ถูกยกเลิก`,
          paragraphs: [
            ...(reason ? [CANCELLED_BECAUSE[reason].th] : []),
            ...(note ? [`ข้อความจากสตูดิโอ: “${note}”`] : []),
            ...(refund ? [`ยอด ${refund} ที่คุณชำระแล้วจะได้รับคืนผ่านช่องทางเดิมที่ใช้ชำระ`] : []),
            ...(nothingCharged ? ['ไม่มีการเรียกเก็บเงินสำหรับคำสั่งซื้อนี้'] : []),
          ],
          action: { label: 'ดูคำสั่งซื้อ', url },
          footer: 'มีคำถาม ติดต่อสตูดิโอได้โดยตอบกลับอีเมลนี้',
        }
      : {
          heading: `Order ${number} was cancelled`,
          paragraphs: [
            ...(reason ? [CANCELLED_BECAUSE[reason].en] : []),
            ...(note ? [`The studio's note: “${note}”`] : []),
            ...(refund ? [`The ${refund} you paid goes back the way you paid it.`] : []),
            ...(nothingCharged ? ['Nothing was charged for this order.'] : []),
          ],
          action: { label: 'View the order', url },
          footer: 'Questions? Reply to this email to reach the studio.',
        },
};

export const orderShipped: MailTemplate<OrderMailVars & { tracking: string[] }> = {
  name: 'order-shipped',
  subject: ({ locale, number }) =>
    locale === 'th' ? `จัดส่งคำสั่งซื้อ ${number} แล้ว` : `Order ${number} is on its way`,
  body: ({ locale, number, tracking, url }) =>
    locale === 'th'
      ? {
          heading: `คำสั่งซื้อ ${number} จัดส่งแล้ว`,
          paragraphs: tracking.length ? tracking.map((t) => `เลขพัสดุ: ${t}`) : ['สินค้าของคุณออกเดินทางแล้ว'],
          action: { label: 'ติดตามคำสั่งซื้อ', url },
          footer: 'ขอบคุณที่อุดหนุน',
        }
      : {
          heading: `Order ${number} has shipped`,
          paragraphs: tracking.length ? tracking.map((t) => `Tracking: ${t}`) : ['Your order is on its way.'],
          action: { label: 'Track your order', url },
          footer: 'Thank you for your order.',
        },
};
