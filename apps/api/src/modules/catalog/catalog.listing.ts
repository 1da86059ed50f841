import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import {
  CARD_COLUMNS,
  type CardRow,
  cardsFrom,
  IN_STOCK_SQL,
  loadCardExtras,
  type RawCards,
} from './catalog.cards.js';
import { EFFECTIVE_PRICE_SQL } from './catalog.pricing.js';
import type { CatalogListQuery, CatalogSort, Facets } from './catalog.schemas.js';
import {
  type Corrections,
  correctedTsQuery,
  correctWords,
  toTextArray,
  toTsQuery,
} from './catalog.search.js';

/**
 * The storefront list: filters, search match, sort with a keyset cursor, and facet counts, as SQL over
 * the item `i`, its category `c`, brand `b` and running flash sale `s` (see cardsFrom).
 */

export type MatchMode = 'all' | 'words' | 'fuzzy';

export interface RawList {
  cards: RawCards;
  nextCursor: string | null;
  facets: Facets | null;
  match: MatchMode;
}

interface CategoryRow {
  id: string;
  parent_id: string | null;
  slug: string;
  name: string;
  path: string;
}

/** Lower bounds of the price buckets, in minor units (the same for every currency with cents). */
const PRICE_BOUNDS = [0, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000];

/** One condition per facet-able filter (`true` when the filter is off), plus the ones facets never drop. */
interface Conditions {
  common: SQL[];
  category: SQL;
  brand: SQL;
  kind: SQL;
  price: SQL;
  stock: SQL;
  sale: SQL;
}

const TRUE = sql`true`;

