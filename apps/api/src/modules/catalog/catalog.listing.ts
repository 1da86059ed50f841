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
import { queryWords, toTextArray, toTsQuery, trigramQuery } from './catalog.search.js';

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
}

/** Full-text match and rank for q: every word (the last as a prefix), ranked by ts_rank + similarity. */
export function wordsMatcher(q: string): Matcher | null {
  const tsquery = toTsQuery(q);
  if (!tsquery) return null;
  const text = trigramQuery(q);
  return {
    mode: 'words',
    // Through catalog_match_words (migration 0011): under RLS `@@` cannot use the GIN index directly.
    condition: sql`i.id in (select catalog_match_words(${tsquery}))`,
    rank: sql`(ts_rank(i.search_vector, ${tsquery}) + similarity(i.search_text, ${text}))::float8`,
  };
}

/** How alike a query word and a catalog word must be for the typo fallback ("braker" ~ "breaker": 0.5). */
export const FUZZY_THRESHOLD = 0.5;

/**
 * Similar spellings, for when no item has the words: every query word (of 3+ letters) must be like a
 * word of `search_text` (pg_trgm word similarity, `<%`); ranked by the sum of similarities, computed
 * only for the candidates. The match goes through catalog_match_similar (migration 0011), which runs
 * `<%` where the GIN trigram index may serve it (under RLS it cannot: a full scan took ~150 ms).
 * Needs useFuzzyThreshold() in the transaction first.
 */
export function fuzzyMatcher(q: string): Matcher {
  const all = queryWords(q);
  const words = all.filter((word) => word.length >= 3);
  const used = (words.length > 0 ? words : all).slice(0, 6);
  if (used.length === 0) return { mode: 'fuzzy', condition: sql`false`, rank: sql`0::float8` };
  return {
    mode: 'fuzzy',
    condition: sql`i.id in (select catalog_match_similar(${toTextArray(used)}))`,
    rank: sql`(${sql.join(
      used.map((word) => sql`word_similarity(${word}, i.search_text)`),
      sql` + `,
    )})::float8`,
  };
}

/** Sets the word-similarity threshold `<%` uses, for this transaction only. */
export async function useFuzzyThreshold(tx: Tx): Promise<void> {
  await tx.execute(
    sql`select set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`,
  );
}

/**
 * The matcher for q under the other filters: full-text when any item matches its words, otherwise the
 * trigram fallback (so "circut braker" still finds circuit breakers).
 */
export async function chooseMatcher(
  q: string | undefined,
  exists: (condition: SQL) => Promise<boolean>,
): Promise<Matcher> {
  if (!q?.trim()) return { mode: 'all', condition: null, rank: null };
  const words = wordsMatcher(q);
  if (words?.condition && (await exists(words.condition))) return words;
  return fuzzyMatcher(q);
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

  if (query.q?.trim()) await useFuzzyThreshold(tx);
  const matcher = await chooseMatcher(query.q, async (condition) => {
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
    facets: wantFacets ? await loadFacets(tx, from, c, categories) : null,
    match: matcher.mode,
  };
}

interface FacetRow {
  facet: 'total' | 'category' | 'brand' | 'kind' | 'price' | 'in_stock' | 'on_sale';
  key: string | null;
  label: string | null;
  count: number | string;
}

/**
 * Every facet in one statement over the items matching the filters facets never drop (q, tags,
 * featured): each facet counts under every other filter, so choosing a brand still shows the others.
 */
async function loadFacets(tx: Tx, from: SQL, c: Conditions, categories: CategoryRow[]): Promise<Facets> {
  const flags = sql`${c.category} as f_category, ${c.brand} as f_brand, ${c.kind} as f_kind,
    ${c.price} as f_price, ${c.stock} as f_stock, ${c.sale} as f_sale`;
  const except = (facet: string) =>
    sql.raw(
      ['f_category', 'f_brand', 'f_kind', 'f_price', 'f_stock', 'f_sale']
        .filter((flag) => flag !== facet)
        .join(' and '),
    );
  const bounds = `{${PRICE_BOUNDS.join(',')}}`;
  const { rows } = (await tx.execute(sql`
    with base as (
      select i.kind, i.category_id, b.slug as brand_slug, b.name as brand_name,
        ${EFFECTIVE_PRICE_SQL} as price, ${IN_STOCK_SQL} as in_stock, (s.id is not null) as on_sale, ${flags}
      ${from}
      where ${all(c.common)}
    )
    select 'total' as facet, null as key, null as label, count(*) as count from base
      where f_category and ${except('f_category')}
    union all
    select 'category', category_id::text, null, count(*) from base
      where ${except('f_category')} and category_id is not null group by category_id
    union all
    select 'brand', brand_slug, min(brand_name), count(*) from base
      where ${except('f_brand')} and brand_slug is not null group by brand_slug
    union all
    select 'kind', kind, null, count(*) from base where ${except('f_kind')} group by kind
    union all
    select 'price', width_bucket(price, ${bounds}::bigint[])::text, null, count(*) from base
      where ${except('f_price')} group by 2
    union all
    select 'in_stock', null, null, count(*) from base where ${except('f_stock')} and in_stock
    union all
    select 'on_sale', null, null, count(*) from base where ${except('f_sale')} and on_sale
  `)) as unknown as { rows: FacetRow[] };

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
  for (const row of rows) {
    const count = Number(row.count);
    switch (row.facet) {
      case 'total':
        facets.total = count;
        break;
      case 'category':
        if (row.key) direct.set(row.key, count);
        break;
      case 'brand':
        facets.brands.push({ slug: row.key ?? '', name: row.label ?? '', count });
        break;
      case 'kind':
        facets.kinds.push({ kind: row.key as Facets['kinds'][number]['kind'], count });
        break;
      case 'price': {
        const bucket = Number(row.key);
        facets.priceBuckets.push({
          minMinor: PRICE_BOUNDS[bucket - 1] ?? 0,
          maxMinor: PRICE_BOUNDS[bucket] ?? null,
          count,
        });
        break;
      }
      case 'in_stock':
        facets.inStock = count;
        break;
      case 'on_sale':
        facets.onSale = count;
        break;
    }
  }
  facets.categories = rollUpCategories(categories, direct).flatMap((category) =>
    category.count > 0 ? [category] : [],
  );
  facets.brands.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  facets.kinds.sort((a, b) => b.count - a.count);
  facets.priceBuckets.sort((a, b) => a.minMinor - b.minMinor);
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
