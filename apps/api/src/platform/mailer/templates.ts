import { AppError } from '../http/errors.js';

export type Locale = 'en' | 'th';

/** Every template's variables carry the reader's language; the rest is the template's own. */
export interface TemplateVars {
  locale: Locale;
}

/** What a template says, with no markup: one renderer owns how it looks in HTML and in plain text. */
export interface MailDocument {
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}

export interface MailTemplate<Vars extends TemplateVars> {
  /** Stable name, recorded with each message in the mail log. */
  name: string;
  subject(vars: Vars): string;
  body(vars: Vars): MailDocument;
}

/** Per-message look: the studio's name in the header and its colour on the header and the button. */
export interface Brand {
  studioName?: string;
  color?: string;
}

export interface RenderedMail {
  template: string;
  subject: string;
  html: string;
  text: string;
}

const DEFAULT_STUDIO_NAME = 'Atelier';
const DEFAULT_COLOR = '#1f2937';
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const FONTS =
  "-apple-system, 'Segoe UI', Roboto, 'Noto Sans Thai', 'Leelawadee UI', Tahoma, Arial, sans-serif";

const LINK_FALLBACK: Record<Locale, string> = {
  en: 'If the button does not work, copy this link into your browser:',
  th: 'หากกดปุ่มไม่ได้ ให้คัดลอกลิงก์นี้ไปเปิดในเบราว์เซอร์:',
};

/** Renders a template to a subject, an inline-styled HTML body and its plain-text twin. */
export function renderMail<Vars extends TemplateVars>(
  template: MailTemplate<Vars>,
  vars: Vars,
  options: { brand?: Brand } = {},
): RenderedMail {
  const document = template.body(vars);
  if (document.action) assertWebUrl(document.action.url);
  const brand = {
    studioName: options.brand?.studioName?.trim() || DEFAULT_STUDIO_NAME,
    // The colour lands inside a style attribute, so only a plain hex value may get there.
    color: options.brand?.color && HEX_COLOR.test(options.brand.color) ? options.brand.color : DEFAULT_COLOR,
  };
  // A subject is one header line; a newline in a variable must not start another header.
  const subject = template.subject(vars).replace(/\s+/g, ' ').trim();
  return {
    template: template.name,
    subject,
    html: renderHtml(document, subject, brand, vars.locale),
    text: renderText(document, brand),
  };
}

function assertWebUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw AppError.invalid('action.url', 'A link in an email must be an absolute URL');
  }
  // A javascript: or data: link would survive escaping and run in web mail clients.
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw AppError.invalid('action.url', 'A link in an email must use http or https');
  }
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Dark text on light brand colours, white on dark ones, so the button label stays readable. */
function textColorOn(hex: string): string {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join('') : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.6 ? '#111827' : '#ffffff';
}

