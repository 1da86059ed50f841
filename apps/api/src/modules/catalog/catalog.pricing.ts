import { sql } from 'drizzle-orm';
import { preparedRows, type Tx } from '../../platform/db/index.js';
import { toUuidArray } from './catalog.search.js';

/**
 * The price in force. A flash sale's rows only say when it runs; whether it applies is decided here, at
 * read time, against the clock, so neither a cached page nor a late scheduled job can sell at a price
 * that is no longer (or not yet) right.
 */

/** A flash sale's window and rule, as stored (and as cached: ISO strings survive JSON). */
export interface SaleWindow {
  id: string;
  itemId: string;
  name: string;
  percentOff: number | null;
  salePriceMinor: number | null;
  startsAt: string;
  endsAt: string;
}

/** The sale of `sales` running at `at` (startsAt <= at < endsAt), if any. */
export function saleInForce(sales: readonly SaleWindow[], at: Date): SaleWindow | null {
  const time = at.getTime();
  return sales.find((sale) => Date.parse(sale.startsAt) <= time && time < Date.parse(sale.endsAt)) ?? null;
}

/**
 * A variant's price under a sale: percentOff rounds to the nearest minor unit (half up); a fixed sale
 * price (single-variant items only) applies as is, never above the list price.
 */
export function salePrice(listPriceMinor: number, sale: SaleWindow | null): number {
  if (!sale) return listPriceMinor;
  if (sale.salePriceMinor !== null) return Math.min(sale.salePriceMinor, listPriceMinor);
  const percent = sale.percentOff ?? 0;
  return Math.round((listPriceMinor * (100 - percent)) / 100);
}

/** The SQL twin of salePrice() for a lateral-joined sale `s` (used to filter and sort by price). */
export const EFFECTIVE_PRICE_SQL = sql.raw(
  `(case when s.sale_price_minor is not null then least(s.sale_price_minor, i.price_from_minor)
     when s.percent_off is not null then round(i.price_from_minor * (100 - s.percent_off) / 100.0)::bigint
     else i.price_from_minor end)`,
);

/**
 * Whether item `i` is marked down against its own compare-at price ("was $80, now $68"): the cheapest
 * variant's compare-at is above its price (refreshItemPrices keeps `compare_at_from_minor` only then).
 * "On sale" (the filter and its facet) is this or a running flash sale: both show the shopper a struck
 * price, so both are what a shopper asking for items on sale expects to see.
 */
export const DISCOUNTED_SQL = sql.raw('(i.compare_at_from_minor is not null)');

/** Flash sales of the given items that have not ended by `from` (running now or scheduled). */
export async function loadSaleWindows(
  tx: Tx,
  studioId: string,
  itemIds: string[],
  from: Date,
): Promise<Map<string, SaleWindow[]>> {
  const byItem = new Map<string, SaleWindow[]>();
  if (itemIds.length === 0) return byItem;
  const rows = await preparedRows<SaleRow>(
    tx,
    sql`
    select id, item_id, name, percent_off, sale_price_minor, starts_at, ends_at
    from catalog_flash_sales
    where studio_id = ${studioId} and item_id = any(${toUuidArray(itemIds)})
      and ends_at > ${from.toISOString()}::timestamptz
    order by starts_at
  `,
  );
  for (const row of rows) {
    const sale = toSaleWindow(row);
    byItem.set(sale.itemId, [...(byItem.get(sale.itemId) ?? []), sale]);
  }
  return byItem;
}

/** The next start or end of any flash sale of the studio after `now`: when cached reads go stale. */
export async function nextSaleBoundary(tx: Tx, studioId: string, now: Date): Promise<Date | null> {
  const at = now.toISOString();
  const rows = await preparedRows<{ boundary: string | Date | null }>(
    tx,
    sql`
    select least(
      (select min(starts_at) from catalog_flash_sales
        where studio_id = ${studioId} and starts_at > ${at}::timestamptz),
      (select min(ends_at) from catalog_flash_sales
        where studio_id = ${studioId} and ends_at > ${at}::timestamptz)
    ) as boundary
  `,
  );
  const boundary = rows[0]?.boundary;
  return boundary ? new Date(boundary) : null;
}

export interface SaleRow {
  id: string;
  item_id: string;
  name: string;
  percent_off: number | null;
  sale_price_minor: number | string | null;
  starts_at: string | Date;
  ends_at: string | Date;
}

export function toSaleWindow(row: SaleRow): SaleWindow {
  return {
    id: row.id,
    itemId: row.item_id,
    name: row.name,
    percentOff: row.percent_off === null ? null : Number(row.percent_off),
    salePriceMinor: row.sale_price_minor === null ? null : Number(row.sale_price_minor),
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
  };
}
