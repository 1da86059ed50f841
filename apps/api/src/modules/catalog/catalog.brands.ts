import { and, asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { StudioContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { Brand, BrandPatch, NewBrand } from './catalog.admin.schemas.js';
import { slugify } from './catalog.admin.service.js';
import { slugTaken } from './catalog.reasons.js';
import { catalogBrands, catalogItems } from './catalog.tables.js';
import { isUniqueViolation } from './catalog.variants.js';

/**
 * Brands (the supplier's Schneider, ABB...). The brand name is part of every item's search document,
 * so renaming one returns the ids of its items for the caller to refresh; deleting one leaves its items
 * without a brand (the foreign key sets null).
 */

// Qualified by hand: drizzle leaves columns unqualified in a one-table select, and "id" inside the
// subquery would then mean the item's id.
const itemCount = sql<number>`(select count(*)::int from catalog_items i where i.brand_id = catalog_brands.id)`;

const columns = { id: catalogBrands.id, slug: catalogBrands.slug, name: catalogBrands.name, itemCount };

async function findBrand(ctx: StudioContext, id: string): Promise<Brand> {
  const [row] = await ctx.tx
    .select(columns)
    .from(catalogBrands)
    .where(and(eq(catalogBrands.studioId, ctx.studioId), eq(catalogBrands.id, id)));
  if (!row) throw new AppError('not_found', 'No such brand');
  return row;
}

async function assertSlugFree(ctx: StudioContext, slug: string, exceptId?: string) {
  const [taken] = await ctx.tx
    .select({ id: catalogBrands.id })
    .from(catalogBrands)
    .where(and(eq(catalogBrands.studioId, ctx.studioId), eq(catalogBrands.slug, slug)));
  if (taken && taken.id !== exceptId)
    throw AppError.conflictOn('slug', `A brand with the slug "${slug}" exists`, slugTaken(slug));
}

const conflict = (error: unknown, slug: string | undefined) =>
  isUniqueViolation(error, 'catalog_brands_studio_slug_key')
    ? AppError.conflictOn('slug', `A brand with the slug "${slug}" exists`, slugTaken(slug))
    : error;

export async function listBrands(ctx: StudioContext): Promise<Brand[]> {
  return ctx.tx
    .select(columns)
    .from(catalogBrands)
    .where(eq(catalogBrands.studioId, ctx.studioId))
    .orderBy(asc(catalogBrands.name));
}

export async function createBrand(ctx: StudioContext, input: NewBrand): Promise<Brand> {
  const slug = input.slug ?? slugify(input.name, 'brand');
  await assertSlugFree(ctx, slug);
  const id = uuidv7();
  try {
    await ctx.tx.insert(catalogBrands).values({ id, studioId: ctx.studioId, slug, name: input.name });
  } catch (error) {
    throw conflict(error, slug);
  }
  return findBrand(ctx, id);
}

/** Returns the brand and the items whose search documents name it. */
export async function updateBrand(ctx: StudioContext, id: string, patch: BrandPatch) {
  await findBrand(ctx, id);
  if (patch.slug !== undefined) await assertSlugFree(ctx, patch.slug, id);
  try {
    await ctx.tx
      .update(catalogBrands)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(catalogBrands.id, id));
  } catch (error) {
    throw conflict(error, patch.slug);
  }
  const items = await ctx.tx
    .select({ id: catalogItems.id })
    .from(catalogItems)
    .where(eq(catalogItems.brandId, id));
  return { brand: await findBrand(ctx, id), itemIds: items.map((item) => item.id) };
}

/** Deletes the brand; its items keep selling without one. Returns their ids for the search refresh. */
export async function deleteBrand(ctx: StudioContext, id: string) {
  const brand = await findBrand(ctx, id);
  const items = await ctx.tx
    .select({ id: catalogItems.id })
    .from(catalogItems)
    .where(eq(catalogItems.brandId, id));
  await ctx.tx.delete(catalogBrands).where(eq(catalogBrands.id, id));
  return { brand, itemIds: items.map((item) => item.id) };
}
