import { describe, expect, it } from 'vitest';
import { taxAwaitsAddress } from './tax-address';

const address = { name: 'Riley', line1: '1 Main St', city: 'Austin', postalCode: '78701', country: 'US' };

describe('the checkout tax line', () => {
  it('waits for an address while the summary was priced without one', () => {
    expect(taxAwaitsAddress(null)).toBe(true);
    expect(taxAwaitsAddress({})).toBe(true);
  });

  it('is known once the summary was priced with a shipping or a billing address', () => {
    expect(taxAwaitsAddress({ shippingAddress: address })).toBe(false);
    expect(taxAwaitsAddress({ billingAddress: address })).toBe(false);
    expect(taxAwaitsAddress({ shippingAddress: address, billingAddress: address })).toBe(false);
  });
});
