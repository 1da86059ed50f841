import { type SQL, sql } from 'drizzle-orm';
import type { Cache } from '../../platform/cache/index.js';
import type { StudioContext } from '../../platform/context.js';
import { type Database, preparedRows, type Tx } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { Storage } from '../../platform/storage/index.js';
import {
  type CatalogAnswer,
  type CatalogRead,
  cachedCatalogRead,
  createCatalogAnswers,
} from './catalog.cache.js';
import {
  CARD_COLUMNS,
  type CardRow,
  type CardRowWithExtras,
  cardExtras,
  cardsFrom,
  IN_STOCK_SQL,
  presentCards,
  presentImage,
  publicSale,
  type RawCards,
  saleWindowsColumn,
  toIso,
  toRawCards,
} from './catalog.cards.js';
import { createFacetSummaries } from './catalog.facets.js';
import {
  fuzzyMatcher,
  loadCategories,
  loadList,
  type Matcher,
  rollUpCategories,
  wordsMatcher,
} from './catalog.listing.js';
import {
  nextSaleBoundary,
  type SaleRow,
  type SaleWindow,
  saleInForce,
  salePrice,
  toSaleWindow,
} from './catalog.pricing.js';
import type {
  BrandList,
  CatalogItem,
  CatalogItemDetail,
  CatalogList,
  CatalogListQuery,
  CategoryTree,
  NewCatalogItem,
  SearchQuery,
  SearchResult,
  Sitemap,
} from './catalog.schemas.js';
import {
  didYouMean,
  HEADLINE_OPTIONS,
  highlightHtml,
  refreshSearchDocuments,
  toTsQuery,
} from './catalog.search.js';
import { catalogItems, catalogVariants } from './catalog.tables.js';

/**
 * The public side of the catalog: what a storefront reads. Every read is cached per studio
 * (catalog.cache.ts) as raw rows — list prices and flash-sale windows — and the price in force is decided
 * after the cache, at the moment of the answer, so a cached page never shows a sale that ended. A cache
 * hit opens no database transaction. Misses run in the studio's RLS scope (`withStudio`), so another
 * studio's rows cannot appear even if a query forgot its studio filter (the filters are for the indexes).
 */

export interface CatalogServiceDeps {
  database: Database;
  /** Optional: without it every read goes to the database. */
  cache?: Cache;
  /** Optional: without it images have no links (narrow unit tests). */
  storage?: Storage;
  /** Cache lifetime of a read (default CATALOG_CACHE_SECONDS); 0 reads the database every time. */
  cacheSeconds?: number;
}

export type CatalogService = ReturnType<typeof createCatalogService>;

interface RawDetail {
  item: ItemRow;
  options: { name: string; values: string[] }[];
  variants: VariantRow[];
  images: ImageRowFull[];
  breadcrumbs: { id: string; slug: string; name: string }[];
  sales: SaleWindow[];
  related: RawCards;
}

interface ItemRow extends CardRow {
  description_html: string;
  seo_title: string | null;
  seo_description: string | null;
  details: Record<string, unknown>;
  category_path: string | null;
}

/** The detail statement's row: the item, and its parts as JSON columns (null when it has none). */
interface ItemRowWithParts extends ItemRow {
  options: { name: string; values: string[] }[] | null;
  variants: VariantRow[] | null;
  images: Omit<ImageRowFull, 'item_id'>[] | null;
  breadcrumbs: { id: string; slug: string; name: string }[] | null;
  sale_windows: Omit<SaleRow, 'item_id'>[] | null;
}

interface VariantRow {
  id: string;
  sku: string | null;
  title: string;
  option_values: Record<string, string>;
  price_minor: number | string;
  compare_at_minor: number | string | null;
  track_stock: boolean;
  stock: number;
  min_order_quantity: number;
  weight_grams: number | null;
  image_id: string | null;
  details: Record<string, unknown>;
}

interface ImageRowFull {
  id: string;
  item_id: string;
  storage_key: string;
  alt: string;
  width: number | null;
  height: number | null;
}

