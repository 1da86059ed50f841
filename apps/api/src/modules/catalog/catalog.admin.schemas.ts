import { type Static, Type } from 'typebox';

/**
 * Request and answer shapes of the admin (write) side of the catalog. Field errors raised by the
 * service name paths inside the body without a prefix (`slug`, `variants[2].sku`, `details.licence`),
 * schema errors carry Fastify's `body.` prefix.
 */

const Uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description?: string) =>
  Type.Union([schema, Type.Null()], description ? { description } : {});

export const SlugSchema = Type.String({
  pattern: '^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$',
  description: 'Lower-case letters, digits and hyphens; unique per studio. Made from the name when left out.',
});
export const MinorUnits = (description: string) =>
  Type.Integer({ minimum: 0, maximum: 1_000_000_000_00, description: `${description} Integer minor units.` });

export const KindSchema = Type.Union(
  [Type.Literal('service'), Type.Literal('package'), Type.Literal('product'), Type.Literal('digital')],
  { description: 'service, package, physical product or digital product' },
);
export const StatusSchema = Type.Union(
  [Type.Literal('draft'), Type.Literal('published'), Type.Literal('archived')],
  {
    description:
      'draft: only admins see it; published: on the storefront; archived: hidden, kept for orders.',
  },
);

const DetailsObject = (description: string) =>
  Type.Record(Type.String(), Type.Unknown(), {
    description: `${description} Checked against the kind's schema (catalog.details.ts); errors name e.g. \`details.licence.ipSlots\`.`,
  });

// --- options and variants ------------------------------------------------------------------------------

export const OptionInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50, description: 'The axis, e.g. "Size" or "Tier".' }),
    values: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      minItems: 1,
      maxItems: 100,
      description: 'Allowed values in display order, e.g. ["A4", "A3"].',
    }),
  },
  { title: 'CatalogOptionInput', additionalProperties: false },
);
export type OptionInput = Static<typeof OptionInputSchema>;

const variantFields = {
  sku: Type.Optional(
    Nullable(Type.String({ minLength: 1, maxLength: 100, pattern: '^\\S(.*\\S)?$' }), 'Unique per studio.'),
  ),
  optionValues: Type.Optional(
    Type.Record(Type.String(), Type.String(), {
      description: 'Option name -> value, one for every option of the item ({} when it has none).',
    }),
  ),
  priceMinor: MinorUnits('Price.'),
  compareAtMinor: Type.Optional(Nullable(MinorUnits('"Was" price, at least the price.'))),
  trackStock: Type.Optional(
    Type.Boolean({ description: 'false = unlimited. Defaults to true for products, false otherwise.' }),
  ),
  stock: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Units that can be sold.' }),
  ),
  minOrderQuantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  weightGrams: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))),
  imageId: Type.Optional(Nullable(Uuid("One of the item's images, shown when this variant is picked."))),
  podProductId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  podVariantId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  details: Type.Optional(
    DetailsObject("The variant's facts for the item's kind (a service tier's turnaround...)."),
  ),
  active: Type.Optional(
    Type.Boolean({
      description: 'Inactive variants are not sold or listed, and keep their SKU and history. Default true.',
    }),
  ),
};

export const VariantInputSchema = Type.Object(
  {
    id: Type.Optional(
      Uuid(
        "An existing variant of this item to keep (its id stays); leave out to create (a SKU of one of this item's variants then names that variant).",
      ),
    ),
    ...variantFields,
  },
  { title: 'CatalogVariantInput', additionalProperties: false },
);
export type VariantInput = Static<typeof VariantInputSchema>;

export const VariantsReplacementSchema = Type.Object(
  {
    options: Type.Optional(Type.Array(OptionInputSchema, { maxItems: 5 })),
    variants: Type.Array(VariantInputSchema, { minItems: 1, maxItems: 500 }),
  },
  {
    title: 'CatalogVariantsReplacement',
    description:
      'The full set: variants not sent are retired (active=false, kept for past orders, not sold; re-send one to bring it back); every variant sent must match the options exactly.',
    additionalProperties: false,
  },
);
export type VariantsReplacement = Static<typeof VariantsReplacementSchema>;

