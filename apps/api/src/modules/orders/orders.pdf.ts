import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { formatMoney } from '../../platform/mailer/index.js';
import type { OrderLineRow, OrderRow } from './orders.records.js';

/**
 * Fonts with both Latin and Thai glyphs, tried in order. PDF's built-in Helvetica has no Thai, so a
 * Thai name would print as garbage; TLWG's Garuda/Loma (Debian/Ubuntu `fonts-tlwg-*`) and Sarabun cover
 * both scripts in one face. Noto Sans Thai alone does not (no Latin). Without any of them we fall back
 * to Helvetica and print non-Latin-1 characters as "?" (README: install fonts-tlwg-garuda in the image).
 */
const FONT_CANDIDATES = [
  ['/usr/share/fonts/truetype/tlwg/Garuda.ttf', '/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf'],
  ['/usr/share/fonts/truetype/tlwg/Loma.ttf', '/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf'],
  [
    '/usr/share/fonts/truetype/sarabun/Sarabun-Regular.ttf',
    '/usr/share/fonts/truetype/sarabun/Sarabun-Bold.ttf',
  ],
  ['/usr/share/fonts/opentype/tlwg/Garuda.otf', '/usr/share/fonts/opentype/tlwg/Garuda-Bold.otf'],
] as const;

let cachedFonts: { regular: string; bold: string } | null | undefined;
export function thaiCapableFonts(): { regular: string; bold: string } | null {
  if (cachedFonts !== undefined) return cachedFonts;
  const found = FONT_CANDIDATES.find(([regular]) => existsSync(regular));
  cachedFonts = found ? { regular: found[0], bold: existsSync(found[1]) ? found[1] : found[0] } : null;
  return cachedFonts;
}

const DOC_TITLES = {
  en: { receipt: 'Receipt', invoice: 'Invoice' },
  th: { receipt: 'ใบเสร็จรับเงิน', invoice: 'ใบแจ้งหนี้' },
};
const LABELS = {
  en: {
    order: 'Order',
    date: 'Date',
    billTo: 'Bill to',
    shipTo: 'Ship to',
    item: 'Item',
    qty: 'Qty',
    unit: 'Unit price',
    amount: 'Amount',
    subtotal: 'Subtotal',
    discount: 'Discount',
    shipping: 'Shipping',
    tax: 'Tax',
    taxIncluded: 'Tax included',
    total: 'Total',
    paid: 'Paid',
    due: 'Balance due',
  },
  th: {
    order: 'คำสั่งซื้อ',
    date: 'วันที่',
    billTo: 'ผู้ซื้อ',
    shipTo: 'ที่อยู่จัดส่ง',
    item: 'รายการ',
    qty: 'จำนวน',
    unit: 'ราคาต่อหน่วย',
    amount: 'จำนวนเงิน',
    subtotal: 'รวม',
    discount: 'ส่วนลด',
    shipping: 'ค่าจัดส่ง',
    tax: 'ภาษี',
    taxIncluded: 'ภาษีรวมในราคาแล้ว',
    total: 'ยอดสุทธิ',
    paid: 'ชำระแล้ว',
    due: 'ยอดคงค้าง',
  },
};

/** A receipt (once paid) or invoice (before) for one order, as a PDF byte buffer. */
export async function renderOrderPdf(row: OrderRow, lines: OrderLineRow[]): Promise<Buffer> {
  const fonts = thaiCapableFonts();
  const locale = row.locale === 'th' ? 'th' : 'en';
  const label = LABELS[locale];
  // Without a Thai-capable font, keep what Helvetica can draw (WinAnsi) and mark the rest.
  const t = (text: string) => (fonts ? text : text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?'));
  const money = (minor: number) => t(formatMoney(minor, row.currency, locale));
  const paid = row.paymentStatus !== 'unpaid' && row.paidMinor >= row.totalMinor;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${row.number}`, Author: row.studio.name },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (fonts) {
    doc.registerFont('body', fonts.regular);
    doc.registerFont('bold', fonts.bold);
  }
  const regular = fonts ? 'body' : 'Helvetica';
  const bold = fonts ? 'bold' : 'Helvetica-Bold';

  doc.font(bold).fontSize(18).text(t(row.studio.name));
  doc
    .font(regular)
    .fontSize(14)
    .text(t(DOC_TITLES[locale][paid ? 'receipt' : 'invoice']));
  doc.moveDown(0.5).fontSize(10);
  doc.text(t(`${label.order}: ${row.number}`));
  doc.text(
    t(
      `${label.date}: ${new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { dateStyle: 'long', timeZone: row.studio.timezone }).format(row.createdAt)}`,
    ),
  );
  doc.moveDown();
  const bill = row.billingAddress;
  doc.font(bold).text(t(label.billTo));
  doc
    .font(regular)
    .text(t([row.name, row.email, bill?.line1, bill?.city, bill?.country].filter(Boolean).join(', ')));
  if (row.shippingAddress) {
    const s = row.shippingAddress;
    doc.font(bold).text(t(label.shipTo));
    doc
      .font(regular)
      .text(
        t([s.name, s.line1, s.line2, s.city, s.region, s.postalCode, s.country].filter(Boolean).join(', ')),
      );
  }
  doc.moveDown();

  const columns = { item: 50, qty: 320, unit: 370, amount: 460 };
  const header = doc.y;
  doc.font(bold);
  doc.text(t(label.item), columns.item, header, { width: 260 });
  doc.text(t(label.qty), columns.qty, header, { width: 40, align: 'right' });
  doc.text(t(label.unit), columns.unit, header, { width: 80, align: 'right' });
  doc.text(t(label.amount), columns.amount, header, { width: 85, align: 'right' });
  doc.font(regular);
  for (const line of lines) {
    const y = doc.y + 4;
    doc.text(t(`${line.name}${line.variantTitle ? ` — ${line.variantTitle}` : ''}`), columns.item, y, {
      width: 260,
    });
    const after = doc.y;
    doc.text(String(line.quantity), columns.qty, y, { width: 40, align: 'right' });
    doc.text(money(line.unitPriceMinor), columns.unit, y, { width: 80, align: 'right' });
    doc.text(money(line.unitPriceMinor * line.quantity), columns.amount, y, { width: 85, align: 'right' });
    doc.y = Math.max(after, doc.y);
  }
  doc.moveDown();
  const total = (name: string, minor: number, strong = false) => {
    const y = doc.y;
    doc.font(strong ? bold : regular);
    doc.text(t(name), columns.unit - 100, y, { width: 180, align: 'right' });
    doc.text(money(minor), columns.amount, y, { width: 85, align: 'right' });
  };
  total(label.subtotal, row.subtotalMinor);
  if (row.discountMinor > 0)
    total(`${label.discount}${row.promoCode ? ` (${row.promoCode})` : ''}`, -row.discountMinor);
  if (row.shippingMinor > 0 || row.shippingMethod) total(label.shipping, row.shippingMinor);
  total(row.pricesIncludeTax ? label.taxIncluded : label.tax, row.taxMinor);
  total(label.total, row.totalMinor, true);
  total(label.paid, row.paidMinor - row.refundedMinor);
  if (!paid) total(label.due, Math.max(0, row.totalMinor - row.paidMinor), true);
  doc.end();
  return done;
}
