import { type SQL, sql } from 'drizzle-orm';
import { preparedRows, type Tx } from '../../platform/db/index.js';
import { IN_STOCK_SQL } from './catalog.cards.js';
import { DISCOUNTED_SQL, EFFECTIVE_PRICE_SQL } from './catalog.pricing.js';
import type { CatalogListQuery, Facets } from './catalog.schemas.js';

/**
 * Facet counts of the storefront list. Every facet is summed from a few hundred "groups" of items that
 * look alike to every facet (category, brand, kind, price bucket, in stock, on sale). On sale is a flash
 * sale running now or a compare-at price above the price (DISCOUNTED_SQL): both show a struck price. The
 * groups come from one of two places:
 *
 * - the summary (`catalog_facet_groups`), when the list has no filter the facets never drop but studio
 *   and published (no q, tag or featured) and no price range — the category page. It holds the published
 *   items grouped by LIST price bucket and compare-at markdown, without flash sales; the items with a
 *   flash sale running now are moved to their sale-price groups at read time. ~1 ms of Postgres instead of grouping 5,000 items (~10 ms).
 * - the live statement over the items, for every other list (search, tags, featured, price range), or
 *   when the summary is stale and another request is already rebuilding it.
 *
 * Why the summary is never wrong (it gives exactly the groups the live statement would):
 * 1. Triggers (migration 0015) add 1 to `catalog_facet_state.version` in every transaction that changes
 *    anything the summary counts: a published item inserted, deleted, or with a new status, category,
 *    brand, kind or list price; a variant becoming or ceasing to be sellable. The bump commits with the
 *    change, atomically: a snapshot sees both or neither.
 * 2. A rebuild is ONE statement, so one snapshot: it reads the version V, writes the groups of the items
 *    as that snapshot sees them, and sets built_version = V (from the snapshot, not the row's current
 *    value). A write that commits during the rebuild was not in its snapshot, and its bump makes
 *    version > V: the summary is stale, never wrong. Versions only grow, so V never comes back.
 * 3. A read is ONE statement too: freshness (version = built_version), the groups, and the items on sale
 *    now (with their category, brand, kind, buckets and stock) all from the same snapshot. Fresh means no
 *    counted change committed since the groups' snapshot, so the groups are the items as this snapshot
 *    sees them, and the sale items are read from it as well.
 * 4. Sales: an item without a running flash sale has its list price in force, so its live group is its
 *    summary group (on sale when marked down against its compare-at price, which the summary groups by;
 *    a compare-at change bumps the version, migration 0020). An item with a flash sale running is taken
 *    out of its list-price group and added to its sale-price group with on_sale,
 *    using the same running-sale choice and price rule as the live statement (EFFECTIVE_PRICE_SQL).
 *    Groups left with 0 items are dropped (the live statement has no empty groups).
 * 5. Brands are grouped by id and their slug and name joined at read time (slugs are unique per studio),
 *    and categories by id, resolved against the categories of the request, as the live statement does.
 */

/** Lower bounds of the price buckets, in minor units (the same for every currency with cents). */
export const PRICE_BOUNDS = [
  0, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000,
];
const BOUNDS = sql`${`{${PRICE_BOUNDS.join(',')}}`}::bigint[]`;

/** Advisory-lock namespace of facet rebuilds (with a hash of the studio id as the second key). */
const REBUILD_LOCK = 727_002;

export interface CategoryRow {
  id: string;
  parent_id: string | null;
  slug: string;
  name: string;
  path: string;
}

/** One group of items that look alike to every facet: what the facets look at, and the group's size. */
export interface FacetGroupRow {
  category_id: string | null;
  brand_slug: string | null;
  brand_name: string | null;
  kind: Facets['kinds'][number]['kind'];
  bucket: number | string;
  in_stock: boolean;
  on_sale: boolean;
  /** Whether the group's price in force passes the price filter (not decidable from the bucket). */
  f_price: boolean;
  count: number | string;
}

/** 'auto': the summary when it can answer; 'live': always the live statement (tests compare the two). */
export type FacetSource = 'auto' | 'live';

/** Which items the facets count. */
export interface FacetScope {
  studioId: string;
  now: Date;
  /** The FROM clause of the list (cardsFrom(now)). */
  from: SQL;
  /** The conditions facets never drop: studio and published, plus q, tags, featured. */
  common: SQL[];
  /** The price filter (`true` when off). */
  price: SQL;
  /** Whether `common` is only studio + published and there is no price filter: what the summary counts. */
  summaryFits: boolean;
}

