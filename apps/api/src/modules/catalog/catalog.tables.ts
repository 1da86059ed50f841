import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { GIN_WITH, studioId, timestamps, uuidPrimaryKey } from '../../platform/db/columns.js';

export const CATALOG_ITEM_KINDS = ['service', 'package', 'product', 'digital'] as const;
export type CatalogItemKind = (typeof CATALOG_ITEM_KINDS)[number];

export const CATALOG_ITEM_STATUSES = ['draft', 'published', 'archived'] as const;
export type CatalogItemStatus = (typeof CATALOG_ITEM_STATUSES)[number];

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A category tree of any depth. `path` is the chain of ancestor ids including this one, joined by '/'
 * ("rootId/childId/thisId"), so "this category and everything under it" is one indexed prefix match and
 * breadcrumbs are one lookup. Moving a category rewrites the paths under it (catalog.categories.ts).
 */
export const catalogCategories = pgTable(
  'catalog_categories',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    parentId: uuid('parent_id').references((): AnyPgColumn => catalogCategories.id, { onDelete: 'restrict' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Order among siblings (drag to reorder in the admin). */
    position: integer('position').notNull().default(0),
    path: text('path').notNull(),
    depth: integer('depth').notNull().default(0),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('catalog_categories_studio_slug_key').on(table.studioId, table.slug),
    index('catalog_categories_studio_parent_idx').on(table.studioId, table.parentId, table.position),
    index('catalog_categories_path_idx').using('btree', table.studioId, sql`${table.path} text_pattern_ops`),
  ],
);

export const catalogBrands = pgTable(
  'catalog_brands',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    ...timestamps(),
  },
  (table) => [uniqueIndex('catalog_brands_studio_slug_key').on(table.studioId, table.slug)],
);

/**
 * What a studio sells. Every item has at least one variant (catalog_variants): an item without options
 * has exactly one "default" variant, so carts, stock and prices always point at a variant.
 *
 * `details` holds the fields of the item's kind (service tier facts, package rules, product specs,
 * digital version and licence policy), validated by the kind's TypeBox schema in catalog.schemas.ts.
 * `priceFromMinor`/`compareAtFromMinor` are the lowest variant prices, kept by the service on every
 * variant write, so lists sort and filter by price without a join.
 */
