import type { Address, ShippingMethod, TaxRate } from './orders.model.js';

/**
 * The arithmetic of an order, pure and in integer minor units. The rules (README "Totals"):
 *
 * - subtotal = sum of unit price x quantity (server prices, never the client's).
 * - discount: percentage of the eligible lines' subtotal (half-up to the minor unit) or a fixed amount
 *   (at most the eligible subtotal), then capped by the code's maximum. It is spread over the eligible
 *   lines in proportion to their amounts; the remainder cents go to the largest remainders, so the
 *   line discounts always add up to the order discount exactly.
 * - tax per line on the line's amount after its discount, rounded half-up to the minor unit per line.
 *   Exclusive prices: tax = net x rate. Inclusive prices: the tax inside a price is
 *   net - round(net / (1 + rate)). Shipping is taxed the same way (as one more line) when the studio says so.
 * - total = subtotal - discount + shipping (+ tax when prices exclude it).
 */

export interface PricedLineInput {
  unitPriceMinor: number;
  quantity: number;
  itemId: string;
  /** The line's category and every category above it (catalog's QuotedLine.categoryPath); [] for none. */
  categoryIds: string[];
  requiresShipping: boolean;
  weightGrams: number | null;
}

export interface PromoRule {
  kind: 'percentage' | 'fixed';
  percentOff: number | null;
  amountOffMinor: number | null;
  maxDiscountMinor: number | null;
  appliesTo: 'all' | 'categories' | 'products';
  targetIds: string[];
}

export interface TaxRules {
  pricesIncludeTax: boolean;
  defaultTaxRateBps: number;
  taxRates: TaxRate[];
  taxShipping: boolean;
}

export interface LineAmounts {
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export interface Totals {
  lines: LineAmounts[];
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  shippingTaxMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxRateBps: number;
}

/** round(numerator / denominator), halves away from zero, for non-negative integers (exact: BigInt). */
export function divideHalfUp(numerator: number, denominator: number): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  return Number((2n * n + d) / (2n * d));
}

/** The most specific rule for the address: country + region, then country, then the studio default. */
export function taxRateFor(rules: TaxRules, address: Pick<Address, 'country' | 'region'> | null): number {
  if (!address) return rules.defaultTaxRateBps;
  const country = address.country.toUpperCase();
  const region = address.region?.trim().toLowerCase();
  const regional = rules.taxRates.find(
    (r) => r.country.toUpperCase() === country && r.region && r.region.trim().toLowerCase() === region,
  );
  if (regional) return regional.rateBps;
  const national = rules.taxRates.find((r) => r.country.toUpperCase() === country && !r.region);
  return national ? national.rateBps : rules.defaultTaxRateBps;
}

/** The tax in (inclusive) or on top of (exclusive) one amount, rounded half-up. */
export function taxOn(amountMinor: number, rateBps: number, inclusive: boolean): number {
  if (rateBps <= 0 || amountMinor <= 0) return 0;
  if (!inclusive) return divideHalfUp(amountMinor * rateBps, 10_000);
  return amountMinor - divideHalfUp(amountMinor * 10_000, 10_000 + rateBps);
}

/** A code for a category covers everything under it too ("Prints" includes "Prints > Fine art"). */
export function isEligible(rule: PromoRule, line: Pick<PricedLineInput, 'itemId' | 'categoryIds'>): boolean {
  if (rule.appliesTo === 'all') return true;
  if (rule.appliesTo === 'products') return rule.targetIds.includes(line.itemId);
  return line.categoryIds.some((id) => rule.targetIds.includes(id));
}

/** The discount a code gives these lines (0 when no line is eligible). */
export function promoDiscount(rule: PromoRule, lines: PricedLineInput[]): number {
  const eligible = lines
    .filter((line) => isEligible(rule, line))
    .reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  let discount =
    rule.kind === 'percentage'
      ? divideHalfUp(eligible * (rule.percentOff ?? 0), 100)
      : Math.min(rule.amountOffMinor ?? 0, eligible);
  if (rule.maxDiscountMinor !== null) discount = Math.min(discount, rule.maxDiscountMinor);
  return Math.max(0, Math.min(discount, eligible));
}

