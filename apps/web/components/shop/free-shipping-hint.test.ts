import { describe, expect, it } from 'vitest';
import { freeShippingShortfall } from './free-shipping-hint';

describe('the free-shipping hint at checkout', () => {
  it('says how much more ships free while no discount applies', () => {
    expect(freeShippingShortfall({ moreForFreeMinor: 6_101 }, { discountMinor: 0 })).toBe(6_101);
  });

  it('says nothing once the order ships free, or for a method that never does', () => {
    expect(freeShippingShortfall({ moreForFreeMinor: null }, { discountMinor: 0 })).toBeNull();
  });

  it('says nothing under a discount, where that much more in goods adds less to the measured subtotal', () => {
    expect(freeShippingShortfall({ moreForFreeMinor: 6_101 }, { discountMinor: 1_500 })).toBeNull();
  });

  it('says nothing before the summary has been priced', () => {
    expect(freeShippingShortfall({ moreForFreeMinor: 6_101 }, null)).toBeNull();
  });
});