/** What the shopper chose: each facet counts under every choice but its own. */
export interface FacetChoice {
  query: CatalogListQuery;
  categories: CategoryRow[];
  /** The chosen category's path; null when the slug is unknown; undefined when none is chosen. */
  categoryPath: string | null | undefined;
}

const sellableItems = (studioId: string) => sql`(select v.item_id from catalog_variants v
  where v.studio_id = ${studioId} and v.active and (not v.track_stock or v.stock > 0))`;

/**
 * The summary's groups as this process last read them, per studio, with the built_version they were
 * built at. A studio's groups only change with a rebuild, and a rebuild always sets a new built_version
 * (versions only grow), so while the state row still says that version (and fresh), these are the rows
 * the table holds: the read then fetches the state, the few items on sale and the brands, not ~500
 * groups. Bounded: the oldest studio is forgotten first.
 */
export interface FacetSummaries {
  get(studioId: string): KeptGroups | undefined;
  set(studioId: string, kept: KeptGroups): void;
}

interface KeptGroups {
  builtVersion: string;
  groups: SummaryGroup[];
  /** The groups as rows, with the brands they were named with (kept while no flash sale runs). */
  rows?: { brands: string; rows: FacetGroupRow[] };
}

/**
 * [category id, brand id, kind, list-price bucket, in stock, discounted (compare-at above the price),
 * item count], as the summary stores them.
 */
type SummaryGroup = [string | null, string | null, FacetGroupRow['kind'], number, boolean, boolean, number];
/**
 * [category id, brand id, kind, list-price bucket, sale-price bucket, in stock, discounted] of an item
 * with a flash sale running now.
 */
type SaleMove = [string | null, string | null, FacetGroupRow['kind'], number, number, boolean, boolean];

export function createFacetSummaries(maxStudios = 256): FacetSummaries {
  const kept = new Map<string, KeptGroups>();
  return {
    get: (studioId) => kept.get(studioId),
    set(studioId, groups) {
      kept.delete(studioId);
      kept.set(studioId, groups);
      if (kept.size > maxStudios) kept.delete(kept.keys().next().value as string);
    },
  };
}

/** Every facet of the list, from the summary or the live statement (see the top of this file). */
export async function loadFacets(
  tx: Tx,
  scope: FacetScope,
  choice: FacetChoice,
  { source = 'auto', summaries }: { source?: FacetSource; summaries?: FacetSummaries } = {},
): Promise<Facets> {
  const rows =
    (source === 'auto' && scope.summaryFits
      ? await summaryGroups(tx, scope.studioId, scope.now, summaries)
      : null) ?? (await liveGroups(tx, scope));
  return sumFacets(rows, choice);
}

/**
 * The groups of the items matching the filters facets never drop (q, tags, featured), grouped by what
 * the facets look at — a few hundred groups for thousands of items. Stock is one hashed pass over the
 * studio's sellable variants, not a lookup per item.
 */
async function liveGroups(tx: Tx, input: FacetScope): Promise<FacetGroupRow[]> {
  const { rows } = (await tx.execute(sql`
    select i.category_id, b.slug as brand_slug, min(b.name) as brand_name, i.kind,
      width_bucket(${EFFECTIVE_PRICE_SQL}, ${BOUNDS}) as bucket,
      i.id in ${sellableItems(input.studioId)} as in_stock,
      (s.id is not null or ${DISCOUNTED_SQL}) as on_sale, ${input.price} as f_price, count(*) as count
    ${input.from}
    where ${sql.join(input.common, sql` and `)}
    group by 1, 2, 4, 5, 6, 7, 8
  `)) as unknown as { rows: FacetGroupRow[] };
  return rows;
}

/**
 * The summary's groups with the sales running at `now` applied, as live-statement rows, or null when
 * the summary is stale and another request holds the rebuild. Stale and the rebuild lock won (taken by
 * the read, so a fresh read costs one statement): rebuilt and answered by the rebuild's statement.
 *
 * One statement, one snapshot: freshness and built_version, the groups (only when `summaries` does not
 * already hold this built_version's), the items on sale now, and the brands (joined by id at read time:
 * a brand's new name does not move the version).
 */
