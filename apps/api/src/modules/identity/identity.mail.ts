import type { MailTemplate, TemplateVars } from '../../platform/mailer/index.js';

interface LinkVars extends TemplateVars {
  name: string;
  url: string;
}

/** Sent on sign-up and on an email change: the link proves the address is theirs. */
export const verifyEmail: MailTemplate<LinkVars> = {
  name: 'verify-email',
  subject: ({ locale }) => (locale === 'th' ? 'ยืนยันอีเมลของคุณ' : 'Confirm your email address'),
  body: ({ locale, name, url }) =>
    locale === 'th'
      ? {
          heading: `สวัสดี คุณ${name}`,
          paragraphs: ['กดปุ่มด้านล่างเพื่อยืนยันอีเมลของคุณ ลิงก์นี้ใช้ได้ 24 ชั่วโมง'],
          action: { label: 'ยืนยันอีเมล', url },
          footer: 'หากคุณไม่ได้สมัครสมาชิก ไม่ต้องทำอะไร',
        }
      : {
          heading: `Hello, ${name}`,
          paragraphs: [
            'Confirm your email address to finish setting up your account. The link works for 24 hours.',
          ],
          action: { label: 'Confirm email', url },
          footer: 'If you did not sign up, you can ignore this email.',
        },
};

/** Sent on "forgot password": a single-use link that expires in an hour. */
export const resetPassword: MailTemplate<LinkVars> = {
  name: 'reset-password',
  subject: ({ locale }) => (locale === 'th' ? 'ตั้งรหัสผ่านใหม่' : 'Reset your password'),
  body: ({ locale, name, url }) =>
    locale === 'th'
      ? {
          heading: `สวัสดี คุณ${name}`,
          paragraphs: ['มีคำขอตั้งรหัสผ่านใหม่สำหรับบัญชีของคุณ ลิงก์นี้ใช้ได้ครั้งเดียวภายใน 1 ชั่วโมง'],
          action: { label: 'ตั้งรหัสผ่านใหม่', url },
          footer: 'หากคุณไม่ได้ขอ ไม่ต้องทำอะไร รหัสผ่านเดิมยังใช้ได้',
        }
      : {
          heading: `Hello, ${name}`,
          paragraphs: [
            'Someone asked to reset the password of your account. The link works once, within an hour.',
          ],
          action: { label: 'Choose a new password', url },
          footer: 'If it was not you, ignore this email: your password stays as it is.',
        },
};
