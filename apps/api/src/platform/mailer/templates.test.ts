import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { type MailTemplate, renderMail, type TemplateVars, testMessage, welcome } from './templates.js';

const welcomeVars = {
  locale: 'en' as const,
  clientName: 'Ploy',
  studioName: 'Lumen Studio',
  portalUrl: 'https://lumen.example.com/portal?from=welcome&x=1',
};

describe('renderMail', () => {
  it('escapes every variable in the HTML, so a client name cannot inject markup', () => {
    const attack = '<script>alert("x")</script>';
    const mail = renderMail(
      welcome,
      { ...welcomeVars, clientName: attack, studioName: `${attack} & Co` },
      { brand: { studioName: attack } },
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('&amp; Co');
    // The link's query string is escaped inside href too.
    expect(mail.html).toContain('href="https://lumen.example.com/portal?from=welcome&amp;x=1"');
  });

  it('gives a plain-text version with no markup that carries the link URL', () => {
    const mail = renderMail(welcome, welcomeVars, { brand: { studioName: 'Lumen Studio' } });
    expect(mail.text).toContain('Open your account: https://lumen.example.com/portal?from=welcome&x=1');
    expect(mail.text).toContain('Welcome, Ploy');
    expect(mail.text).not.toMatch(/<[a-z/]/i);
    expect(mail.text.startsWith('Lumen Studio\n\n')).toBe(true);
  });

  it('writes the welcome in Thai when the locale is th', () => {
    const mail = renderMail(welcome, { ...welcomeVars, locale: 'th', studioName: 'บ้านศิลป์' });
    expect(mail.subject).toBe('ยินดีต้อนรับสู่ บ้านศิลป์');
    expect(mail.html).toContain('<html lang="th">');
    expect(mail.html).toContain('เปิดบัญชีของคุณ');
    expect(mail.html).toContain('หากกดปุ่มไม่ได้');
    expect(mail.template).toBe('welcome');
  });

  it('writes the test message in both languages with the send time in the given zone', () => {
    const vars = {
      senderName: 'Lumen Studio',
      requestedBy: 'Nok',
      sentAt: new Date('2026-03-05T07:30:00Z'),
      timeZone: 'Asia/Bangkok',
    };
    const en = renderMail(testMessage, { ...vars, locale: 'en' });
    expect(en.subject).toBe('Test email from Lumen Studio');
    expect(en.text).toContain('Nok sent this test email on 5 March 2026');
    expect(en.text).toContain('14:30');
    const th = renderMail(testMessage, { ...vars, locale: 'th' });
    expect(th.subject).toBe('อีเมลทดสอบจาก Lumen Studio');
    expect(th.text).toContain('Nok ส่งอีเมลทดสอบนี้เมื่อ');
    expect(th.template).toBe('test-message');
  });

  it('paints the header and button in the brand colour, and ignores a colour that is not a hex value', () => {
    const branded = renderMail(welcome, welcomeVars, { brand: { color: '#f5d0fe' } });
    expect(branded.html).toContain('background:#f5d0fe');
    // A light brand gets dark text so the button stays readable.
    expect(branded.html).toContain('color:#111827;font-weight:600');
    const hostile = renderMail(welcome, welcomeVars, {
      brand: { color: 'red;background:url(https://evil.test)' },
    });
    expect(hostile.html).not.toContain('evil.test');
    expect(hostile.html).toContain('background:#1f2937');
  });

  it('keeps a subject on one line even when a variable holds a line break', () => {
    const mail = renderMail(welcome, { ...welcomeVars, studioName: 'Lumen\r\nBcc: someone@evil.test' });
    expect(mail.subject).toBe('Welcome to Lumen Bcc: someone@evil.test');
  });

  it('refuses a call-to-action link that is not http(s)', () => {
    const render = () => renderMail(welcome, { ...welcomeVars, portalUrl: 'javascript:alert(1)' });
    expect(render).toThrow(AppError);
    expect(render).toThrow(/http or https/);
  });

  it('renders a document without an action and without a brand', () => {
    const plain: MailTemplate<TemplateVars> = {
      name: 'plain',
      subject: () => 'Hello',
      body: () => ({ heading: 'Hi', paragraphs: ['One.', 'Two.'], footer: 'Bye' }),
    };
    const mail = renderMail(plain, { locale: 'en' });
    expect(mail.html).not.toContain('<a ');
    expect(mail.html).toContain('>Atelier</td>');
    expect(mail.text).toBe('Atelier\n\nHi\n\nOne.\n\nTwo.\n\n--\nBye\n');
  });
});
