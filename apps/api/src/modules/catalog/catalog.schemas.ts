import { type Static, Type } from 'typebox';
import {
  DigitalDetailsSchema,
  PackageDetailsSchema,
  ProductDetailsSchema,
  ServiceDetailsSchema,
} from './catalog.details.js';
import type { CATALOG_ITEM_KINDS } from './catalog.tables.js';

/** The public (storefront) shapes of the catalog. Admin shapes live in catalog.admin.schemas.ts. */

export const KindSchema = Type.Union(
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
export type Money = Static<typeof MoneySchema>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** A flash sale as the storefront shows it (the countdown runs to `endsAt`). */
export const PublicFlashSaleSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    percentOff: Nullable(Type.Integer()),
    salePriceMinor: Nullable(Type.Integer()),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
  },
  { title: 'PublicFlashSale' },
);

export const BrandRefSchema = Type.Object(
  { slug: Type.String(), name: Type.String() },
  { title: 'BrandRef' },
);
export const CategoryRefSchema = Type.Object(
  { id: Type.String({ format: 'uuid' }), slug: Type.String(), name: Type.String() },
  { title: 'CategoryRef' },
);
export const ImageSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    url: Type.String({ description: 'A signed link, valid for at least an hour.' }),
    alt: Type.String(),
    width: Nullable(Type.Integer()),
    height: Nullable(Type.Integer()),
  },
  { title: 'CatalogImage' },
);

/** One item on a list, search result or "related" strip. Prices are the ones in force when answered. */
export const CatalogItemSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: KindSchema,
    slug: Type.String(),
    name: Type.String(),
    summary: Type.String(),
    /** Always true on public routes (only published items are shown). */
    published: Type.Boolean(),
    featured: Type.Boolean(),
    isNew: Type.Boolean(),
    tags: Type.Array(Type.String()),
    /** The lowest price in force now ("from"): the flash-sale price during a sale. */
    price: MoneySchema,
    /** The lowest regular price, before any sale. */
    listPrice: MoneySchema,
    compareAtPrice: Nullable(MoneySchema),
    onSale: Type.Boolean({ description: 'A flash sale is running now.' }),
    flashSale: Nullable(PublicFlashSaleSchema),
    inStock: Type.Boolean(),
    brand: Nullable(BrandRefSchema),
    category: Nullable(CategoryRefSchema),
    image: Nullable(ImageSchema),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'CatalogItem' },
);
export type CatalogItem = Static<typeof CatalogItemSchema>;

const SORTS = ['relevance', 'newest', 'price_asc', 'price_desc', 'popularity'] as const;
export type CatalogSort = (typeof SORTS)[number];

const SlugList = (description: string) =>
  Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20, description }));

export const CatalogListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor from the previous page.' })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Search words (typos are forgiven).' })),
  category: Type.Optional(
    Type.String({ maxLength: 100, description: 'Category slug; includes subcategories.' }),
  ),
  brand: SlugList('Brand slugs (any of).'),
  kind: Type.Optional(Type.Array(KindSchema, { maxItems: 4, description: 'Kinds (any of).' })),
  tag: SlugList('Tags (all of).'),
  minPrice: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 1_000_000_000_00, description: 'Minor units, price in force.' }),
  ),
  maxPrice: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 1_000_000_000_00, description: 'Minor units, price in force.' }),
  ),
  inStock: Type.Optional(Type.Boolean()),
  featured: Type.Optional(Type.Boolean()),
  onSale: Type.Optional(
    Type.Boolean({
      description:
        'Only items on sale: a flash sale running now, or marked down against their compare-at price.',
    }),
  ),
  sort: Type.Optional(
    Type.Union(
      SORTS.map((sort) => Type.Literal(sort)),
      { description: 'Default: relevance with q, newest without.' },
    ),
  ),
  facets: Type.Optional(
    Type.Boolean({ description: 'Include facet counts (default: on the first page only).' }),
  ),
});
export type CatalogListQuery = Static<typeof CatalogListQuery>;

const FacetCount = Type.Object({ slug: Type.String(), name: Type.String(), count: Type.Integer() });

export const FacetsSchema = Type.Object(
  {
    total: Type.Integer({ description: 'Items matching every filter.' }),
    categories: Type.Array(Type.Object({ ...FacetCount.properties, parentSlug: Nullable(Type.String()) }), {
      description: 'Counts include subcategories; each ignores the category filter itself.',
    }),
    brands: Type.Array(FacetCount),
    kinds: Type.Array(Type.Object({ kind: KindSchema, count: Type.Integer() })),
    priceBuckets: Type.Array(
      Type.Object({ minMinor: Type.Integer(), maxMinor: Nullable(Type.Integer()), count: Type.Integer() }),
    ),
    inStock: Type.Integer({ description: 'Items in stock under the other filters.' }),
    onSale: Type.Integer({
      description:
        'Items on sale (a flash sale running now, or a compare-at price above the price) under the other filters.',
    }),
  },
  { title: 'CatalogFacets', description: 'Each facet counts under every filter except its own.' },
);
export type Facets = Static<typeof FacetsSchema>;