export async function summaryGroups(
  tx: Tx,
  studioId: string,
  now: Date,
  summaries?: FacetSummaries,
): Promise<FacetGroupRow[] | null> {
  const kept = summaries?.get(studioId);
  // Prepared: one text for every studio, moment and kept version, planned once per connection.
  const [state] = await preparedRows<{
    fresh: boolean;
    won: boolean;
    built: string | null;
    groups: SummaryGroup[] | null;
    sales: SaleMove[] | null;
    brands: [string, string, string][] | null;
  }>(
    tx,
    sql`
    with state as (
      select f.fresh, f.built,
        case when f.fresh then false
          else pg_try_advisory_xact_lock(${REBUILD_LOCK}, hashtext(${studioId}::text)) end as won
      from (
        select coalesce(fs.version = fs.built_version, false) as fresh, fs.built_version::text as built
        from (select 1) one left join catalog_facet_state fs on fs.studio_id = ${studioId}
      ) f
    ),
    ${onSaleNow(studioId, now, sql`(select fresh from state)`)}
    select state.fresh, state.won, state.built,
      case when state.fresh and state.built is distinct from ${kept?.builtVersion ?? null}::text then
        (select json_agg(json_build_array(g.category_id, g.brand_id, g.kind, g.price_bucket, g.in_stock,
           g.discounted, g.item_count)) from catalog_facet_groups g where g.studio_id = ${studioId})
      end as groups,
      (select json_agg(json_build_array(category_id, brand_id, kind, list_bucket, sale_bucket, in_stock,
         discounted)) from on_sale) as sales,
      case when state.fresh then
        (select json_agg(json_build_array(b.id, b.slug, b.name)) from catalog_brands b
         where b.studio_id = ${studioId})
      end as brands
    from state
  `,
  );
  if (state?.fresh && state.built !== null) {
    let current = kept;
    if (current === undefined || state.groups !== null || current.builtVersion !== state.built) {
      current = { builtVersion: state.built, groups: state.groups ?? [] };
      summaries?.set(studioId, current);
    }
    const sales = state.sales ?? [];
    const brands = state.brands ?? [];
    if (sales.length > 0) return groupRows(current.groups, sales, brands);
    // No flash sale running: the rows depend only on the groups and the brands' names, so they are kept too.
    const named = JSON.stringify(brands);
    if (current.rows?.brands !== named)
      current.rows = { brands: named, rows: groupRows(current.groups, [], brands) };
    return current.rows.rows;
  }
  if (state?.won) return rebuildSummary(tx, studioId, now);
  return null;
}

/**
 * The live-statement rows of summary groups (by list price, no flash sales) once the items with a flash
 * sale running now are moved: each out of its list-price group and into its sale-price group with
 * on_sale. Groups left with
 * no items are dropped (the live statement has no empty groups). The same sums as `adjusted` in SQL.
 */
function groupRows(
  groups: SummaryGroup[],
  sales: SaleMove[],
  brands: [string, string, string][],
): FacetGroupRow[] {
  const brandOf = new Map(brands.map(([id, slug, name]) => [id, { slug, name }]));
  const toRow = (
    category: string | null,
    brand: string | null,
    kind: FacetGroupRow['kind'],
    bucket: number,
    inStock: boolean,
    onSale: boolean,
    count: number,
  ): FacetGroupRow => {
    const known = brand === null ? undefined : brandOf.get(brand);
    return {
      category_id: category,
      brand_slug: known?.slug ?? null,
      brand_name: known?.name ?? null,
      kind,
      bucket,
      in_stock: inStock,
      on_sale: onSale,
      f_price: true,
      count,
    };
  };
  if (sales.length === 0) {
    // No flash sale running (most of the time): the groups are the rows, no regrouping.
    return groups.map(([category, brand, kind, bucket, inStock, discounted, count]) =>
      toRow(category, brand, kind, bucket, inStock, discounted, count),
    );
  }
  const rows = new Map<string, FacetGroupRow>();
  const add = (
    category: string | null,
    brand: string | null,
    kind: FacetGroupRow['kind'],
    bucket: number,
    inStock: boolean,
    onSale: boolean,
    count: number,
  ) => {
    const key = `${category}|${brand}|${kind}|${bucket}|${inStock}|${onSale}`;
    const row = rows.get(key);
    if (row) {
      row.count = Number(row.count) + count;
      return;
    }
    rows.set(key, toRow(category, brand, kind, bucket, inStock, onSale, count));
  };
  for (const [category, brand, kind, bucket, inStock, discounted, count] of groups)
    add(category, brand, kind, bucket, inStock, discounted, count);
  for (const [category, brand, kind, listBucket, saleBucket, inStock, discounted] of sales) {
    add(category, brand, kind, listBucket, inStock, discounted, -1);
    add(category, brand, kind, saleBucket, inStock, true, 1);
  }
  return [...rows.values()].filter((row) => Number(row.count) !== 0);
}

/**
 * Rebuilds the studio's summary in ONE statement (one snapshot: the version read, the groups written and
 * the built_version set all agree) and answers with its groups, sales applied from the same snapshot.
 * Resets `atelier.facets_bumped` so a later write in this transaction bumps the version again. The state
 * row stays locked until this (read) transaction ends, so a writer's commit-time bump waits those few ms.
 */
