import { and, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  addSearchWords,
  catalogFlashSales,
  catalogImages,
  catalogItems,
  catalogOptions,
  catalogVariants,
  ensureBrands,
  ensureCategoryPaths,
  invalidateCatalog,
  refreshItemPrices,
  segmentThai,
  stripHtml,
} from '../../modules/index.js';
import type { Cache } from '../../platform/cache/index.js';
import type { Database } from '../../platform/db/index.js';
import type { Storage } from '../../platform/storage/index.js';
import { demoSvg } from './images.js';
import type { DemoItem } from './types.js';

/** Rows per INSERT: well under Postgres' 65,535 parameters with ~20 columns. */
const CHUNK = 1000;

function chunks<T>(values: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < values.length; i += size) result.push(values.slice(i, i + size));
  return result;
}

/**
 * The search document written with the row, so 5,000 items are written once instead of inserted and
 * then updated twice (every update rewrites each of the items' indexes). Same composition as
 * refreshSearchDocuments in modules/catalog/catalog.search.ts; catalog.test.ts checks they agree.
 */
function searchColumns(item: DemoItem) {
  const skus = item.variants.flatMap((variant) => (variant.sku ? [variant.sku] : [])).join(' ');
  const brand = item.brand ?? '';
  const a = segmentThai(item.name);
  const b = segmentThai([(item.tags ?? []).join(' '), brand, skus].join(' '));
  const c = segmentThai(item.summary);
  const d = segmentThai(stripHtml(item.descriptionHtml ?? ''));
  return {
    searchVector: sql`setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B') ||
      setweight(to_tsvector('simple', ${c}), 'C') || setweight(to_tsvector('simple', ${d}), 'D')`,
  };
}

/** A single-variant item's prices (refreshItemPrices' rule: compare-at only when above the price). */
function singleVariantPrices(item: DemoItem) {
  const [variant] = item.variants;
  const price = variant?.priceMinor ?? 0;
  const compareAt = variant?.compareAtMinor;
  return {
    priceFromMinor: price,
    compareAtFromMinor: compareAt !== undefined && compareAt > price ? compareAt : null,
  };
}

const variantTitle = (options: DemoItem['options'], values: Record<string, string> | undefined) =>
  (options ?? []).map((option) => values?.[option.name] ?? '').join(' / ');

/** Where a demo item's picture is kept; items that share a picture share the key. */
const pictureKey = (studioId: string, item: DemoItem) =>
  `studios/${studioId}/catalog/demo/${item.image?.shareKey ?? item.slug}.svg`;

/** Draws and stores the items' pictures, each shared one once; answers each item's key. */
async function putPictures(storage: Storage, studioId: string, items: DemoItem[]) {
  const keys = new Map<DemoItem, string>();
  const stored = new Set<string>();
  for (const item of items) {
    if (!item.image) continue;
    const key = pictureKey(studioId, item);
    if (!stored.has(key)) {
      await storage.put(key, demoSvg(item.image), { contentType: 'image/svg+xml' });
      stored.add(key);
    }
    keys.set(item, key);
  }
  return keys;
}

export interface SeedCatalogDeps {
  database: Database;
  cache: Cache;
  /** Without storage the items get no pictures (tests that do not need them). */
  storage?: Storage | undefined;
}

/**
 * Writes a demo catalog in one transaction with bulk inserts (a few statements per thousand items).
 * Idempotent: items whose slug exists are left as they are (the owner may have edited them), so a
 * second run inserts nothing. Returns how many items it created.
 */