function conditions(
  studioId: string,
  query: CatalogListQuery,
  categoryPath: string | null | undefined,
  match: SQL | null,
): Conditions {
  const common: SQL[] = [sql`i.studio_id = ${studioId}`, sql`i.status = 'published'`];
  if (query.tag?.length) common.push(sql`i.tags @> ${toTextArray(query.tag)}`);
  if (query.featured) common.push(sql`i.featured`);
  if (match) common.push(match);
  const price: SQL[] = [];
  if (query.minPrice !== undefined) price.push(sql`${EFFECTIVE_PRICE_SQL} >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) price.push(sql`${EFFECTIVE_PRICE_SQL} <= ${query.maxPrice}`);
  return {
    common,
    category:
      categoryPath === undefined
        ? TRUE
        : categoryPath === null
          ? sql`false`
          : sql`(c.path = ${categoryPath} or c.path like ${`${categoryPath}/%`})`,
    brand: query.brand?.length ? sql`b.slug = any(${toTextArray(query.brand)})` : TRUE,
    kind: query.kind?.length ? sql`i.kind = any(${toTextArray(query.kind)})` : TRUE,
    price: price.length ? sql.join(price, sql` and `) : TRUE,
    stock: query.inStock ? IN_STOCK_SQL : TRUE,
    sale: query.onSale ? sql`s.id is not null` : TRUE,
  };
}

function all(parts: SQL[]): SQL {
  return sql.join(parts, sql` and `);
}

function everyFilter(c: Conditions): SQL {
  return all([...c.common, c.category, c.brand, c.kind, c.price, c.stock, c.sale]);
}

// --- cursor -----------------------------------------------------------------------------------------

interface CursorKey {
  s: CatalogSort;
  k: number | null;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function invalidCursor(): AppError {
  return new AppError('invalid_cursor', 'cursor is not a cursor this API issued for this sort', {
    fields: [{ field: 'query.cursor', message: 'is not a valid cursor for this sort' }],
  });
}

/** The cursor carries the sort it was made for and the last row's sort key and id (keyset paging). */
export function encodeListCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeListCursor(cursor: string | undefined, sort: CatalogSort): CursorKey | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const { s, k, id } = (key ?? {}) as Partial<CursorKey>;
  const keyOk = sort === 'newest' ? k === null : typeof k === 'number' && Number.isFinite(k);
  if (s !== sort || typeof id !== 'string' || !UUID.test(id) || !keyOk) throw invalidCursor();
  return { s, k: k ?? null, id };
}

interface SortPlan {
  key: SQL;
  orderBy: SQL;
  after: (cursor: CursorKey) => SQL;
}

function sortPlan(sort: CatalogSort, rank: SQL | null): SortPlan {
  switch (sort) {
    case 'price_asc':
      return {
        key: sql`${EFFECTIVE_PRICE_SQL}::float8`,
        orderBy: sql`${EFFECTIVE_PRICE_SQL} asc, i.id asc`,
        after: (cursor) => sql`(${EFFECTIVE_PRICE_SQL}, i.id) > (${cursor.k}::bigint, ${cursor.id}::uuid)`,
      };
    case 'price_desc':
      return {
        key: sql`${EFFECTIVE_PRICE_SQL}::float8`,
        orderBy: sql`${EFFECTIVE_PRICE_SQL} desc, i.id desc`,
        after: (cursor) => sql`(${EFFECTIVE_PRICE_SQL}, i.id) < (${cursor.k}::bigint, ${cursor.id}::uuid)`,
      };
    case 'popularity':
      return {
        key: sql`i.popularity::float8`,
        orderBy: sql`i.popularity desc, i.id desc`,
        after: (cursor) => sql`(i.popularity, i.id) < (${cursor.k}::int, ${cursor.id}::uuid)`,
      };
    case 'relevance':
      if (rank) {
        return {
          key: rank,
          orderBy: sql`${rank} desc, i.id desc`,
          after: (cursor) => sql`(${rank}, i.id) < (${cursor.k}::float8, ${cursor.id}::uuid)`,
        };
      }
      return sortPlan('newest', null);
    default:
      return {
        key: sql`null::float8`,
        orderBy: sql`i.id desc`,
        after: (cursor) => sql`i.id < ${cursor.id}::uuid`,
      };
  }
}

// --- search match -----------------------------------------------------------------------------------

export interface Matcher {
  mode: MatchMode;
  condition: SQL | null;
  rank: SQL | null;
  /** Fuzzy matches: the words corrected against the vocabulary. */
  corrections?: Corrections;
}

/** Full-text match and rank for q: every word (the last as a prefix), ranked by ts_rank. */
export function wordsMatcher(q: string): Matcher | null {
  const tsquery = toTsQuery(q);
  if (!tsquery) return null;
  return {
    mode: 'words',
    // Through catalog_match_words (migration 0011): under RLS `@@` cannot use the GIN index directly.
    condition: sql`i.id in (select catalog_match_words(${tsquery}))`,
    rank: sql`ts_rank(i.search_vector, ${tsquery})::float8`,
  };
}

/**
 * Similar spellings, for when no item has the words: each query word (of 3+ letters) is corrected
 * against the studio's vocabulary (correctWords: "circut braker" -> circuit, breaker) and the corrected
 * words go through the full-text index like typed ones, ranked by ts_rank. Correcting a few words
 * against a vocabulary of short words replaced comparing the query with the text of every candidate
 * item (~60 ms for "circut braker" over 600 circuit breakers).
 */
export async function fuzzyMatcher(tx: Tx, q: string): Promise<Matcher & { corrections: Corrections }> {
  const corrections = await correctWords(tx, q);
  const tsquery = correctedTsQuery(corrections);
  if (!tsquery) return { mode: 'fuzzy', condition: sql`false`, rank: sql`0::float8`, corrections };
  return {
    mode: 'fuzzy',
    condition: sql`i.id in (select catalog_match_words(${tsquery}))`,
    rank: sql`ts_rank(i.search_vector, ${tsquery})::float8`,
    corrections,
  };
}

/**
 * The matcher for q under the other filters: full-text when any item matches its words, otherwise the
 * corrected words (so "circut braker" still finds circuit breakers).
 */
export async function chooseMatcher(
  tx: Tx,
  q: string | undefined,
  exists: (condition: SQL) => Promise<boolean>,
): Promise<Matcher> {
  if (!q?.trim()) return { mode: 'all', condition: null, rank: null };
  const words = wordsMatcher(q);
  if (words?.condition && (await exists(words.condition))) return words;
  return fuzzyMatcher(tx, q);
}

// --- the list ---------------------------------------------------------------------------------------

export async function loadCategories(tx: Tx, studioId: string): Promise<CategoryRow[]> {
  const { rows } = (await tx.execute(sql`
    select id, parent_id, slug, name, path from catalog_categories
    where studio_id = ${studioId} order by depth, position, name
  `)) as unknown as { rows: CategoryRow[] };
  return rows;
}

export async function loadList(
  tx: Tx,
  studioId: string,
  query: CatalogListQuery,
  now: Date,
): Promise<RawList> {
  const limit = query.limit ?? 20;
  const sort: CatalogSort = query.sort ?? (query.q?.trim() ? 'relevance' : 'newest');
  const cursor = decodeListCursor(query.cursor, sort);
  const categories = query.category || query.facets !== false ? await loadCategories(tx, studioId) : [];
  const categoryPath = query.category
    ? (categories.find((category) => category.slug === query.category)?.path ?? null)
    : undefined;
  const from = cardsFrom(now);

  const matcher = await chooseMatcher(tx, query.q, async (condition) => {
    const c = conditions(studioId, query, categoryPath, condition);
    const { rows } = (await tx.execute(
      sql`select exists (select 1 ${from} where ${everyFilter(c)}) as found`,
    )) as unknown as { rows: { found: boolean }[] };
    return rows[0]?.found === true;
  });
  const c = conditions(studioId, query, categoryPath, matcher.condition);
  const plan = sortPlan(sort, matcher.rank);
  const where = cursor ? sql`${everyFilter(c)} and ${plan.after(cursor)}` : everyFilter(c);
  const { rows } = (await tx.execute(sql`
    select ${CARD_COLUMNS}, ${IN_STOCK_SQL} as in_stock, ${plan.key} as sort_key
    ${from}
    where ${where}
    order by ${plan.orderBy}
    limit ${limit + 1}
  `)) as unknown as { rows: CardRow[] };
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeListCursor({
          s: sort,
          k: last.sort_key === null || sort === 'newest' ? null : Number(last.sort_key),
          id: last.id,
        })
      : null;
  const wantFacets = query.facets ?? query.cursor === undefined;
  return {
    cards: await loadCardExtras(tx, studioId, page, now),
    nextCursor,
    facets: wantFacets ? await loadFacets(tx, studioId, from, c, query, categories, categoryPath) : null,
    match: matcher.mode,
  };
}

/** One group of items that look alike to every facet: what the facets look at, and the group's size. */
interface FacetGroupRow {
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

const FACET_FILTERS = ['category', 'brand', 'kind', 'price', 'stock', 'sale'] as const;
type FacetFilter = (typeof FACET_FILTERS)[number];
type FacetGroup = FacetGroupRow & { passes: Record<FacetFilter, boolean> };

/** Whether a group passes every filter but `except` (each facet counts under all the other filters). */
function passes(group: FacetGroup, except?: FacetFilter): boolean {
  return FACET_FILTERS.every((filter) => filter === except || group.passes[filter]);
}

/**
 * Every facet from one statement: the items matching the filters facets never drop (q, tags, featured)
 * are grouped by what the facets look at — category, brand, kind, price bucket, stock, sale — which
 * leaves a few hundred groups for thousands of items. Which groups pass each filter is decided here
 * (only the price filter needs the exact price, so SQL says that one), and each facet is summed under
 * every filter but its own, so choosing a brand still shows the others. Stock is one hashed pass over
 * the studio's sellable variants, not a lookup per item.
 */
async function loadFacets(
  tx: Tx,
  studioId: string,
  from: SQL,
  c: Conditions,
  query: CatalogListQuery,
  categories: CategoryRow[],
  categoryPath: string | null | undefined,
): Promise<Facets> {
  const bounds = `{${PRICE_BOUNDS.join(',')}}`;
  const { rows } = (await tx.execute(sql`
    select i.category_id, b.slug as brand_slug, min(b.name) as brand_name, i.kind,
      width_bucket(${EFFECTIVE_PRICE_SQL}, ${bounds}::bigint[]) as bucket,
      i.id in (select v.item_id from catalog_variants v
        where v.studio_id = ${studioId} and v.active and (not v.track_stock or v.stock > 0)) as in_stock,
      (s.id is not null) as on_sale, ${c.price} as f_price, count(*) as count
    ${from}
    where ${all(c.common)}
    group by 1, 2, 4, 5, 6, 7, 8
  `)) as unknown as { rows: FacetGroupRow[] };

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
  const groups: FacetGroup[] = rows.map((row) => ({
    ...row,
    passes: {
      category: inCategory(row.category_id),
      brand: chosenBrands === null || (row.brand_slug !== null && chosenBrands.has(row.brand_slug)),
      kind: chosenKinds === null || chosenKinds.has(row.kind),
      price: row.f_price,
      stock: !query.inStock || row.in_stock,
      sale: !query.onSale || row.on_sale,
    },
  }));

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
  for (const group of groups) {
    const count = Number(group.count);
    if (passes(group)) facets.total += count;
    if (passes(group, 'category') && group.category_id) add(direct, group.category_id, count);
    if (passes(group, 'brand') && group.brand_slug) {
      const brand = brands.get(group.brand_slug);
      if (brand) brand.count += count;
      else brands.set(group.brand_slug, { slug: group.brand_slug, name: group.brand_name ?? '', count });
    }
    if (passes(group, 'kind')) add(kinds, group.kind, count);
    if (passes(group, 'price')) add(buckets, Number(group.bucket), count);
    if (passes(group, 'stock') && group.in_stock) facets.inStock += count;
    if (passes(group, 'sale') && group.on_sale) facets.onSale += count;
  }
  facets.categories = rollUpCategories(categories, direct).flatMap((category) =>
    category.count > 0 ? [category] : [],
  );
  facets.brands = [...brands.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  facets.kinds = [...kinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count);
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
