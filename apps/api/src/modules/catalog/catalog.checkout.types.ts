import type { StudioContext } from '../../platform/context.js';
import type { CatalogItemKind } from './catalog.tables.js';

/**
 * What the catalog promises the orders module (cart and checkout). The orders module never reads catalog
 * tables; it asks for a quote and reserves stock through these calls, inside its own transaction (ctx.tx),
 * so an order and its stock reservation commit or roll back together.
 */
export interface QuoteLineRequest {
  variantId: string;
  quantity: number;
}

export interface QuotedLine {
  itemId: string;
  variantId: string;
  kind: CatalogItemKind;
  itemSlug: string;
  name: string;
  /** Variant title ("A4 / Matte"), '' for a default variant. */
  variantTitle: string;
  sku: string | null;
  categoryId: string | null;
  /**
   * The item's category and its ancestors, root first ("Prints", "Prints > Fine art" -> [printsId,
   * fineArtId]); [] without a category. A promo code for a category covers everything under it.
   */
  categoryPath: string[];
  currency: string;
  /** The price in force at `at`: the flash-sale price when a sale is running, the list price otherwise. */
  unitPriceMinor: number;
  /** The variant's regular price (before any flash sale). */
  listPriceMinor: number;
  /** The running flash sale that set unitPriceMinor, if any. */
  flashSale: { id: string; endsAt: string } | null;
  /** null = unlimited (not tracked). */
  stockAvailable: number | null;
  minOrderQuantity: number;
  weightGrams: number | null;
  /** Physical products need a shipping address and a shipping method. */
  requiresShipping: boolean;
  /** Only published items with an active variant can be bought. */
  purchasable: boolean;
  imageUrl: string | null;
}

export interface CatalogCheckout {
  /**
   * Prices lines at `at` (default now), server-side: whatever price a client sent is ignored. Unknown
   * variant ids (or another studio's) throw AppError 404 naming the field `lines[i].variantId`.
   */
  quote(ctx: StudioContext, lines: QuoteLineRequest[], at?: Date): Promise<QuotedLine[]>;
  /**
   * Takes stock for tracked variants with one conditional UPDATE each (stock >= quantity), in variant-id
   * order so concurrent checkouts never deadlock. Throws AppError 409 naming `lines[i].quantity` when
   * any line cannot be covered; the caller's transaction then rolls back every line.
   */
  reserveStock(ctx: StudioContext, lines: QuoteLineRequest[]): Promise<void>;
  /** Gives stock back (payment failed, expired or order cancelled). Untracked variants are ignored. */
  releaseStock(ctx: StudioContext, lines: QuoteLineRequest[]): Promise<void>;
  /** Adds sold quantities to the items' popularity (called once per paid order). */
  recordSales(ctx: StudioContext, lines: QuoteLineRequest[]): Promise<void>;
}
