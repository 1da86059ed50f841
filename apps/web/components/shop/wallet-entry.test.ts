import { describe, expect, it } from 'vitest';
import { walletLineWords } from './wallet-entry';

const order = { id: '01a2079a-72b9-7d4d-9648-1b964ddc92a9', number: 'QR-2026-0042' };

describe('wallet statement line words', () => {
  it('names the order a payment paid and a refund came from, linking to it', () => {
    expect(walletLineWords({ kind: 'payment', order, amountMinor: -500 })).toEqual({
      key: 'orderPayment',
      values: { number: 'QR-2026-0042' },
      orderId: order.id,
    });
    expect(walletLineWords({ kind: 'refund', order, amountMinor: 500 })).toEqual({
      key: 'orderRefund',
      values: { number: 'QR-2026-0042' },
      orderId: order.id,
    });
  });

  it('says "order" without a number until the number is known', () => {
    expect(
      walletLineWords({ kind: 'payment', order: { id: order.id, number: null }, amountMinor: -500 }),
    ).toEqual({
      key: 'orderPaymentUnnumbered',
      values: {},
      orderId: order.id,
    });
    expect(
      walletLineWords({ kind: 'refund', order: { id: order.id, number: null }, amountMinor: 500 }),
    ).toEqual({
      key: 'orderRefundUnnumbered',
      values: {},
      orderId: order.id,
    });
  });

  it('words top-ups, bonuses, adjustments and payments for something else by their kind alone', () => {
    for (const kind of ['topup', 'bonus', 'adjustment', 'payment', 'refund'] as const)
      expect(walletLineWords({ kind, order: null, amountMinor: 500 })).toEqual({
        key: kind,
        values: {},
        orderId: null,
      });
  });

  it('words a balance carried between two records of the client by its direction', () => {
    expect(walletLineWords({ kind: 'transfer', order: null, amountMinor: 2_500 })).toEqual({
      key: 'transferIn',
      values: {},
      orderId: null,
    });
    expect(walletLineWords({ kind: 'transfer', order: null, amountMinor: -2_500 }).key).toBe('transferOut');
  });

  it('reads a kind a newer API sends as a plain entry, never the raw code', () => {
    // Forced past the types: an unknown kind is exactly what they rule out.
    expect(
      walletLineWords({ kind: 'cashback' as unknown as 'topup', order: null, amountMinor: 500 }),
    ).toEqual({
      key: 'other',
      values: {},
      orderId: null,
    });
  });
});
