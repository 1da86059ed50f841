import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { inArray } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { Type } from 'typebox';
import type { Cache } from '../../platform/cache/index.js';
import type { Actor, StudioContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { Page } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import type { Storage } from '../../platform/storage/index.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import {
  AdminImageSchema,
  AdminItemListQuery,
  AdminItemSchema,
  AdminItemSummarySchema,
  BrandPatchSchema,
  BrandSchema,
  BulkActionSchema,
  BulkResultSchema,
  CategoryDeletedSchema,
  CategoryDeleteQuery,
  CategoryMoveSchema,
  CategoryNodeSchema,
  CategoryPatchSchema,
  CategoryReorderSchema,
  CategoryTreeSchema,
  ImageOrderSchema,
  ImagePatchSchema,
  ImageUploadQuery,
  ItemPatchSchema,
  KindSchema,
  MatrixRequestSchema,
  NewBrandSchema,
  NewCategorySchema,
  NewItemSchema,
  ProposedMatrixSchema,
  VariantsReplacementSchema,
} from './catalog.admin.schemas.js';
import type { CatalogAdminService } from './catalog.admin.service.js';
import { createBrand, deleteBrand, listBrands, updateBrand } from './catalog.brands.js';
import { invalidateCatalog } from './catalog.cache.js';
import {
  createCategory,
  deleteCategory,
  listCategoryTree,
  moveCategory,
  reorderCategories,
  updateCategory,
} from './catalog.categories.js';
import { ITEM_DETAILS_SCHEMAS, VARIANT_DETAILS_SCHEMAS } from './catalog.details.js';
import {
  deleteImage,
  IMAGE_TYPES,
  MAX_IMAGE_BYTES,
  reorderImages,
  updateImage,
  uploadImage,
} from './catalog.images.js';
import { refreshSearchDocuments } from './catalog.search.js';
import { CATALOG_ITEM_KINDS, type CatalogItemKind, catalogItems } from './catalog.tables.js';
import { generateVariantMatrix, itemForVariants, loadVariants } from './catalog.variants.js';

interface CatalogAdminRoutesOptions {
  database: Database;
  studios: StudiosService;
  cache: Cache;
  storage: Storage;
  catalogAdmin: CatalogAdminService;
}

const BASE = '/api/v1/studios/:studio/admin/catalog';
/** What the helpers below need of a request. */
interface StudioRequest {
  params: { studio: string };
  actor: Actor;
  log: FastifyBaseLogger;
}
const tags = ['catalog-admin'];
const Id = Type.String({ format: 'uuid' });
const StudioParams = Type.Object({ studio: SlugParam });
const ItemParams = Type.Object({ studio: SlugParam, id: Id });
const ImageParams = Type.Object({ studio: SlugParam, id: Id, imageId: Id });
const Deleted = Type.Object({ id: Id });

/**
 * The admin's API for the catalog: items (any kind, with options and variants), bulk actions, the
 * variant matrix generator, images, the category tree and brands. Every route needs `catalog.manage`.
 * Every write commits in the studio's transaction (search documents refreshed inside it), then drops
 * the studio's cached public reads so the storefront shows the edit on the next request.
 */
