import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { selectRows, type Tx } from '../../platform/db/index.js';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing.js';
import { createFacetSummaries, type FacetSource } from './catalog.facets.js';
import { loadList } from './catalog.listing.js';
import type { CatalogListQuery, Facets } from './catalog.schemas.js';
import { type ItemSpec, type Seeded, seedCatalog } from './catalog.test-fixtures.js';

const STUDIO = '01900000-0000-7000-8000-0000000000f1';
const OTHER = '01900000-0000-7000-8000-0000000000f2';
const NOW = new Date('2026-11-22T10:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();

/** The lists the storefront's category pages ask for: the summary answers all of them. */
const CATEGORY_PAGES: CatalogListQuery[] = [
  {},
  { category: 'electrical' },
  { category: 'breakers', brand: ['abb'], inStock: true },
  { brand: ['abb', 'schneider'], kind: ['product'] },
  { kind: ['service', 'digital'], onSale: true },
  { category: 'lighting', inStock: true, onSale: true },
  { category: 'no-such-category' },
];

/** Lists the summary cannot answer (it counts every published item): these stay on the live statement. */
const OTHER_LISTS: CatalogListQuery[] = [
  { q: 'breaker' },
  { tag: ['din'] },
  { featured: true, category: 'electrical' },
  { minPrice: 2_000 },
  { maxPrice: 60_000, brand: ['abb'] },
];

const KINDS = ['product', 'service', 'digital', 'package'] as const;
const CATEGORIES = ['mcb', 'breakers', 'lighting', 'electrical', undefined];
const BRANDS = ['abb', 'schneider', 'hager', undefined];
/** Spread over the price buckets, including their edges. */
const PRICES = [500, 1_000, 2_499, 9_999, 10_000, 60_000, 2_000_000];

/** 42 items in every combination of kind, category, brand, price, stock and status the facets tell apart. */
function items(): ItemSpec[] {
  return Array.from({ length: 42 }, (_, n) => {
    const price = PRICES[n % PRICES.length] as number;
    const stock = n % 3 === 0 ? { stock: 0 } : n % 3 === 1 ? { stock: 5 } : {};
    const spec: ItemSpec = {
      slug: `item-${n}`,
      name: n % 2 ? `Circuit breaker ${n}` : `Lamp ${n}`,
      kind: KINDS[n % KINDS.length],
      status: n % 10 === 9 ? 'draft' : n % 10 === 8 ? 'archived' : 'published',
      tags: n % 4 === 0 ? ['din'] : [],
      featured: n % 5 === 0,
      variants:
        n % 6 === 0
          ? // A sold-out variant and a retired one with stock: not in stock.
            [
              { priceMinor: price, stock: 0 },
              { priceMinor: price + 100, stock: 3, active: false },
            ]
          : [{ priceMinor: price, ...stock }],
    };
    const category = CATEGORIES[n % CATEGORIES.length];
    const brand = BRANDS[(n >> 1) % BRANDS.length];
    if (category) spec.category = category;
    if (brand) spec.brand = brand;
    return spec;
  });
}

/** A one-shot signal between concurrent transactions. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { fire, fired };
}

describe('catalog: facet counts from the per-studio summary', () => {
  let database: TestDatabase;
  let seeded: Seeded;
  // Kept across every read and write of the suite, as a service keeps it: a stale copy would show.
  const summaries = createFacetSummaries();
  const itemId = (slug: string) => seeded.items.get(slug)?.id as string;
  const variantId = (slug: string) => seeded.items.get(slug)?.variantIds[0] as string;

  const facets = async (query: CatalogListQuery, now: Date, source: FacetSource): Promise<Facets> => {
    const list = await database.withStudio(STUDIO, (tx) =>
      loadList(tx, STUDIO, query, now, { facets: source, summaries }),
    );
    if (!list.facets) throw new Error('no facets');
    return list.facets;
  };
  /** The summary's answer, checked against the live statement's at the same moment. */
  const exact = async (query: CatalogListQuery, now = NOW): Promise<Facets> => {
    const summary = await facets(query, now, 'auto');
    expect({ query, facets: summary }).toEqual({ query, facets: await facets(query, now, 'live') });
    return summary;
  };
  const everyPageExact = async (now = NOW) => {
    for (const query of CATEGORY_PAGES) await exact(query, now);
  };
  const state = async () => {
    const [row] = await selectRows<{ version: string; built_version: string | null }>(
      database.db,
      sql`select version::text, built_version::text from catalog_facet_state where studio_id = ${STUDIO}`,
    );
    return {
      version: Number(row?.version ?? 0),
      fresh: row !== undefined && row.version === row.built_version,
    };
  };
  /** A write as the owner (platform code, the demo seed): no studio scope, the platform policy. */
  const asOwner = (query: SQL) => database.db.execute(query);
  /** A write as the studio (the app role, under row-level security). */
  const asStudio = (query: SQL) => database.withStudio(STUDIO, (tx) => tx.execute(query));

  /** After a write: the summary is stale, the next read is exact (a rebuild), and so is the one after. */
  const staleThenExact = async () => {
    expect((await state()).fresh).toBe(false);
    await everyPageExact();
    expect((await state()).fresh).toBe(true);
    await everyPageExact();
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    seeded = await seedCatalog(database, STUDIO, {
      categories: [
        { slug: 'electrical', name: 'Electrical' },
        { slug: 'breakers', name: 'Breakers', parent: 'electrical' },
        { slug: 'mcb', name: 'Miniature breakers', parent: 'breakers' },
        { slug: 'lighting', name: 'Lighting' },
        { slug: 'tools', name: 'Tools' },
      ],
      brands: [
        { slug: 'abb', name: 'ABB' },
        { slug: 'schneider', name: 'Schneider' },
        { slug: 'hager', name: 'Hager' },
        { slug: 'legrand', name: 'Legrand' },
      ],
      items: items(),
    });
    // Another studio's items must never show in this studio's counts.
    await seedCatalog(database, OTHER, {
      categories: [{ slug: 'electrical', name: 'Electrical' }],
      brands: [{ slug: 'abb', name: 'ABB' }],
      items: [{ slug: 'other-mcb', name: 'Circuit breaker', category: 'electrical', brand: 'abb' }],
    });
    // Sales: running with a percentage (moves to a lower bucket), running with a fixed price, running on
    // a draft (not counted), ended, and starting in two hours.
    const sale = (slug: string, rule: string, from: number, to: number) =>
      asOwner(sql`insert into catalog_flash_sales (id, studio_id, item_id, percent_off, sale_price_minor,
        starts_at, ends_at) values (gen_random_uuid(), ${STUDIO}, ${itemId(slug)}, ${sql.raw(rule)},
        ${at(from)}::timestamptz, ${at(to)}::timestamptz)`);
    await sale('item-4', '50, null', -1, 5);
    await sale('item-5', 'null, 900', -1, 5);
    await sale('item-9', '20, null', -1, 5);
    await sale('item-12', '30, null', -5, -1);
    await sale('item-13', '40, null', 2, 5);
  });
  afterAll(async () => database.destroy());

  it('answers category pages from the summary, exactly as the live statement would', async () => {
    expect((await state()).fresh).toBe(false);
    await everyPageExact();
    expect((await state()).fresh).toBe(true);
    await everyPageExact();

    const all = await exact({});
    // 42 items: 4 drafts and 4 archived are not counted.
    expect(all.total).toBe(34);
    expect(all.onSale).toBe(2);

    // Proof that the summary is what answers: skew it, and the category page follows; then mark it stale.
    await asOwner(
      sql`update catalog_facet_groups set item_count = item_count + 100 where studio_id = ${STUDIO}`,
    );
    // (Read with nothing kept: the service's kept copy of the groups follows the version, not the table.)
    const unkept = await database.withStudio(STUDIO, (tx) =>
      loadList(tx, STUDIO, {}, NOW, { summaries: createFacetSummaries() }),
    );
    expect(unkept.facets?.total).toBeGreaterThan(all.total + 100);
    expect((await facets({}, NOW, 'auto')).total).toBe(all.total);
    expect((await facets({}, NOW, 'live')).total).toBe(all.total);
    await asOwner(sql`update catalog_facet_state set version = version + 1 where studio_id = ${STUDIO}`);
    await staleThenExact();
  });

  it('keeps every other list on the live statement', async () => {
    await everyPageExact();
    await asOwner(
      sql`update catalog_facet_groups set item_count = item_count + 100 where studio_id = ${STUDIO}`,
    );
    for (const query of OTHER_LISTS) await exact(query);
    await asOwner(sql`update catalog_facet_state set version = version + 1 where studio_id = ${STUDIO}`);
    await everyPageExact();
  });

  it('is exact on the very next read after an item is created, published, archived or moved', async () => {
    await everyPageExact();
    const before = await exact({});

    // Created and published in one go (the app role, as the admin does): the item, then its variant.
    const created = await database.withStudio(STUDIO, async (tx) => {
      const [item] = await selectRows<{ id: string }>(
        tx,
        sql`insert into catalog_items (id, studio_id, kind, slug, name, status, category_id, brand_id,
          price_from_minor, currency) values (gen_random_uuid(), ${STUDIO}, 'product', 'new-mcb', 'New breaker',
          'published', ${seeded.categories.get('mcb')}, (select id from catalog_brands where slug = 'legrand'),
          4000, 'USD') returning id`,
      );
      await tx.execute(sql`insert into catalog_variants (id, studio_id, item_id, price_minor, track_stock, stock)
        values (gen_random_uuid(), ${STUDIO}, ${item?.id}, 4000, true, 2)`);
      return item?.id as string;
    });
    await staleThenExact();
    expect((await exact({})).total).toBe(before.total + 1);
    expect((await exact({ category: 'electrical' })).brands).toContainEqual({
      slug: 'legrand',
      name: 'Legrand',
      count: 1,
    });

    // A draft published.
    await asStudio(sql`update catalog_items set status = 'published' where id = ${itemId('item-9')}`);
    await staleThenExact();
    expect((await exact({})).total).toBe(before.total + 2);

    // One archived.
    await asStudio(sql`update catalog_items set status = 'archived' where id = ${created}`);
    await staleThenExact();
    expect((await exact({})).total).toBe(before.total + 1);

    // Moved to another category and brand, and repriced into another bucket.
    await asStudio(sql`update catalog_items set category_id = ${seeded.categories.get('tools')},
      brand_id = (select id from catalog_brands where slug = 'legrand'), price_from_minor = 300000
      where id = ${itemId('item-1')}`);
    await staleThenExact();
    const moved = await exact({ category: 'tools' });
    expect(moved.total).toBe(1);
    expect(moved.brands).toEqual([{ slug: 'legrand', name: 'Legrand', count: 1 }]);

    // A brand deleted: its items lose it (ON DELETE SET NULL is an update, and the triggers see it).
    await asOwner(sql`delete from catalog_brands where studio_id = ${STUDIO} and slug = 'hager'`);
    await staleThenExact();
    expect((await exact({})).brands.map((brand) => brand.slug)).not.toContain('hager');

    // A published item deleted.
    await asStudio(sql`delete from catalog_items where id = ${itemId('item-2')}`);
    await staleThenExact();
  });

  it('is exact when stock runs out or comes back, and ignores stock moves that change nothing', async () => {
    await everyPageExact();
    const before = await exact({ inStock: true });
    const { version } = await state();

    // item-1 has one variant with 5 in stock: 5 -> 4 leaves the summary fresh.
    await asStudio(sql`update catalog_variants set stock = 4 where id = ${variantId('item-1')}`);
    expect(await state()).toEqual({ version, fresh: true });
    // Popularity, text and search-document writes leave it fresh too.
    await asStudio(sql`update catalog_items set popularity = popularity + 3, summary = 'Sold well'
      where id = ${itemId('item-1')}`);
    expect(await state()).toEqual({ version, fresh: true });

    // 4 -> 1 -> 0 as the owner: the last step makes it stale, in the same commit.
    await asOwner(sql`update catalog_variants set stock = 1 where id = ${variantId('item-1')}`);
    expect((await state()).fresh).toBe(true);
    await database.transaction(async (tx) => {
      await tx.execute(sql`update catalog_variants set stock = 0 where id = ${variantId('item-1')}`);
      // The bump runs at commit (deferred), so nothing else waits on the state row meanwhile.
      const [inside] = await selectRows<{ version: string }>(
        tx,
        sql`select version::text from catalog_facet_state where studio_id = ${STUDIO}`,
      );
      expect(Number(inside?.version)).toBe(version);
    });
    expect(await state()).toEqual({ version: version + 1, fresh: false });
    await staleThenExact();
    expect((await exact({ inStock: true })).total).toBe(before.total - 1);

    // Back in stock as the studio (a refund gives stock back), and a retired variant brought back.
    await asStudio(sql`update catalog_variants set stock = 2 where id = ${variantId('item-1')}`);
    await staleThenExact();
    expect((await exact({ inStock: true })).total).toBe(before.total);
    await asStudio(
      sql`update catalog_variants set active = true where id = ${seeded.items.get('item-6')?.variantIds[1]}`,
    );
    await staleThenExact();
    expect((await exact({ inStock: true })).total).toBe(before.total + 1);
  });

  it('moves items on sale to their sale price at read time, as sales start and end', async () => {
    await everyPageExact();
    const { version } = await state();
    // item-13's sale starts in two hours: before, during, after its window; the summary stays as built.
    const soon = new Date(NOW.getTime() + 2 * HOUR);
    const later = new Date(NOW.getTime() + 6 * HOUR);
    const now = await exact({ onSale: true }, NOW);
    const during = await exact({ onSale: true }, soon);
    expect(during.total).toBe(now.total + 1);
    expect((await exact({ onSale: true }, later)).total).toBe(0);
    for (const moment of [soon, later]) await everyPageExact(moment);

    // A sale added now shows on the very next read, without a rebuild.
    await asStudio(sql`insert into catalog_flash_sales (id, studio_id, item_id, percent_off, starts_at, ends_at)
      values (gen_random_uuid(), ${STUDIO}, ${itemId('item-20')}, 90, ${at(-1)}::timestamptz,
        ${at(1)}::timestamptz)`);
    expect((await exact({ onSale: true })).total).toBe(now.total + 1);
    await everyPageExact();
    expect(await state()).toEqual({ version, fresh: true });
  });

  it('counts items marked down against their compare-at price as on sale, exact as markdowns come and go', async () => {
    await everyPageExact();
    const before = await exact({ onSale: true });
    const onSaleIds = async () => {
      const list = await database.withStudio(STUDIO, (tx) =>
        loadList(tx, STUDIO, { onSale: true, limit: 100 }, NOW, { summaries }),
      );
      return list.cards.rows.map((row) => row.id);
    };
    expect(await onSaleIds()).not.toContain(itemId('item-3'));

    // A markdown on an item without a flash sale: stale at once, then counted and listed as on sale.
    await asStudio(sql`update catalog_items set compare_at_from_minor = price_from_minor + 500
      where id = ${itemId('item-3')}`);
    await staleThenExact();
    expect((await exact({ onSale: true })).total).toBe(before.total + 1);
    expect(await onSaleIds()).toContain(itemId('item-3'));

    // A markdown on an item already on flash sale: counted once, and still once after its sale ends.
    await asStudio(sql`update catalog_items set compare_at_from_minor = price_from_minor * 2
      where id = ${itemId('item-4')}`);
    await staleThenExact();
    expect((await exact({ onSale: true })).total).toBe(before.total + 1);
    const afterSales = new Date(NOW.getTime() + 6 * HOUR);
    const later = await exact({ onSale: true }, afterSales);
    await everyPageExact(afterSales);
    expect(later.total).toBe(2);

    // Both markdowns taken back: as before.
    await asStudio(sql`update catalog_items set compare_at_from_minor = null
      where id in (${itemId('item-3')}, ${itemId('item-4')})`);
    await staleThenExact();
    expect((await exact({ onSale: true })).total).toBe(before.total);
    expect(await onSaleIds()).not.toContain(itemId('item-3'));
  });

  it('shows a renamed brand under its new name on the next read, though the summary stays as built', async () => {
    await everyPageExact();
    const { version } = await state();
    await asStudio(sql`update catalog_brands set name = 'ABB Group', slug = 'abb-group'
      where studio_id = ${STUDIO} and slug = 'abb'`);
    const renamed = await exact({});
    expect(renamed.brands.map((brand) => brand.slug)).toContain('abb-group');
    expect(renamed.brands.map((brand) => brand.slug)).not.toContain('abb');
    await everyPageExact();
    expect(await state()).toEqual({ version, fresh: true });
    await asStudio(sql`update catalog_brands set name = 'ABB', slug = 'abb'
      where studio_id = ${STUDIO} and slug = 'abb-group'`);
    await everyPageExact();
  });

  it('gives the same counts from the kept groups as from a fresh read of the summary', async () => {
    await everyPageExact();
    for (const query of CATEGORY_PAGES) {
      const kept = await facets(query, NOW, 'auto');
      const list = await database.withStudio(STUDIO, (tx) =>
        loadList(tx, STUDIO, query, NOW, { summaries: createFacetSummaries() }),
      );
      expect(list.facets).toEqual(kept);
    }
  });

  // Concurrent transactions exist only with a shared server; PGlite runs one transaction at a time.
  if (loadConfig({ ...process.env, NODE_ENV: 'test' }).databaseUrl) {
    /** Resolves once `count` sessions of this database wait for a lock. */
    const lockWaiters = async (count: number) => {
      for (let tries = 0; tries < 200; tries++) {
        const [row] = await selectRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (row?.n === count) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`expected ${count} sessions waiting for a lock`);
    };

    it('a write committing before a rebuild ends leaves the summary stale, never wrong', async () => {
      await everyPageExact();
      const before = await exact({});
      // The writer archives an item and holds its commit until a rebuild has read the catalog without it.
      const wrote = signal();
      const read = signal();
      const writer = database.withStudio(STUDIO, async (tx) => {
        await tx.execute(sql`update catalog_items set status = 'archived' where id = ${itemId('item-3')}`);
        wrote.fire();
        await read.fired;
      });
      await wrote.fired;
      await asOwner(sql`update catalog_facet_state set version = version + 1 where studio_id = ${STUDIO}`);
      expect((await exact({})).total).toBe(before.total);
      read.fire();
      await writer;
      await staleThenExact();
      expect((await exact({})).total).toBe(before.total - 1);
    });

    it('a write committing in the middle of the rebuild statement leaves it stale, never wrong', async () => {
      await everyPageExact();
      const before = await exact({});
      await asOwner(sql`update catalog_facet_state set version = version + 1 where studio_id = ${STUDIO}`);
      // Someone holds the state row. The writer's commit (its bump) queues for it first; then a rebuild
      // takes its snapshot without the write and queues for the row too. The writer commits first.
      const held = signal();
      const release = signal();
      const holder = database.transaction(async (tx) => {
        await tx.execute(sql`select 1 from catalog_facet_state where studio_id = ${STUDIO} for update`);
        held.fire();
        await release.fired;
      });
      await held.fired;
      const writer = database.withStudio(STUDIO, (tx) =>
        tx.execute(sql`update catalog_items set status = 'archived' where id = ${itemId('item-7')}`),
      );
      await lockWaiters(1);
      const rebuilt = facets({}, NOW, 'auto');
      await lockWaiters(2);
      release.fire();
      await Promise.all([holder, writer]);
      // The rebuild counted the catalog of its snapshot (without the write) and marked the version it
      // read, which the writer's bump has passed: stale, and the next read counts the write.
      expect((await rebuilt).total).toBe(before.total);
      await staleThenExact();
      expect((await exact({})).total).toBe(before.total - 1);
    });

    it('two checkouts running out of stock at once do not deadlock on the state row', async () => {
      // Variant-id order, as checkout locks them: A runs out, then waits for B; B is taken by the other
      // checkout, which then runs out of C. An immediate bump would hold the state row from A on: deadlock.
      const [a, b, c] = [variantId('item-10'), variantId('item-16'), variantId('item-22')];
      await asOwner(sql`update catalog_variants set track_stock = true, stock = 1 where id in (${a}, ${c})`);
      await asOwner(sql`update catalog_variants set track_stock = true, stock = 5 where id = ${b}`);
      const { version } = await state();
      const tookA = signal();
      const tookB = signal();
      const reserve = (tx: Tx, id: string) =>
        tx.execute(sql`update catalog_variants set stock = stock - 1 where id = ${id} and stock >= 1`);
      const first = database.withStudio(STUDIO, async (tx) => {
        await reserve(tx, a);
        tookA.fire();
        await tookB.fired;
        await reserve(tx, b);
      });
      const second = database.withStudio(STUDIO, async (tx) => {
        await tookA.fired;
        await reserve(tx, b);
        tookB.fire();
        await new Promise((resolve) => setTimeout(resolve, 200));
        await reserve(tx, c);
      });
      await Promise.all([first, second]);
      expect((await state()).version).toBe(version + 2);
      await staleThenExact();
    });
  }
});