export async function seedCatalog(
  { database, cache, storage }: SeedCatalogDeps,
  studio: { id: string; currency: string },
  items: DemoItem[],
  now: Date = new Date(),
): Promise<number> {
  const studioId = studio.id;
  const existing = await database.withStudio(studioId, (tx) =>
    tx
      .select({ slug: catalogItems.slug })
      .from(catalogItems)
      .where(
        and(
          eq(catalogItems.studioId, studioId),
          inArray(
            catalogItems.slug,
            items.map((item) => item.slug),
          ),
        ),
      ),
  );
  const taken = new Set(existing.map((row) => row.slug));
  const fresh = items.filter((item) => !taken.has(item.slug));
  // The database kept the items but the files are gone (Postgres kept, a new local data directory):
  // the pictures have fixed keys, so they are drawn again. One lookup tells, for the first picture.
  const kept = items.filter((item) => taken.has(item.slug) && item.image);
  const firstKept = kept[0];
  // A storage that cannot answer the lookup (an S3 key without ListBucket answers 403 for a missing
  // object) is left alone: pictures are not worth failing the boot over.
  const present =
    storage && firstKept ? await storage.head(pictureKey(studioId, firstKept)).catch(() => 'unknown') : true;
  if (storage && present === null) await putPictures(storage, studioId, kept);
  if (fresh.length === 0) return 0;

  // Pictures first (outside the transaction: files are not transactional anyway).
  const imageKeys = storage ? await putPictures(storage, studioId, fresh) : new Map<DemoItem, string>();

  await database.withStudio(studioId, async (tx) => {
    const paths = fresh.flatMap((item) => (item.category ? [item.category] : []));
    const categories = await ensureCategoryPaths(tx, studioId, paths);
    const brandNames = [...new Set(fresh.flatMap((item) => (item.brand ? [item.brand] : [])))];
    const brands = await ensureBrands(tx, studioId, brandNames);

    const ids = new Map<DemoItem, string>();
    for (const item of fresh) ids.set(item, uuidv7());
    for (const part of chunks(fresh)) {
      await tx
        .insert(catalogItems)
        .values(
          part.map((item) => ({
            id: ids.get(item) as string,
            studioId,
            kind: item.kind,
            slug: item.slug,
            name: item.name,
            summary: item.summary,
            descriptionHtml: item.descriptionHtml ?? '',
            status: 'published' as const,
            categoryId: item.category ? (categories.get(item.category.join('\u0000')) ?? null) : null,
            brandId: item.brand ? (brands.get(item.brand) ?? null) : null,
            tags: item.tags ?? [],
            featured: item.featured ?? false,
            isNew: item.isNew ?? false,
            seoTitle: item.seoTitle ?? null,
            seoDescription: item.seoDescription ?? null,
            details: item.details ?? {},
            currency: studio.currency,
            publishedAt: now,
            ...singleVariantPrices(item),
            ...searchColumns(item),
          })),
        )
        .onConflictDoNothing({ target: [catalogItems.studioId, catalogItems.slug] });
    }
    // The search documents were written with the rows; their words feed typo correction.
    await addSearchWords(tx, studioId, [...ids.values()]);

    const options = fresh.flatMap((item) =>
      (item.options ?? []).map((option, position) => ({
        studioId,
        itemId: ids.get(item) as string,
        name: option.name,
        position,
        values: option.values,
      })),
    );
    for (const part of chunks(options)) await tx.insert(catalogOptions).values(part);

    const variants = fresh.flatMap((item) =>
      item.variants.map((variant, position) => ({
        studioId,
        itemId: ids.get(item) as string,
        sku: variant.sku ?? null,
        title: variantTitle(item.options, variant.optionValues),
        optionValues: variant.optionValues ?? {},
        priceMinor: variant.priceMinor,
        compareAtMinor: variant.compareAtMinor ?? null,
        trackStock: variant.stock !== undefined,
        stock: variant.stock ?? 0,
        minOrderQuantity: variant.minOrderQuantity ?? 1,
        weightGrams: variant.weightGrams ?? null,
        podProductId: variant.podProductId ?? null,
        podVariantId: variant.podVariantId ?? null,
        details: variant.details ?? {},
        position,
      })),
    );
    for (const part of chunks(variants)) {
      await tx
        .insert(catalogVariants)
        .values(part)
        .onConflictDoNothing({
          target: [catalogVariants.studioId, catalogVariants.sku],
          where: sql`sku is not null`,
        });
    }

    const images = fresh.flatMap((item) => {
      const key = imageKeys.get(item);
      return key && item.image
        ? [
            {
              studioId,
              itemId: ids.get(item) as string,
              storageKey: key,
              contentType: 'image/svg+xml',
              alt: item.image.alt,
              width: 800,
              height: 800,
              position: 0,
            },
          ]
        : [];
    });
    for (const part of chunks(images)) await tx.insert(catalogImages).values(part);

    const hour = 3600_000;
    const sales = fresh.flatMap((item) =>
      item.flashSale
        ? [
            {
              studioId,
              itemId: ids.get(item) as string,
              name: item.flashSale.name,
              percentOff: item.flashSale.percentOff,
              startsAt: new Date(now.getTime() + item.flashSale.startsInHours * hour),
              endsAt: new Date(now.getTime() + item.flashSale.endsInHours * hour),
            },
          ]
        : [],
    );
    if (sales.length > 0) await tx.insert(catalogFlashSales).values(sales);

    // Items with several variants take the lowest price of them: the catalog's own rule.
    const multiVariant = fresh
      .filter((item) => item.variants.length > 1)
      .map((item) => ids.get(item) as string);
    await refreshItemPrices(tx, multiVariant);
  });
  await invalidateCatalog(cache, studioId);
  return fresh.length;
}