async function rebuildSummary(tx: Tx, studioId: string, now: Date): Promise<FacetGroupRow[]> {
  const { rows } = (await tx.execute(sql`
    with read_version as (
      select coalesce((select version from catalog_facet_state where studio_id = ${studioId}), 0) as version,
        set_config('atelier.facets_bumped', '', true) as reset
    ),
    base as materialized (
      select i.category_id, i.brand_id, i.kind, width_bucket(i.price_from_minor, ${BOUNDS}) as price_bucket,
        i.id in ${sellableItems(studioId)} as in_stock, ${DISCOUNTED_SQL} as discounted,
        count(*)::int as item_count
      from catalog_items i
      where i.studio_id = ${studioId} and i.status = 'published'
      group by 1, 2, 3, 4, 5, 6
    ),
    cleared as (delete from catalog_facet_groups where studio_id = ${studioId}),
    written as (
      insert into catalog_facet_groups
        (studio_id, category_id, brand_id, kind, price_bucket, in_stock, discounted, item_count)
      select ${studioId}::uuid, category_id, brand_id, kind, price_bucket, in_stock, discounted, item_count
      from base
    ),
    marked as (
      insert into catalog_facet_state as fs (studio_id, version, built_version)
      select ${studioId}::uuid, version, version from read_version
      on conflict (studio_id) do update set built_version = excluded.built_version
    ),
    ${withSales(studioId, now, sql`true`)}
    ${adjusted}
  `)) as unknown as { rows: FacetGroupRow[] };
  return rows;
}

/**
 * CTEs `running` (the studio's sales running at `now`, one per item: the same choice as cardsFrom) and
 * `on_sale` (the published items with a flash sale running now, with what the facets look at, by list
 * and sale price, and whether they are marked down against their compare-at price anyway).
 */
function onSaleNow(studioId: string, now: Date, when: SQL): SQL {
  const at = now.toISOString();
  return sql`
    running as (
      select distinct on (fs.item_id) fs.item_id, fs.id, fs.percent_off, fs.sale_price_minor
      from catalog_flash_sales fs
      where fs.studio_id = ${studioId} and fs.starts_at <= ${at}::timestamptz and fs.ends_at > ${at}::timestamptz
      order by fs.item_id, fs.starts_at
    ),
    -- In stock probed per item (a few on flash sale), not hashed over every sellable variant: the same answer.
    on_sale as (
      select i.category_id, i.brand_id, i.kind,
        width_bucket(i.price_from_minor, ${BOUNDS}) as list_bucket,
        width_bucket(${EFFECTIVE_PRICE_SQL}, ${BOUNDS}) as sale_bucket,
        ${IN_STOCK_SQL} as in_stock, ${DISCOUNTED_SQL} as discounted
      from catalog_items i join running s on s.item_id = i.id
      where i.studio_id = ${studioId} and i.status = 'published' and ${when}
    )`;
}

/** onSaleNow, then `moved`: each item on flash sale out of its list-price group in `base`, into its sale-price one. */
function withSales(studioId: string, now: Date, when: SQL): SQL {
  return sql`
    ${onSaleNow(studioId, now, when)},
    moved as (
      select category_id, brand_id, kind, price_bucket as bucket, in_stock, discounted as on_sale,
        item_count::bigint as n from base
      union all
      select category_id, brand_id, kind, list_bucket, in_stock, discounted, -1 from on_sale
      union all
      select category_id, brand_id, kind, sale_bucket, in_stock, true, 1 from on_sale
    )`;
}

const adjusted = sql`
  select m.category_id, b.slug as brand_slug, b.name as brand_name, m.kind, m.bucket, m.in_stock,
    m.on_sale, true as f_price, m.count
  from (
    select category_id, brand_id, kind, bucket, in_stock, on_sale, sum(n) as count from moved
    group by 1, 2, 3, 4, 5, 6 having sum(n) <> 0
  ) m
  left join catalog_brands b on b.id = m.brand_id`;

/** One bit per facet-able filter: a group's `fails` has the bits of the filters it does not pass. */
const FILTER = { category: 1, brand: 2, kind: 4, price: 8, stock: 16, sale: 32 } as const;

/** Whether a group failing `fails` passes every filter but `except` (each facet counts under all the others). */
const passes = (fails: number, except = 0) => (fails & ~except) === 0;

/**
 * Which groups pass each filter is decided here (only the price filter needs the exact price, so SQL
 * says that one), and each facet is summed under every filter but its own, so choosing a brand still
 * shows the others. Ties are ordered by name, so the answer does not depend on the order of the rows.
 */
