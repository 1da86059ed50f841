import type { Config } from '../config.js';
import {
  type CatalogService,
  invalidateCatalog,
  type PastOrder,
  type StudiosService,
} from '../modules/index.js';
import type { Cache } from '../platform/cache/index.js';
import type { Actor } from '../platform/context.js';
import type { Database } from '../platform/db/index.js';
import type { Storage } from '../platform/storage/index.js';
import { seededRandom } from './catalog/random.js';
import { demoOrdersService } from './commerce.js';

type Random = ReturnType<typeof seededRandom>;
type Address = NonNullable<PastOrder['shippingAddress']>;

interface Buyer {
  name: string;
  email: string;
  locale?: 'en' | 'th';
}

/**
 * What each demo studio sold before the demo starts: how many orders a day (at the end of the span:
 * trade grows through it), who bought, how they paid and how parcels went. Buyers are made up, at
 * `.test` addresses (reserved: never delivered), and nothing is emailed to them anyway.
 */
interface HistoryPlan {
  ordersPerDay: number;
  buyers: Buyer[];
  paidBy: (random: Random) => PastOrder['paidBy'];
  /**
   * For physical goods: the studio's shipping method ids to choose from, where parcels went, and the
   * carrier they went with (a made-up tracking number in the carrier's format).
   */
  shipping?: {
    methods: string[];
    addresses: Address[];
    carrier: { name: string; number: (random: Random) => string };
  };
  /** Most units of one line (never under the item's minimum order). */
  maxQuantity: number;
}

const DAYS = 180;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** `count` random decimal digits, as tracking numbers have them. */
const digits = (random: Random, count: number) =>
  Array.from({ length: count }, () => random.int(0, 9)).join('');

const transfer = { provider: 'manual', manualMethod: 'bank_transfer' } as const;

const people = (domain: string, names: string[], locale?: 'en' | 'th'): Buyer[] =>
  names.map((name) => ({
    name,
    email: `${name
      .toLowerCase()
      .replace(/[^a-z]+/g, '.')
      .replace(/\.$/, '')}@${domain}`,
    ...(locale ? { locale } : {}),
  }));

const HISTORY: Record<string, HistoryPlan> = {
  'qr-studios': {
    ordersPerDay: 1.2,
    // Mint is the demo's signed-in client (people.ts): her past orders give the portal's order list and
    // its cards something to show from the first sign-in.
    buyers: people(
      'players.test',
      [
        'Mint',
        'Bank S.',
        'Ploy W.',
        'Tonkla R.',
        'Fah N.',
        'Arm K.',
        'Nutt P.',
        'Pim J.',
        'Boss T.',
        'Mild C.',
      ],
      'th',
    ).concat(people('players.test', ['Jay Lee', 'Sam Ortiz'], 'en')),
    paidBy: (random) => (random.chance(0.7) ? { provider: 'promptpay' } : transfer),
    maxQuantity: 1,
  },
  'electric-muse': {
    ordersPerDay: 0.5,
    buyers: people('families.test', [
      'Dana Whitfield',
      'Marcus Bell',
      'Priya Raman',
      'Lena Ortiz',
      'Tom Okafor',
      'Grace Kim',
      'Sofia Marin',
    ]),
    paidBy: () => transfer,
    shipping: {
      methods: ['standard', 'standard', 'pickup'],
      carrier: { name: 'USPS', number: (random) => `9400${digits(random, 18)}` },
      addresses: [
        {
          name: 'Dana Whitfield',
          line1: '1418 Echo Park Ave',
          city: 'Los Angeles',
          region: 'CA',
          postalCode: '90026',
          country: 'US',
        },
        {
          name: 'Marcus Bell',
          line1: '220 Ocean Park Blvd',
          city: 'Santa Monica',
          region: 'CA',
          postalCode: '90405',
          country: 'US',
        },
        {
          name: 'Grace Kim',
          line1: '3011 W 6th St',
          city: 'Los Angeles',
          region: 'CA',
          postalCode: '90020',
          country: 'US',
        },
      ],
    },
    maxQuantity: 2,
  },
  'volt-supply': {
    ordersPerDay: 1.4,
    buyers: people('contractors.test', [
      'Ray Dalton',
      'Bright Line Electric',
      'Hector Ruiz',
      'Prairie Power LLC',
      'Joan Meyers',
      'Northside Builders',
      'Sam Whitaker',
      'Kowalski & Sons',
    ]),
    paidBy: (random) => (random.chance(0.6) ? transfer : { provider: 'manual', manualMethod: 'invoice' }),
    shipping: {
      methods: ['ground', 'ground', 'pickup'],
      carrier: { name: 'UPS', number: (random) => `1Z${digits(random, 16)}` },
      addresses: [
        {
          name: 'Ray Dalton',
          line1: '4120 N Lincoln Ave',
          city: 'Chicago',
          region: 'IL',
          postalCode: '60618',
          country: 'US',
        },
        {
          name: 'Prairie Power LLC',
          line1: '88 Commerce Dr',
          city: 'Naperville',
          region: 'IL',
          postalCode: '60563',
          country: 'US',
        },
        {
          name: 'Northside Builders',
          line1: '1701 W Irving Park Rd',
          city: 'Chicago',
          region: 'IL',
          postalCode: '60613',
          country: 'US',
        },
      ],
    },
    maxQuantity: 12,
  },
  'tysun-mike-productions': {
    ordersPerDay: 0.25,
    buyers: people('musicians.test', ['Kaia Brooks', 'The Low Tides', 'DJ Nomad', 'Ana Sol', 'Rust & Rye']),
    paidBy: () => transfer,
    maxQuantity: 1,
  },
  'focusflow-demo': {
    ordersPerDay: 0.15,
    buyers: people('clients.test', ['Olivia Hart', 'Ben Carter', 'Amira Shah', 'Will & Jess']),
    paidBy: () => transfer,
    maxQuantity: 1,
  },
};