function renderHtml(
  document: MailDocument,
  subject: string,
  brand: { studioName: string; color: string },
  locale: Locale,
): string {
  const onBrand = textColorOn(brand.color);
  const paragraphs = document.paragraphs
    .map((paragraph) => `<p style="margin:0 0 16px;">${escapeHtml(paragraph)}</p>`)
    .join('\n');
  const action = document.action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0;">
<tr><td style="border-radius:6px;background:${brand.color};">
<a href="${escapeHtml(document.action.url)}" style="display:inline-block;padding:12px 24px;border-radius:6px;color:${onBrand};font-weight:600;text-decoration:none;">${escapeHtml(document.action.label)}</a>
</td></tr>
</table>
<p style="margin:0;font-size:13px;line-height:1.5;color:#6b7280;">${escapeHtml(LINK_FALLBACK[locale])}<br>
<a href="${escapeHtml(document.action.url)}" style="color:#374151;word-break:break-all;">${escapeHtml(document.action.url)}</a></p>`
    : '';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(subject)}</title>
<style>@media (max-width: 620px) { .mail-card { width: 100% !important; } .mail-pad { padding: 24px 20px !important; } }</style>
</head>
<body style="margin:0;padding:0;background:#f4f4f5;">
<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(document.paragraphs[0] ?? '')}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f5;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" class="mail-card" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background:#ffffff;border-radius:8px;overflow:hidden;">
<tr><td class="mail-pad" style="padding:20px 32px;background:${brand.color};color:${onBrand};font:600 18px/1.3 ${FONTS};">${escapeHtml(brand.studioName)}</td></tr>
<tr><td class="mail-pad" style="padding:32px;color:#1f2937;font:16px/1.6 ${FONTS};">
<h1 style="margin:0 0 16px;color:#111827;font-size:22px;line-height:1.3;">${escapeHtml(document.heading)}</h1>
${paragraphs}
${action}
</td></tr>
<tr><td class="mail-pad" style="padding:20px 32px;border-top:1px solid #e5e7eb;color:#6b7280;font:13px/1.5 ${FONTS};">${escapeHtml(document.footer)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

function renderText(document: MailDocument, brand: { studioName: string }): string {
  const blocks = [brand.studioName, document.heading, ...document.paragraphs];
  if (document.action) blocks.push(`${document.action.label}: ${document.action.url}`);
  blocks.push(`--\n${document.footer}`);
  return `${blocks.join('\n\n')}\n`;
}

export interface WelcomeVars extends TemplateVars {
  clientName: string;
  studioName: string;
  /** Where the client signs in to their account. */
  portalUrl: string;
}

/** Sent when a studio adds a new client. */
export const welcome: MailTemplate<WelcomeVars> = {
  name: 'welcome',
  subject: ({ locale, studioName }) =>
    locale === 'th' ? `ยินดีต้อนรับสู่ ${studioName}` : `Welcome to ${studioName}`,
  body: ({ locale, clientName, studioName, portalUrl }) =>
    locale === 'th'
      ? {
          heading: `ยินดีต้อนรับ คุณ${clientName}`,
          paragraphs: [
            `${studioName} ได้สร้างบัญชีลูกค้าให้คุณแล้ว`,
            'ในบัญชีของคุณ คุณสามารถจองเวลา ติดตามงาน ชำระใบแจ้งหนี้ และดาวน์โหลดไฟล์ของคุณได้',
          ],
          action: { label: 'เปิดบัญชีของคุณ', url: portalUrl },
          footer: `คุณได้รับอีเมลนี้เนื่องจาก ${studioName} ได้เพิ่มคุณเป็นลูกค้า`,
        }
      : {
          heading: `Welcome, ${clientName}`,
          paragraphs: [
            `${studioName} has set up a client account for you.`,
            'From your account you can book sessions, follow your projects, pay invoices and download your files.',
          ],
          action: { label: 'Open your account', url: portalUrl },
          footer: `You are receiving this email because ${studioName} added you as a client.`,
        },
};

export interface TestMessageVars extends TemplateVars {
  /** The studio's name, or the platform's for a platform admin's test. */
  senderName: string;
  /** Who pressed "send a test email". */
  requestedBy: string;
  sentAt: Date;
  /** IANA zone the send time is shown in, e.g. 'Asia/Bangkok'. */
  timeZone: string;
}

/** Sent by the admin's "send a test email" action to prove delivery works end to end. */
export const testMessage: MailTemplate<TestMessageVars> = {
  name: 'test-message',
  subject: ({ locale, senderName }) =>
    locale === 'th' ? `อีเมลทดสอบจาก ${senderName}` : `Test email from ${senderName}`,
  body: ({ locale, requestedBy, sentAt, timeZone }) => {
    const when = new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone,
    }).format(sentAt);
    return locale === 'th'
      ? {
          heading: 'ระบบส่งอีเมลใช้งานได้',
          paragraphs: [
            `${requestedBy} ส่งอีเมลทดสอบนี้เมื่อ ${when} (${timeZone})`,
            'หากคุณอ่านข้อความนี้ได้ แสดงว่าการตั้งค่าอีเมลถูกต้อง และลูกค้าจะได้รับอีเมลจากคุณ',
          ],
          footer: 'นี่คือข้อความทดสอบอัตโนมัติ ไม่ต้องตอบกลับ',
        }
      : {
          heading: 'Email delivery works',
          paragraphs: [
            `${requestedBy} sent this test email on ${when} (${timeZone}).`,
            'If you can read it, your mail settings are correct and your clients will receive your emails.',
          ],
          footer: 'This is an automated test message; no reply is needed.',
        };
  },
};
