import { describe, expect, it } from 'vitest';
import { formatTimeLeft, priceTag, timeLeft } from './price-logic';
import { breadcrumbJsonLd, minorToDecimal, productJsonLd, serializeJsonLd } from './structured-data';
import { choose, findVariant, initialSelection, isValueEnabled, type PickerVariant } from './variant-logic';

// A print: Size x Material; 16x20 exists only in Matte, and 16x20 Matte is sold out.
const options = [
  { name: 'Size', values: ['8x10', '11x14', '16x20'] },
  { name: 'Material', values: ['Matte', 'Metal'] },
];
const v = (id: string, Size: string, Material: string, available = true): PickerVariant => ({
  id,
  optionValues: { Size, Material },
  available,
});
const variants = [
  v('a', '8x10', 'Matte'),
  v('b', '8x10', 'Metal'),
  v('c', '11x14', 'Matte', false),
  v('d', '11x14', 'Metal'),
  v('e', '16x20', 'Matte', false),
];

describe('variant picker', () => {
  it('disables values with no buyable variant after the earlier choices', () => {
    expect(isValueEnabled(variants, options, { Size: '8x10', Material: 'Matte' }, 0, '16x20')).toBe(false);
    expect(isValueEnabled(variants, options, { Size: '8x10', Material: 'Matte' }, 0, '11x14')).toBe(true);
    expect(isValueEnabled(variants, options, { Size: '11x14', Material: 'Metal' }, 1, 'Matte')).toBe(false);
    expect(isValueEnabled(variants, options, { Size: '8x10', Material: 'Matte' }, 1, 'Metal')).toBe(true);
  });

  it('moves later axes to a buyable value when an earlier one changes', () => {
    const next = choose(variants, options, { Size: '8x10', Material: 'Matte' }, 0, '11x14');
    expect(next).toEqual({ Size: '11x14', Material: 'Metal' });
    expect(findVariant(variants, options, next)?.id).toBe('d');
  });

  it('keeps a later value that is still buyable', () => {
    expect(choose(variants, options, { Size: '11x14', Material: 'Metal' }, 0, '8x10')).toEqual({
      Size: '8x10',
      Material: 'Metal',
    });
  });

  it('starts at a requested variant, else the first buyable one', () => {
    expect(initialSelection(variants, options, 'd')).toEqual({ Size: '11x14', Material: 'Metal' });
    expect(initialSelection(variants, options, 'unknown')).toEqual({ Size: '8x10', Material: 'Matte' });
    const soldOut = variants.map((variant) => ({ ...variant, available: false }));
    expect(initialSelection(soldOut, options)).toEqual({ Size: '8x10', Material: 'Matte' });
  });
});

describe('price tag', () => {
  it('strikes the list price during a sale and floors the saving', () => {
    expect(priceTag({ nowMinor: 2399, listMinor: 2999, compareAtMinor: null })).toEqual({
      nowMinor: 2399,
      wasMinor: 2999,
      percentOff: 20,
    });
  });

  it('measures against the higher of list and compare-at', () => {
    expect(priceTag({ nowMinor: 3000, listMinor: 3000, compareAtMinor: 4000 }).wasMinor).toBe(4000);
  });

  it('shows no struck price when nothing is higher', () => {
    expect(priceTag({ nowMinor: 3000, listMinor: 3000, compareAtMinor: 2000 })).toEqual({
      nowMinor: 3000,
      wasMinor: null,
      percentOff: null,
    });
  });

  it('counts down in days and a clock, never below zero', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const left = timeLeft(now + ((2 * 24 + 3) * 3600 + 14 * 60 + 7) * 1000, now);
    expect(formatTimeLeft(left, 'd')).toBe('2d 03:14:07');
    expect(formatTimeLeft(timeLeft(now + 59_000, now), 'd')).toBe('00:00:59');
    expect(timeLeft(now - 1000, now).done).toBe(true);
  });
});

describe('JSON-LD', () => {
  it('writes prices as decimals in the currency’s own digits', () => {
    expect(minorToDecimal(129000, 'THB')).toBe('1290.00');
    expect(minorToDecimal(5, 'USD')).toBe('0.05');
    expect(minorToDecimal(1500, 'JPY')).toBe('1500');
  });

  it('builds a Product with an AggregateOffer for several variants', () => {
    const data = productJsonLd({
      name: 'Print',
      description: 'A print',
      url: 'https://shop.test/em/p/print',
      images: [],
      brand: 'Muse',
      offers: [
        { sku: 'A', name: 'A4', priceMinor: 3000, currency: 'USD', available: true, url: 'u1' },
        { sku: 'B', name: 'A3', priceMinor: 5000, currency: 'USD', available: false, url: 'u2' },
      ],
    });
    expect(data.offers).toMatchObject({
      '@type': 'AggregateOffer',
      lowPrice: '30.00',
      highPrice: '50.00',
      offerCount: 2,
    });
    expect(data.brand).toEqual({ '@type': 'Brand', name: 'Muse' });
  });

  it('numbers breadcrumbs from one', () => {
    const data = breadcrumbJsonLd([
      { name: 'Home', url: 'https://shop.test/em' },
      { name: 'Prints', url: 'https://shop.test/em/c/prints' },
    ]) as { itemListElement: { position: number; name: string }[] };
    expect(data.itemListElement.map((entry) => entry.position)).toEqual([1, 2]);
  });

  it('cannot close its script element', () => {
    const text = serializeJsonLd({ name: '</script><script>alert(1)</script>' });
    expect(text).not.toContain('</script>');
    expect(JSON.parse(text).name).toBe('</script><script>alert(1)</script>');
  });
});
