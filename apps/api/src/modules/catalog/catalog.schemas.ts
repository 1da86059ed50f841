import { type Static, Type } from 'typebox';
import type { CATALOG_ITEM_KINDS } from './catalog.tables.js';

const KindSchema = Type.Union(
  [Type.Literal('service'), Type.Literal('package'), Type.Literal('product'), Type.Literal('digital')],
  { description: 'service, package, physical product or digital product' },
);
// The schema and the table's enum must name the same kinds.
const _kindsMatch: [Static<typeof KindSchema>] extends [(typeof CATALOG_ITEM_KINDS)[number]] ? true : never =
  true;

export const MoneySchema = Type.Object(
  {
    amountMinor: Type.Integer({ description: 'Integer minor units (cents, satang).' }),
    currency: Type.String({ description: 'ISO 4217 code.' }),
  },
  { title: 'Money' },
);

export const CatalogItemSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: KindSchema,
    slug: Type.String(),
    name: Type.String(),
    summary: Type.String(),
    price: MoneySchema,
    published: Type.Boolean(),
  },
  { title: 'CatalogItem' },
);
export type CatalogItem = Static<typeof CatalogItemSchema>;

export const CatalogListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  kind: Type.Optional(KindSchema),
});
export type CatalogListQuery = Static<typeof CatalogListQuery>;

export const NewCatalogItemSchema = Type.Object({
  kind: KindSchema,
  slug: Type.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  summary: Type.Optional(Type.String({ maxLength: 2000 })),
  priceMinor: Type.Integer({ minimum: 0, maximum: 1_000_000_000_00 }),
  published: Type.Optional(Type.Boolean()),
});
export type NewCatalogItem = Static<typeof NewCatalogItemSchema>;
