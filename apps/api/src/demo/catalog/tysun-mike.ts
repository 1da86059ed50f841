import type { DemoItem } from './types.js';

/**
 * Tysun Mike Productions (seed 000): services in basic / pro / premium / custom tiers. Each tier is a
 * variant of the service with its own price, turnaround, revisions and what the client must upload.
 * "Custom" is priced as a starting point; the engineer quotes the rest in the project.
 */

interface Tier {
  price: number;
  turnaroundDays: number;
  revisionsIncluded: number;
  deliverables: string[];
}

const TIERS = ['Basic', 'Pro', 'Premium', 'Custom'] as const;

function service(input: {
  slug: string;
  name: string;
  summary: string;
  description: string;
  category: string[];
  tags: string[];
  clientUploads: string[];
  tiers: Record<(typeof TIERS)[number], Tier>;
  color: string;
  shape: NonNullable<DemoItem['image']>['shape'];
  featured?: boolean;
  isNew?: boolean;
  compareAtPro?: number;
}): DemoItem {
  return {
    kind: 'service',
    slug: input.slug,
    name: input.name,
    summary: input.summary,
    descriptionHtml: input.description,
    category: input.category,
    tags: input.tags,
    featured: input.featured ?? false,
    isNew: input.isNew ?? false,
    details: { clientUploads: input.clientUploads },
    options: [{ name: 'Tier', values: [...TIERS] }],
    variants: TIERS.map((tier) => {
      const facts = input.tiers[tier];
      return {
        sku: `TMP-${input.slug.toUpperCase()}-${tier.toUpperCase()}`,
        optionValues: { Tier: tier },
        priceMinor: facts.price,
        ...(tier === 'Pro' && input.compareAtPro ? { compareAtMinor: input.compareAtPro } : {}),
        details: {
          turnaroundDays: facts.turnaroundDays,
          revisionsIncluded: facts.revisionsIncluded,
          deliverables: facts.deliverables,
        },
      };
    }),
    image: {
      color: input.color,
      shape: input.shape,
      label: input.name,
      alt: `${input.name} — Tysun Mike Productions`,
    },
  };
}