export const MatrixRequestSchema = Type.Object(
  {
    options: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 50 }),
          values: Type.Array(
            Type.Object(
              {
                value: Type.String({ minLength: 1, maxLength: 100 }),
                priceDeltaMinor: Type.Optional(
                  Type.Integer({
                    minimum: -1_000_000_000_00,
                    maximum: 1_000_000_000_00,
                    description: 'Added to the base price.',
                  }),
                ),
                skuPart: Type.Optional(
                  Type.String({
                    minLength: 1,
                    maxLength: 30,
                    description: 'Replaces {Option} in the SKU pattern.',
                  }),
                ),
              },
              { additionalProperties: false },
            ),
            { minItems: 1, maxItems: 100 },
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 5 },
    ),
    basePriceMinor: MinorUnits('Price of a combination before deltas.'),
    baseCompareAtMinor: Type.Optional(Nullable(MinorUnits('Compare-at price before deltas.'))),
    skuPattern: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'e.g. "{slug}-{Size}-{Material}"; placeholders are option names.',
      }),
    ),
    trackStock: Type.Optional(Type.Boolean()),
    stock: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Stock of new combinations.' }),
    ),
  },
  { title: 'VariantMatrixRequest', additionalProperties: false },
);
export type MatrixRequest = Static<typeof MatrixRequestSchema>;

export const ProposedMatrixSchema = Type.Object(
  {
    options: Type.Array(OptionInputSchema),
    variants: Type.Array(
      Type.Object({
        ...VariantInputSchema.properties,
        title: Type.String({ description: '"A4 / Matte"' }),
        position: Type.Integer(),
      }),
    ),
  },
  { title: 'ProposedVariantMatrix', description: 'Not saved: send it (edited) to PUT .../variants.' },
);
export type ProposedMatrix = Static<typeof ProposedMatrixSchema>;

// --- items ---------------------------------------------------------------------------------------------

const itemFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  slug: Type.Optional(SlugSchema),
  summary: Type.Optional(Type.String({ maxLength: 2000 })),
  descriptionHtml: Type.Optional(
    Type.String({
      maxLength: 200_000,
      description: 'Rich text; sanitised (scripts, handlers, styles removed).',
    }),
  ),
  status: Type.Optional(StatusSchema),
  categoryId: Type.Optional(Nullable(Uuid())),
  brandId: Type.Optional(Nullable(Uuid())),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50 })),
  featured: Type.Optional(Type.Boolean()),
  isNew: Type.Optional(Type.Boolean()),
  seoTitle: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  seoDescription: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  details: Type.Optional(DetailsObject("The item's facts for its kind.")),
};

export const NewItemSchema = Type.Object(
  {
    kind: KindSchema,
    ...itemFields,
    options: Type.Optional(Type.Array(OptionInputSchema, { maxItems: 5 })),
    variants: Type.Array(VariantInputSchema, {
      minItems: 1,
      maxItems: 500,
      description: 'At least one; an item without options has exactly one (optionValues {}).',
    }),
  },
  { title: 'NewCatalogItem', additionalProperties: false },
);
export type NewItem = Static<typeof NewItemSchema>;

export const ItemPatchSchema = Type.Partial(Type.Object(itemFields), {
  title: 'CatalogItemPatch',
  description: 'Only the fields sent change. The kind is fixed; variants change through PUT .../variants.',
  additionalProperties: false,
});
export type ItemPatch = Static<typeof ItemPatchSchema>;

export const AdminOptionSchema = Type.Object({
  id: Uuid(),
  name: Type.String(),
  values: Type.Array(Type.String()),
});

export const AdminVariantSchema = Type.Object(
  {
    id: Uuid(),
    sku: Nullable(Type.String()),
    title: Type.String(),
    optionValues: Type.Record(Type.String(), Type.String()),
    priceMinor: Type.Integer(),
    compareAtMinor: Nullable(Type.Integer()),
    trackStock: Type.Boolean(),
    stock: Type.Integer(),
    minOrderQuantity: Type.Integer(),
    weightGrams: Nullable(Type.Integer()),
    imageId: Nullable(Uuid()),
    podProductId: Nullable(Type.String()),
    podVariantId: Nullable(Type.String()),
    details: Type.Record(Type.String(), Type.Unknown()),
    position: Type.Integer(),
    active: Type.Boolean(),
  },
  { title: 'AdminCatalogVariant' },
);

