import type { CheckoutSummary } from '@/lib/shop';

type Option = Pick<CheckoutSummary['shippingOptions'][number], 'moreForFreeMinor'>;

/**
 * What the client still needs to add for a shipping method to turn free ("Add $61.01 more to ship
 * free"), or null when there is nothing honest to say. The API measures it on the subtotal after
 * discount; under a discount code, goods worth that much add less than that to it (10% off: $61.01 of
 * goods adds $54.91), so the hint would promise free shipping the order does not get, and is not shown.
 */
export function freeShippingShortfall(
  option: Option,
  summary: Pick<CheckoutSummary, 'discountMinor'> | null | undefined,
): number | null {
  if (!option.moreForFreeMinor || !summary || summary.discountMinor !== 0) return null;
  return option.moreForFreeMinor;
}
