import { describe, expect, it } from 'vitest';
import { freeShippingHint } from './free-shipping-hint';

describe('the free-shipping hint at checkout', () => {
  it('says how much more ships free while no discount applies', () => {
    expect(freeShippingHint({ moreForFreeMinor: 6_101 }, { subtotalMinor: 8_899, discountMinor: 0 })).toEqual(
      {
        message: 'moreForFree',
        amountMinor: 6_101,
      },
    );
  });

  it('names the line after discounts under a discount, where more goods add less than their price', () => {
    // $150 free-shipping line; $100 of goods at 15% off come to $85, $65 short of it.
    expect(
      freeShippingHint({ moreForFreeMinor: 6_500 }, { subtotalMinor: 10_000, discountMinor: 1_500 }),
    ).toEqual({ message: 'freeFromAfterDiscount', amountMinor: 15_000 });
  });

  it('says nothing once the order ships free, for a method that never does, or before pricing', () => {
    expect(
      freeShippingHint({ moreForFreeMinor: null }, { subtotalMinor: 8_899, discountMinor: 0 }),
    ).toBeNull();
    expect(freeShippingHint({ moreForFreeMinor: 6_101 }, null)).toBeNull();
  });
});
