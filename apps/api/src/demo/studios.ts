import type { NewCatalogItem, NewStudio } from '../modules/index.js';

/** The five businesses whose plans Atelier grew from (../shared/seeds), as demo studios. */
export interface DemoStudio {
  studio: NewStudio;
  items: NewCatalogItem[];
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
    items: [
      {
        kind: 'service',
        slug: 'mixing-basic',
        name: 'Mixing — Basic',
        summary: 'Up to 16 stems, 2 revisions, 7-day turnaround.',
        priceMinor: 15000,
      },
      {
        kind: 'service',
        slug: 'mixing-pro',
        name: 'Mixing — Pro',
        summary: 'Up to 48 stems, 4 revisions, 5-day turnaround.',
        priceMinor: 30000,
      },
      {
        kind: 'service',
        slug: 'mastering-premium',
        name: 'Mastering — Premium',
        summary: 'Stereo and streaming masters, 3 revisions.',
        priceMinor: 12000,
      },
      {
        kind: 'service',
        slug: 'album-art',
        name: 'Logo & album art design',
        summary: 'Cover art in 3000 px square with two concepts.',
        priceMinor: 25000,
      },
      {
        kind: 'service',
        slug: 'consultation',
        name: 'Consultation (60 min)',
        summary: 'A video call about your mix, gear or release plan.',
        priceMinor: 7500,
      },
    ],
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
    items: [
      {
        kind: 'package',
        slug: 'rockstar-mini',
        name: 'Rockstar Mini Session',
        summary: '30 minutes, 1 child, 1 outfit, 10 edited photos.',
        priceMinor: 19900,
      },
      {
        kind: 'package',
        slug: 'headliner',
        name: 'Headliner Session',
        summary: '60 minutes, up to 2 children, 3 outfits, 25 photos and an 8x10 print.',
        priceMinor: 39900,
      },
      {
        kind: 'package',
        slug: 'world-tour',
        name: 'World Tour Session',
        summary: '90 minutes, up to 4 children, unlimited outfits, 50 photos.',
        priceMinor: 69900,
      },
      {
        kind: 'product',
        slug: 'metal-print-11x14',
        name: 'Metal print 11×14',
        summary: 'Gloss aluminium, ready to hang.',
        priceMinor: 8900,
      },
    ],
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
    items: [
      {
        kind: 'product',
        slug: 'breaker-20a-1p',
        name: 'Circuit breaker 20 A single-pole',
        summary: 'Plug-on, 10 kA interrupting rating.',
        priceMinor: 1249,
      },
      {
        kind: 'product',
        slug: 'thhn-12-awg-500',
        name: 'THHN wire 12 AWG, 500 ft',
        summary: 'Copper, black, 600 V.',
        priceMinor: 8995,
      },
      {
        kind: 'product',
        slug: 'gfci-20a',
        name: 'GFCI receptacle 20 A',
        summary: 'Self-test, tamper-resistant, white.',
        priceMinor: 2199,
      },
      {
        kind: 'product',
        slug: 'emt-conduit-3-4',
        name: 'EMT conduit 3/4 in × 10 ft',
        summary: 'Galvanised steel.',
        priceMinor: 899,
      },
    ],
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
    items: [
      {
        kind: 'package',
        slug: 'portrait-session',
        name: 'Portrait session',
        summary: '1 hour, one location, online gallery with 30 images.',
        priceMinor: 35000,
      },
      {
        kind: 'package',
        slug: 'family-session',
        name: 'Family session',
        summary: '90 minutes outdoors, 50 images, print credit.',
        priceMinor: 55000,
      },
      {
        kind: 'package',
        slug: 'wedding-full-day',
        name: 'Wedding — full day',
        summary: '10 hours, two photographers, 600+ images, album.',
        priceMinor: 420000,
      },
    ],
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
    items: [
      {
        kind: 'digital',
        slug: 'advanced-garage',
        name: 'Advanced Garage Script',
        summary: 'ระบบการาจครบชุด รองรับ ESX/QBCore',
        priceMinor: 159000,
      },
      {
        kind: 'digital',
        slug: 'neon-hud-kit',
        name: 'Neon HUD UI Kit',
        summary: 'ชุด UI สไตล์นีออน ปรับแต่งได้ทั้งหมด',
        priceMinor: 89000,
      },
      {
        kind: 'digital',
        slug: 'starter-bundle',
        name: 'Server Starter Bundle',
        summary: 'สคริปต์ 5 ตัวสำหรับเปิดเซิร์ฟเวอร์ใหม่',
        priceMinor: 299000,
      },
    ],
  },
];