export const catalogItems = pgTable(
  'catalog_items',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    kind: text('kind', { enum: CATALOG_ITEM_KINDS }).notNull(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    summary: text('summary').notNull().default(''),
    /** Sanitised HTML (never stored unsanitised). */
    descriptionHtml: text('description_html').notNull().default(''),
    status: text('status', { enum: CATALOG_ITEM_STATUSES }).notNull().default('draft'),
    categoryId: uuid('category_id').references(() => catalogCategories.id, { onDelete: 'restrict' }),
    brandId: uuid('brand_id').references(() => catalogBrands.id, { onDelete: 'set null' }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    featured: boolean('featured').notNull().default(false),
    isNew: boolean('is_new').notNull().default(false),
    seoTitle: text('seo_title'),
    seoDescription: text('seo_description'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    /** Integer minor units (cents, satang) in `currency`. Never a float. */
    priceFromMinor: bigint('price_from_minor', { mode: 'number' }).notNull().default(0),
    compareAtFromMinor: bigint('compare_at_from_minor', { mode: 'number' }),
    currency: text('currency').notNull(),
    /** Units sold (paid orders); the "popularity" sort. */
    popularity: integer('popularity').notNull().default(0),
    /**
     * Full-text document: name (A), tags/brand/sku (B), summary (C), description (D), built by the
     * service with the 'simple' configuration after Thai text is split into words (catalog.search.ts).
     */
    searchVector: tsvector('search_vector'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('catalog_items_studio_slug_key').on(table.studioId, table.slug),
    // Storefront lists: one studio's published items, newest first, cursor on id.
    index('catalog_items_studio_list_idx').on(table.studioId, table.status, table.id),
    // Category filters, and related items of the same category walked by popularity, stopped at 8 (a walk
    // of the studio-wide popularity index filtered by category read thousands of rows for a small one).
    index('catalog_items_studio_category_popular_idx').on(
      table.studioId,
      table.categoryId,
      table.status,
      table.popularity,
      table.id,
    ),
    index('catalog_items_studio_brand_idx').on(table.studioId, table.brandId),
    index('catalog_items_studio_price_idx').on(table.studioId, table.status, table.priceFromMinor),
    // Popularity sort and related items: walked in order (with the id tie-break) and stopped at the limit.
    index('catalog_items_studio_popular_idx').on(table.studioId, table.status, table.popularity, table.id),
    // Facet counts: an index-only scan of the published items with just the columns facets group by
    // (and the id, which the stock check and the running-sale join look up).
    index('catalog_items_studio_facets_idx').on(
      table.studioId,
      table.status,
      table.categoryId,
      table.brandId,
      table.kind,
      table.priceFromMinor,
      table.id,
    ),
    // fastupdate off on every GIN index: see GIN_WITH.
    index('catalog_items_tags_idx').using('gin', table.tags).with(GIN_WITH),
    index('catalog_items_search_idx').using('gin', table.searchVector).with(GIN_WITH),
    check('catalog_items_price_nonnegative', sql`${table.priceFromMinor} >= 0`),
  ],
);

/** An item's option axes (Size, Material, Colour; or Tier for a service) and their allowed values. */
export const catalogOptions = pgTable(
  'catalog_options',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => catalogItems.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    values: text('values').array().notNull(),
  },
  (table) => [uniqueIndex('catalog_options_item_name_key').on(table.itemId, table.name)],
);

/**
 * What a cart line points at: one purchasable combination of an item's options, with its own SKU, price
 * and stock. `stock` is what can still be sold: checkout reserves by decrementing it with a conditional
 * update (never below zero, enforced by a CHECK as well) and a failed or expired payment gives it back.
 * `trackStock = false` means unlimited (services, digital goods).
 */
export const catalogVariants = pgTable(
  'catalog_variants',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => catalogItems.id, { onDelete: 'cascade' }),
    sku: text('sku'),
    /** "A4 / Matte / Black"; empty for the default variant of an item without options. */
    title: text('title').notNull().default(''),
    /** Option name -> value, e.g. {"Size":"A4","Material":"Matte"}; {} for a default variant. */
    optionValues: jsonb('option_values').$type<Record<string, string>>().notNull().default({}),
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
    compareAtMinor: bigint('compare_at_minor', { mode: 'number' }),
    trackStock: boolean('track_stock').notNull().default(false),
    stock: integer('stock').notNull().default(0),
    minOrderQuantity: integer('min_order_quantity').notNull().default(1),
    /** For shipping by weight. */
    weightGrams: integer('weight_grams'),
    imageId: uuid('image_id'),
    /** Print-on-demand lab ids (Electric Muse prints). */
    podProductId: text('pod_product_id'),
    podVariantId: text('pod_variant_id'),
    /** Per-variant facts of the item's kind: a service tier's turnaround days and revisions, etc. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('catalog_variants_studio_sku_key')
      .on(table.studioId, table.sku)
      .where(sql`${table.sku} is not null`),
    index('catalog_variants_item_idx').on(table.itemId, table.position),
    check('catalog_variants_stock_nonnegative', sql`${table.stock} >= 0`),
    check('catalog_variants_price_nonnegative', sql`${table.priceMinor} >= 0`),
    check('catalog_variants_min_order_positive', sql`${table.minOrderQuantity} >= 1`),
  ],
);

/** Images of an item (optionally of one variant), in display order. The bytes live in storage. */
export const catalogImages = pgTable(
  'catalog_images',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => catalogItems.id, { onDelete: 'cascade' }),
    storageKey: text('storage_key').notNull(),
    contentType: text('content_type').notNull(),
    alt: text('alt').notNull().default(''),
    width: integer('width'),
    height: integer('height'),
    position: integer('position').notNull().default(0),
    ...timestamps(),
  },
  (table) => [index('catalog_images_item_idx').on(table.itemId, table.position)],
);

/**
 * A time-boxed price cut on an item (all its variants): `percentOff`, or `salePriceMinor` for an item
 * with a single variant. The price in force is decided at read time from startsAt/endsAt (so a late job
 * never sells at the wrong price); scheduled jobs at the boundaries only drop cached pages and announce
 * the change.
 */