export const catalogAdminRoutes: FastifyPluginAsyncTypebox<CatalogAdminRoutesOptions> = async (
  app,
  { database, studios, cache, storage, catalogAdmin },
) => {
  // Image uploads are the raw bytes (see catalog.images.ts). Scoped to this plugin only.
  app.addContentTypeParser(
    [...IMAGE_TYPES],
    { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES },
    (_request, body, done) => done(null, body),
  );

  const manage = async (request: StudioRequest) => {
    const studio = await studios.getBySlug(request.params.studio);
    await studios.requireStudioPermission(request.actor, studio.id, 'catalog.manage');
    return studio;
  };
  const read = async <T>(request: StudioRequest, fn: (ctx: StudioContext) => Promise<T>) => {
    const studio = await manage(request);
    return database.withStudio(studio.id, (tx) => fn({ studioId: studio.id, actor: request.actor, tx }));
  };
  /** Runs a write, then (after the commit) drops cached storefront reads and removes orphaned files. */
  const write = async <T>(
    request: StudioRequest,
    fn: (ctx: StudioContext, studio: { id: string; currency: string }) => Promise<T>,
    orphanedFiles?: (result: T) => string[],
  ): Promise<T> => {
    const studio = await manage(request);
    const result = await database.withStudio(studio.id, (tx) =>
      fn({ studioId: studio.id, actor: request.actor, tx }, studio),
    );
    await invalidateCatalog(cache, studio.id);
    for (const key of orphanedFiles?.(result) ?? [])
      await storage
        .delete(key)
        .catch((error: unknown) => request.log.warn({ err: error, key }, 'catalog image not removed'));
    return result;
  };

  // --- items --------------------------------------------------------------------------------------------

  app.get(
    `${BASE}/items`,
    {
      schema: {
        tags,
        summary: 'Every item of the studio (drafts included): search by name or SKU, filter, newest first',
        operationId: 'listAdminCatalogItems',
        params: StudioParams,
        querystring: AdminItemListQuery,
        response: { 200: Page(AdminItemSummarySchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => read(request, (ctx) => catalogAdmin.list(ctx, request.query)),
  );

  app.post(
    `${BASE}/items`,
    {
      schema: {
        tags,
        summary: 'Create an item of any kind with its options and variants',
        description:
          'Duplicate slug -> 409 naming `slug`; a SKU in use -> 409 naming `variants[i].sku`; a variant whose ' +
          'optionValues do not match the options -> 400 naming `variants[i].optionValues`; details are checked ' +
          "against the kind's schema. descriptionHtml is sanitised.",
        operationId: 'createCatalogItem',
        params: StudioParams,
        body: NewItemSchema,
        response: { 201: AdminItemSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const item = await write(request, (ctx, studio) =>
        catalogAdmin.create(ctx, request.body, studio.currency),
      );
      return reply.status(201).send(item);
    },
  );

  app.post(
    `${BASE}/items/bulk`,
    {
      schema: {
        tags,
        summary: 'Publish, archive, delete or re-price many items at once',
        operationId: 'bulkCatalogAction',
        params: StudioParams,
        body: BulkActionSchema,
        response: { 200: BulkResultSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      (
        await write(
          request,
          (ctx) => catalogAdmin.bulk(ctx, request.body),
          (outcome) => outcome.orphanedFiles,
        )
      ).result,
  );

  app.get(
    `${BASE}/items/:id`,
    {
      schema: {
        tags,
        summary: 'One item as the editor needs it: variants, options, images, category breadcrumb',
        operationId: 'getCatalogItemForEditing',
        params: ItemParams,
        response: { 200: AdminItemSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => read(request, (ctx) => catalogAdmin.get(ctx, request.params.id)),
  );

  app.patch(
    `${BASE}/items/:id`,
    {
      schema: {
        tags,
        summary: 'Change some fields of an item (publishing sets publishedAt)',
        operationId: 'updateCatalogItem',
        params: ItemParams,
        body: ItemPatchSchema,
        response: { 200: AdminItemSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => write(request, (ctx) => catalogAdmin.update(ctx, request.params.id, request.body)),
  );

  app.delete(
    `${BASE}/items/:id`,
    {
      schema: {
        tags,
        summary: 'Delete an item with its variants and images',
        operationId: 'deleteCatalogItem',
        params: ItemParams,
        response: { 200: Deleted, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      (
        await write(
          request,
          (ctx) => catalogAdmin.remove(ctx, request.params.id),
          (outcome) => outcome.orphanedFiles,
        )
      ).result,
  );

  // --- variants -----------------------------------------------------------------------------------------

  app.put(
    `${BASE}/items/:id/variants`,
    {
      schema: {
        tags,
        summary: "Replace an item's options and variants (variants sent with an id keep it)",
        operationId: 'replaceCatalogVariants',
        params: ItemParams,
        body: VariantsReplacementSchema,
        response: { 200: AdminItemSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      write(request, (ctx) => catalogAdmin.replaceVariants(ctx, request.params.id, request.body)),
  );

  app.post(
    `${BASE}/items/:id/variants/generate`,
    {
      schema: {
        tags,
        summary: 'Propose every combination of the options with prices and SKUs (nothing is saved)',
        description: 'Combinations matching an existing variant keep its id, SKU, stock and image.',
        operationId: 'generateVariantMatrix',
        params: ItemParams,
        body: MatrixRequestSchema,
        response: { 200: ProposedMatrixSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      read(request, async (ctx) => {
        const item = await itemForVariants(ctx, request.params.id);
        const { variants } = await loadVariants(ctx.tx, [item.id]);
        return generateVariantMatrix(request.body, { slug: item.slug, existing: variants });
      }),
  );

  app.post(
    `${BASE}/variants/generate`,
    {
      schema: {
        tags,
        summary: 'Propose a variant matrix for an item not created yet (nothing is saved)',
        operationId: 'generateVariantMatrixForNewItem',
        params: StudioParams,
        body: Type.Object(
          { ...MatrixRequestSchema.properties, slug: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: ProposedMatrixSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      await manage(request);
      const { slug, ...matrix } = request.body;
      return generateVariantMatrix(matrix, { slug: slug ?? 'item' });
    },
  );

  // --- images -------------------------------------------------------------------------------------------

  app.post(
    `${BASE}/items/:id/images`,
    {
      bodyLimit: MAX_IMAGE_BYTES,
      schema: {
        tags,
        summary: 'Upload an image: the raw bytes as the body (PNG, JPEG, WebP or SVG, at most 10 MB)',
        operationId: 'uploadCatalogImage',
        params: ItemParams,
        querystring: ImageUploadQuery,
        body: {
          content: Object.fromEntries(
            IMAGE_TYPES.map((type) => [
              type,
              { schema: { description: 'The image file (binary), at most 10 MB.' } },
            ]),
          ),
        },
        response: { 201: AdminImageSchema, ...problemResponses(401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const image = await write(request, (ctx) =>
        uploadImage(ctx, storage, request.params.id, {
          body: request.body as Buffer,
          contentType: request.headers['content-type'] ?? '',
          alt: request.query.alt,
          variantId: request.query.variantId,
        }),
      );
      return reply.status(201).send(image);
    },
  );

  app.patch(
    `${BASE}/items/:id/images/:imageId`,
    {
      schema: {
        tags,
        summary: "Edit an image's alt text or the variants that show it",
        operationId: 'updateCatalogImage',
        params: ImageParams,
        body: ImagePatchSchema,
        response: { 200: AdminImageSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      write(request, (ctx) =>
        updateImage(ctx, storage, request.params.id, request.params.imageId, request.body),
      ),
  );

  app.put(
    `${BASE}/items/:id/images/order`,
    {
      schema: {
        tags,
        summary: "Reorder an item's images (send every image id, first = main image)",
        operationId: 'reorderCatalogImages',
        params: ItemParams,
        body: ImageOrderSchema,
        response: {
          200: Type.Object({ items: Type.Array(AdminImageSchema) }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({
      items: await write(request, (ctx) => reorderImages(ctx, storage, request.params.id, request.body.ids)),
    }),
  );

  app.delete(
    `${BASE}/items/:id/images/:imageId`,
    {
      schema: {
        tags,
        summary: 'Delete an image',
        operationId: 'deleteCatalogImage',
        params: ImageParams,
        response: { 200: Deleted, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      await write(
        request,
        (ctx) => deleteImage(ctx, request.params.id, request.params.imageId),
        (key) => [key],
      );
      return { id: request.params.imageId };
    },
  );

  app.get(
    `${BASE}/details-schemas`,
    {
      schema: {
        tags,
        summary:
          "The JSON Schema of each kind's item details and variant details, for live validation in editors",
        operationId: 'getCatalogDetailsSchemas',
        params: StudioParams,
        response: {
          200: Type.Record(
            KindSchema,
            Type.Object({ item: Type.Unknown(), variant: Type.Unknown() }, { description: 'JSON Schemas.' }),
          ),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      await manage(request);
      return Object.fromEntries(
        CATALOG_ITEM_KINDS.map((kind) => [
          kind,
          { item: ITEM_DETAILS_SCHEMAS[kind], variant: VARIANT_DETAILS_SCHEMAS[kind] },
        ]),
      ) as Record<CatalogItemKind, { item: unknown; variant: unknown }>;
    },
  );

  // --- categories ---------------------------------------------------------------------------------------

  app.get(
    `${BASE}/categories`,
    {
      schema: {
        tags,
        summary: 'The category tree, depth-first, with item counts',
        operationId: 'listCategoryTree',
        params: StudioParams,
        response: { 200: CategoryTreeSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await read(request, listCategoryTree) }),
  );

  app.post(
    `${BASE}/categories`,
    {
      schema: {
        tags,
        summary: 'Create a category (under parentId, last among its siblings)',
        operationId: 'createCategory',
        params: StudioParams,
        body: NewCategorySchema,
        response: { 201: CategoryNodeSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await write(request, (ctx) => createCategory(ctx, request.body))),
  );

  app.post(
    `${BASE}/categories/reorder`,
    {
      schema: {
        tags,
        summary: 'Reorder siblings: position = index in ids',
        operationId: 'reorderCategories',
        params: StudioParams,
        body: CategoryReorderSchema,
        response: { 200: CategoryTreeSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await write(request, (ctx) => reorderCategories(ctx, request.body.ids)) }),
  );

  app.patch(
    `${BASE}/categories/:id`,
    {
      schema: {
        tags,
        summary: 'Rename a category or change its slug or description',
        operationId: 'updateCategory',
        params: ItemParams,
        body: CategoryPatchSchema,
        response: { 200: CategoryNodeSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => write(request, (ctx) => updateCategory(ctx, request.params.id, request.body)),
  );

  app.post(
    `${BASE}/categories/:id/move`,
    {
      schema: {
        tags,
        summary: 'Move a category and its subtree under another parent (or to the root)',
        operationId: 'moveCategory',
        params: ItemParams,
        body: CategoryMoveSchema,
        response: { 200: CategoryNodeSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => write(request, (ctx) => moveCategory(ctx, request.params.id, request.body)),
  );

  app.delete(
    `${BASE}/categories/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a category; its subcategories move up to its parent',
        description:
          'A category with items answers 409 unless the query says what happens to them: ' +
          '`?items=move&to=<categoryId>` or `?items=uncategorise`. With only subcategories, `?children=move_up` confirms.',
        operationId: 'deleteCategory',
        params: ItemParams,
        querystring: CategoryDeleteQuery,
        response: { 200: CategoryDeletedSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      write(request, async (ctx) => {
        const { result, itemIds } = await deleteCategory(ctx, request.params.id, request.query);
        await announceItems(ctx, itemIds);
        return result;
      }),
  );

  // --- brands -------------------------------------------------------------------------------------------

  app.get(
    `${BASE}/brands`,
    {
      schema: {
        tags,
        summary: "The studio's brands by name, with item counts",
        operationId: 'listBrands',
        params: StudioParams,
        response: {
          200: Type.Object({ items: Type.Array(BrandSchema) }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await read(request, listBrands) }),
  );

  app.post(
    `${BASE}/brands`,
    {
      schema: {
        tags,
        summary: 'Create a brand (slug unique per studio: 409 naming `slug`)',
        operationId: 'createBrand',
        params: StudioParams,
        body: NewBrandSchema,
        response: { 201: BrandSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await write(request, (ctx) => createBrand(ctx, request.body))),
  );

  app.patch(
    `${BASE}/brands/:id`,
    {
      schema: {
        tags,
        summary: 'Rename a brand or change its slug',
        operationId: 'updateBrand',
        params: ItemParams,
        body: BrandPatchSchema,
        response: { 200: BrandSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      write(request, async (ctx) => {
        const { brand, itemIds } = await updateBrand(ctx, request.params.id, request.body);
        await announceItems(ctx, itemIds);
        return brand;
      }),
  );

  app.delete(
    `${BASE}/brands/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a brand (its items keep selling without one)',
        operationId: 'deleteBrand',
        params: ItemParams,
        response: { 200: Deleted, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      write(request, async (ctx) => {
        const { brand, itemIds } = await deleteBrand(ctx, request.params.id);
        await announceItems(ctx, itemIds);
        return { id: brand.id };
      }),
  );
};

/** Items changed by a category or brand write: refresh their search documents and say they changed. */
async function announceItems(ctx: StudioContext, itemIds: string[]) {
  if (itemIds.length === 0) return;
  await refreshSearchDocuments(ctx.tx, ctx.studioId, itemIds);
  const rows = await ctx.tx
    .select({ id: catalogItems.id, slug: catalogItems.slug, kind: catalogItems.kind })
    .from(catalogItems)
    .where(inArray(catalogItems.id, itemIds));
  for (const row of rows)
    await emit(ctx.tx, {
      type: 'catalog.item.updated',
      studioId: ctx.studioId,
      payload: { itemId: row.id, slug: row.slug, kind: row.kind },
    });
}