function sumFacets(rows: FacetGroupRow[], choice: FacetChoice): Facets {
  const { query, categories, categoryPath } = choice;
  const pathOf = new Map(categories.map((category) => [category.id, category.path]));
  const inCategory = (id: string | null) => {
    if (categoryPath === undefined) return true;
    const path = id ? pathOf.get(id) : undefined;
    return (
      categoryPath !== null &&
      path !== undefined &&
      (path === categoryPath || path.startsWith(`${categoryPath}/`))
    );
  };
  const chosenBrands = query.brand?.length ? new Set(query.brand) : null;
  const chosenKinds = query.kind?.length ? new Set<string>(query.kind) : null;
  // Decided once per category, not per group (a category holds many groups).
  const categoryPasses = new Map<string | null, boolean>();
  const failsOf = (row: FacetGroupRow): number => {
    let category = categoryPasses.get(row.category_id);
    if (category === undefined) {
      category = inCategory(row.category_id);
      categoryPasses.set(row.category_id, category);
    }
    return (
      (category ? 0 : FILTER.category) |
      (chosenBrands === null || (row.brand_slug !== null && chosenBrands.has(row.brand_slug))
        ? 0
        : FILTER.brand) |
      (chosenKinds === null || chosenKinds.has(row.kind) ? 0 : FILTER.kind) |
      (row.f_price ? 0 : FILTER.price) |
      (!query.inStock || row.in_stock ? 0 : FILTER.stock) |
      (!query.onSale || row.on_sale ? 0 : FILTER.sale)
    );
  };

  const facets: Facets = {
    total: 0,
    categories: [],
    brands: [],
    kinds: [],
    priceBuckets: [],
    inStock: 0,
    onSale: 0,
  };
  const direct = new Map<string, number>();
  const brands = new Map<string, { slug: string; name: string; count: number }>();
  const kinds = new Map<Facets['kinds'][number]['kind'], number>();
  const buckets = new Map<number, number>();
  const add = <K>(map: Map<K, number>, key: K, count: number) => map.set(key, (map.get(key) ?? 0) + count);
  for (const group of rows) {
    const fails = failsOf(group);
    // A group failing two filters or more counts nowhere: skip it before anything else.
    if ((fails & (fails - 1)) !== 0) continue;
    const count = Number(group.count);
    if (passes(fails)) facets.total += count;
    if (passes(fails, FILTER.category) && group.category_id) add(direct, group.category_id, count);
    if (passes(fails, FILTER.brand) && group.brand_slug) {
      const brand = brands.get(group.brand_slug);
      if (brand) brand.count += count;
      else brands.set(group.brand_slug, { slug: group.brand_slug, name: group.brand_name ?? '', count });
    }
    if (passes(fails, FILTER.kind)) add(kinds, group.kind, count);
    if (passes(fails, FILTER.price)) add(buckets, Number(group.bucket), count);
    if (passes(fails, FILTER.stock) && group.in_stock) facets.inStock += count;
    if (passes(fails, FILTER.sale) && group.on_sale) facets.onSale += count;
  }
  facets.categories = rollUpCategories(categories, direct).flatMap((category) =>
    category.count > 0 ? [category] : [],
  );
  facets.brands = [...brands.values()].sort(
    (a, b) => b.count - a.count || a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug),
  );
  facets.kinds = [...kinds]
    .map(([kind, count]) => ({ kind, count }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  facets.priceBuckets = [...buckets]
    .map(([bucket, count]) => ({
      minMinor: PRICE_BOUNDS[bucket - 1] ?? 0,
      maxMinor: PRICE_BOUNDS[bucket] ?? null,
      count,
    }))
    .sort((a, b) => a.minMinor - b.minMinor);
  return facets;
}

/** Per-category counts including every subcategory (paths hold the ancestors), in tree order. */
export function rollUpCategories(categories: CategoryRow[], direct: Map<string, number>) {
  const totals = new Map<string, number>();
  const byId = new Map(categories.map((category) => [category.id, category]));
  for (const [id, count] of direct) {
    const category = byId.get(id);
    for (const ancestor of category?.path.split('/') ?? [id]) {
      totals.set(ancestor, (totals.get(ancestor) ?? 0) + count);
    }
  }
  const slugOf = new Map(categories.map((category) => [category.id, category.slug]));
  return categories.map((category) => ({
    slug: category.slug,
    name: category.name,
    parentSlug: category.parent_id ? (slugOf.get(category.parent_id) ?? null) : null,
    count: totals.get(category.id) ?? 0,
  }));
}