export const AdminImageSchema = Type.Object(
  {
    id: Uuid(),
    url: Type.String({ description: 'Signed URL, valid for an hour.' }),
    contentType: Type.String(),
    alt: Type.String(),
    width: Nullable(Type.Integer()),
    height: Nullable(Type.Integer()),
    position: Type.Integer(),
    variantIds: Type.Array(Uuid(), { description: 'Variants that show this image when picked.' }),
  },
  { title: 'AdminCatalogImage' },
);
export type AdminImage = Static<typeof AdminImageSchema>;

export const BreadcrumbSchema = Type.Object({ id: Uuid(), name: Type.String(), slug: Type.String() });

export const AdminItemSchema = Type.Object(
  {
    id: Uuid(),
    kind: KindSchema,
    slug: Type.String(),
    name: Type.String(),
    summary: Type.String(),
    descriptionHtml: Type.String(),
    status: StatusSchema,
    categoryId: Nullable(Uuid()),
    categoryBreadcrumb: Type.Array(BreadcrumbSchema, {
      description: 'Root first, ending with the category.',
    }),
    brandId: Nullable(Uuid()),
    tags: Type.Array(Type.String()),
    featured: Type.Boolean(),
    isNew: Type.Boolean(),
    seoTitle: Nullable(Type.String()),
    seoDescription: Nullable(Type.String()),
    details: Type.Record(Type.String(), Type.Unknown()),
    priceFromMinor: Type.Integer({ description: 'Lowest active variant price.' }),
    compareAtFromMinor: Nullable(Type.Integer()),
    currency: Type.String(),
    publishedAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    options: Type.Array(AdminOptionSchema),
    variants: Type.Array(AdminVariantSchema),
    images: Type.Array(AdminImageSchema),
  },
  { title: 'AdminCatalogItem' },
);
export type AdminItem = Static<typeof AdminItemSchema>;

export const AdminItemSummarySchema = Type.Object(
  {
    id: Uuid(),
    kind: KindSchema,
    slug: Type.String(),
    name: Type.String(),
    status: StatusSchema,
    categoryId: Nullable(Uuid()),
    brandId: Nullable(Uuid()),
    featured: Type.Boolean(),
    priceFromMinor: Type.Integer(),
    compareAtFromMinor: Nullable(Type.Integer()),
    currency: Type.String(),
    variantCount: Type.Integer({ description: 'Active variants (retired ones are not counted).' }),
    skus: Type.Array(Type.String(), { description: 'The first few SKUs of active variants.' }),
    stock: Nullable(
      Type.Integer({ description: 'Units across tracked variants; null when all are unlimited.' }),
    ),
    thumbnailUrl: Nullable(Type.String()),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'AdminCatalogItemSummary' },
);
export type AdminItemSummary = Static<typeof AdminItemSummarySchema>;

export const AdminItemListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page.' })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name or a SKU.' })),
  status: Type.Optional(StatusSchema),
  kind: Type.Optional(KindSchema),
  categoryId: Type.Optional(Uuid('This category and everything under it.')),
  brandId: Type.Optional(Uuid()),
});
export type AdminItemListQuery = Static<typeof AdminItemListQuery>;

export const BulkActionSchema = Type.Object(
  {
    ids: Type.Array(Uuid(), { minItems: 1, maxItems: 500, uniqueItems: true }),
    action: Type.Union(
      [Type.Literal('publish'), Type.Literal('archive'), Type.Literal('delete'), Type.Literal('set_price')],
      { description: 'set_price needs priceMinor (every variant gets it) or percent (e.g. -10 = 10 % off).' },
    ),
    priceMinor: Type.Optional(MinorUnits('New price of every variant.')),
    percent: Type.Optional(Type.Number({ minimum: -100, maximum: 1000, description: 'Change in percent.' })),
  },
  { title: 'CatalogBulkAction', additionalProperties: false },
);
export type BulkAction = Static<typeof BulkActionSchema>;

export const BulkResultSchema = Type.Object({
  action: Type.String(),
  affected: Type.Integer({ description: 'Items changed.' }),
});

// --- categories ----------------------------------------------------------------------------------------

export const CategoryNodeSchema = Type.Object(
  {
    id: Uuid(),
    parentId: Nullable(Uuid()),
    slug: Type.String(),
    name: Type.String(),
    description: Type.String(),
    position: Type.Integer(),
    depth: Type.Integer({ description: '0 for a root.' }),
    path: Type.String({ description: 'Ancestor ids and own id joined by "/".' }),
    itemCount: Type.Integer({ description: 'Items directly in this category.' }),
    totalItemCount: Type.Integer({ description: 'Items here and in every descendant.' }),
  },
  { title: 'CatalogCategoryNode' },
);
export type CategoryNode = Static<typeof CategoryNodeSchema>;

