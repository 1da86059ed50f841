import { type SQL, sql } from 'drizzle-orm';
import type { Storage } from '../../platform/storage/index.js';
import { imageLink } from './catalog.image-links.js';
import { type SaleRow, type SaleWindow, saleInForce, salePrice, toSaleWindow } from './catalog.pricing.js';
import type { CatalogItem } from './catalog.schemas.js';
import type { CatalogItemKind } from './catalog.tables.js';

/**
 * Item cards (lists, search, related items) in two steps: `loadCards` reads raw rows that may be cached
 * (list prices, sale windows, image keys), `presentCards` turns them into answers at the moment of the
 * answer (price in force now, fresh image links). One query for the items with their first images and
 * sales (`cardExtras`), whatever the page size.
 */

/**
 * The FROM clause every card query shares: item `i`, its category `c`, brand `b`, running sale `s`.
 * The running sales are picked once for the studio (a handful of rows, via the flash-sales window index)
 * and hash-joined, rather than looked up per item: a per-row lateral probe cost ~5 ms per 1,000 items
 * on facet counts over the whole catalog.
 */
export function cardsFrom(now: Date): SQL {
  const at = now.toISOString();
  return sql`
    from catalog_items i
    left join catalog_categories c on c.id = i.category_id
    left join catalog_brands b on b.id = i.brand_id
    left join (
      select distinct on (fs.item_id) fs.item_id, fs.id, fs.percent_off, fs.sale_price_minor
      from catalog_flash_sales fs
      where fs.starts_at <= ${at}::timestamptz and fs.ends_at > ${at}::timestamptz
      order by fs.item_id, fs.starts_at
    ) s on s.item_id = i.id`;
}

/** Whether an item has a variant that can be bought now (active, and in stock or not counted). */
export const IN_STOCK_SQL = sql.raw(
  `exists (select 1 from catalog_variants v where v.item_id = i.id and v.active
     and (not v.track_stock or v.stock > 0))`,
);

export interface CardRow {
  id: string;
  kind: CatalogItemKind;
  slug: string;
  name: string;
  summary: string;
  featured: boolean;
  is_new: boolean;
  tags: string[];
  price_from_minor: number | string;
  compare_at_from_minor: number | string | null;
  currency: string;
  updated_at: string | Date;
  in_stock: boolean;
  brand_slug: string | null;
  brand_name: string | null;
  category_id: string | null;
  category_slug: string | null;
  category_name: string | null;
  sort_key: number | string | null;
}

export const CARD_COLUMNS = sql.raw(`i.id, i.kind, i.slug, i.name, i.summary, i.featured, i.is_new, i.tags,
  i.price_from_minor, i.compare_at_from_minor, i.currency, i.updated_at,
  b.slug as brand_slug, b.name as brand_name, i.category_id, c.slug as category_slug, c.name as category_name`);

export interface ImageRow {
  id: string;
  item_id: string;
  storage_key: string;
  alt: string;
  width: number | null;
  height: number | null;
}

/** Raw cards, JSON-safe (they go into the cache as they are). */
export interface RawCards {
  rows: CardRow[];
  images: Record<string, ImageRow>;
  sales: Record<string, SaleWindow[]>;
}

/** A card row as read with `cardExtras` selected: its first image and not-yet-ended sales as JSON. */
export interface CardRowWithExtras extends CardRow {
  first_image: Omit<ImageRow, 'item_id'> | null;
  sale_windows: Omit<SaleRow, 'item_id'>[] | null;
}

/**
 * Each card's first image and its not-yet-ended sales (in start order), as two more columns of the card
 * query itself rather than a second statement: a round trip cost more than both reads. Postgres works
 * out these subqueries only for the rows the page returns (after the sort and limit: the same as the
 * in-stock probe), each an index probe (catalog_images_item_idx, catalog_flash_sales_item_idx).
 */