interface Sellable {
  variantId: string;
  quantity: { min: number; max: number };
  requiresShipping: boolean;
}

/**
 * What a studio's past buyers chose from: its 40 newest published items (the list's default order), each
 * with one variant that can be bought. The pick favours the front of this list, so some sell far more.
 */
async function sellables(catalog: CatalogService, studioId: string, maxQuantity: number, random: Random) {
  const list = await catalog.list(studioId, { limit: 40, facets: false });
  const found: Sellable[] = [];
  for (const item of list.items) {
    const detail = await catalog.detail(studioId, item.slug);
    // A line stays under 40 kg, so two of them fit the heaviest shipping band (the supplier's 100 kg).
    const fits = (v: (typeof detail.variants)[number]) => (v.weightGrams ?? 0) * v.minOrderQuantity <= 40_000;
    const variants = detail.variants.filter(
      (v) => v.available && (v.stock === null || v.stock >= v.minOrderQuantity) && fits(v),
    );
    if (variants.length === 0) continue;
    const variant = random.pick(variants);
    const byWeight = variant.weightGrams ? Math.floor(40_000 / variant.weightGrams) : maxQuantity;
    const max = Math.max(
      variant.minOrderQuantity,
      Math.min(maxQuantity, variant.stock ?? maxQuantity, byWeight),
    );
    found.push({
      variantId: variant.id,
      quantity: { min: variant.minOrderQuantity, max },
      requiresShipping: item.kind === 'product',
    });
  }
  return found;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of `at` in `timezone`, and how far that zone is ahead of UTC then (ms). */
function wallClock(timezone: string, at: Date) {
  let clock = clocks.get(timezone);
  if (!clock) {
    // One formatter per zone: building one costs more than the hundreds of readings a history takes.
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    clocks.set(timezone, clock);
  }
  const parts = Object.fromEntries(
    clock.formatToParts(at).map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return { parts, offset: wall - Math.floor(at.getTime() / 1000) * 1000 };
}

/** The studio's calendar date that `at` falls on, as midnight UTC of that date (for date arithmetic). */
function dateIn(timezone: string, at: Date): number {
  const { parts } = wallClock(timezone, at);
  return Date.UTC(parts.year, parts.month - 1, parts.day);
}

/**
 * One calendar date of the studio (`dateUtc`, as from `dateIn`): its weekday (0 Sunday), and `at(hours)`,
 * the moment the studio's clock reads that many hours into the day. Read with the offset of the day's
 * noon, so the opening hours are right on a day the clocks change (they change in the night).
 */
function localDay(timezone: string, dateUtc: number): { weekday: number; at: (hours: number) => Date } {
  // Noon there is within 14 hours of noon UTC; one reading there gives the offset at noon exactly.
  const roughNoon = new Date(dateUtc + 12 * HOUR_MS);
  const noonOffset = wallClock(
    timezone,
    new Date(dateUtc + 12 * HOUR_MS - wallClock(timezone, roughNoon).offset),
  ).offset;
  return {
    weekday: new Date(dateUtc).getUTCDay(),
    at: (hours) => new Date(dateUtc - noonOffset + hours * HOUR_MS),
  };
}

/**
 * `at`, or when the studio next opens if it is closed then: staff confirm money and ship between 08:00
 * and 20:59 on the studio's clock. Never earlier than `at`.
 */
function inOpeningHours(timezone: string, at: Date, random: Random): Date {
  const { parts } = wallClock(timezone, at);
  if (parts.hour >= 8 && parts.hour < 21) return at;
  // Before 08:00 it opens that morning; from 21:00, the next (a day on, read at that day's noon).
  const today = Date.UTC(parts.year, parts.month - 1, parts.day);
  const opening = localDay(timezone, parts.hour < 8 ? today : today + DAY_MS);
  return new Date(opening.at(8).getTime() + random.int(0, 90) * 60_000);
}

/**
 * Steps after payment, by the order's age: parcels (those with a `carrier`) ship with tracking and then
 * arrive; other orders are handed over.
 */
function stepsFor(
  carrier: NonNullable<HistoryPlan['shipping']>['carrier'] | undefined,
  paidAt: Date,
  now: Date,
  timezone: string,
  random: Random,
): PastOrder['steps'] {
  const after = (days: number) =>
    new Date(
      Math.min(
        inOpeningHours(timezone, new Date(paidAt.getTime() + days * DAY_MS), random).getTime(),
        now.getTime() - HOUR_MS,
      ),
    );
  const age = (now.getTime() - paidAt.getTime()) / DAY_MS;
  if (carrier) {
    if (age < 2) return [];
    const shipped = {
      status: 'shipped' as const,
      at: after(random.int(1, 2)),
      tracking: { carrier: carrier.name, number: carrier.number(random) },
    };
    if (age < 7) return [shipped];
    return [shipped, { status: 'delivered', at: after(random.int(4, 6)) }];
  }
  if (age < 3) return [];
  if (age < 14) return [{ status: 'fulfilled', at: after(random.int(1, 3)) }];
  return [
    { status: 'fulfilled', at: after(random.int(1, 3)) },
    { status: 'completed', at: after(random.int(8, 12)) },
  ];
}

/**
 * The made-up past orders of one studio over the last DAYS days, oldest first; the newest was placed at
 * least three hours before `now` and paid by two hours before it.
 */
export function demoPastOrders(
  slug: string,
  timezone: string,
  plan: HistoryPlan,
  items: Sellable[],
  now: Date,
  staffUserId: string | undefined,
): PastOrder[] {
  const random = seededRandom(
    [...slug].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261),
  );
  const orders: PastOrder[] = [];
  if (items.length === 0) return orders;
  // Counted in the studio's calendar days (not 24-hour steps back from now, which a change of the
  // clocks would shift onto the wrong date).
  const today = dateIn(timezone, now);
  for (let daysAgo = DAYS; daysAgo >= 1; daysAgo--) {
    // Trade grows from 60 % to 100 % of the rate across the span; the studio's weekends a little busier.
    const day = localDay(timezone, today - daysAgo * DAY_MS);
    const growth = 0.6 + 0.4 * (1 - daysAgo / DAYS);
    const weekend = day.weekday === 0 || day.weekday === 6 ? 1.3 : 1;
    const expected = plan.ordersPerDay * growth * weekend;
    const count = Math.floor(expected) + (random.chance(expected % 1) ? 1 : 0);
    for (let n = 0; n < count; n++) {
      // Between 08:00 and 20:59 on the studio's clock (so the newest, yesterday's, is 3 h before now).
      const placedAt = new Date(day.at(random.int(8, 20)).getTime() + random.int(0, 59) * 60_000);
      // Transfers and PromptPay are confirmed by hand, while the studio is open: within the hour to a
      // day and a half.
      const confirmedAt = inOpeningHours(
        timezone,
        new Date(placedAt.getTime() + random.int(1, 36) * HOUR_MS),
        random,
      );
      const paidAt = new Date(Math.min(confirmedAt.getTime(), now.getTime() - 2 * HOUR_MS));
      // Favour the front of the list: the square of a uniform number leans towards 0.
      const lineCount = random.chance(0.25) ? 2 : 1;
      const chosen = new Map<string, Sellable>();
      for (let l = 0; l < lineCount; l++) {
        const item = items[Math.floor(random.next() ** 2 * items.length)]!;
        chosen.set(item.variantId, item);
      }
      const lines = [...chosen.values()];
      const buyer = random.pick(plan.buyers);
      const needsParcel = lines.some((line) => line.requiresShipping) && plan.shipping;
      const method = needsParcel ? random.pick(plan.shipping!.methods) : undefined;
      const ships = method !== undefined && method !== 'pickup';
      orders.push({
        reference: `demo-history:${slug}:${orders.length + 1}`,
        name: buyer.name,
        email: buyer.email,
        ...(buyer.locale ? { locale: buyer.locale } : {}),
        lines: lines.map((line) => ({
          variantId: line.variantId,
          quantity: random.int(line.quantity.min, line.quantity.max),
        })),
        ...(method ? { shippingMethodId: method } : {}),
        // The buyer's name on one of the region's streets.
        ...(ships ? { shippingAddress: { ...random.pick(plan.shipping!.addresses), name: buyer.name } } : {}),
        paidBy: plan.paidBy(random),
        placedAt,
        paidAt,
        steps: stepsFor(ships ? plan.shipping?.carrier : undefined, paidAt, now, timezone, random),
        ...(staffUserId ? { staffUserId } : {}),
      });
    }
  }
  return orders;
}

/**
 * Gives each demo studio its sales of the last six months (the dashboard's longest period, 90 days, and
 * the 90 before it to compare with), recorded as past orders through the orders module (orders.history.ts:
 * no emails, no stock taken), so the owner's dashboard, the order list and the clients have something to
 * show on a fresh start. A studio with any order already (seeded before, or someone has bought since) is
 * left alone, so this runs once and never mixes its numbers with real ones. A studio whose history is
 * refused is left without one and named in `skipped` (the demo still starts).
 */
export async function seedHistory(deps: {
  config: Config;
  database: Database;
  cache: Cache;
  studios: StudiosService;
  catalog: CatalogService;
  storage: Storage;
  /** Each studio's owner (slug -> user id), named on the timelines as who confirmed and shipped. */
  owners: Record<string, string>;
  now?: Date;
}): Promise<{ orders: number; skipped: { studio: string; reason: string }[] }> {
  const { config, database, cache, studios, catalog, storage, owners } = deps;
  const now = deps.now ?? new Date();
  const actor: Actor = { kind: 'system', reason: 'demo seed' };
  const { orders } = demoOrdersService({ config, database, studios, storage });
  let recorded = 0;
  const skipped: { studio: string; reason: string }[] = [];
  for (const [slug, plan] of Object.entries(HISTORY)) {
    const studio = await studios.getBySlug(slug);
    const existing = await orders.adminList(actor, studio.id, { limit: 1 });
    if (existing.items.length > 0) continue;
    const random = seededRandom(studio.slug.length * 7919);
    const items = await sellables(catalog, studio.id, plan.maxQuantity, random);
    const past = demoPastOrders(slug, studio.timezone, plan, items, now, owners[slug]);
    try {
      recorded += (await orders.recordPastOrders(studio, actor, past, now)).created;
    } catch (error) {
      // A demo without its history still works: say why, and start.
      skipped.push({ studio: slug, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    // The items' sales counts moved: related items and "popular" read them.
    await invalidateCatalog(cache, studio.id);
  }
  return { orders: recorded, skipped };
}
