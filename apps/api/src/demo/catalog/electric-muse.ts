import { combinations, type DemoItem } from './types.js';

/**
 * Electric Muse (seed 001): rock 'n' roll photo sessions for kids, and prints of the photos made by a
 * print-on-demand lab, where every Size x Material x Colour is its own variant with SKU, price and lab ids.
 */

function session(input: {
  slug: string;
  name: string;
  summary: string;
  price: number;
  compareAt?: number;
  durationMinutes: number;
  maxChildren: number;
  outfitChanges: number;
  includedPhotos: number;
  includedPrint: string;
  depositMinor: number;
  featured?: boolean;
  isNew?: boolean;
  color: string;
}): DemoItem {
  return {
    kind: 'package',
    slug: input.slug,
    name: input.name,
    summary: input.summary,
    descriptionHtml:
      `<p>${input.durationMinutes} minutes on our stage with real instruments, smoke and lights. Up to ` +
      `${input.maxChildren} ${input.maxChildren === 1 ? 'child' : 'children'}, ${input.outfitChanges} outfit ` +
      `change${input.outfitChanges === 1 ? '' : 's'} and ${input.includedPhotos} edited photos in a private gallery.</p>` +
      '<p>A deposit holds your date; the rest is due on the day or in 2, 3 or 4 payments.</p>',
    category: ['Sessions'],
    tags: ['session', 'kids', 'rock'],
    featured: input.featured ?? false,
    isNew: input.isNew ?? false,
    details: {
      durationMinutes: input.durationMinutes,
      maxChildren: input.maxChildren,
      outfitChanges: input.outfitChanges,
      includedPhotos: input.includedPhotos,
      includedPrint: input.includedPrint,
      deposit: { type: 'fixed', value: input.depositMinor },
    },
    variants: [
      {
        sku: `EM-${input.slug.toUpperCase()}`,
        priceMinor: input.price,
        ...(input.compareAt ? { compareAtMinor: input.compareAt } : {}),
      },
    ],
    image: {
      color: input.color,
      shape: 'bolt',
      label: input.name,
      alt: `${input.name} — kids rock photo session`,
    },
  };
}

const SIZES = [
  { name: '8x10', factor: 1 },
  { name: '11x14', factor: 1.6 },
  { name: '16x20', factor: 2.4 },
  { name: '20x30', factor: 3.4 },
];

function print(input: {
  slug: string;
  name: string;
  summary: string;
  code: string;
  base: number;
  materials: { name: string; extra: number }[];
  colours: string[];
  labProductId: number;
  weightGrams: number;
  color: string;
  featured?: boolean;
  isNew?: boolean;
  compareAtPercent?: number;
}): DemoItem {
  const options = [
    { name: 'Size', values: SIZES.map((size) => size.name) },
    { name: 'Material', values: input.materials.map((material) => material.name) },
    { name: 'Colour', values: input.colours },
  ];
  let n = 0;
  return {
    kind: 'product',
    slug: input.slug,
    name: input.name,
    summary: input.summary,
    descriptionHtml: `<p>${input.summary} Printed by our lab partner from your gallery and shipped in 5–7 days.</p>`,
    category: ['Prints'],
    tags: ['print', 'wall art'],
    featured: input.featured ?? false,
    isNew: input.isNew ?? false,
    // No unit: a print is sold by the piece, and "Sold per piece" alone made an empty-looking spec table.
    options,
    variants: combinations(options).map((combo) => {
      n++;
      const size = SIZES.find((s) => s.name === combo.Size) ?? SIZES[0];
      const material = input.materials.find((m) => m.name === combo.Material) ?? input.materials[0];
      // Round to whole dollars minus one cent, like a price list.
      const price = Math.round((input.base * (size?.factor ?? 1) + (material?.extra ?? 0)) / 100) * 100 - 1;
      const code = [combo.Size, combo.Material, combo.Colour].map((v) =>
        (v ?? '')
          .split(/[^A-Za-z0-9]+/)
          .map((word) => word.slice(0, 3))
          .join('')
          .slice(0, 6)
          .toUpperCase(),
      );
      return {
        sku: `EM-${input.code}-${code.join('-')}`,
        optionValues: combo,
        priceMinor: price,
        ...(input.compareAtPercent
          ? { compareAtMinor: Math.round((price * (100 + input.compareAtPercent)) / 100) }
          : {}),
        weightGrams: Math.round(input.weightGrams * (size?.factor ?? 1)),
        podProductId: String(input.labProductId),
        podVariantId: String(input.labProductId * 1000 + n),
      };
    }),
    image: {
      color: input.color,
      shape: 'square',
      label: input.name,
      alt: `${input.name} of a young rocker on stage`,
    },
  };
}

