import type { Tx } from '../../platform/db/index.js';
import type { Locale, MailTemplate, OutgoingMail, TemplateVars } from '../../platform/mailer/index.js';
import { renderMail } from '../../platform/mailer/index.js';
import { clientAccount, studioOwnerEmails, studioProfile } from '../studios/index.js';

/** Mail for the wallet and payment plans: rendered in event handlers, queued with queueMail. */

export function formatDate(date: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { dateStyle: 'long', timeZone }).format(
    date,
  );
}

export const asLocale = (value: string | null | undefined): Locale => (value === 'th' ? 'th' : 'en');

/** What a payments email needs to know about the studio, read in the handler's transaction. */
export interface StudioMailInfo {
  name: string;
  slug: string;
  locale: Locale;
  timezone: string;
  color: string;
}

export async function studioMailInfo(tx: Tx, studioId: string): Promise<StudioMailInfo> {
  const row = await studioProfile(tx, studioId);
  if (!row) throw new Error(`Studio ${studioId} not found for mail`);
  return {
    name: row.name,
    slug: row.slug,
    locale: asLocale(row.locale),
    timezone: row.timezone,
    color: row.brand.primaryColor,
  };
}

/** The studio's owners' addresses (plan failures are theirs to handle). */
export async function ownerEmails(tx: Tx, studioId: string): Promise<string[]> {
  return studioOwnerEmails(tx, studioId);
}

export async function clientEmail(tx: Tx, clientId: string): Promise<{ email: string; name: string } | null> {
  const client = await clientAccount(tx, clientId);
  return client ? { email: client.email, name: client.name } : null;
}

/** Renders a template for one studio (its name and colour in the header) into an outgoing message. */
export function studioMessage<V extends TemplateVars>(
  template: MailTemplate<V>,
  vars: V,
  to: string,
  studioId: string,
  studio: StudioMailInfo,
): OutgoingMail {
  return {
    to,
    studioId,
    ...renderMail(template, vars, { brand: { studioName: studio.name, color: studio.color } }),
  };
}

interface TopupReceiptVars extends TemplateVars {
  studioName: string;
  amount: string;
  bonus: string | null;
  balance: string;
  url: string;
}

/** Sent when a top-up's payment succeeded and the wallet was credited. */
export const walletTopupReceipt: MailTemplate<TopupReceiptVars> = {
  name: 'wallet-topup-receipt',
  subject: ({ locale, studioName, amount }) =>
    locale === 'th'
      ? `เติมเงิน ${amount} เข้ากระเป๋าเงิน ${studioName} แล้ว`
      : `${amount} added to your ${studioName} wallet`,
  body: ({ locale, studioName, amount, bonus, balance, url }) =>
    locale === 'th'
      ? {
          heading: 'เติมเงินสำเร็จ',
          paragraphs: [
            `เราได้รับเงิน ${amount} และเติมเข้ากระเป๋าเงินของคุณที่ ${studioName} แล้ว`,
            ...(bonus ? [`โบนัสเติมเงิน: ${bonus}`] : []),
            `ยอดคงเหลือ: ${balance}`,
          ],
          action: { label: 'ดูกระเป๋าเงิน', url },
          footer: 'อีเมลนี้เป็นใบเสร็จการเติมเงินของคุณ',
        }
      : {
          heading: 'Top-up received',
          paragraphs: [
            `We received ${amount} and added it to your ${studioName} wallet.`,
            ...(bonus ? [`Top-up bonus: ${bonus}`] : []),
            `Balance: ${balance}`,
          ],
          action: { label: 'View your wallet', url },
          footer: 'This email is the receipt for your top-up.',
        },
};
