import type { DemoItem } from './types.js';

/**
 * QR Studios (seed 004, Thai market, THB): FiveM scripts, UI kits and bundles. Each product carries its
 * versions with a changelog and its licence policy (days, IP slots) that licensing will use; a product
 * may come in licence tiers (variants with their own policy). Exactly one flash sale runs at seed time.
 */

interface Version {
  version: string;
  releasedAt: string;
  changelog: string;
}

function digital(input: {
  slug: string;
  name: string;
  summary: string;
  description: string;
  category: string[];
  tags: string[];
  versions: Version[];
  /** Satang. */
  price: number;
  compareAt?: number;
  durationDays: number | null;
  ipSlots: number;
  /** Extra licence tiers beyond the standard one (e.g. more servers). */
  tiers?: { name: string; price: number; durationDays: number | null; ipSlots: number }[];
  featured?: boolean;
  isNew?: boolean;
  color: string;
  shape: NonNullable<DemoItem['image']>['shape'];
  flashSale?: DemoItem['flashSale'];
}): DemoItem {
  const code = input.slug.toUpperCase().replace(/-/g, '');
  const standard = { licence: { durationDays: input.durationDays, ipSlots: input.ipSlots } };
  return {
    kind: 'digital',
    slug: input.slug,
    name: input.name,
    summary: input.summary,
    descriptionHtml: input.description,
    category: input.category,
    tags: input.tags,
    featured: input.featured ?? false,
    isNew: input.isNew ?? false,
    details: {
      currentVersion: input.versions[0]?.version,
      versions: input.versions,
      licence: standard.licence,
    },
    ...(input.tiers
      ? {
          options: [{ name: 'ใบอนุญาต', values: ['มาตรฐาน', ...input.tiers.map((tier) => tier.name)] }],
          variants: [
            {
              sku: `QR-${code}-STD`,
              optionValues: { ใบอนุญาต: 'มาตรฐาน' },
              priceMinor: input.price,
              ...(input.compareAt ? { compareAtMinor: input.compareAt } : {}),
              details: standard,
            },
            ...input.tiers.map((tier, i) => ({
              sku: `QR-${code}-T${i + 1}`,
              optionValues: { ใบอนุญาต: tier.name },
              priceMinor: tier.price,
              details: { licence: { durationDays: tier.durationDays, ipSlots: tier.ipSlots } },
            })),
          ],
        }
      : {
          variants: [
            {
              sku: `QR-${code}`,
              priceMinor: input.price,
              ...(input.compareAt ? { compareAtMinor: input.compareAt } : {}),
            },
          ],
        }),
    image: { color: input.color, shape: input.shape, label: input.name, alt: `${input.name} — QR Studios` },
    ...(input.flashSale ? { flashSale: input.flashSale } : {}),
  };
}

