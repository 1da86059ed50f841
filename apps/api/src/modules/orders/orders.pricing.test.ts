import { describe, expect, it } from 'vitest';
import {
  allocate,
  computeTotals,
  divideHalfUp,
  type PricedLineInput,
  promoDiscount,
  shippingPrice,
  taxOn,
} from './orders.pricing.js';

const line = (
  unitPriceMinor: number,
  quantity: number,
  extra: Partial<PricedLineInput> = {},
): PricedLineInput => ({
  unitPriceMinor,
  quantity,
  itemId: 'item-a',
  categoryIds: [],
  requiresShipping: true,
  weightGrams: 250,
  ...extra,
});
const noTax = { pricesIncludeTax: false, defaultTaxRateBps: 0, taxRates: [], taxShipping: true };

describe('orders: totals to the minor unit', () => {
  it('rounds half-up and splits remainders to the largest shares', () => {
    expect(divideHalfUp(5, 2)).toBe(3);
    expect(divideHalfUp(4, 3)).toBe(1);
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [0, 5, 5])).toEqual([0, 5, 5]);
    expect(allocate(7, [3333, 6667]).reduce((a, b) => a + b)).toBe(7);
  });

  it('taxes exclusive prices on top and finds the tax inside inclusive prices, per line', () => {
    expect(taxOn(1000, 700, false)).toBe(70);
    expect(taxOn(1005, 700, false)).toBe(70); // 70.35 -> 70
    expect(taxOn(1008, 700, false)).toBe(71); // 70.56 -> 71
    expect(taxOn(1070, 700, true)).toBe(70); // 1070 / 1.07 = 1000
    expect(taxOn(999, 700, true)).toBe(65); // 999 / 1.07 = 933.64 -> 934; 999 - 934
  });

  it('exclusive: 7% per line on the discounted amount, shipping taxed too', () => {
    const totals = computeTotals({
      lines: [line(1005, 1), line(2003, 2, { itemId: 'item-b' })],
      promo: {
        kind: 'percentage',
        percentOff: 10,
        amountOffMinor: null,
        maxDiscountMinor: null,
        appliesTo: 'all',
        targetIds: [],
      },
      shippingMinor: 500,
      tax: {
        pricesIncludeTax: false,
        defaultTaxRateBps: 0,
        taxRates: [{ country: 'TH', rateBps: 700 }],
        taxShipping: true,
      },
      taxAddress: { country: 'th' },
    });
    // subtotal 1005 + 4006 = 5011; 10% = 501.1 -> 501, split 1005:4006 -> 100.5/400.5 -> [100, 401] by remainder
    expect(totals.subtotalMinor).toBe(5011);
    expect(totals.discountMinor).toBe(501);
    expect(totals.lines.map((l) => l.discountMinor).reduce((a, b) => a + b)).toBe(501);
    const lineTaxes = totals.lines.map((l, i) => taxOn([1005, 4006][i]! - l.discountMinor, 700, false));
    expect(totals.lines.map((l) => l.taxMinor)).toEqual(lineTaxes);
    expect(totals.shippingTaxMinor).toBe(35);
    expect(totals.taxMinor).toBe(lineTaxes[0]! + lineTaxes[1]! + 35);
    expect(totals.totalMinor).toBe(5011 - 501 + 500 + totals.taxMinor);
  });

  it('inclusive: the total is what the shelf says; tax is only reported', () => {
    const totals = computeTotals({
      lines: [line(1070, 3)],
      promo: null,
      shippingMinor: 107,
      tax: { pricesIncludeTax: true, defaultTaxRateBps: 700, taxRates: [], taxShipping: true },
      taxAddress: null,
    });
    expect(totals.totalMinor).toBe(3210 + 107);
    expect(totals.taxMinor).toBe(210 + 7);
  });

  it('regional rate beats the national one', () => {
    const tax = {
      ...noTax,
      taxRates: [
        { country: 'US', rateBps: 0 },
        { country: 'US', region: 'CA', rateBps: 725 },
      ],
    };
    const ca = computeTotals({
      lines: [line(10_000, 1)],
      promo: null,
      shippingMinor: 0,
      tax,
      taxAddress: { country: 'US', region: 'ca' },
    });
    const ny = computeTotals({
      lines: [line(10_000, 1)],
      promo: null,
      shippingMinor: 0,
      tax,
      taxAddress: { country: 'US', region: 'NY' },
    });
    expect(ca.taxMinor).toBe(725);
    expect(ny.taxMinor).toBe(0);
  });

  it('caps promo discounts and limits them to eligible lines', () => {
    const rule = {
      kind: 'percentage' as const,
      percentOff: 50,
      amountOffMinor: null,
      maxDiscountMinor: 300,
      appliesTo: 'all' as const,
      targetIds: [],
    };
    expect(promoDiscount(rule, [line(1000, 1)])).toBe(300);
    const fixed = { ...rule, kind: 'fixed' as const, amountOffMinor: 5000, maxDiscountMinor: null };
    expect(promoDiscount(fixed, [line(1000, 1)])).toBe(1000);
    const products = {
      ...rule,
      maxDiscountMinor: null,
      appliesTo: 'products' as const,
      targetIds: ['item-b'],
    };
    const totals = computeTotals({
      lines: [line(1000, 1), line(600, 1, { itemId: 'item-b' })],
      promo: products,
      shippingMinor: 0,
      tax: noTax,
      taxAddress: null,
    });
    expect(totals.discountMinor).toBe(300);
    expect(totals.lines.map((l) => l.discountMinor)).toEqual([0, 300]);
  });

  it('prices shipping: flat, weight bands, free over, pickup, countries', () => {
    const lines = [line(1000, 2)]; // 500 g
    expect(shippingPrice({ id: 'f', name: 'Flat', kind: 'flat', priceMinor: 300 }, lines, 2000, 'TH')).toBe(
      300,
    );
    const byWeight = {
      id: 'w',
      name: 'Weight',
      kind: 'weight' as const,
      priceMinor: 0,
      bands: [
        { upToGrams: 1000, priceMinor: 450 },
        { upToGrams: 250, priceMinor: 200 },
      ],
    };
    expect(shippingPrice(byWeight, lines, 2000, 'TH')).toBe(450);
    expect(shippingPrice(byWeight, [line(1000, 5)], 5000, 'TH')).toBeNull();
    const freeOver = {
      id: 'fo',
      name: 'Free over',
      kind: 'free_over' as const,
      priceMinor: 300,
      freeOverMinor: 2000,
    };
    expect(shippingPrice(freeOver, lines, 1999, 'TH')).toBe(300);
    expect(shippingPrice(freeOver, lines, 2000, 'TH')).toBe(0);
    expect(shippingPrice({ id: 'p', name: 'Pickup', kind: 'pickup', priceMinor: 999 }, lines, 0, null)).toBe(
      0,
    );
    expect(
      shippingPrice(
        { id: 'th', name: 'TH only', kind: 'flat', priceMinor: 100, countries: ['TH'] },
        lines,
        0,
        'US',
      ),
    ).toBeNull();
  });
});
