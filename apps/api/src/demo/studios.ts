import type { NewStudio } from '../modules/index.js';

/**
 * The five businesses whose plans Atelier grew from (../shared/seeds), as demo studios. What each sells
 * is in ./catalog (DEMO_CATALOGS, by studio slug).
 */
export interface DemoStudio {
  studio: NewStudio;
}

export const DEMO_STUDIOS: DemoStudio[] = [
  {
    studio: {
      slug: 'tysun-mike-productions',
      name: 'Tysun Mike Productions',
      tagline: 'Mixing, mastering and artwork for independent musicians',
      currency: 'USD',
      timezone: 'America/New_York',
      locale: 'en',
      brand: { primaryColor: '#b45309', accentColor: '#1e293b', logoText: 'TM', logoUrl: null },
    },
  },
  {
    studio: {
      slug: 'electric-muse',
      name: 'Electric Muse',
      tagline: "Rock 'n' roll photo shoots for kids",
      currency: 'USD',
      timezone: 'America/Los_Angeles',
      locale: 'en',
      brand: { primaryColor: '#be185d', accentColor: '#111827', logoText: 'EM', logoUrl: null },
    },
  },
  {
    studio: {
      slug: 'volt-supply',
      name: 'Volt Supply Co.',
      tagline: 'Electrical supplies for contractors, with quotes in a day',
      currency: 'USD',
      timezone: 'America/Chicago',
      locale: 'en',
      brand: { primaryColor: '#1d4ed8', accentColor: '#facc15', logoText: 'VS', logoUrl: null },
      // Shows the studio 2FA policy: its staff need TOTP (Priya has the demo secret, see people.ts).
      requireStaffTwoFactor: true,
    },
  },
  {
    studio: {
      slug: 'focusflow-demo',
      name: 'Lumen & Field Photography',
      tagline: 'Weddings, families and portraits — run on FocusFlow',
      currency: 'USD',
      timezone: 'Europe/London',
      locale: 'en',
      brand: { primaryColor: '#0f766e', accentColor: '#f59e0b', logoText: 'LF', logoUrl: null },
    },
  },
  {
    studio: {
      slug: 'qr-studios',
      name: 'QR Studios',
      tagline: 'สคริปต์และ UI Kit สำหรับเซิร์ฟเวอร์เกม พร้อมคีย์ลิขสิทธิ์',
      currency: 'THB',
      timezone: 'Asia/Bangkok',
      locale: 'th',
      brand: { primaryColor: '#7c3aed', accentColor: '#06b6d4', logoText: 'QR', logoUrl: null },
    },
  },
];