interface RawSearch {
  match: SearchResult['match'];
  cards: RawCards;
  snippets: Record<string, string>;
  didYouMean: string | null;
  suggestions: string[];
}

/** A stable cache key for a query object (key order and absent fields do not matter). */
function keyOf(kind: string, query: object): string {
  const entries = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `${kind}:${JSON.stringify(entries)}`;
}

/**
 * How many related items a product page shows: one row of the card grid at its widest. The answer carries
 * only these (each card is ~1 KB of the product answer, which is replayed to every visitor).
 */
const RELATED = 4;

export function createCatalogService(deps: Partial<CatalogServiceDeps> = {}) {
  const { cache, storage } = deps;
  // The facet summary's groups as last read, so a category page reads its version, not its ~500 rows.
  const summaries = createFacetSummaries();

  const requireDatabase = (): Database => {
    if (!deps.database) throw new Error('createCatalogService needs `database` for public reads');
    return deps.database;
  };

  /** A cached read: raw data from the loader (in the studio's RLS scope), valid until the next sale boundary. */
  const read = async <T>(
    studioId: string,
    key: string,
    now: Date,
    load: (tx: Tx) => Promise<T>,
  ): Promise<CatalogRead<T>> => {
    if (!cache || deps.cacheSeconds === 0) {
      // Nothing is kept, so nothing can go stale: the next sale boundary is not needed.
      const data = await requireDatabase().withStudio(studioId, load);
      return { data, staleAt: null };
    }
    const loadInStudio = () =>
      requireDatabase().withStudio(studioId, async (tx) => ({
        data: await load(tx),
        staleAt: await nextSaleBoundary(tx, studioId, now),
      }));
    return cachedCatalogRead(cache, studioId, key, loadInStudio, now, deps.cacheSeconds);
  };
  const answer =
    cache && deps.cacheSeconds !== 0 ? createCatalogAnswers(cache, deps.cacheSeconds ?? 60) : undefined;
  /** The JSON text of a read as `serialize` writes it, from the near cache when it can be. */
  const answered = (
    studioId: string,
    key: string,
    now: Date,
    produce: () => Promise<CatalogRead<unknown>>,
    serialize: (value: unknown) => string,
  ): Promise<CatalogAnswer> =>
    answer
      ? answer(studioId, key, produce, serialize, now)
      : produce().then(({ data }) => ({ body: serialize(data) }));

  const cards = (raw: RawCards, now: Date): Promise<CatalogItem[]> =>
    storage ? presentCards(raw, storage, now) : presentCards({ ...raw, images: {} }, noStorage, now);

  const listOf = async (
    studioId: string,
    query: CatalogListQuery,
    now: Date,
  ): Promise<CatalogRead<CatalogList>> => {
    const { data: raw, staleAt } = await read(studioId, keyOf('list', query), now, (tx) =>
      loadList(tx, studioId, query, now, { summaries }),
    );
    return {
      data: {
        items: await cards(raw.cards, now),
        nextCursor: raw.nextCursor,
        facets: raw.facets,
        match: raw.match,
      },
      staleAt,
    };
  };

  const detailOf = async (
    studioId: string,
    slug: string,
    now: Date,
  ): Promise<CatalogRead<CatalogItemDetail>> => {
    const { data: raw, staleAt } = await read(studioId, `detail:${slug}`, now, (tx) =>
      loadDetail(tx, studioId, slug, now),
    );
    if (!raw) throw new AppError('not_found', `No published item "${slug}"`);
    const sale = saleInForce(raw.sales, now);
    const [item] = await cards(
      {
        rows: [raw.item],
        images: raw.images[0] ? { [raw.item.id]: raw.images[0] } : {},
        sales: { [raw.item.id]: raw.sales },
      },
      now,
    );
    if (!item) throw new AppError('not_found', `No published item "${slug}"`);
    const currency = raw.item.currency;
    const money = (amountMinor: number | string) => ({ amountMinor: Number(amountMinor), currency });
    const upcoming = raw.sales.find((window) => Date.parse(window.startsAt) > now.getTime()) ?? null;
    const data: CatalogItemDetail = {
      item,
      descriptionHtml: raw.item.description_html,
      seoTitle: raw.item.seo_title,
      seoDescription: raw.item.seo_description,
      details: raw.item.details,
      options: raw.options,
      variants: raw.variants.map((variant) => ({
        id: variant.id,
        sku: variant.sku,
        title: variant.title,
        optionValues: variant.option_values,
        price: money(salePrice(Number(variant.price_minor), sale)),
        listPrice: money(variant.price_minor),
        compareAtPrice: variant.compare_at_minor === null ? null : money(variant.compare_at_minor),
        available: !variant.track_stock || variant.stock > 0,
        stock: variant.track_stock ? variant.stock : null,
        minOrderQuantity: variant.min_order_quantity,
        weightGrams: variant.weight_grams,
        imageId: variant.image_id,
        details: variant.details,
      })),
      images: storage
        ? (await Promise.all(raw.images.map((image) => presentImage(storage, image, now)))).flatMap(
            (image) => (image ? [image] : []),
          )
        : [],
      breadcrumbs: raw.breadcrumbs,
      upcomingFlashSale: publicSale(upcoming),
      related: await cards(raw.related, now),
    };
    return { data, staleAt };
  };

  const searchOf = async (
    studioId: string,
    query: SearchQuery,
    now: Date,
  ): Promise<CatalogRead<SearchResult>> => {
    const { data: raw, staleAt } = await read(studioId, keyOf('search', query), now, (tx) =>
      loadSearch(tx, studioId, query, now),
    );
    const items = await cards(raw.cards, now);
    return {
      data: {
        q: query.q,
        match: raw.match,
        items: items.map((item) => ({
          ...item,
          highlight: highlightHtml(raw.snippets[item.id] ?? item.name, query.q),
        })),
        didYouMean: raw.didYouMean,
        suggestions: raw.suggestions,
      },
      staleAt,
    };
  };

  return {
    /** Published items with filters, search, sort, keyset cursor and facet counts. */
    async list(studioId: string, query: CatalogListQuery, now: Date = new Date()): Promise<CatalogList> {
      return (await listOf(studioId, query, now)).data;
    },

    /** One published item by slug: variants with prices in force, options, images, breadcrumbs, related. */
    async detail(studioId: string, slug: string, now: Date = new Date()): Promise<CatalogItemDetail> {
      return (await detailOf(studioId, slug, now)).data;
    },

    /** Instant search: top results with highlighted snippets, typo fallback and "did you mean". */
    async search(studioId: string, query: SearchQuery, now: Date = new Date()): Promise<SearchResult> {
      return (await searchOf(studioId, query, now)).data;
    },

    /**
     * The same three reads as JSON text written by `serialize` (the route's response serializer), kept
     * ready in this process between writes (see createCatalogAnswers): what the public routes send.
     */
    answers: {
      list: (
        studioId: string,
        query: CatalogListQuery,
        serialize: (value: unknown) => string,
        now = new Date(),
      ) => answered(studioId, keyOf('list', query), now, () => listOf(studioId, query, now), serialize),
      detail: (studioId: string, slug: string, serialize: (value: unknown) => string, now = new Date()) =>
        answered(studioId, `detail:${slug}`, now, () => detailOf(studioId, slug, now), serialize),
      search: (
        studioId: string,
        query: SearchQuery,
        serialize: (value: unknown) => string,
        now = new Date(),
      ) => answered(studioId, keyOf('search', query), now, () => searchOf(studioId, query, now), serialize),
    },

    /** The category tree in display order with published-item counts including subcategories. */
    async categories(studioId: string, now: Date = new Date()): Promise<CategoryTree> {
      return (await read(studioId, 'categories', now, (tx) => loadCategoryTree(tx, studioId))).data;
    },

    async brands(studioId: string, now: Date = new Date()): Promise<BrandList> {
      const brands = await read(studioId, 'brands', now, async (tx) => {
        const { rows } = (await tx.execute(sql`
          select b.slug, b.name, count(i.id)::int as item_count
          from catalog_brands b
          left join catalog_items i on i.brand_id = b.id and i.status = 'published'
          where b.studio_id = ${studioId}
          group by b.id order by b.name
        `)) as unknown as { rows: { slug: string; name: string; item_count: number }[] };
        return {
          items: rows.map((row) => ({ slug: row.slug, name: row.name, itemCount: Number(row.item_count) })),
        };
      });
      return brands.data;
    },

    /** Slugs and last changes of published items and of categories, for the web's sitemap.xml. */
    async sitemap(studioId: string, now: Date = new Date()): Promise<Sitemap> {
      const sitemap = await read(studioId, 'sitemap', now, async (tx) => {
        const { rows: items } = (await tx.execute(sql`
          select slug, updated_at from catalog_items
          where studio_id = ${studioId} and status = 'published' order by slug limit 50000
        `)) as unknown as { rows: { slug: string; updated_at: string | Date }[] };
        const { rows: categories } = (await tx.execute(sql`
          select slug, updated_at from catalog_categories where studio_id = ${studioId} order by slug
        `)) as unknown as { rows: { slug: string; updated_at: string | Date }[] };
        const shape = (row: { slug: string; updated_at: string | Date }) => ({
          slug: row.slug,
          updatedAt: toIso(row.updated_at),
        });
        return { items: items.map(shape), categories: categories.map(shape) };
      });
      return sitemap.data;
    },

    /**
     * Creates a published (or draft) item with one default variant. Kept for the demo seed and tests that
     * predate the admin API (catalog.admin.*); new code writes through the admin service.
     */
    async create(
      ctx: StudioContext,
      input: NewCatalogItem & { currency: string },
    ): Promise<{ id: string; slug: string; published: boolean }> {
      const published = input.published ?? true;
      const [row] = await ctx.tx
        .insert(catalogItems)
        .values({
          studioId: ctx.studioId,
          kind: input.kind,
          slug: input.slug,
          name: input.name,
          summary: input.summary ?? '',
          priceFromMinor: input.priceMinor,
          currency: input.currency,
          status: published ? 'published' : 'draft',
          publishedAt: published ? new Date() : null,
        })
        .onConflictDoNothing({ target: [catalogItems.studioId, catalogItems.slug] })
        .returning();
      if (!row) throw AppError.conflictOn('slug', `An item with the slug "${input.slug}" exists`);
      await ctx.tx
        .insert(catalogVariants)
        .values({ studioId: ctx.studioId, itemId: row.id, priceMinor: input.priceMinor });
      await refreshSearchDocuments(ctx.tx, ctx.studioId, [row.id]);
      await emit(ctx.tx, {
        type: 'catalog.item.created',
        studioId: ctx.studioId,
        payload: { itemId: row.id, slug: row.slug },
      });
      return { id: row.id, slug: row.slug, published };
    },
  };
}

