import { describe, expect, it } from 'vitest';
import { taxAwaitsAddress } from './tax-address';

const address = { name: 'Riley', line1: '1 Main St', city: 'Austin', postalCode: '78701', country: 'US' };

describe('the checkout tax line', () => {
  it('waits for an address while the summary was priced without one', () => {
    expect(taxAwaitsAddress(null, true)).toBe(true);
    expect(taxAwaitsAddress({}, true)).toBe(true);
  });

  it('is known once the summary was priced with a shipping or a billing address', () => {
    expect(taxAwaitsAddress({ shippingAddress: address }, true)).toBe(false);
    expect(taxAwaitsAddress({ billingAddress: address }, true)).toBe(false);
    expect(taxAwaitsAddress({ shippingAddress: address, billingAddress: address }, true)).toBe(false);
  });

  it('is known at once when the studio taxes everyone at one rate', () => {
    expect(taxAwaitsAddress(null, false)).toBe(false);
    expect(taxAwaitsAddress({}, false)).toBe(false);
  });
});
