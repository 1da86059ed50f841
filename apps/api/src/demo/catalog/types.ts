/**
 * A demo studio's catalog as plain data: what seedCatalog (write.ts) turns into rows with a handful of
 * bulk inserts. Prices are integer minor units in the studio's currency.
 */

export type DemoKind = 'service' | 'package' | 'product' | 'digital';

export interface DemoVariant {
  sku?: string;
  /** Option name -> value; omitted for the single default variant of an item without options. */
  optionValues?: Record<string, string>;
  priceMinor: number;
  compareAtMinor?: number;
  /** Omitted: stock is not tracked (unlimited). */
  stock?: number;
  minOrderQuantity?: number;
  weightGrams?: number;
  podProductId?: string;
  podVariantId?: string;
  details?: Record<string, unknown>;
}

export interface DemoImage {
  /** Background colour of the generated SVG. */
  color: string;
  shape: 'circle' | 'square' | 'triangle' | 'wave' | 'bolt' | 'disc';
  label: string;
  alt: string;
  /**
   * Items with the same `shareKey` reuse one stored file (the supplier's thousands of products share
   * one picture per category): one file in storage, one catalog_images row per item.
   */
  shareKey?: string;
}

export interface DemoItem {
  kind: DemoKind;
  slug: string;
  name: string;
  summary: string;
  descriptionHtml?: string;
  /** Category path from the root, e.g. ["Cables", "Power cables", "NYY"]. */
  category?: string[];
  brand?: string;
  tags?: string[];
  featured?: boolean;
  isNew?: boolean;
  seoTitle?: string;
  seoDescription?: string;
  details?: Record<string, unknown>;
  options?: { name: string; values: string[] }[];
  variants: DemoVariant[];
  image?: DemoImage;
  /** A flash sale relative to the seed time (hours; negative = in the past). */
  flashSale?: { name: string; percentOff: number; startsInHours: number; endsInHours: number };
}

/** Every combination of the options, in option order ("A4 / Matte / Black" ...). */
export function combinations(options: { name: string; values: string[] }[]): Record<string, string>[] {
  return options.reduce<Record<string, string>[]>(
    (acc, option) =>
      acc.flatMap((combo) => option.values.map((value) => ({ ...combo, [option.name]: value }))),
    [{}],
  );
}