export const catalogFlashSales = pgTable(
  'catalog_flash_sales',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => catalogItems.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default(''),
    percentOff: integer('percent_off'),
    salePriceMinor: bigint('sale_price_minor', { mode: 'number' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    ...timestamps(),
  },
  (table) => [
    index('catalog_flash_sales_item_idx').on(table.studioId, table.itemId, table.endsAt),
    index('catalog_flash_sales_window_idx').on(table.studioId, table.endsAt, table.startsAt),
    check('catalog_flash_sales_window', sql`${table.endsAt} > ${table.startsAt}`),
    check(
      'catalog_flash_sales_one_rule',
      sql`(${table.percentOff} is null) <> (${table.salePriceMinor} is null)`,
    ),
    check(
      'catalog_flash_sales_percent_range',
      sql`${table.percentOff} is null or (${table.percentOff} between 1 and 99)`,
    ),
  ],
);

/** A CSV import run: progress and the rejected rows, so the admin can watch it and read the report. */
export const catalogImports = pgTable(
  'catalog_imports',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    status: text('status', { enum: ['queued', 'running', 'completed', 'failed'] })
      .notNull()
      .default('queued'),
    fileName: text('file_name').notNull().default(''),
    storageKey: text('storage_key').notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    rejectedCount: integer('rejected_count').notNull().default(0),
    /** Retired variants a row named by SKU put back on sale (also counted in updatedCount). */
    reactivatedCount: integer('reactivated_count').notNull().default(0),
    /** [{ row, field, message }] for every rejected row (capped, see catalog.import.ts). */
    rejected: jsonb('rejected')
      .$type<{ row: number; field: string; message: string }[]>()
      .notNull()
      .default([]),
    error: text('error'),
    createdBy: text('created_by'),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    ...timestamps(),
  },
  (table) => [index('catalog_imports_studio_idx').on(table.studioId, table.id)],
);

/**
 * Every word of a studio's published search documents (the lexemes of `catalog_items.search_vector`):
 * the vocabulary a mistyped query word is corrected against ("circut" -> "circuit"), through the
 * trigram index, before the corrected words go to the full-text index. Added as items are written
 * (refreshSearchDocuments); a word whose items are gone stays until the vocabulary is rebuilt, which
 * costs nothing but a correction that then finds no item.
 */
export const catalogSearchWords = pgTable(
  'catalog_search_words',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    word: text('word').notNull(),
  },
  (table) => [
    uniqueIndex('catalog_search_words_studio_word_key').on(table.studioId, table.word),
    index('catalog_search_words_trgm_idx').using('gin', sql`${table.word} gin_trgm_ops`).with(GIN_WITH),
  ],
);

/**
 * The facet summary (catalog.facets.ts): a studio's published items counted by what the facets look at —
 * category, brand, kind, LIST price bucket (`width_bucket(price_from_minor, PRICE_BOUNDS)`), whether
 * the item can be bought now and whether it is marked down against its compare-at price. Flash sales are left out (they are applied at read time), so ~300 rows
 * stand for 5,000 items. Rebuilt as a whole by one statement; `catalog_facet_state` says whether it is
 * still the catalog as it is.
 */
export const catalogFacetGroups = pgTable(
  'catalog_facet_groups',
  {
    studioId: studioId(),
    categoryId: uuid('category_id'),
    brandId: uuid('brand_id'),
    kind: text('kind', { enum: CATALOG_ITEM_KINDS }).notNull(),
    priceBucket: integer('price_bucket').notNull(),
    inStock: boolean('in_stock').notNull(),
    /** Marked down against its compare-at price (DISCOUNTED_SQL): on sale even without a flash sale. */
    discounted: boolean('discounted').notNull().default(false),
    itemCount: integer('item_count').notNull(),
  },
  (table) => [index('catalog_facet_groups_studio_idx').on(table.studioId)],
);

/**
 * Whether the facet summary of a studio is fresh. Triggers (migration 0015) add 1 to `version` in every
 * transaction that changes what a summary counts; a rebuild sets `builtVersion` to the version it read in
 * the same snapshot as the items. Fresh means `version = builtVersion`; no row means never built.
 */
export const catalogFacetState = pgTable('catalog_facet_state', {
  studioId: studioId().primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  builtVersion: bigint('built_version', { mode: 'number' }),
});
