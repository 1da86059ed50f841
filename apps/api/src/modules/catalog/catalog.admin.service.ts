import { and, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { StudioContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import type { Storage } from '../../platform/storage/index.js';
import type {
  AdminItem,
  AdminItemListQuery,
  AdminItemSummary,
  BulkAction,
  ItemPatch,
  NewItem,
} from './catalog.admin.schemas.js';
import { assertRoomForItems } from './catalog.counts.js';
import { assertNoFieldErrors, validateItemDetails } from './catalog.details.js';
import { imagesOf, imageUrl } from './catalog.images.js';
import { CATALOG_RULES, slugTaken } from './catalog.reasons.js';
import { sanitizeDescription } from './catalog.sanitize.js';
import { refreshSearchDocuments, toUuidArray } from './catalog.search.js';
import {
  catalogBrands,
  catalogCategories,
  catalogImages,
  catalogItems,
  catalogVariants,
} from './catalog.tables.js';
import { isUniqueViolation, loadVariants, refreshItemPrices, replaceVariants } from './catalog.variants.js';

type ItemRow = typeof catalogItems.$inferSelect;

/** "Circuit Breaker 16A" -> "circuit-breaker-16a"; names with no Latin letters get a short unique slug. */
export function slugify(name: string, fallbackPrefix = 'item'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return slug || `${fallbackPrefix}-${uuidv7().slice(-12)}`;
}

/** What a write leaves to do after its transaction commits: files of deleted images to remove. */
export interface WriteOutcome<T> {
  result: T;
  orphanedFiles: string[];
}

async function assertSlugFree(ctx: StudioContext, slug: string, exceptId?: string) {
  const [taken] = await ctx.tx
    .select({ id: catalogItems.id })
    .from(catalogItems)
    .where(and(eq(catalogItems.studioId, ctx.studioId), eq(catalogItems.slug, slug)));
  if (taken && taken.id !== exceptId)
    throw AppError.conflictOn('slug', `An item with the slug "${slug}" exists`, slugTaken(slug));
}

/** A category or brand named in a body must be this studio's: 404 naming the field otherwise. */
async function assertReferences(
  ctx: StudioContext,
  input: { categoryId?: string | null; brandId?: string | null },
) {
  if (input.categoryId) {
    const [found] = await ctx.tx
      .select({ id: catalogCategories.id })
      .from(catalogCategories)
      .where(and(eq(catalogCategories.studioId, ctx.studioId), eq(catalogCategories.id, input.categoryId)));
    if (!found)
      throw new AppError('not_found', 'No such category', {
        fields: [{ field: 'categoryId', message: 'is not a category of this studio' }],
      });
  }
  if (input.brandId) {
    const [found] = await ctx.tx
      .select({ id: catalogBrands.id })
      .from(catalogBrands)
      .where(and(eq(catalogBrands.studioId, ctx.studioId), eq(catalogBrands.id, input.brandId)));
    if (!found)
      throw new AppError('not_found', 'No such brand', {
        fields: [{ field: 'brandId', message: 'is not a brand of this studio' }],
      });
  }
}

async function findItem(ctx: StudioContext, id: string): Promise<ItemRow> {
  const [row] = await ctx.tx
    .select()
    .from(catalogItems)
    .where(and(eq(catalogItems.studioId, ctx.studioId), eq(catalogItems.id, id)));
  if (!row) throw new AppError('not_found', 'No such catalog item');
  return row;
}

async function breadcrumbOf(tx: Tx, categoryId: string | null) {
  if (!categoryId) return [];
  const [category] = await tx
    .select({ path: catalogCategories.path })
    .from(catalogCategories)
    .where(eq(catalogCategories.id, categoryId));
  if (!category) return [];
  const ids = category.path.split('/');
  const rows = await tx
    .select({ id: catalogCategories.id, name: catalogCategories.name, slug: catalogCategories.slug })
    .from(catalogCategories)
    .where(inArray(catalogCategories.id, ids));
  return ids.flatMap((id) => rows.filter((row) => row.id === id));
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Everything the admin editor shows for one item: drafts included, variants, options, images. */
export async function loadAdminItem(ctx: StudioContext, storage: Storage, id: string): Promise<AdminItem> {
  const row = await findItem(ctx, id);
  // One after another: a transaction is one connection, and pg cannot run two queries on it at once.
  const { options, variants } = await loadVariants(ctx.tx, [id]);
  const images = await imagesOf(ctx.tx, storage, id);
  const categoryBreadcrumb = await breadcrumbOf(ctx.tx, row.categoryId);
  return {
    id: row.id,
    kind: row.kind,
    slug: row.slug,
    name: row.name,
    summary: row.summary,
    descriptionHtml: row.descriptionHtml,
    status: row.status,
    categoryId: row.categoryId,
    categoryBreadcrumb,
    brandId: row.brandId,
    tags: row.tags,
    featured: row.featured,
    isNew: row.isNew,
    seoTitle: row.seoTitle,
    seoDescription: row.seoDescription,
    details: row.details,
    priceFromMinor: row.priceFromMinor,
    compareAtFromMinor: row.compareAtFromMinor,
    currency: row.currency,
    publishedAt: iso(row.publishedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    options: options.map((option) => ({ id: option.id, name: option.name, values: option.values })),
    variants: variants.map((variant) => ({
      id: variant.id,
      sku: variant.sku,
      title: variant.title,
      optionValues: variant.optionValues,
      priceMinor: variant.priceMinor,
      compareAtMinor: variant.compareAtMinor,
      trackStock: variant.trackStock,
      stock: variant.stock,
      minOrderQuantity: variant.minOrderQuantity,
      weightGrams: variant.weightGrams,
      imageId: variant.imageId,
      podProductId: variant.podProductId,
      podVariantId: variant.podVariantId,
      details: variant.details,
      position: variant.position,
      active: variant.active,
    })),
    images,
  };
}

const itemEvent = (ctx: StudioContext, type: string, row: Pick<ItemRow, 'id' | 'slug' | 'kind'>) =>
  emit(ctx.tx, {
    type: `catalog.item.${type}`,
    studioId: ctx.studioId,
    payload: { itemId: row.id, slug: row.slug, kind: row.kind },
  });

export type CatalogAdminService = ReturnType<typeof createCatalogAdminService>;

/**
 * The admin's writes to the catalog. Each use case runs in the caller's studio transaction, refreshes
 * the search documents of what it touched in that transaction and emits catalog.item.* events; the
 * caller drops the studio's cached public reads after the commit (catalog.admin.routes.ts).
 */
export function createCatalogAdminService({ storage }: { storage: Storage }) {
  return {
    get: (ctx: StudioContext, id: string) => loadAdminItem(ctx, storage, id),

    async create(ctx: StudioContext, input: NewItem, currency: string): Promise<AdminItem> {
      assertNoFieldErrors(validateItemDetails(input.kind, input.details ?? {}));
      const slug = input.slug ?? slugify(input.name);
      await assertSlugFree(ctx, slug);
      await assertReferences(ctx, input);
      const status = input.status ?? 'draft';
      // Archived items do not count towards the plan's limit; anything else is one more.
      if (status !== 'archived') await assertRoomForItems(ctx.tx, ctx.studioId, 1);
      const id = uuidv7();
      try {
        await ctx.tx.insert(catalogItems).values({
          id,
          studioId: ctx.studioId,
          kind: input.kind,
          slug,
          name: input.name,
          summary: input.summary ?? '',
          descriptionHtml: sanitizeDescription(input.descriptionHtml ?? ''),
          status,
          categoryId: input.categoryId ?? null,
          brandId: input.brandId ?? null,
          tags: input.tags ?? [],
          featured: input.featured ?? false,
          isNew: input.isNew ?? false,
          seoTitle: input.seoTitle ?? null,
          seoDescription: input.seoDescription ?? null,
          details: input.details ?? {},
          currency,
          publishedAt: status === 'published' ? new Date() : null,
        });
      } catch (error) {
        if (isUniqueViolation(error, 'catalog_items_studio_slug_key'))
          throw AppError.conflictOn('slug', `An item with the slug "${slug}" exists`, slugTaken(slug));
        throw error;
      }
      await replaceVariants(
        ctx,
        { id, kind: input.kind },
        { options: input.options ?? [], variants: input.variants },
      );
      await refreshSearchDocuments(ctx.tx, ctx.studioId, [id]);
      const created = { id, slug, kind: input.kind };
      await itemEvent(ctx, 'created', created);
      if (status === 'published') await itemEvent(ctx, 'published', created);
      return loadAdminItem(ctx, storage, id);
    },

    async update(ctx: StudioContext, id: string, patch: ItemPatch): Promise<AdminItem> {
      const row = await findItem(ctx, id);
      if (patch.details !== undefined) assertNoFieldErrors(validateItemDetails(row.kind, patch.details));
      if (patch.slug !== undefined && patch.slug !== row.slug) await assertSlugFree(ctx, patch.slug, id);
      await assertReferences(ctx, patch);
      const publishing = patch.status === 'published' && row.status !== 'published';
      // Bringing an archived item back makes it count towards the plan's limit again.
      if (row.status === 'archived' && patch.status !== undefined && patch.status !== 'archived')
        await assertRoomForItems(ctx.tx, ctx.studioId, 1);
      const { descriptionHtml, ...rest } = patch;
      try {
        await ctx.tx
          .update(catalogItems)
          .set({
            ...rest,
            ...(descriptionHtml !== undefined
              ? { descriptionHtml: sanitizeDescription(descriptionHtml) }
              : {}),
            ...(publishing ? { publishedAt: new Date() } : {}),
            updatedAt: new Date(),
          })
          .where(eq(catalogItems.id, id));
      } catch (error) {
        if (isUniqueViolation(error, 'catalog_items_studio_slug_key'))
          throw AppError.conflictOn(
            'slug',
            `An item with the slug "${patch.slug}" exists`,
            slugTaken(patch.slug),
          );
        throw error;
      }
      await refreshSearchDocuments(ctx.tx, ctx.studioId, [id]);
      const changed = { id, slug: patch.slug ?? row.slug, kind: row.kind };
      await itemEvent(ctx, 'updated', changed);
      if (publishing) await itemEvent(ctx, 'published', changed);
      return loadAdminItem(ctx, storage, id);
    },

    async replaceVariants(ctx: StudioContext, id: string, input: Parameters<typeof replaceVariants>[2]) {
      const row = await findItem(ctx, id);
      await replaceVariants(ctx, row, input);
      await refreshSearchDocuments(ctx.tx, ctx.studioId, [id]);
      await itemEvent(ctx, 'updated', row);
      return loadAdminItem(ctx, storage, id);
    },

    async remove(ctx: StudioContext, id: string): Promise<WriteOutcome<{ id: string }>> {
      const row = await findItem(ctx, id);
      const files = await ctx.tx
        .select({ key: catalogImages.storageKey })
        .from(catalogImages)
        .where(eq(catalogImages.itemId, id));
      await ctx.tx.delete(catalogItems).where(eq(catalogItems.id, id));
      await itemEvent(ctx, 'deleted', row);
      return { result: { id }, orphanedFiles: files.map((file) => file.key) };
    },

    async list(ctx: StudioContext, query: AdminItemListQuery): Promise<PageResult<AdminItemSummary>> {
      const limit = query.limit ?? 20;
      const before = decodeCursor(query.cursor);
      const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
      const rows = await ctx.tx
        .select()
        .from(catalogItems)
        .where(
          and(
            eq(catalogItems.studioId, ctx.studioId),
            query.status ? eq(catalogItems.status, query.status) : undefined,
            query.kind ? eq(catalogItems.kind, query.kind) : undefined,
            query.brandId ? eq(catalogItems.brandId, query.brandId) : undefined,
            query.categoryId
              ? sql`${catalogItems.categoryId} in (select c.id from catalog_categories c, catalog_categories root
                  where root.id = ${query.categoryId} and (c.path = root.path or c.path like root.path || '/%'))`
              : undefined,
            pattern
              ? or(
                  ilike(catalogItems.name, pattern),
                  ilike(catalogItems.slug, pattern),
                  sql`exists (select 1 from catalog_variants v where v.item_id = ${catalogItems.id}
                    and v.sku ilike ${pattern})`,
                )
              : undefined,
            before ? lt(catalogItems.id, before) : undefined,
          ),
        )
        .orderBy(desc(catalogItems.id))
        .limit(limit + 1);
      const ids = rows.map((row) => row.id);
      const stats = new Map<string, { count: number; stock: number | null; skus: string[] }>();
      const thumbnails = new Map<string, string>();
      if (ids.length > 0) {
        const { rows: aggregates } = (await ctx.tx.execute(sql`
          select item_id, count(*)::int as count,
            case when bool_or(track_stock) then sum(stock) filter (where track_stock)::int end as stock,
            (array_agg(sku order by position) filter (where sku is not null))[1:3] as skus
          from catalog_variants where item_id = any(${toUuidArray(ids)}) and active group by item_id
        `)) as unknown as {
          rows: { item_id: string; count: number; stock: number | null; skus: string[] | null }[];
        };
        for (const row of aggregates)
          stats.set(row.item_id, { count: row.count, stock: row.stock, skus: row.skus ?? [] });
        const firstImages = await ctx.tx
          .selectDistinctOn([catalogImages.itemId], {
            itemId: catalogImages.itemId,
            key: catalogImages.storageKey,
          })
          .from(catalogImages)
          .where(inArray(catalogImages.itemId, ids))
          .orderBy(catalogImages.itemId, catalogImages.position, catalogImages.id);
        for (const image of firstImages) thumbnails.set(image.itemId, await imageUrl(storage, image.key));
      }
      const summaries = rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        slug: row.slug,
        name: row.name,
        status: row.status,
        categoryId: row.categoryId,
        brandId: row.brandId,
        featured: row.featured,
        priceFromMinor: row.priceFromMinor,
        compareAtFromMinor: row.compareAtFromMinor,
        currency: row.currency,
        variantCount: stats.get(row.id)?.count ?? 0,
        skus: stats.get(row.id)?.skus ?? [],
        stock: stats.get(row.id)?.stock ?? null,
        thumbnailUrl: thumbnails.get(row.id) ?? null,
        updatedAt: row.updatedAt.toISOString(),
      }));
      return toPage(summaries, limit);
    },

    /** One action on many items; every id must be this studio's (404 naming `ids[i]` otherwise). */
    async bulk(
      ctx: StudioContext,
      input: BulkAction,
    ): Promise<WriteOutcome<{ action: string; affected: number }>> {
      const rows = await ctx.tx
        .select({
          id: catalogItems.id,
          slug: catalogItems.slug,
          kind: catalogItems.kind,
          status: catalogItems.status,
        })
        .from(catalogItems)
        .where(and(eq(catalogItems.studioId, ctx.studioId), inArray(catalogItems.id, input.ids)));
      const found = new Set(rows.map((row) => row.id));
      const missing = input.ids.findIndex((id) => !found.has(id));
      if (missing >= 0)
        throw new AppError('not_found', 'No such catalog item', {
          fields: [{ field: `ids[${missing}]`, message: 'is not an item of this studio' }],
        });
      const ids = input.ids;
      const result = { action: input.action, affected: rows.length };

      if (input.action === 'delete') {
        const files = await ctx.tx
          .select({ key: catalogImages.storageKey })
          .from(catalogImages)
          .where(inArray(catalogImages.itemId, ids));
        await ctx.tx.delete(catalogItems).where(inArray(catalogItems.id, ids));
        for (const row of rows) await itemEvent(ctx, 'deleted', row);
        return { result, orphanedFiles: files.map((file) => file.key) };
      }

      if (input.action === 'publish' || input.action === 'archive') {
        const status = input.action === 'publish' ? 'published' : 'archived';
        if (status === 'published')
          await assertRoomForItems(
            ctx.tx,
            ctx.studioId,
            rows.filter((row) => row.status === 'archived').length,
          );
        await ctx.tx
          .update(catalogItems)
          .set({
            status,
            // Only items that were not published get a new publishedAt.
            ...(status === 'published'
              ? {
                  publishedAt: sql`case when ${catalogItems.status} = 'published' then ${catalogItems.publishedAt} else now() end`,
                }
              : {}),
            updatedAt: new Date(),
          })
          .where(inArray(catalogItems.id, ids));
        for (const row of rows) {
          await itemEvent(ctx, 'updated', row);
          if (status === 'published' && row.status !== 'published') await itemEvent(ctx, 'published', row);
        }
      } else {
        if (input.priceMinor === undefined && input.percent === undefined)
          throw AppError.invalid('priceMinor', 'set_price needs priceMinor or percent', {
            ...CATALOG_RULES.bulkPriceNeeded,
          });
        if (input.priceMinor !== undefined && input.percent !== undefined)
          throw AppError.invalid('percent', 'send priceMinor or percent, not both', {
            ...CATALOG_RULES.bulkPriceOrPercent,
          });
        const price =
          input.priceMinor !== undefined
            ? sql`${input.priceMinor}::bigint`
            : // Integer arithmetic, rounded half up, never below zero.
              sql`greatest(0, round(${catalogVariants.priceMinor} * (100 + ${input.percent}::numeric) / 100))::bigint`;
        await ctx.tx
          .update(catalogVariants)
          .set({ priceMinor: price, updatedAt: new Date() })
          .where(inArray(catalogVariants.itemId, ids));
        await refreshItemPrices(ctx.tx, ids);
        for (const row of rows) await itemEvent(ctx, 'updated', row);
      }
      await refreshSearchDocuments(ctx.tx, ctx.studioId, ids);
      return { result, orphanedFiles: [] };
    },
  };
}
