import { describe, expect, it } from 'vitest';
import { summaryChanges } from './checkout-changes';

const line = (variantId: string, unitPriceMinor: number, quantity = 1) => ({
  variantId,
  name: `Print ${variantId}`,
  variantTitle: variantId === 'a' ? 'A4' : '',
  quantity,
  unitPriceMinor,
  discountMinor: 0,
  totalMinor: unitPriceMinor * quantity,
});
const summary = (
  lines: ReturnType<typeof line>[],
  extra: { shippingMinor?: number; taxMinor?: number; discountMinor?: number } = {},
) => {
  const subtotalMinor = lines.reduce((sum, l) => sum + l.totalMinor, 0);
  const { shippingMinor = 0, taxMinor = 0, discountMinor = 0 } = extra;
  return {
    lines,
    subtotalMinor,
    discountMinor,
    shippingMinor,
    taxMinor,
    totalMinor: subtotalMinor - discountMinor + shippingMinor + taxMinor,
  };
};

describe('summaryChanges', () => {
  it('names the tax when the preview had not caught up with the address', () => {
    const before = summary([line('a', 2_000)], { shippingMinor: 899 });
    const after = summary([line('a', 2_000)], { shippingMinor: 899, taxMinor: 145 });
    expect(summaryChanges(before, after)).toEqual([
      { kind: 'figure', figure: 'tax', beforeMinor: 0, afterMinor: 145 },
    ]);
  });

  it('names a line whose price changed, not the subtotal it explains', () => {
    const before = summary([line('a', 1_500), line('b', 500)]);
    const after = summary([line('a', 2_000), line('b', 500)], { taxMinor: 36 });
    expect(summaryChanges(before, after)).toEqual([
      { kind: 'line', variantId: 'a', name: 'Print a (A4)', beforeMinor: 1_500, afterMinor: 2_000 },
      { kind: 'figure', figure: 'tax', beforeMinor: 0, afterMinor: 36 },
    ]);
  });

  it('names the subtotal when a quantity moved, and nothing when nothing did', () => {
    const before = summary([line('b', 500, 3)]);
    expect(summaryChanges(before, summary([line('b', 500, 2)]))).toEqual([
      { kind: 'figure', figure: 'subtotal', beforeMinor: 1_500, afterMinor: 1_000 },
    ]);
    expect(summaryChanges(before, before)).toEqual([]);
  });
});