const noStorage = {} as Storage;

/**
 * A published item with everything its page shows, in one statement: its options, active variants,
 * images, breadcrumb categories and not-yet-ended sales are JSON columns of the item's row (each an
 * index probe by the item's id), not five more statements; on loopback each round trip cost more than
 * the read it carried. The related items are a second statement (they need the item's category).
 */
async function loadDetail(tx: Tx, studioId: string, slug: string, now: Date): Promise<RawDetail | null> {
  const rows = await preparedRows<ItemRowWithParts>(
    tx,
    sql`
    select ${CARD_COLUMNS}, ${IN_STOCK_SQL} as in_stock, null as sort_key, i.description_html, i.seo_title,
      i.seo_description, i.details, c.path as category_path,
      (select json_agg(json_build_object('name', o.name, 'values', o.values) order by o.position, o.name)
        from catalog_options o where o.item_id = i.id) as options,
      (select json_agg(json_build_object('id', v.id, 'sku', v.sku, 'title', v.title,
          'option_values', v.option_values, 'price_minor', v.price_minor,
          'compare_at_minor', v.compare_at_minor, 'track_stock', v.track_stock, 'stock', v.stock,
          'min_order_quantity', v.min_order_quantity, 'weight_grams', v.weight_grams,
          'image_id', v.image_id, 'details', v.details) order by v.position, v.id)
        from catalog_variants v where v.item_id = i.id and v.active) as variants,
      (select json_agg(json_build_object('id', im.id, 'storage_key', im.storage_key, 'alt', im.alt,
          'width', im.width, 'height', im.height) order by im.position, im.id)
        from catalog_images im where im.item_id = i.id) as images,
      (select json_agg(json_build_object('id', bc.id, 'slug', bc.slug, 'name', bc.name) order by bc.depth)
        from catalog_categories bc
        where bc.studio_id = i.studio_id and bc.id = any(string_to_array(c.path, '/')::uuid[])) as breadcrumbs,
      ${saleWindowsColumn(now)}
    ${cardsFrom(now)}
    where i.studio_id = ${studioId} and i.status = 'published' and i.slug = ${slug}
  `,
  );
  const row = rows[0];
  if (!row) return null;
  const { options, variants, images, breadcrumbs, sale_windows, ...item } = row;
  return {
    item,
    options: options ?? [],
    variants: variants ?? [],
    images: (images ?? []).map((image) => ({ ...image, item_id: item.id })),
    breadcrumbs: breadcrumbs ?? [],
    sales: (sale_windows ?? []).map((sale) => toSaleWindow({ ...sale, item_id: item.id })),
    related: await loadRelated(tx, studioId, item, now),
  };
}

