import { bigint, boolean, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { studioId, timestamps, uuidPrimaryKey } from '../../platform/db/columns.js';

export const CATALOG_ITEM_KINDS = ['service', 'package', 'product', 'digital'] as const;
export type CatalogItemKind = (typeof CATALOG_ITEM_KINDS)[number];

/** What a studio sells. The catalog issue grows this into variants, categories and search. */
export const catalogItems = pgTable(
  'catalog_items',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    kind: text('kind', { enum: CATALOG_ITEM_KINDS }).notNull(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    summary: text('summary').notNull().default(''),
    /** Integer minor units (cents, satang) in `currency`. Never a float. */
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    published: boolean('published').notNull().default(true),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('catalog_items_studio_slug_key').on(table.studioId, table.slug),
    // Serves the storefront list: one studio's published items, newest first, cursor on id.
    index('catalog_items_studio_list_idx').on(table.studioId, table.published, table.id),
  ],
);
