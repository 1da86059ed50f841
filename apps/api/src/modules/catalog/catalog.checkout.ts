import { sql } from 'drizzle-orm';
import type { StudioContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { Storage } from '../../platform/storage/index.js';
import type { CatalogCheckout, QuotedLine, QuoteLineRequest } from './catalog.checkout.types.js';
import { imageLink } from './catalog.image-links.js';
import { loadSaleWindows, saleInForce, salePrice } from './catalog.pricing.js';
import { toUuidArray } from './catalog.search.js';
import type { CatalogItemKind, CatalogItemStatus } from './catalog.tables.js';

interface VariantRow {
  variant_id: string;
  item_id: string;
  kind: CatalogItemKind;
  status: CatalogItemStatus;
  slug: string;
  name: string;
  title: string;
  sku: string | null;
  category_id: string | null;
  category_path: string | null;
  currency: string;
  price_minor: number | string;
  track_stock: boolean;
  stock: number;
  min_order_quantity: number;
  weight_grams: number | null;
  active: boolean;
  image_key: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertLines(lines: QuoteLineRequest[]): void {
  lines.forEach((line, index) => {
    if (!UUID.test(line.variantId)) {
      throw new AppError('not_found', 'No such variant', {
        fields: [{ field: `lines[${index}].variantId`, message: 'No such variant' }],
      });
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw AppError.invalid(`lines[${index}].quantity`, 'The quantity must be a whole number of at least 1');
    }
  });
}

/** Same variant on two lines counts once with both quantities (one conditional update per variant). */
function totalsByVariant(
  lines: QuoteLineRequest[],
): { variantId: string; quantity: number; index: number }[] {
  const totals = new Map<string, { variantId: string; quantity: number; index: number }>();
  lines.forEach((line, index) => {
    const total = totals.get(line.variantId);
    if (total) total.quantity += line.quantity;
    else totals.set(line.variantId, { variantId: line.variantId, quantity: line.quantity, index });
  });
  // Variant-id order: two checkouts taking the same variants lock them in the same order, so neither
  // waits for the other in a cycle (no deadlock).
  return [...totals.values()].sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
}

/**
 * The catalog's side of checkout (see catalog.checkout.types.ts). Everything runs in the caller's
 * transaction (ctx.tx, RLS-scoped), so an order and its stock move commit or roll back together.
 */
export function createCatalogCheckout(deps: { storage?: Storage } = {}): CatalogCheckout {
  const { storage } = deps;
  return {
    async quote(ctx: StudioContext, lines: QuoteLineRequest[], at: Date = new Date()): Promise<QuotedLine[]> {
      if (lines.length === 0) return [];
      assertLines(lines);
      const ids = [...new Set(lines.map((line) => line.variantId))];
      const { rows } = (await ctx.tx.execute(sql`
        select v.id as variant_id, v.item_id, i.kind, i.status, i.slug, i.name, v.title, v.sku,
          i.category_id, c.path as category_path, i.currency, v.price_minor, v.track_stock, v.stock,
          v.min_order_quantity, v.weight_grams, v.active,
          (select img.storage_key from catalog_images img
            where img.item_id = i.id and (v.image_id is null or img.id = v.image_id)
            order by (img.id = v.image_id) desc nulls last, img.position limit 1) as image_key
        from catalog_variants v
        join catalog_items i on i.id = v.item_id
        left join catalog_categories c on c.id = i.category_id
        where v.studio_id = ${ctx.studioId} and v.id = any(${toUuidArray(ids)})
      `)) as unknown as { rows: VariantRow[] };
      const byId = new Map(rows.map((row) => [row.variant_id, row]));
      const sales = await loadSaleWindows(
        ctx.tx,
        ctx.studioId,
        [...new Set(rows.map((row) => row.item_id))],
        at,
      );
      const links = new Map<string, string>();
      if (storage) {
        for (const key of new Set(rows.flatMap((row) => (row.image_key ? [row.image_key] : [])))) {
          links.set(key, await imageLink(storage, key));
        }
      }
      return lines.map((line, index) => {
        const row = byId.get(line.variantId);
        if (!row) {
          throw new AppError('not_found', 'No such variant', {
            fields: [{ field: `lines[${index}].variantId`, message: 'No such variant' }],
          });
        }
        const listPriceMinor = Number(row.price_minor);
        const sale = saleInForce(sales.get(row.item_id) ?? [], at);
        return {
          itemId: row.item_id,
          variantId: row.variant_id,
          kind: row.kind,
          itemSlug: row.slug,
          name: row.name,
          variantTitle: row.title,
          sku: row.sku,
          categoryId: row.category_id,
          categoryPath: row.category_path ? row.category_path.split('/') : [],
          currency: row.currency,
          unitPriceMinor: salePrice(listPriceMinor, sale),
          listPriceMinor,
          flashSale: sale ? { id: sale.id, endsAt: sale.endsAt } : null,
          stockAvailable: row.track_stock ? row.stock : null,
          minOrderQuantity: row.min_order_quantity,
          weightGrams: row.weight_grams,
          requiresShipping: row.kind === 'product',
          purchasable: row.status === 'published' && row.active,
          imageUrl: row.image_key ? (links.get(row.image_key) ?? null) : null,
        };
      });
    },

    async reserveStock(ctx: StudioContext, lines: QuoteLineRequest[]): Promise<void> {
      if (lines.length === 0) return;
      assertLines(lines);
      for (const { variantId, quantity, index } of totalsByVariant(lines)) {
        // Counted stock: one conditional update. The row lock makes concurrent checkouts queue on this
        // variant, and each re-checks `stock >= quantity` against the committed value, so stock never
        // oversells. Uncounted stock (print on demand, services, digital) is only looked up: writing
        // the row would lock it, and every checkout of a popular untracked product would wait for the
        // one before it to commit (the checkout bench spent ~95 % of its database time queued there).
        const { rows } = (await ctx.tx.execute(sql`
          with reserved as (
            update catalog_variants set stock = stock - ${quantity}, updated_at = now()
            where studio_id = ${ctx.studioId} and id = ${variantId} and track_stock
              and stock >= ${quantity}
            returning id
          )
          select v.track_stock, exists (select 1 from reserved) as reserved
          from catalog_variants v where v.studio_id = ${ctx.studioId} and v.id = ${variantId}
        `)) as unknown as { rows: { track_stock: boolean; reserved: boolean }[] };
        const [outcome] = rows;
        if (outcome?.reserved || outcome?.track_stock === false) continue;
        const { rows: exists } = (await ctx.tx.execute(sql`
          select stock from catalog_variants where studio_id = ${ctx.studioId} and id = ${variantId}
        `)) as unknown as { rows: { stock: number }[] };
        if (exists.length === 0) {
          throw new AppError('not_found', 'No such variant', {
            fields: [{ field: `lines[${index}].variantId`, message: 'No such variant' }],
          });
        }
        const left = exists[0]?.stock ?? 0;
        throw AppError.conflictOn(
          `lines[${index}].quantity`,
          left === 0 ? 'Out of stock' : `Only ${left} left in stock`,
          left === 0 ? { reason: 'stock.out' } : { reason: 'stock.only_left', params: { left } },
        );
      }
    },

    async releaseStock(ctx: StudioContext, lines: QuoteLineRequest[]): Promise<void> {
      if (lines.length === 0) return;
      assertLines(lines);
      for (const { variantId, quantity } of totalsByVariant(lines)) {
        await ctx.tx.execute(sql`
          update catalog_variants set stock = stock + ${quantity}, updated_at = now()
          where studio_id = ${ctx.studioId} and id = ${variantId} and track_stock
        `);
      }
    },

    async recordSales(ctx: StudioContext, lines: QuoteLineRequest[]): Promise<void> {
      if (lines.length === 0) return;
      assertLines(lines);
      const totals = totalsByVariant(lines);
      // One statement for every item of the order, in item-id order.
      await ctx.tx.execute(sql`
        update catalog_items i set popularity = i.popularity + sold.quantity
        from (
          select v.item_id, sum(l.quantity)::int as quantity
          from unnest(${toUuidArray(totals.map((line) => line.variantId))},
            ${`{${totals.map((line) => line.quantity).join(',')}}`}::int[]) as l(variant_id, quantity)
          join catalog_variants v on v.id = l.variant_id and v.studio_id = ${ctx.studioId}
          group by v.item_id
        ) sold
        where i.id = sold.item_id and i.studio_id = ${ctx.studioId}
      `);
    },
  };
}