/**
 * Items of the same category, most popular first, topped up with the studio's most popular. The eight
 * are picked first from two short index walks (same category; everything else by popularity), each
 * stopping after eight rows, and only those get card columns: ordering the whole catalog by "same
 * category" took ~50 ms on 5,000 items.
 */
async function loadRelated(tx: Tx, studioId: string, item: ItemRow, now: Date): Promise<RawCards> {
  const published = sql`p.studio_id = ${studioId} and p.status = 'published' and p.id <> ${item.id}`;
  const sameCategory = item.category_id
    ? sql`p.category_id = ${item.category_id}::uuid`
    : sql`p.category_id is null`;
  const otherCategory = item.category_id
    ? sql`p.category_id is distinct from ${item.category_id}::uuid`
    : sql`p.category_id is not null`;
  // The limit is written into the text, not sent as a parameter: with it known, Postgres's generic plan
  // for this prepared statement walks the popularity index and stops after a few rows, so the plan is
  // kept and reused. With `limit $n` the generic plan sorted all 5,000 items (4 ms), so Postgres planned
  // the statement afresh on every product page instead (~1 ms of planning each time).
  const limit = sql.raw(String(RELATED));
  const rows = await preparedRows<CardRowWithExtras>(
    tx,
    sql`
    with pick as (
      (select p.id from catalog_items p where ${published} and ${sameCategory}
        order by p.popularity desc, p.id desc limit ${limit})
      union all
      (select p.id from catalog_items p where ${published} and ${otherCategory}
        order by p.popularity desc, p.id desc limit ${limit})
    )
    select ${CARD_COLUMNS}, ${IN_STOCK_SQL} as in_stock, null as sort_key, ${cardExtras(now)}
    ${cardsFrom(now)}
    where i.studio_id = ${studioId} and i.id in (select id from pick)
    order by (i.category_id is not distinct from ${item.category_id}::uuid) desc, i.popularity desc, i.id desc
    limit ${limit}
  `,
  );
  return toRawCards(rows);
}

