import { and, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/index.js';
import type { PlanAllowance } from '../studios/index.js';
import { roomForItems } from './catalog.counts.js';
import type { CsvColumn, CsvHeader, ProductRow, RejectedRow } from './catalog.csv.js';
import { slugify } from './catalog.csv.js';
import { validateItemDetails } from './catalog.details.js';
import { sanitizeDescription } from './catalog.sanitize.js';
import { refreshSearchDocuments } from './catalog.search.js';
import {
  catalogBrands,
  catalogCategories,
  catalogItems,
  catalogOptions,
  catalogVariants,
} from './catalog.tables.js';
import { refreshItemPrices } from './catalog.variants.js';

/**
 * Writes one batch of validated CSV rows (a few hundred) with a fixed number of statements, whatever the
 * batch size: look up the SKUs, create missing categories and brands, upsert the items, upsert the
 * variants, refresh prices and search documents. No query per row.
 */

const categoryKey = (parentId: string | null, name: string) => `${parentId ?? ''}\u0000${name.toLowerCase()}`;

/**
 * The category id of each "A > B > C" path, creating the missing levels (one INSERT per depth). Names
 * match case-insensitively among siblings; a new category's slug is its name's, made unique per studio.
 */
export async function ensureCategoryPaths(
  tx: Tx,
  studioId: string,
  paths: string[][],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (paths.length === 0) return result;
  const rows = await tx
    .select({
      id: catalogCategories.id,
      parentId: catalogCategories.parentId,
      name: catalogCategories.name,
      slug: catalogCategories.slug,
      path: catalogCategories.path,
      position: catalogCategories.position,
    })
    .from(catalogCategories)
    .where(eq(catalogCategories.studioId, studioId));
  const byKey = new Map(rows.map((row) => [categoryKey(row.parentId, row.name), row]));
  const slugs = new Set(rows.map((row) => row.slug));
  const nextPosition = new Map<string | null, number>();
  for (const row of rows) {
    nextPosition.set(row.parentId, Math.max(nextPosition.get(row.parentId) ?? 0, row.position + 1));
  }
  const depth = Math.max(...paths.map((path) => path.length));
  for (let level = 0; level < depth; level++) {
    const created: (typeof catalogCategories.$inferInsert)[] = [];
    for (const path of paths) {
      const name = path[level];
      if (name === undefined) continue;
      const parent = level === 0 ? null : byKey.get(keyOfPath(path.slice(0, level), byKey));
      const parentId = parent?.id ?? null;
      const key = categoryKey(parentId, name);
      if (byKey.has(key)) continue;
      const id = uuidv7();
      const slug = uniqueSlug(slugify(name) || 'category', parent ? slugify(parent.name) : '', slugs);
      const position = nextPosition.get(parentId) ?? 0;
      nextPosition.set(parentId, position + 1);
      const row = {
        id,
        studioId,
        parentId,
        name,
        slug,
        position,
        path: parent ? `${parent.path}/${id}` : id,
        depth: level,
      };
      created.push(row);
      byKey.set(key, { ...row, parentId });
    }
    if (created.length > 0) await tx.insert(catalogCategories).values(created);
  }
  for (const path of paths) {
    const category = byKey.get(keyOfPath(path, byKey));
    if (category) result.set(path.join('\u0000'), category.id);
  }
  return result;
}

function keyOfPath(path: string[], byKey: Map<string, { id: string }>): string {
  let parentId: string | null = null;
  let key = '';
  for (const name of path) {
    key = categoryKey(parentId, name);
    parentId = byKey.get(key)?.id ?? null;
  }
  return key;
}

function uniqueSlug(base: string, parentSlug: string, taken: Set<string>): string {
  const candidates = [base, parentSlug ? `${parentSlug}-${base}` : base];
  for (const candidate of candidates) {
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

/** The brand id of each name (matched by slug, so "ABB" and "abb" are one brand), creating missing ones. */
export async function ensureBrands(tx: Tx, studioId: string, names: string[]): Promise<Map<string, string>> {
  const wanted = new Map<string, string>();
  for (const name of names) {
    const slug = slugify(name) || `brand-${Buffer.from(name).toString('hex').slice(0, 16)}`;
    if (!wanted.has(slug)) wanted.set(slug, name);
  }
  const result = new Map<string, string>();
  if (wanted.size === 0) return result;
  await tx
    .insert(catalogBrands)
    .values([...wanted].map(([slug, name]) => ({ studioId, slug, name })))
    .onConflictDoNothing({ target: [catalogBrands.studioId, catalogBrands.slug] });
  const rows = await tx
    .select({ id: catalogBrands.id, slug: catalogBrands.slug })
    .from(catalogBrands)
    .where(and(eq(catalogBrands.studioId, studioId), inArray(catalogBrands.slug, [...wanted.keys()])));
  const idBySlug = new Map(rows.map((row) => [row.slug, row.id]));
  for (const name of names) {
    const id = idBySlug.get(slugify(name) || `brand-${Buffer.from(name).toString('hex').slice(0, 16)}`);
    if (id) result.set(name, id);
  }
  return result;
}

export interface BatchResult {
  created: number;
  /** Existing SKUs written, including the reactivated ones. */
  updated: number;
  /** Retired variants (left out of an editor save) that the file brought back on sale. */
  reactivated: number;
  rejected: RejectedRow[];
  itemIds: string[];
}

interface Existing {
  sku: string;
  itemId: string;
  /** False for a retired variant. */
  active: boolean;
  optionValues: Record<string, string>;
  kind: ProductRow['kind'] & string;
  slug: string;
  status: string;
  details: Record<string, unknown>;
}

const DETAILS_FIELD_TO_COLUMN: Record<string, string> = {
  'details.unit': 'unit',
  'details.packSize': 'pack_size',
  'details.specs': 'spec',
};

/**
 * The plan's item limit: rows that would add an item (a new SKU, or an archived item brought back) past
 * the room the plan has left are rejected, in file order; the rest of the file still imports.
 */
function withinPlan(
  rows: ProductRow[],
  existing: Map<string, Existing>,
  rejected: RejectedRow[],
  { plan, allowed, room }: PlanAllowance,
): ProductRow[] {
  let left = room;
  const revived = new Set<string>();
  return rows.filter((row) => {
    const current = existing.get(row.sku);
    const adds = current
      ? current.status === 'archived' &&
        row.status !== undefined &&
        row.status !== 'archived' &&
        !revived.has(current.itemId)
      : (row.status ?? 'published') !== 'archived';
    if (!adds) return true;
    if (left <= 0) {
      rejected.push({
        row: row.row,
        field: 'catalogItems',
        message: `would go past the ${plan} plan's limit of ${allowed} catalog items; upgrade the plan to import more`,
      });
      return false;
    }
    left--;
    if (current) revived.add(current.itemId);
    return true;
  });
}

/**
 * Rows naming a retired variant come back on sale (the file says "sell this"), as long as the variant
 * still fits its item: its option values are among the item's current options, and no variant on sale
 * (or brought back earlier in the batch) has its combination. One that no longer fits is rejected with
 * the reason, like the editor's disabled "Reactivate", rather than written and left off sale silently.
 * Two reads, only when the batch names a retired variant.
 */
async function reactivatable(
  tx: Tx,
  rows: ProductRow[],
  existing: Map<string, Existing>,
  rejected: RejectedRow[],
): Promise<ProductRow[]> {
  const itemIds = [
    ...new Set(
      rows.flatMap((row) =>
        existing.get(row.sku)?.active === false ? [existing.get(row.sku)?.itemId as string] : [],
      ),
    ),
  ];
  if (itemIds.length === 0) return rows;
  const optionRows = await tx
    .select({ itemId: catalogOptions.itemId, name: catalogOptions.name, values: catalogOptions.values })
    .from(catalogOptions)
    .where(inArray(catalogOptions.itemId, itemIds))
    .orderBy(catalogOptions.itemId, catalogOptions.position);
  const optionsOf = new Map<string, { name: string; values: string[] }[]>();
  for (const option of optionRows)
    optionsOf.set(option.itemId, [...(optionsOf.get(option.itemId) ?? []), option]);
  const onSale = await tx
    .select({ itemId: catalogVariants.itemId, optionValues: catalogVariants.optionValues })
    .from(catalogVariants)
    .where(and(inArray(catalogVariants.itemId, itemIds), eq(catalogVariants.active, true)));
  const combination = (itemId: string, values: Record<string, string>) =>
    JSON.stringify([itemId, ...(optionsOf.get(itemId) ?? []).map((option) => values[option.name])]);
  const sold = new Set(onSale.map((variant) => combination(variant.itemId, variant.optionValues)));

  return rows.filter((row) => {
    const current = existing.get(row.sku);
    if (current?.active !== false) return true;
    const options = optionsOf.get(current.itemId) ?? [];
    const values = current.optionValues ?? {};
    const fits =
      Object.keys(values).every((name) => options.some((option) => option.name === name)) &&
      options.every((option) => option.values.includes(values[option.name] ?? '\u0000'));
    const described = Object.entries(values)
      .map(([name, value]) => `${name}: ${value}`)
      .join(', ');
    const key = combination(current.itemId, values);
    let message: string | null = null;
    if (!fits)
      message = `is a retired variant whose options (${described || 'none'}) no longer match its item's; add them back in the item's editor, then import again`;
    else if (sold.has(key))
      message = described
        ? `is a retired variant whose combination (${described}) another variant of its item now sells`
        : 'is a retired variant of an item that now sells another variant; an item without options has one';
    if (message) {
      rejected.push({ row: row.row, field: 'sku', message });
      return false;
    }
    sold.add(key);
    return true;
  });
}

/** Writes validated rows (SKUs unique within the batch). Rows that break a rule here come back rejected. */
export async function writeProductRows(
  tx: Tx,
  studioId: string,
  currency: string,
  header: CsvHeader,
  rows: ProductRow[],
): Promise<BatchResult> {
  const has = (column: CsvColumn) => header.columns.has(column);
  const rejected: RejectedRow[] = [];
  if (rows.length === 0) return { created: 0, updated: 0, reactivated: 0, rejected, itemIds: [] };

  const existingRows = await tx
    .select({
      sku: catalogVariants.sku,
      itemId: catalogVariants.itemId,
      active: catalogVariants.active,
      optionValues: catalogVariants.optionValues,
      kind: catalogItems.kind,
      slug: catalogItems.slug,
      status: catalogItems.status,
      details: catalogItems.details,
    })
    .from(catalogVariants)
    .innerJoin(catalogItems, eq(catalogItems.id, catalogVariants.itemId))
    .where(
      and(
        eq(catalogVariants.studioId, studioId),
        inArray(
          catalogVariants.sku,
          rows.map((row) => row.sku),
        ),
      ),
    );
  const existing = new Map(existingRows.map((row) => [row.sku as string, row as Existing]));

  // New products need a name and a price even when the file only updates other columns.
  let candidates = rows.filter((row) => {
    if (existing.has(row.sku)) return true;
    if (row.name === undefined)
      rejected.push({ row: row.row, field: 'name', message: 'is required for a new SKU' });
    else if (row.priceMinor === undefined)
      rejected.push({ row: row.row, field: 'price', message: 'is required for a new SKU' });
    else return true;
    return false;
  });

  // Slugs: a given slug must be free (or already this item's); a generated one is made unique.
  const wantedSlugs = new Map<ProductRow, string[]>();
  for (const row of candidates) {
    const current = existing.get(row.sku);
    if (row.slug) wantedSlugs.set(row, [row.slug]);
    else if (!current) {
      const base = slugify(row.name ?? '') || slugify(row.sku) || 'item';
      wantedSlugs.set(row, [base, `${base}-${slugify(row.sku) || 'sku'}`.slice(0, 100).replace(/-+$/, '')]);
    }
  }
  const allSlugs = [...new Set([...wantedSlugs.values()].flat())];
  const slugOwners = new Map<string, string>();
  if (allSlugs.length > 0) {
    const owners = await tx
      .select({ id: catalogItems.id, slug: catalogItems.slug })
      .from(catalogItems)
      .where(and(eq(catalogItems.studioId, studioId), inArray(catalogItems.slug, allSlugs)));
    for (const owner of owners) slugOwners.set(owner.slug, owner.id);
  }
  const slugOf = new Map<ProductRow, string>();
  candidates = candidates.filter((row) => {
    const current = existing.get(row.sku);
    const options = wantedSlugs.get(row);
    if (!options) {
      slugOf.set(row, current?.slug ?? '');
      return true;
    }
    const free = options.find((slug) => {
      const owner = slugOwners.get(slug);
      return owner === undefined || owner === current?.itemId;
    });
    if (free === undefined) {
      rejected.push({
        row: row.row,
        field: 'slug',
        message: row.slug ? 'is used by another item' : 'could not be made unique; give one',
      });
      return false;
    }
    // Taken for the rest of this batch.
    slugOwners.set(free, current?.itemId ?? `row:${row.row}`);
    slugOf.set(row, free);
    return true;
  });

  // Details (unit, pack size, specs) merged over what the item has, then checked against its kind.
  const detailsOf = new Map<ProductRow, Record<string, unknown>>();
  candidates = candidates.filter((row) => {
    const current = existing.get(row.sku);
    const kind = row.kind ?? current?.kind ?? 'product';
    const details: Record<string, unknown> = { ...(current?.details ?? {}) };
    const put = (key: string, value: unknown) => {
      if (value === null || value === undefined || (Array.isArray(value) && value.length === 0))
        delete details[key];
      else details[key] = value;
    };
    if (row.unit !== undefined) put('unit', row.unit);
    if (row.packSize !== undefined) put('packSize', row.packSize);
    if (row.specs !== undefined) put('specs', row.specs);
    const errors = validateItemDetails(kind, details);
    const first = errors[0];
    if (first) {
      const column =
        Object.entries(DETAILS_FIELD_TO_COLUMN).find(([prefix]) => first.field.startsWith(prefix))?.[1] ??
        'kind';
      rejected.push({ row: row.row, field: column, message: `${first.message} (for a ${kind})` });
      return false;
    }
    detailsOf.set(row, details);
    return true;
  });
  candidates = await reactivatable(tx, candidates, existing, rejected);
  candidates = withinPlan(candidates, existing, rejected, await roomForItems(tx, studioId));
  if (candidates.length === 0) return { created: 0, updated: 0, reactivated: 0, rejected, itemIds: [] };

  const categoryPaths = candidates.flatMap((row) => (row.categoryPath ? [row.categoryPath] : []));
  const categories = await ensureCategoryPaths(tx, studioId, categoryPaths);
  const brandNames = [...new Set(candidates.flatMap((row) => (row.brand ? [row.brand] : [])))];
  const brands = await ensureBrands(tx, studioId, brandNames);

  const now = new Date();
  const itemIdOf = new Map<ProductRow, string>();
  const itemValues = candidates.map((row) => {
    const current = existing.get(row.sku);
    const id = current?.itemId ?? uuidv7();
    itemIdOf.set(row, id);
    const status = row.status ?? 'published';
    return {
      id,
      studioId,
      kind: row.kind ?? current?.kind ?? 'product',
      slug: slugOf.get(row) ?? '',
      name: row.name ?? '',
      summary: row.summary ?? '',
      descriptionHtml: row.description ? sanitizeDescription(row.description) : '',
      status,
      categoryId: row.categoryPath ? (categories.get(row.categoryPath.join('\u0000')) ?? null) : null,
      brandId: row.brand ? (brands.get(row.brand) ?? null) : null,
      tags: row.tags ?? [],
      details: detailsOf.get(row) ?? {},
      priceFromMinor: row.priceMinor ?? 0,
      compareAtFromMinor: row.compareAtMinor ?? null,
      currency,
      publishedAt: status === 'published' ? now : null,
    };
  });
  // An update sets only the columns the file has (plus details and slug, computed above).
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  const itemUpdates: Record<string, unknown> = {
    slug: excluded('slug'),
    kind: excluded('kind'),
    details: excluded('details'),
    updatedAt: now,
  };
  if (has('name')) itemUpdates.name = excluded('name');
  if (has('summary')) itemUpdates.summary = excluded('summary');
  if (has('description')) itemUpdates.descriptionHtml = excluded('description_html');
  if (has('status')) {
    itemUpdates.status = excluded('status');
    itemUpdates.publishedAt = sql`case when excluded.status = 'published'
      then coalesce(${catalogItems.publishedAt}, excluded.published_at) else ${catalogItems.publishedAt} end`;
  }
  if (has('category')) itemUpdates.categoryId = excluded('category_id');
  if (has('brand')) itemUpdates.brandId = excluded('brand_id');
  if (has('tags')) itemUpdates.tags = excluded('tags');
  // Two SKUs of one (multi-variant) item update it once.
  const uniqueItems = [...new Map(itemValues.map((item) => [item.id, item])).values()];
  await tx
    .insert(catalogItems)
    .values(uniqueItems)
    .onConflictDoUpdate({ target: catalogItems.id, set: itemUpdates });

  const variantValues = candidates.map((row) => ({
    studioId,
    itemId: itemIdOf.get(row) as string,
    sku: row.sku,
    priceMinor: row.priceMinor ?? 0,
    compareAtMinor: row.compareAtMinor ?? null,
    trackStock: row.stock !== null && row.stock !== undefined,
    stock: row.stock ?? 0,
    minOrderQuantity: row.minOrderQuantity ?? 1,
    weightGrams: row.weightGrams ?? null,
    active: true,
  }));
  // A row in the file means "sell this": a retired variant named by its SKU comes back on sale.
  const variantUpdates: Record<string, unknown> = { updatedAt: now, active: excluded('active') };
  if (has('price')) variantUpdates.priceMinor = excluded('price_minor');
  if (has('compare_at_price')) variantUpdates.compareAtMinor = excluded('compare_at_minor');
  if (has('stock')) {
    variantUpdates.trackStock = excluded('track_stock');
    variantUpdates.stock = excluded('stock');
  }
  if (has('min_order_quantity')) variantUpdates.minOrderQuantity = excluded('min_order_quantity');
  if (has('weight_grams')) variantUpdates.weightGrams = excluded('weight_grams');
  await tx
    .insert(catalogVariants)
    .values(variantValues)
    .onConflictDoUpdate({
      target: [catalogVariants.studioId, catalogVariants.sku],
      targetWhere: sql`sku is not null`,
      set: variantUpdates,
    });

  const itemIds = uniqueItems.map((item) => item.id);
  await refreshItemPrices(tx, itemIds);
  await refreshSearchDocuments(tx, studioId, itemIds);
  const updated = candidates.filter((row) => existing.has(row.sku)).length;
  const reactivated = candidates.filter((row) => existing.get(row.sku)?.active === false).length;
  return { created: candidates.length - updated, updated, reactivated, rejected, itemIds };
}
