import { type SQL, sql } from 'drizzle-orm';
import { preparedRows, type Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import {
  CARD_COLUMNS,
  type CardRowWithExtras,
  cardExtras,
  cardsFrom,
  IN_STOCK_SQL,
  type RawCards,
  toRawCards,
} from './catalog.cards.js';
import { type CategoryRow, type FacetSource, type FacetSummaries, loadFacets } from './catalog.facets.js';
import { DISCOUNTED_SQL, EFFECTIVE_PRICE_SQL } from './catalog.pricing.js';
import type { CatalogListQuery, CatalogSort, Facets } from './catalog.schemas.js';
import {
  type Corrections,
  correctedTsQuery,
  correctWords,
  toTextArray,
  toTsQuery,
} from './catalog.search.js';

export { rollUpCategories } from './catalog.facets.js';

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

/** One condition per facet-able filter (`true` when the filter is off), plus the ones facets never drop. */
interface Conditions {
  common: SQL[];
  category: SQL;
  brand: SQL;
  kind: SQL;
  price: SQL;
  stock: SQL;
  sale: SQL;
  /** `common` is only studio + published and there is no price filter: the facet summary can answer. */
  summaryFits: boolean;
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
    sale: query.onSale ? sql`(s.id is not null or ${DISCOUNTED_SQL})` : TRUE,
    summaryFits: common.length === 2 && price.length === 0,
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
  /** The full-text query behind condition and rank (absent when nothing can match). */
  tsquery?: SQL;
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
    tsquery,
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
    tsquery,
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
  return preparedRows<CategoryRow>(
    tx,
    sql`
    select id, parent_id, slug, name, path from catalog_categories
    where studio_id = ${studioId} order by depth, position, name
  `,
  );
}

export async function loadList(
  tx: Tx,
  studioId: string,
  query: CatalogListQuery,
  now: Date,
  options: { facets?: FacetSource; summaries?: FacetSummaries } = {},
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
    const rows = await preparedRows<{ found: boolean }>(
      tx,
      sql`select exists (select 1 ${from} where ${everyFilter(c)}) as found`,
    );
    return rows[0]?.found === true;
  });
  const c = conditions(studioId, query, categoryPath, matcher.condition);
  const plan = sortPlan(sort, matcher.rank);
  const where = cursor ? sql`${everyFilter(c)} and ${plan.after(cursor)}` : everyFilter(c);
  // Prepared: the statement joins five tables under row-level security and took longer to plan than
  // to run; its text depends only on which filters and sort are used (a bounded set).
  const rows = await preparedRows<CardRowWithExtras>(
    tx,
    sql`
    select ${CARD_COLUMNS}, ${IN_STOCK_SQL} as in_stock, ${plan.key} as sort_key, ${cardExtras(now)}
    ${from}
    where ${where}
    order by ${plan.orderBy}
    limit ${limit + 1}
  `,
  );
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
    cards: toRawCards(page),
    nextCursor,
    facets: wantFacets
      ? await loadFacets(
          tx,
          { studioId, now, from, common: c.common, price: c.price, summaryFits: c.summaryFits },
          { query, categories, categoryPath },
          { source: options.facets, summaries: options.summaries },
        )
      : null,
    match: matcher.mode,
  };
}