export function cardExtras(now: Date): SQL {
  return sql`
    (select json_build_object('id', im.id, 'storage_key', im.storage_key, 'alt', im.alt,
        'width', im.width, 'height', im.height)
      from catalog_images im where im.item_id = i.id order by im.position, im.id limit 1) as first_image,
    ${saleWindowsColumn(now)}`;
}

/** The item's (`i`) flash sales not ended by `now`, in start order, as a JSON column `sale_windows`. */
export function saleWindowsColumn(now: Date): SQL {
  return sql`
    (select json_agg(json_build_object('id', fs.id, 'name', fs.name, 'percent_off', fs.percent_off,
        'sale_price_minor', fs.sale_price_minor, 'starts_at', fs.starts_at, 'ends_at', fs.ends_at)
        order by fs.starts_at)
      from catalog_flash_sales fs
      where fs.studio_id = i.studio_id and fs.item_id = i.id and fs.ends_at > ${now.toISOString()}::timestamptz
    ) as sale_windows`;
}

/** Raw cards from rows read with `cardExtras`: the images and sales keyed by item, the rows without them. */
export function toRawCards<Row extends CardRowWithExtras>(
  read: Row[],
): RawCards & { rows: Omit<Row, 'first_image' | 'sale_windows'>[] } {
  const rows: Omit<Row, 'first_image' | 'sale_windows'>[] = [];
  const images: Record<string, ImageRow> = {};
  const sales: Record<string, SaleWindow[]> = {};
  for (const { first_image, sale_windows, ...row } of read) {
    rows.push(row);
    if (first_image) images[row.id] = { ...first_image, item_id: row.id };
    if (sale_windows) sales[row.id] = sale_windows.map((sale) => toSaleWindow({ ...sale, item_id: row.id }));
  }
  return { rows, images, sales };
}

export function toIso(value: string | Date): string {
  return new Date(value).toISOString();
}

export function publicSale(sale: SaleWindow | null) {
  if (!sale) return null;
  return {
    id: sale.id,
    name: sale.name,
    percentOff: sale.percentOff,
    salePriceMinor: sale.salePriceMinor,
    startsAt: sale.startsAt,
    endsAt: sale.endsAt,
  };
}

export async function presentImage(storage: Storage, image: ImageRow | undefined, now: Date) {
  if (!image) return null;
  return {
    id: image.id,
    url: await imageLink(storage, image.storage_key, now),
    alt: image.alt,
    width: image.width,
    height: image.height,
  };
}

/** Cards as answered at `now`: the price in force decided here, after any cache. */
export async function presentCards(raw: RawCards, storage: Storage, now: Date): Promise<CatalogItem[]> {
  return Promise.all(
    raw.rows.map(async (row) => {
      const sale = saleInForce(raw.sales[row.id] ?? [], now);
      const listPriceMinor = Number(row.price_from_minor);
      return {
        id: row.id,
        kind: row.kind,
        slug: row.slug,
        name: row.name,
        summary: row.summary,
        published: true,
        featured: row.featured,
        isNew: row.is_new,
        tags: row.tags,
        price: { amountMinor: salePrice(listPriceMinor, sale), currency: row.currency },
        listPrice: { amountMinor: listPriceMinor, currency: row.currency },
        compareAtPrice:
          row.compare_at_from_minor === null
            ? null
            : { amountMinor: Number(row.compare_at_from_minor), currency: row.currency },
        onSale: sale !== null,
        flashSale: publicSale(sale),
        inStock: row.in_stock,
        brand: row.brand_slug ? { slug: row.brand_slug, name: row.brand_name ?? '' } : null,
        category:
          row.category_id && row.category_slug
            ? { id: row.category_id, slug: row.category_slug, name: row.category_name ?? '' }
            : null,
        image: await presentImage(storage, raw.images[row.id], now),
        updatedAt: toIso(row.updated_at),
      };
    }),
  );
}