export const electricMuseCatalog = (): DemoItem[] => [
  session({
    slug: 'rockstar-mini',
    name: 'Rockstar Mini Session',
    summary: '30 minutes, 1 child, 1 outfit, 10 edited photos.',
    price: 19900,
    durationMinutes: 30,
    maxChildren: 1,
    outfitChanges: 1,
    includedPhotos: 10,
    includedPrint: 'One 5x7 print',
    depositMinor: 5000,
    color: '#db2777',
  }),
  session({
    slug: 'headliner',
    name: 'Headliner Session',
    summary: '60 minutes, up to 2 children, 3 outfits, 25 photos and an 8x10 print.',
    price: 39900,
    compareAt: 44900,
    durationMinutes: 60,
    maxChildren: 2,
    outfitChanges: 3,
    includedPhotos: 25,
    includedPrint: 'One 8x10 print',
    depositMinor: 10000,
    featured: true,
    color: '#be185d',
  }),
  session({
    slug: 'world-tour',
    name: 'World Tour Session',
    summary: '90 minutes, up to 4 children, 6 outfits, 50 photos and a metal print.',
    price: 69900,
    durationMinutes: 90,
    maxChildren: 4,
    outfitChanges: 6,
    includedPhotos: 50,
    includedPrint: 'One 11x14 metal print',
    depositMinor: 20000,
    featured: true,
    color: '#9d174d',
  }),
  session({
    slug: 'band-practice-party',
    name: 'Band Practice Birthday Party',
    summary: '2 hours for up to 8 kids: a band photo, solo shots and a party gallery.',
    price: 119900,
    durationMinutes: 120,
    maxChildren: 8,
    outfitChanges: 1,
    includedPhotos: 80,
    includedPrint: 'One 16x20 band poster',
    depositMinor: 30000,
    isNew: true,
    color: '#831843',
  }),
  print({
    slug: 'photo-print',
    name: 'Photo print',
    summary: 'Archival photo paper, lustre or matte.',
    code: 'PRT',
    base: 2900,
    materials: [
      { name: 'Lustre', extra: 0 },
      { name: 'Matte', extra: 0 },
      { name: 'Metallic', extra: 800 },
    ],
    colours: ['Full colour', 'Black & white'],
    labProductId: 1,
    weightGrams: 60,
    color: '#0e7490',
  }),
  print({
    slug: 'framed-print',
    name: 'Framed print',
    summary: 'Museum mat and a solid wood frame.',
    code: 'FRM',
    base: 6900,
    materials: [
      { name: 'Lustre', extra: 0 },
      { name: 'Matte', extra: 0 },
    ],
    colours: ['Black frame', 'White frame', 'Oak frame'],
    labProductId: 2,
    weightGrams: 900,
    color: '#1f2937',
    featured: true,
  }),
  print({
    slug: 'canvas-wrap',
    name: 'Canvas wrap',
    summary: 'Gallery-wrapped canvas on a 1.5" stretcher bar.',
    code: 'CNV',
    base: 7900,
    materials: [
      { name: 'Canvas', extra: 0 },
      { name: 'Canvas, gloss', extra: 1000 },
    ],
    colours: ['Full colour', 'Black & white'],
    labProductId: 3,
    weightGrams: 700,
    color: '#7c2d12',
    compareAtPercent: 20,
  }),
  print({
    slug: 'metal-print',
    name: 'Metal print',
    summary: 'Dye-sublimated aluminium, ready to hang.',
    code: 'MTL',
    base: 8900,
    materials: [
      { name: 'Gloss aluminium', extra: 0 },
      { name: 'Brushed aluminium', extra: 1500 },
    ],
    colours: ['Full colour', 'Black & white'],
    labProductId: 4,
    weightGrams: 800,
    color: '#475569',
    isNew: true,
  }),
];
