import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import { refreshSearchDocuments } from './catalog.search.js';
import {
  type CatalogItemKind,
  type CatalogItemStatus,
  catalogBrands,
  catalogCategories,
  catalogImages,
  catalogItems,
  catalogVariants,
} from './catalog.tables.js';

/**
 * Test data for the read side, written straight into the tables (the admin API is another engineer's
 * and is tested there). Keeps the invariants the admin service keeps: category paths, priceFromMinor =
 * lowest active variant price, search documents.
 */

export interface VariantSpec {
  sku?: string;
  title?: string;
  optionValues?: Record<string, string>;
  priceMinor: number;
  stock?: number;
  trackStock?: boolean;
  active?: boolean;
}

export interface ItemSpec {
  slug: string;
  name: string;
  kind?: CatalogItemKind;
  status?: CatalogItemStatus;
  category?: string;
  brand?: string;
  tags?: string[];
  summary?: string;
  descriptionHtml?: string;
  featured?: boolean;
  popularity?: number;
  image?: string;
  variants?: VariantSpec[];
}

export interface CatalogSpec {
  currency?: string;
  categories?: { slug: string; name: string; parent?: string }[];
  brands?: { slug: string; name: string }[];
  items: ItemSpec[];
}

export interface Seeded {
  items: Map<string, { id: string; variantIds: string[] }>;
  categories: Map<string, string>;
}

export async function seedCatalog(database: Database, studioId: string, spec: CatalogSpec): Promise<Seeded> {
  return database.withStudio(studioId, async (tx) => {
    const categories = new Map<string, { id: string; path: string; depth: number }>();
    for (const [position, category] of (spec.categories ?? []).entries()) {
      const parent = category.parent ? categories.get(category.parent) : undefined;
      const [row] = await tx
        .insert(catalogCategories)
        .values({
          studioId,
          slug: category.slug,
          name: category.name,
          parentId: parent?.id ?? null,
          path: 'pending',
          depth: parent ? parent.depth + 1 : 0,
          position,
        })
        .returning({ id: catalogCategories.id });
      const id = row?.id as string;
      const path = parent ? `${parent.path}/${id}` : id;
      await tx.update(catalogCategories).set({ path }).where(eq(catalogCategories.id, id));
      categories.set(category.slug, { id, path, depth: parent ? parent.depth + 1 : 0 });
    }
    const brands = new Map<string, string>();
    for (const brand of spec.brands ?? []) {
      const [row] = await tx
        .insert(catalogBrands)
        .values({ studioId, ...brand })
        .returning({ id: catalogBrands.id });
      brands.set(brand.slug, row?.id as string);
    }
    const items = new Map<string, { id: string; variantIds: string[] }>();
    for (const item of spec.items) {
      const variants = item.variants ?? [{ priceMinor: 1000 }];
      const active = variants.filter((variant) => variant.active !== false);
      const status = item.status ?? 'published';
      const [row] = await tx
        .insert(catalogItems)
        .values({
          studioId,
          kind: item.kind ?? 'product',
          slug: item.slug,
          name: item.name,
          summary: item.summary ?? '',
          descriptionHtml: item.descriptionHtml ?? '',
          status,
          categoryId: item.category ? (categories.get(item.category)?.id ?? null) : null,
          brandId: item.brand ? (brands.get(item.brand) ?? null) : null,
          tags: item.tags ?? [],
          featured: item.featured ?? false,
          popularity: item.popularity ?? 0,
          priceFromMinor: Math.min(...active.map((variant) => variant.priceMinor)),
          currency: spec.currency ?? 'USD',
          publishedAt: status === 'published' ? new Date() : null,
        })
        .returning({ id: catalogItems.id });
      const itemId = row?.id as string;
      const inserted = await tx
        .insert(catalogVariants)
        .values(
          variants.map((variant, position) => ({
            studioId,
            itemId,
            sku: variant.sku ?? null,
            title: variant.title ?? '',
            optionValues: variant.optionValues ?? {},
            priceMinor: variant.priceMinor,
            trackStock: variant.trackStock ?? variant.stock !== undefined,
            stock: variant.stock ?? 0,
            active: variant.active ?? true,
            position,
          })),
        )
        .returning({ id: catalogVariants.id });
      if (item.image) {
        await tx
          .insert(catalogImages)
          .values({ studioId, itemId, storageKey: item.image, contentType: 'image/png', alt: item.name });
      }
      items.set(item.slug, { id: itemId, variantIds: inserted.map((variant) => variant.id) });
    }
    await refreshSearchDocuments(
      tx,
      studioId,
      [...items.values()].map((item) => item.id),
    );
    return { items, categories: new Map([...categories].map(([slug, category]) => [slug, category.id])) };
  });
}
