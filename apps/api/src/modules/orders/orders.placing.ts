import type { StudioContext } from '../../platform/context.js';
import type { QuotedLine } from '../catalog/index.js';
import type { Studio } from '../studios/index.js';
import type { OrderPlan, ShippingMethod } from './orders.model.js';
import type { Totals } from './orders.pricing.js';
import type { CheckedPromo } from './orders.promos.js';
import type { CheckoutInput, CheckoutSummary, CommerceSettings } from './orders.schemas.js';
import { orderLines, type orders } from './orders.tables.js';

/** A checkout priced on the server against the studio's rules (orders.checkout.ts, `price`). */
export interface PricedOrder {
  quoted: QuotedLine[];
  totals: Totals;
  promo: CheckedPromo | null;
  method: ShippingMethod | null;
  shippingOptions: CheckoutSummary['shippingOptions'];
  requiresShipping: boolean;
  walletMinor: number;
  firstChargeMinor: number;
  plan: OrderPlan | null;
  settings: CommerceSettings;
}

/**
 * The order's columns that follow from what was priced and who is buying: the same for an order placed
 * at checkout and one recorded from the past (orders.history.ts), which each add their own state.
 */
export function orderValues(
  ctx: StudioContext,
  studio: Studio,
  p: PricedOrder,
  input: CheckoutInput,
): Omit<typeof orders.$inferInsert, 'number' | 'idempotencyKey'> {
  return {
    studioId: ctx.studioId,
    email: input.email.trim(),
    name: input.name.trim(),
    phone: input.phone ?? null,
    locale: input.locale ?? (studio.locale.startsWith('th') ? 'th' : 'en'),
    currency: studio.currency,
    subtotalMinor: p.totals.subtotalMinor,
    discountMinor: p.totals.discountMinor,
    shippingMinor: p.totals.shippingMinor,
    taxMinor: p.totals.taxMinor,
    totalMinor: p.totals.totalMinor,
    pricesIncludeTax: p.settings.pricesIncludeTax,
    promoCode: p.promo?.row.code ?? null,
    shippingMethod: p.method,
    shippingAddress:
      p.requiresShipping && p.method?.kind !== 'pickup' ? (input.shippingAddress ?? null) : null,
    billingAddress: input.billingAddress ?? null,
    studio: {
      slug: studio.slug,
      name: studio.name,
      color: studio.brand.primaryColor,
      timezone: studio.timezone,
      contactEmail: studio.contactEmail,
    },
    note: input.note ?? null,
  };
}

/** Payments are started before the order has a number, so they name the studio and what is bought. */
const MAX_DESCRIPTION = 200;
export function paymentDescription(studio: Studio, quoted: QuotedLine[], quantities: number[]): string {
  const items = quoted
    .map(
      (q, i) =>
        `${q.name}${q.variantTitle ? ` (${q.variantTitle})` : ''}${quantities[i]! > 1 ? ` × ${quantities[i]}` : ''}`,
    )
    .join(', ');
  const text = `Order at ${studio.name}: ${items}`;
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

/** The order's lines: a snapshot of the priced lines, never read from the catalog again. */
export async function writeOrderLines(
  ctx: StudioContext,
  orderId: string,
  p: PricedOrder,
  quantities: readonly number[],
): Promise<void> {
  await ctx.tx.insert(orderLines).values(
    p.quoted.map((q, i) => ({
      studioId: ctx.studioId,
      orderId,
      position: i,
      itemId: q.itemId,
      variantId: q.variantId,
      kind: q.kind,
      name: q.name,
      variantTitle: q.variantTitle,
      sku: q.sku,
      categoryId: q.categoryId,
      quantity: quantities[i]!,
      unitPriceMinor: q.unitPriceMinor,
      listPriceMinor: q.listPriceMinor,
      flashSaleId: q.flashSale?.id ?? null,
      discountMinor: p.totals.lines[i]!.discountMinor,
      taxMinor: p.totals.lines[i]!.taxMinor,
      totalMinor: p.totals.lines[i]!.totalMinor,
      requiresShipping: q.requiresShipping,
    })),
  );
}
