import type { FieldReason } from '../../platform/http/errors.js';

/**
 * The rules the catalog's admin refusals name (`errors[].reason`), so the admin pages can word them in
 * the owner's language; the English message stays the API's. Kept together so the set is easy to
 * read next to the web's `ApiReasons` messages.
 */

/** Another item, brand or category of the studio has this slug (slugs are unique per studio and kind). */
export const slugTaken = (slug: string | undefined): FieldReason =>
  slug === undefined ? { reason: 'slug.taken' } : { reason: 'slug.taken', params: { slug } };

/** Another item of the studio sells under this SKU. */
export const skuTaken = (sku: string): FieldReason => ({ reason: 'sku.taken', params: { sku } });

/** The same SKU twice in one save. */
export const skuRepeated = (sku: string): FieldReason => ({ reason: 'sku.repeated', params: { sku } });

/** A variant this save retires keeps its SKU, because past orders name it. */
export const skuKeptByRetired = (sku: string): FieldReason => ({
  reason: 'sku.kept_by_retired',
  params: { sku },
});

export const tooManyVariants = (count: number, max: number): FieldReason => ({
  reason: 'variants.too_many',
  params: { count, max },
});

export const variantBelowZero = (variant: string): FieldReason => ({
  reason: 'variants.below_zero',
  params: { variant },
});

export const unknownSkuPlaceholder = (placeholder: string): FieldReason => ({
  reason: 'sku_pattern.unknown_placeholder',
  params: { placeholder },
});

export const salePriceNotBelow = (amountMinor: number, currency: string): FieldReason => ({
  reason: 'sale.price_not_below',
  params: { amountMinor, currency },
});

/** Rules without parameters, by the name the code uses. */
export const CATALOG_RULES = {
  bulkPriceNeeded: { reason: 'bulk.price_needed' },
  bulkPriceOrPercent: { reason: 'bulk.price_or_percent' },
  categoryUnderItself: { reason: 'category.under_itself' },
  categoryMoveIntoDeleted: { reason: 'category.move_into_deleted' },
  variantImageNotOfItem: { reason: 'variants.image_not_of_item' },
  skuTakenMeanwhile: { reason: 'sku.taken_meanwhile' },
  salePercentOrPrice: { reason: 'sale.percent_or_price' },
  saleEndsBeforeStart: { reason: 'sale.ends_before_start' },
  salePriceNeedsOneVariant: { reason: 'sale.price_needs_one_variant' },
  saleOverlaps: { reason: 'sale.overlaps' },
  saleEnded: { reason: 'sale.ended' },
  imageEmpty: { reason: 'image.empty' },
  imageNotWhatItSays: { reason: 'image.not_what_it_says' },
  imageUnsafeSvg: { reason: 'image.unsafe_svg' },
} as const satisfies Record<string, FieldReason>;