export const tysunMikeCatalog = (): DemoItem[] => [
  service({
    slug: 'mixing',
    name: 'Mixing',
    summary: 'Your multitrack turned into a balanced, punchy, release-ready stereo mix.',
    description:
      '<p>Send your stems and a reference track; I balance, EQ, compress and automate every part, then print a ' +
      'mix that translates on earbuds, cars and club systems.</p><ul><li>Analog-summed on request</li>' +
      '<li>Vocal tuning included from Pro up</li><li>Instrumental and a cappella versions from Premium</li></ul>',
    category: ['Audio', 'Mixing'],
    tags: ['mixing', 'stems', 'vocals'],
    clientUploads: [
      'Stems as 24-bit WAV, all starting at bar 1',
      'A reference track (MP3 is fine)',
      'Notes per song',
    ],
    tiers: {
      Basic: {
        price: 15000,
        turnaroundDays: 7,
        revisionsIncluded: 2,
        deliverables: ['Stereo mix WAV + MP3'],
      },
      Pro: {
        price: 30000,
        turnaroundDays: 5,
        revisionsIncluded: 4,
        deliverables: ['Stereo mix WAV + MP3', 'Tuned vocals'],
      },
      Premium: {
        price: 45000,
        turnaroundDays: 3,
        revisionsIncluded: 6,
        deliverables: ['Stereo mix WAV + MP3', 'Instrumental', 'A cappella', 'Stem bounces'],
      },
      Custom: {
        price: 60000,
        turnaroundDays: 14,
        revisionsIncluded: 10,
        deliverables: ['Agreed per project'],
      },
    },
    color: '#b45309',
    shape: 'wave',
    featured: true,
    compareAtPro: 35000,
  }),
  service({
    slug: 'mastering',
    name: 'Mastering',
    summary: 'Loud, clear and consistent masters for streaming, CD and vinyl.',
    description:
      '<p>Final polish and loudness for each platform: a streaming master at −14 LUFS, a louder club master ' +
      'and, from Premium, a vinyl pre-master.</p>',
    category: ['Audio', 'Mastering'],
    tags: ['mastering', 'loudness', 'streaming'],
    clientUploads: ['Final stereo mix, 24-bit WAV, −6 dB headroom', 'Track order and gaps for an album'],
    tiers: {
      Basic: { price: 6000, turnaroundDays: 3, revisionsIncluded: 1, deliverables: ['Streaming master WAV'] },
      Pro: {
        price: 9000,
        turnaroundDays: 2,
        revisionsIncluded: 2,
        deliverables: ['Streaming + club masters'],
      },
      Premium: {
        price: 12000,
        turnaroundDays: 2,
        revisionsIncluded: 3,
        deliverables: ['Streaming, club and vinyl masters', 'DDP image for CD'],
      },
      Custom: {
        price: 20000,
        turnaroundDays: 7,
        revisionsIncluded: 5,
        deliverables: ['Album mastering, agreed per project'],
      },
    },
    color: '#0f766e',
    shape: 'disc',
    featured: true,
  }),
  service({
    slug: 'beat-design',
    name: 'Beat design',
    summary: 'Custom beats and instrumentals built around your voice and your references.',
    description: '<p>From a two-bar idea to a full arrangement, with exclusive rights from Premium.</p>',
    category: ['Audio', 'Production'],
    tags: ['beats', 'production', 'instrumental'],
    clientUploads: [
      'Two or three reference tracks',
      'Tempo and key if you have them',
      'A voice memo of the idea',
    ],
    tiers: {
      Basic: {
        price: 20000,
        turnaroundDays: 7,
        revisionsIncluded: 1,
        deliverables: ['Beat MP3 + WAV (lease)'],
      },
      Pro: {
        price: 40000,
        turnaroundDays: 7,
        revisionsIncluded: 3,
        deliverables: ['Beat WAV + trackout stems'],
      },
      Premium: {
        price: 75000,
        turnaroundDays: 10,
        revisionsIncluded: 5,
        deliverables: ['Trackout stems', 'Exclusive rights'],
      },
      Custom: {
        price: 100000,
        turnaroundDays: 21,
        revisionsIncluded: 8,
        deliverables: ['Agreed per project'],
      },
    },
    color: '#7c3aed',
    shape: 'circle',
    isNew: true,
  }),
  service({
    slug: 'album-art',
    name: 'Logo & album art design',
    summary: 'Cover art and logos in 3000 px square, ready for every store.',
    description:
      '<p>Concepts sketched from your music and mood board, refined to print- and store-ready files.</p>',
    category: ['Design', 'Album art'],
    tags: ['design', 'cover art', 'logo'],
    clientUploads: ['Mood board or references', 'Title, artist name and any required logos'],
    tiers: {
      Basic: {
        price: 15000,
        turnaroundDays: 5,
        revisionsIncluded: 2,
        deliverables: ['1 concept, 3000 px JPG'],
      },
      Pro: { price: 25000, turnaroundDays: 5, revisionsIncluded: 3, deliverables: ['2 concepts, PSD + JPG'] },
      Premium: {
        price: 40000,
        turnaroundDays: 7,
        revisionsIncluded: 5,
        deliverables: ['3 concepts', 'Logo', 'Social media kit'],
      },
      Custom: {
        price: 60000,
        turnaroundDays: 14,
        revisionsIncluded: 8,
        deliverables: ['Agreed per project'],
      },
    },
    color: '#be123c',
    shape: 'square',
  }),
  service({
    slug: 'website',
    name: 'Artist website',
    summary: 'A fast, mobile-first website for your music, shows and merch.',
    description: '<p>Music player, tour dates, press kit and a mailing-list sign-up, on your own domain.</p>',
    category: ['Design', 'Websites'],
    tags: ['website', 'epk', 'design'],
    clientUploads: ['Logo and photos', 'Bio and press quotes', 'Links to your music and socials'],
    tiers: {
      Basic: { price: 50000, turnaroundDays: 10, revisionsIncluded: 2, deliverables: ['One-page site'] },
      Pro: {
        price: 90000,
        turnaroundDays: 14,
        revisionsIncluded: 3,
        deliverables: ['Five pages', 'Press kit page'],
      },
      Premium: {
        price: 150000,
        turnaroundDays: 21,
        revisionsIncluded: 5,
        deliverables: ['Five pages', 'Merch shop', 'Mailing list set-up'],
      },
      Custom: {
        price: 200000,
        turnaroundDays: 30,
        revisionsIncluded: 8,
        deliverables: ['Agreed per project'],
      },
    },
    color: '#1d4ed8',
    shape: 'triangle',
    isNew: true,
  }),
  service({
    slug: 'consultation',
    name: 'Consultation',
    summary: 'A video call about your mix, your gear or your release plan.',
    description: '<p>Bring your questions and a session or two; you get a recording and written notes.</p>',
    category: ['Consulting'],
    tags: ['consultation', 'coaching'],
    clientUploads: ['Up to three tracks to discuss (optional)'],
    tiers: {
      Basic: { price: 7500, turnaroundDays: 3, revisionsIncluded: 0, deliverables: ['30-minute call'] },
      Pro: {
        price: 12000,
        turnaroundDays: 3,
        revisionsIncluded: 0,
        deliverables: ['60-minute call', 'Written notes'],
      },
      Premium: {
        price: 20000,
        turnaroundDays: 2,
        revisionsIncluded: 1,
        deliverables: ['90-minute call', 'Notes', 'Follow-up call'],
      },
      Custom: { price: 30000, turnaroundDays: 7, revisionsIncluded: 2, deliverables: ['Agreed per project'] },
    },
    color: '#334155',
    shape: 'circle',
  }),
];