export const CategoryTreeSchema = Type.Object(
  {
    items: Type.Array(CategoryNodeSchema, {
      description: 'Depth-first: every category follows its parent, siblings by position.',
    }),
  },
  { title: 'CatalogCategoryTree' },
);

export const NewCategorySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    slug: Type.Optional(SlugSchema),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    parentId: Type.Optional(Nullable(Uuid('Leave out or null for a root category.'))),
  },
  { title: 'NewCatalogCategory', additionalProperties: false },
);
export type NewCategory = Static<typeof NewCategorySchema>;

export const CategoryPatchSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    slug: Type.Optional(SlugSchema),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { title: 'CatalogCategoryPatch', additionalProperties: false },
);
export type CategoryPatch = Static<typeof CategoryPatchSchema>;

export const CategoryMoveSchema = Type.Object(
  {
    parentId: Nullable(Uuid('New parent; null makes it a root. Not itself or one of its descendants.')),
    position: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 100_000,
        description: 'Place among the new siblings; last when left out.',
      }),
    ),
  },
  { title: 'CatalogCategoryMove', additionalProperties: false },
);
export type CategoryMove = Static<typeof CategoryMoveSchema>;

export const CategoryReorderSchema = Type.Object(
  {
    ids: Type.Array(Uuid(), {
      minItems: 1,
      maxItems: 1000,
      uniqueItems: true,
      description: 'Siblings (same parent) in their new order; position = index.',
    }),
  },
  { title: 'CatalogCategoryReorder', additionalProperties: false },
);

export const CategoryDeleteQuery = Type.Object({
  items: Type.Optional(
    Type.Union([Type.Literal('move'), Type.Literal('uncategorise')], {
      description: 'What happens to items in the category: move (to `to`) or uncategorise.',
    }),
  ),
  to: Type.Optional(Uuid('Target category when items=move.')),
  children: Type.Optional(
    Type.Literal('move_up', { description: 'Confirms that subcategories move up to the parent.' }),
  ),
});
export type CategoryDeleteQuery = Static<typeof CategoryDeleteQuery>;

export const CategoryDeletedSchema = Type.Object({
  id: Uuid(),
  movedItems: Type.Integer(),
  uncategorisedItems: Type.Integer(),
  movedChildren: Type.Integer(),
});

// --- brands --------------------------------------------------------------------------------------------

export const BrandSchema = Type.Object(
  { id: Uuid(), slug: Type.String(), name: Type.String(), itemCount: Type.Integer() },
  { title: 'CatalogBrand' },
);
export type Brand = Static<typeof BrandSchema>;
export const NewBrandSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), slug: Type.Optional(SlugSchema) },
  { title: 'NewCatalogBrand', additionalProperties: false },
);
export const BrandPatchSchema = Type.Partial(NewBrandSchema, {
  title: 'CatalogBrandPatch',
  additionalProperties: false,
});
export type NewBrand = Static<typeof NewBrandSchema>;
export type BrandPatch = Static<typeof BrandPatchSchema>;

// --- images --------------------------------------------------------------------------------------------

export const ImageUploadQuery = Type.Object({
  alt: Type.Optional(Type.String({ maxLength: 500, description: 'Alt text for screen readers.' })),
  variantId: Type.Optional(Uuid('Show this image when this variant is picked.')),
});
export const ImagePatchSchema = Type.Object(
  {
    alt: Type.Optional(Type.String({ maxLength: 500 })),
    variantIds: Type.Optional(
      Type.Array(Uuid(), {
        maxItems: 500,
        uniqueItems: true,
        description: 'Replaces the variants showing it.',
      }),
    ),
  },
  { title: 'CatalogImagePatch', additionalProperties: false },
);
export type ImagePatch = Static<typeof ImagePatchSchema>;
export const ImageOrderSchema = Type.Object(
  {
    ids: Type.Array(Uuid(), {
      minItems: 1,
      maxItems: 200,
      uniqueItems: true,
      description: 'Every image of the item, in order.',
    }),
  },
  { title: 'CatalogImageOrder', additionalProperties: false },
);
