import type { DemoItem } from './types.js';

/**
 * Lumen & Field Photography, the FocusFlow platform's demo tenant (seed 003): session packages of a
 * wedding, family and portrait photographer, with a deposit to book and the rest before the shoot.
 */

function photoPackage(input: {
  slug: string;
  name: string;
  summary: string;
  description: string;
  category: string;
  price: number;
  compareAt?: number;
  durationMinutes: number;
  includedPhotos: number;
  includedPrint?: string;
  depositPercent: number;
  tags: string[];
  featured?: boolean;
  isNew?: boolean;
  color: string;
}): DemoItem {
  return {
    kind: 'package',
    slug: input.slug,
    name: input.name,
    summary: input.summary,
    descriptionHtml: input.description,
    category: [input.category],
    tags: input.tags,
    featured: input.featured ?? false,
    isNew: input.isNew ?? false,
    details: {
      durationMinutes: input.durationMinutes,
      includedPhotos: input.includedPhotos,
      ...(input.includedPrint ? { includedPrint: input.includedPrint } : {}),
      deposit: { type: 'percent', value: input.depositPercent },
    },
    variants: [
      {
        sku: `LF-${input.slug.toUpperCase()}`,
        priceMinor: input.price,
        ...(input.compareAt ? { compareAtMinor: input.compareAt } : {}),
      },
    ],
    image: { color: input.color, shape: 'circle', label: input.name, alt: `${input.name} by Lumen & Field` },
  };
}

export const focusflowCatalog = (): DemoItem[] => [
  photoPackage({
    slug: 'portrait-session',
    name: 'Portrait session',
    summary: '1 hour, one location, online gallery with 30 images.',
    description: '<p>Headshots or personal portraits in the studio or a location you love.</p>',
    category: 'Portraits',
    price: 35000,
    durationMinutes: 60,
    includedPhotos: 30,
    depositPercent: 30,
    tags: ['portrait', 'headshot'],
    color: '#0f766e',
  }),
  photoPackage({
    slug: 'family-session',
    name: 'Family session',
    summary: '90 minutes outdoors, 50 images and a print credit.',
    description: '<p>Relaxed, candid family photos at golden hour. Grandparents and dogs welcome.</p>',
    category: 'Family',
    price: 55000,
    compareAt: 62000,
    durationMinutes: 90,
    includedPhotos: 50,
    includedPrint: '$100 print credit',
    depositPercent: 25,
    tags: ['family', 'outdoor'],
    featured: true,
    color: '#15803d',
  }),
  photoPackage({
    slug: 'newborn-session',
    name: 'Newborn session',
    summary: '3 hours at your home within the first two weeks, 40 images.',
    description: '<p>Gentle, unposed newborn photography at home, at baby’s pace.</p>',
    category: 'Family',
    price: 65000,
    durationMinutes: 180,
    includedPhotos: 40,
    includedPrint: 'One 30x40 cm fine-art print',
    depositPercent: 25,
    tags: ['newborn', 'family'],
    isNew: true,
    color: '#0d9488',
  }),
  photoPackage({
    slug: 'engagement-session',
    name: 'Engagement session',
    summary: '2 hours, two locations, 60 images.',
    description: '<p>Get used to the camera before the big day — and get photos for your invitations.</p>',
    category: 'Weddings',
    price: 45000,
    durationMinutes: 120,
    includedPhotos: 60,
    depositPercent: 30,
    tags: ['engagement', 'couples'],
    color: '#b45309',
  }),
  photoPackage({
    slug: 'wedding-half-day',
    name: 'Wedding — half day',
    summary: '5 hours, one photographer, 300+ images.',
    description: '<p>Ceremony, portraits and the first part of the reception.</p>',
    category: 'Weddings',
    price: 240000,
    durationMinutes: 300,
    includedPhotos: 300,
    depositPercent: 30,
    tags: ['wedding'],
    color: '#d97706',
  }),
  photoPackage({
    slug: 'wedding-full-day',
    name: 'Wedding — full day',
    summary: '10 hours, two photographers, 600+ images and an album.',
    description: '<p>From getting ready to the last dance, with a 30x30 cm lay-flat album.</p>',
    category: 'Weddings',
    price: 420000,
    durationMinutes: 600,
    includedPhotos: 600,
    includedPrint: '30x30 cm lay-flat album',
    depositPercent: 30,
    tags: ['wedding', 'album'],
    featured: true,
    color: '#f59e0b',
  }),
  photoPackage({
    slug: 'brand-session',
    name: 'Brand & business session',
    summary: '2 hours of team, product and workplace photos, 80 images.',
    description: '<p>Photos for your website and social media, licensed for commercial use.</p>',
    category: 'Commercial',
    price: 80000,
    durationMinutes: 120,
    includedPhotos: 80,
    depositPercent: 50,
    tags: ['commercial', 'branding'],
    color: '#0f172a',
  }),
];
