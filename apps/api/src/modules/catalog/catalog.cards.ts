import { type SQL, sql } from 'drizzle-orm';
import { preparedRows, type Tx } from '../../platform/db/index.js';
import type { Storage } from '../../platform/storage/index.js';
import { imageLink } from './catalog.image-links.js';
import { type SaleRow, type SaleWindow, saleInForce, salePrice, toSaleWindow } from './catalog.pricing.js';
import type { CatalogItem } from './catalog.schemas.js';
import { toUuidArray } from './catalog.search.js';
import type { CatalogItemKind } from './catalog.tables.js';

/**
 * Item cards (lists, search, related items) in two steps: `loadCards` reads raw rows that may be cached
 * (list prices, sale windows, image keys), `presentCards` turns them into answers at the moment of the
 * answer (price in force now, fresh image links). One query for the items and one for their first
 * images and sales, whatever the page size.
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

/** One row of the card extras statement: a first image or a sale window, told apart by `part`. */
interface ExtraRow extends ImageRow {
  part: 'image' | 'sale';
  name: string | null;
  percent_off: number | null;
  sale_price_minor: number | string | null;
  starts_at: string | Date | null;
  ends_at: string | Date | null;
}

/**
 * The first image and the not-yet-ended sales of the given card rows, in ONE statement (a round trip
 * costs about as much as either read): the two reads share the item ids and the studio, and their rows
 * come back as one list told apart by `part`, sales in start order.
 */
export async function loadCardExtras(
  tx: Tx,
  studioId: string,
  rows: CardRow[],
  now: Date,
): Promise<RawCards> {
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return { rows, images: {}, sales: {} };
  const itemIds = toUuidArray(ids);
  const extras = await preparedRows<ExtraRow>(
    tx,
    sql`
    select * from (
      select distinct on (item_id) 'image' as part, id, item_id, storage_key, alt, width, height,
        null::text as name, null::integer as percent_off, null::bigint as sale_price_minor,
        null::timestamptz as starts_at, null::timestamptz as ends_at
      from catalog_images
      where studio_id = ${studioId} and item_id = any(${itemIds})
      order by item_id, position, id
    ) first_images
    union all
    select 'sale', id, item_id, null, null, null, null, name, percent_off, sale_price_minor, starts_at, ends_at
    from catalog_flash_sales
    where studio_id = ${studioId} and item_id = any(${itemIds})
      and ends_at > ${now.toISOString()}::timestamptz
    order by starts_at nulls first
  `,
  );
  const images: Record<string, ImageRow> = {};
  const sales: Record<string, SaleWindow[]> = {};
  for (const row of extras) {
    if (row.part === 'image') {
      const { id, item_id, storage_key, alt, width, height } = row;
      images[item_id] = { id, item_id, storage_key, alt, width, height };
    } else {
      const sale = toSaleWindow(row as ExtraRow & SaleRow);
      const windows = sales[sale.itemId];
      if (windows) windows.push(sale);
      else sales[sale.itemId] = [sale];
    }
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
