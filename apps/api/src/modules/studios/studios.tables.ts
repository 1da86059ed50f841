import { jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps, uuidPrimaryKey } from '../../platform/db/columns.js';

export interface StudioBrand {
  /** Hex colours, e.g. #7c3aed. The web app turns them into CSS variables per studio. */
  primaryColor: string;
  accentColor: string;
  /** A short mark drawn when the studio has no logo image yet. */
  logoText: string;
  logoUrl: string | null;
}

/**
 * The tenants themselves. A studio row is public (its storefront is), so this table is a platform
 * table without RLS; everything a studio owns carries studio_id and is isolated.
 */
export const studios = pgTable(
  'studios',
  {
    id: uuidPrimaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    tagline: text('tagline').notNull().default(''),
    currency: text('currency').notNull(),
    timezone: text('timezone').notNull(),
    locale: text('locale').notNull(),
    brand: jsonb('brand').notNull().$type<StudioBrand>(),
    ...timestamps(),
  },
  (table) => [uniqueIndex('studios_slug_key').on(table.slug)],
);
