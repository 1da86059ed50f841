import { describe, expect, it } from 'vitest';
import { orderStatusKey } from './order-labels';

describe('orderStatusKey', () => {
  it('reads "confirmed" for an order its deposit or first instalment confirmed, while money is still owed', () => {
    expect(orderStatusKey({ status: 'paid', paymentStatus: 'deposit_paid' })).toBe('confirmed');
    expect(orderStatusKey({ status: 'paid', paymentStatus: 'partially_paid' })).toBe('confirmed');
  });
  it('keeps the API status otherwise: paid in full, awaiting payment, or moved on', () => {
    expect(orderStatusKey({ status: 'paid', paymentStatus: 'paid' })).toBe('paid');
    expect(orderStatusKey({ status: 'pending', paymentStatus: 'unpaid' })).toBe('pending');
    expect(orderStatusKey({ status: 'pending', paymentStatus: 'partially_paid' })).toBe('pending');
    expect(orderStatusKey({ status: 'shipped', paymentStatus: 'deposit_paid' })).toBe('shipped');
    expect(orderStatusKey({ status: 'paid', paymentStatus: 'partially_refunded' })).toBe('paid');
  });
});
