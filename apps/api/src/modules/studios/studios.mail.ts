import type { MailTemplate, TemplateVars } from '../../platform/mailer/index.js';
import type { StudioRole } from './studios.policy.js';

interface InvitationVars extends TemplateVars {
  studioName: string;
  inviterName: string;
  role: StudioRole;
  url: string;
}

const ROLE_NAMES: Record<'en' | 'th', Record<StudioRole, string>> = {
  en: { owner: 'an owner', admin: 'an admin', staff: 'a staff member', moderator: 'a moderator' },
  th: { owner: 'เจ้าของ', admin: 'ผู้ดูแล', staff: 'พนักงาน', moderator: 'ผู้ดูแลรีวิวและความคิดเห็น' },
};

/** Sent when a studio invites someone to its team; the link works once, within seven days. */
export const studioInvitation: MailTemplate<InvitationVars> = {
  name: 'studio-invitation',
  subject: ({ locale, studioName }) =>
    locale === 'th' ? `คำเชิญเข้าร่วมทีม ${studioName}` : `You're invited to join ${studioName}`,
  body: ({ locale, studioName, inviterName, role, url }) =>
    locale === 'th'
      ? {
          heading: `คำเชิญเข้าร่วม ${studioName}`,
          paragraphs: [
            `${inviterName} เชิญคุณเข้าร่วมทีม ${studioName} ในฐานะ${ROLE_NAMES.th[role]}`,
            'เข้าสู่ระบบด้วยอีเมลนี้ แล้วกดปุ่มด้านล่างเพื่อตอบรับ ลิงก์นี้ใช้ได้ครั้งเดียวภายใน 7 วัน',
          ],
          action: { label: 'ตอบรับคำเชิญ', url },
          footer: 'หากคุณไม่รู้จักสตูดิโอนี้ ไม่ต้องทำอะไร',
        }
      : {
          heading: `Join ${studioName}`,
          paragraphs: [
            `${inviterName} invited you to join ${studioName} as ${ROLE_NAMES.en[role]}.`,
            'Sign in with this email address and accept below. The link works once, within 7 days.',
          ],
          action: { label: 'Accept the invitation', url },
          footer: 'If you do not know this studio, you can ignore this email.',
        },
};