async function loadSearch(tx: Tx, studioId: string, query: SearchQuery, now: Date): Promise<RawSearch> {
  const limit = query.limit ?? 8;
  const base = sql`i.studio_id = ${studioId} and i.status = 'published'`;
  const from = cardsFrom(now);
  // The best `limit` matches are ranked and cut inside catalog_top_matches (migration 0016), so only
  // those rows are joined for their cards. That function keeps only the studio's published items, so an
  // empty answer means no item has the words: no "any match?" probe first (a round trip saved whenever
  // the words match; a typo costs the same as before).
  const topMatches = (matcher: Matcher & { tsquery: SQL }) => {
    const tsquery = toTsQuery(query.q);
    const headline =
      matcher.mode === 'words' && tsquery
        ? sql`ts_headline('simple', i.name || ' — ' || i.summary, ${tsquery}, ${HEADLINE_OPTIONS})`
        : sql`i.name || ' — ' || i.summary`;
    return preparedRows<CardRowWithExtras & { snippet: string }>(
      tx,
      sql`
      select ${CARD_COLUMNS}, ${IN_STOCK_SQL} as in_stock, m.rank as sort_key, ${headline} as snippet,
        ${cardExtras(now)}
      ${from}
      join catalog_top_matches(${matcher.tsquery}, ${limit}::int) m on m.id = i.id
      where ${base}
      order by m.rank desc, i.id desc
    `,
    );
  };
  const words = wordsMatcher(query.q);
  let matcher: Matcher | null = words;
  let rows = words?.tsquery ? await topMatches({ ...words, tsquery: words.tsquery }) : [];
  if (rows.length === 0) {
    matcher = await fuzzyMatcher(tx, query.q);
    rows = matcher.tsquery ? await topMatches({ ...matcher, tsquery: matcher.tsquery }) : [];
  }
  if (!matcher?.condition || !matcher.rank || !matcher.tsquery) {
    return {
      match: 'none',
      cards: { rows: [], images: {}, sales: {} },
      snippets: {},
      didYouMean: null,
      suggestions: [],
    };
  }

  // Few results: "did you mean" from the corrected words, and the names of items they find.
  let suggestion: string | null = null;
  let suggestions: string[] = [];
  if (rows.length < 3) {
    const fuzzy = matcher.corrections ? matcher : await fuzzyMatcher(tx, query.q);
    suggestion = fuzzy.corrections ? didYouMean(query.q, fuzzy.corrections) : null;
    const { rows: similar } = (await tx.execute(sql`
      select name from catalog_items i
      where ${base} and ${fuzzy.condition}
      order by ${fuzzy.rank} desc, i.popularity desc
      limit 10
    `)) as unknown as { rows: { name: string }[] };
    const shown = new Set(rows.map((row) => row.name));
    suggestions = [...new Set(similar.map((row) => row.name))].filter((name) => !shown.has(name)).slice(0, 5);
  }
  return {
    match: rows.length === 0 ? 'none' : matcher.mode === 'words' ? 'words' : 'fuzzy',
    cards: toRawCards(rows),
    snippets: Object.fromEntries(rows.map((row) => [row.id, row.snippet])),
    didYouMean: suggestion,
    suggestions,
  };
}