/** Splits `amount` over `weights` proportionally; largest remainders take the leftover units. */
export function allocate(amount: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || amount === 0) return weights.map(() => 0);
  const shares = weights.map((w) => {
    const exact = BigInt(amount) * BigInt(w);
    return { base: Number(exact / BigInt(total)), remainder: Number(exact % BigInt(total)) };
  });
  let left = amount - shares.reduce((a, s) => a + s.base, 0);
  const order = shares.map((s, i) => ({ i, r: s.remainder })).sort((a, b) => b.r - a.r || a.i - b.i);
  const result = shares.map((s) => s.base);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i] = (result[i] ?? 0) + 1;
    left--;
  }
  return result;
}

/**
 * The price of a shipping method for these lines, or null when it cannot carry them (too heavy, or not
 * to this country). `discountedSubtotal` decides "free over".
 */
export function shippingPrice(
  method: ShippingMethod,
  lines: PricedLineInput[],
  discountedSubtotalMinor: number,
  country: string | null,
): number | null {
  if (method.kind === 'pickup') return 0;
  if (method.countries?.length && country && !method.countries.includes(country.toUpperCase())) return null;
  let price = method.priceMinor;
  if (method.kind === 'weight') {
    const grams = lines
      .filter((line) => line.requiresShipping)
      .reduce((sum, line) => sum + (line.weightGrams ?? 0) * line.quantity, 0);
    const band = [...(method.bands ?? [])]
      .sort((a, b) => a.upToGrams - b.upToGrams)
      .find((b) => grams <= b.upToGrams);
    if (!band) return null;
    price = band.priceMinor;
  }
  const freeOver = method.freeOverMinor;
  if (freeOver !== null && freeOver !== undefined && discountedSubtotalMinor >= freeOver) return 0;
  return price;
}

export function computeTotals(input: {
  lines: PricedLineInput[];
  promo: PromoRule | null;
  shippingMinor: number;
  tax: TaxRules;
  taxAddress: Pick<Address, 'country' | 'region'> | null;
}): Totals {
  const { lines, promo, shippingMinor, tax } = input;
  const gross = lines.map((line) => line.unitPriceMinor * line.quantity);
  const subtotalMinor = gross.reduce((a, b) => a + b, 0);
  const discountMinor = promo ? promoDiscount(promo, lines) : 0;
  const weights = lines.map((line, i) => (promo && isEligible(promo, line) ? (gross[i] ?? 0) : 0));
  const lineDiscounts = allocate(discountMinor, weights);
  const rate = taxRateFor(tax, input.taxAddress);
  const inclusive = tax.pricesIncludeTax;
  const lineAmounts = lines.map((_, i) => {
    const net = (gross[i] ?? 0) - (lineDiscounts[i] ?? 0);
    const lineTax = taxOn(net, rate, inclusive);
    return {
      subtotalMinor: gross[i] ?? 0,
      discountMinor: lineDiscounts[i] ?? 0,
      taxMinor: lineTax,
      totalMinor: inclusive ? net : net + lineTax,
    };
  });
  const shippingTaxMinor = tax.taxShipping ? taxOn(shippingMinor, rate, inclusive) : 0;
  const taxMinor = lineAmounts.reduce((a, l) => a + l.taxMinor, 0) + shippingTaxMinor;
  const totalMinor = subtotalMinor - discountMinor + shippingMinor + (inclusive ? 0 : taxMinor);
  return {
    lines: lineAmounts,
    subtotalMinor,
    discountMinor,
    shippingMinor,
    shippingTaxMinor,
    taxMinor,
    totalMinor,
    taxRateBps: rate,
  };
}
