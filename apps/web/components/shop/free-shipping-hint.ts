import type { CheckoutSummary } from '@/lib/shop';

type Option = Pick<CheckoutSummary['shippingOptions'][number], 'moreForFreeMinor'>;

/** What the checkout says under a shipping method that is not free yet, as a message key and an amount. */
export type FreeShippingHint =
  /** "Add $61.01 more to ship free": no discount, so goods worth that much close the gap exactly. */
  | { message: 'moreForFree'; amountMinor: number }
  /** "Ships free from $150.00 after discounts": the line itself, which stays true under a discount. */
  | { message: 'freeFromAfterDiscount'; amountMinor: number };

/**
 * The free-shipping hint for a method, or null when there is nothing to say (it ships free already,
 * never does, or nothing is priced yet). The API measures the gap on the subtotal after discount; under
 * a discount code, goods worth that much add less than that to it (10% off: $61.01 of goods adds $54.91),
 * so "add $61.01 more" would promise free shipping the order does not get. Then the hint names the line
 * instead: what the order must come to after discounts (the discounted subtotal plus the gap).
 */
export function freeShippingHint(
  option: Option,
  summary: Pick<CheckoutSummary, 'subtotalMinor' | 'discountMinor'> | null | undefined,
): FreeShippingHint | null {
  if (!option.moreForFreeMinor || !summary) return null;
  if (summary.discountMinor === 0) return { message: 'moreForFree', amountMinor: option.moreForFreeMinor };
  return {
    message: 'freeFromAfterDiscount',
    amountMinor: summary.subtotalMinor - summary.discountMinor + option.moreForFreeMinor,
  };
}