export const CatalogListSchema = Type.Object(
  {
    items: Type.Array(CatalogItemSchema),
    nextCursor: Nullable(Type.String()),
    facets: Nullable(FacetsSchema),
    match: Type.Union([Type.Literal('all'), Type.Literal('words'), Type.Literal('fuzzy')], {
      description: 'all: no q; words: full-text matches; fuzzy: no word matched, so similar spellings.',
    }),
  },
  { title: 'CatalogList' },
);
export type CatalogList = Static<typeof CatalogListSchema>;

const ItemDetails = Type.Union(
  [
    ServiceDetailsSchema,
    PackageDetailsSchema,
    ProductDetailsSchema,
    DigitalDetailsSchema,
    Type.Record(Type.String(), Type.Unknown()),
  ],
  { description: "The facts of the item's kind." },
);

export const VariantSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    sku: Nullable(Type.String()),
    title: Type.String(),
    optionValues: Type.Record(Type.String(), Type.String()),
    /** In force now. */
    price: MoneySchema,
    listPrice: MoneySchema,
    compareAtPrice: Nullable(MoneySchema),
    available: Type.Boolean({ description: 'Active and in stock (or not counted).' }),
    stock: Nullable(Type.Integer({ description: 'null: not counted (unlimited).' })),
    minOrderQuantity: Type.Integer(),
    weightGrams: Nullable(Type.Integer()),
    imageId: Nullable(Type.String({ format: 'uuid' })),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  { title: 'CatalogVariant' },
);

export const CatalogItemDetailSchema = Type.Object(
  {
    item: CatalogItemSchema,
    descriptionHtml: Type.String({ description: 'Sanitised HTML.' }),
    seoTitle: Nullable(Type.String()),
    seoDescription: Nullable(Type.String()),
    details: ItemDetails,
    options: Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.String()) })),
    variants: Type.Array(VariantSchema),
    images: Type.Array(ImageSchema),
    breadcrumbs: Type.Array(CategoryRefSchema, { description: 'Root category first.' }),
    upcomingFlashSale: Nullable(PublicFlashSaleSchema),
    related: Type.Array(CatalogItemSchema, {
      description: 'Up to four (one row of the product page): same category first, most popular first.',
    }),
  },
  { title: 'CatalogItemDetail' },
);
export type CatalogItemDetail = Static<typeof CatalogItemDetailSchema>;

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 8 })),
});
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchResultSchema = Type.Object(
  {
    q: Type.String(),
    match: Type.Union([Type.Literal('words'), Type.Literal('fuzzy'), Type.Literal('none')]),
    items: Type.Array(
      Type.Object({
        ...CatalogItemSchema.properties,
        highlight: Type.String({
          description: 'Name and summary with matches in <mark>; everything else HTML-escaped.',
        }),
      }),
    ),
    didYouMean: Nullable(Type.String({ description: 'The query with each word spelled as in the catalog.' })),
    suggestions: Type.Array(Type.String(), { description: 'Names of items spelled like the query.' }),
  },
  { title: 'CatalogSearchResult' },
);
export type SearchResult = Static<typeof SearchResultSchema>;

export const CategoryNodeSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    parentId: Nullable(Type.String({ format: 'uuid' })),
    slug: Type.String(),
    name: Type.String(),
    description: Type.String(),
    depth: Type.Integer(),
    itemCount: Type.Integer({ description: 'Published items here and in every subcategory.' }),
  },
  { title: 'CatalogCategory' },
);
export const CategoryTreeSchema = Type.Object(
  {
    items: Type.Array(CategoryNodeSchema, {
      description: 'Depth-first, siblings in their order: a child follows its parent.',
    }),
  },
  { title: 'CatalogCategoryTree' },
);
export type CategoryTree = Static<typeof CategoryTreeSchema>;

export const BrandListSchema = Type.Object(
  { items: Type.Array(Type.Object({ ...BrandRefSchema.properties, itemCount: Type.Integer() })) },
  { title: 'CatalogBrandList' },
);
export type BrandList = Static<typeof BrandListSchema>;

export const SitemapSchema = Type.Object(
  {
    items: Type.Array(Type.Object({ slug: Type.String(), updatedAt: Type.String({ format: 'date-time' }) })),
    categories: Type.Array(
      Type.Object({ slug: Type.String(), updatedAt: Type.String({ format: 'date-time' }) }),
    ),
  },
  { title: 'CatalogSitemap' },
);
export type Sitemap = Static<typeof SitemapSchema>;

/** The old create input, kept for the demo seed and tests until the admin write API replaces it. */
export const NewCatalogItemSchema = Type.Object({
  kind: KindSchema,
  slug: Type.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  summary: Type.Optional(Type.String({ maxLength: 2000 })),
  priceMinor: Type.Integer({ minimum: 0, maximum: 1_000_000_000_00 }),
  published: Type.Optional(Type.Boolean()),
});
export type NewCatalogItem = Static<typeof NewCatalogItemSchema>;