export const qrStudiosCatalog = (): DemoItem[] => [
  digital({
    slug: 'advanced-garage',
    name: 'Advanced Garage Script',
    summary: 'ระบบการาจครบชุด เก็บรถ เรียกรถ ยึดรถ รองรับ ESX และ QBCore',
    description:
      '<p>ระบบการาจสำหรับเซิร์ฟเวอร์ FiveM: การาจส่วนตัว การาจแก๊ง ที่ยึดรถ และระบบค่าจอด</p>' +
      '<ul><li>รองรับ ESX Legacy และ QBCore</li><li>ตั้งค่าผ่านไฟล์ config ไฟล์เดียว</li><li>ใช้ทรัพยากรต่ำ 0.00 ms ตอนว่าง</li></ul>',
    category: ['Scripts', 'Vehicles'],
    tags: ['fivem', 'esx', 'qbcore', 'garage'],
    versions: [
      { version: '2.3.0', releasedAt: '2025-10-02', changelog: 'เพิ่มการาจแก๊ง และระบบค่าจอดรายวัน' },
      { version: '2.2.1', releasedAt: '2025-08-15', changelog: 'แก้บั๊กรถหายเมื่อเซิร์ฟเวอร์รีสตาร์ท' },
      { version: '2.0.0', releasedAt: '2025-05-01', changelog: 'เขียนใหม่ทั้งหมด รองรับ QBCore' },
    ],
    price: 159000,
    durationDays: null,
    ipSlots: 1,
    tiers: [{ name: '3 เซิร์ฟเวอร์', price: 349000, durationDays: null, ipSlots: 3 }],
    featured: true,
    color: '#7c3aed',
    shape: 'square',
    // The one running flash sale: started a day before the seed, ends about three days after it.
    flashSale: { name: 'Flash Sale 11.11', percentOff: 30, startsInHours: -24, endsInHours: 72 },
  }),
  digital({
    slug: 'police-mdt',
    name: 'Police MDT Script',
    summary: 'คอมพิวเตอร์ตำรวจ ค้นหาประวัติ ออกใบสั่ง หมายจับ และบันทึกคดี',
    description: '<p>แท็บเล็ตตำรวจพร้อมฐานข้อมูลประชาชน รถ และคดี ใช้งานผ่าน UI ที่ลื่นไหล</p>',
    category: ['Scripts', 'Jobs'],
    tags: ['fivem', 'police', 'mdt'],
    versions: [
      { version: '1.4.2', releasedAt: '2025-09-20', changelog: 'เพิ่มการพิมพ์ใบสั่งเป็น PDF' },
      { version: '1.4.0', releasedAt: '2025-07-11', changelog: 'ระบบหมายจับ และการแจ้งเตือนในเกม' },
    ],
    price: 129000,
    compareAt: 159000,
    durationDays: 365,
    ipSlots: 1,
    color: '#1d4ed8',
    shape: 'square',
  }),
  digital({
    slug: 'phone-os',
    name: 'Phone OS Script',
    summary: 'โทรศัพท์ในเกม แชท โซเชียล ธนาคาร และกล้อง',
    description: '<p>โทรศัพท์ครบทุกแอป: ข้อความ โทร ธนาคาร ตลาด โซเชียล และกล้องถ่ายรูปที่บันทึกรูปได้จริง</p>',
    category: ['Scripts', 'Player systems'],
    tags: ['fivem', 'phone', 'ui'],
    versions: [
      { version: '3.0.0', releasedAt: '2025-10-20', changelog: 'ดีไซน์ใหม่ทั้งหมด เพิ่มแอปตลาด' },
      { version: '2.8.5', releasedAt: '2025-06-30', changelog: 'ปรับปรุงประสิทธิภาพกล้อง' },
    ],
    price: 219000,
    durationDays: null,
    ipSlots: 1,
    tiers: [{ name: 'รายปี 5 เซิร์ฟเวอร์', price: 499000, durationDays: 365, ipSlots: 5 }],
    featured: true,
    isNew: true,
    color: '#0891b2',
    shape: 'circle',
  }),
  digital({
    slug: 'inventory-plus',
    name: 'Inventory Plus',
    summary: 'ระบบกระเป๋าแบบลากวาง น้ำหนัก ช่องเก็บของ และร้านค้า',
    description: '<p>กระเป๋าแบบ drag &amp; drop พร้อมระบบน้ำหนัก ตู้เก็บของ และร้านค้า NPC</p>',
    category: ['Scripts', 'Player systems'],
    tags: ['fivem', 'inventory'],
    versions: [{ version: '1.2.0', releasedAt: '2025-09-01', changelog: 'เพิ่มตู้เก็บของแก๊ง' }],
    price: 99000,
    durationDays: null,
    ipSlots: 1,
    color: '#9333ea',
    shape: 'square',
  }),
  digital({
    slug: 'neon-hud-kit',
    name: 'Neon HUD UI Kit',
    summary: 'ชุด UI สไตล์นีออน HUD เลือด เกราะ ความเร็ว ปรับแต่งได้ทั้งหมด',
    description: '<p>ไฟล์ Figma และโค้ด HTML/CSS/JS พร้อมใช้ เปลี่ยนสีธีมได้ในบรรทัดเดียว</p>',
    category: ['UI kits'],
    tags: ['ui', 'hud', 'neon', 'figma'],
    versions: [
      { version: '1.1.0', releasedAt: '2025-08-08', changelog: 'เพิ่ม HUD รถ และมินิแมป' },
      { version: '1.0.0', releasedAt: '2025-06-01', changelog: 'เปิดตัว' },
    ],
    price: 89000,
    durationDays: null,
    ipSlots: 1,
    color: '#db2777',
    shape: 'wave',
  }),
  digital({
    slug: 'clean-menu-kit',
    name: 'Clean Menu UI Kit',
    summary: 'เมนูและหน้าต่างโต้ตอบสไตล์มินิมอล 40+ คอมโพเนนต์',
    description: '<p>คอมโพเนนต์เมนู ปุ่ม ตาราง และการแจ้งเตือน สำหรับทุกสคริปต์</p>',
    category: ['UI kits'],
    tags: ['ui', 'menu', 'minimal'],
    versions: [{ version: '2.0.1', releasedAt: '2025-09-12', changelog: 'รองรับภาษาไทยเต็มรูปแบบ' }],
    price: 59000,
    compareAt: 79000,
    durationDays: null,
    ipSlots: 1,
    isNew: true,
    color: '#0f172a',
    shape: 'square',
  }),
  digital({
    slug: 'starter-bundle',
    name: 'Server Starter Bundle',
    summary: 'สคริปต์ 5 ตัวสำหรับเปิดเซิร์ฟเวอร์ใหม่: การาจ กระเป๋า โทรศัพท์ MDT และ HUD',
    description: '<p>ทุกอย่างที่เซิร์ฟเวอร์ใหม่ต้องมี ในราคาเดียว ประหยัดกว่าซื้อแยก 35%</p>',
    category: ['Bundles'],
    tags: ['bundle', 'fivem', 'starter'],
    versions: [{ version: '2025.10', releasedAt: '2025-10-25', changelog: 'อัปเดตทุกสคริปต์เป็นเวอร์ชันล่าสุด' }],
    price: 399000,
    compareAt: 595000,
    durationDays: null,
    ipSlots: 2,
    featured: true,
    color: '#06b6d4',
    shape: 'triangle',
  }),
  digital({
    slug: 'ui-mega-bundle',
    name: 'UI Mega Bundle',
    summary: 'UI Kit ทุกชุดของเรา พร้อมอัปเดตฟรี 1 ปี',
    description: '<p>รวม Neon HUD, Clean Menu และ UI Kit ที่จะออกใหม่ตลอด 12 เดือน</p>',
    category: ['Bundles'],
    tags: ['bundle', 'ui'],
    versions: [{ version: '2025.09', releasedAt: '2025-09-30', changelog: 'เพิ่ม Clean Menu 2.0' }],
    price: 179000,
    compareAt: 229000,
    durationDays: 365,
    ipSlots: 3,
    color: '#a21caf',
    shape: 'triangle',
  }),
];