async function loadCategoryTree(tx: Tx, studioId: string): Promise<CategoryTree> {
  const categories = await loadCategories(tx, studioId);
  const { rows } = (await tx.execute(sql`
    select category_id, count(*)::int as count from catalog_items
    where studio_id = ${studioId} and status = 'published' and category_id is not null
    group by category_id
  `)) as unknown as { rows: { category_id: string; count: number }[] };
  const counts = rollUpCategories(
    categories,
    new Map(rows.map((row) => [row.category_id, Number(row.count)])),
  );
  const { rows: details } = (await tx.execute(sql`
    select id, description, depth from catalog_categories where studio_id = ${studioId}
  `)) as unknown as { rows: { id: string; description: string; depth: number }[] };
  const extra = new Map(details.map((row) => [row.id, row]));
  const children = new Map<string | null, typeof categories>();
  for (const category of categories) {
    children.set(category.parent_id, [...(children.get(category.parent_id) ?? []), category]);
  }
  const countOf = new Map(categories.map((category, index) => [category.id, counts[index]?.count ?? 0]));
  const ordered: CategoryTree['items'] = [];
  // loadCategories orders siblings by position; walk depth-first so a child follows its parent.
  const visit = (parentId: string | null) => {
    for (const category of children.get(parentId) ?? []) {
      ordered.push({
        id: category.id,
        parentId: category.parent_id,
        slug: category.slug,
        name: category.name,
        description: extra.get(category.id)?.description ?? '',
        depth: extra.get(category.id)?.depth ?? 0,
        itemCount: countOf.get(category.id) ?? 0,
      });
      visit(category.id);
    }
  };
  visit(null);
  return { items: ordered };
}
