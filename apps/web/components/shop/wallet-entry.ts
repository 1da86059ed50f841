import type { WalletEntry } from '@/lib/shop';

/**
 * What one statement line says, as a message key under `Checkout.walletLine` and its values: the API
 * sends what the entry is (`kind`) and what it refers to (the payment's `order`), and the words are the
 * reader's. `orderId` is set when the line can link to the client's order.
 */
export interface WalletLineWords {
  key:
    | 'topup'
    | 'bonus'
    | 'payment'
    | 'orderPayment'
    | 'orderPaymentUnnumbered'
    | 'refund'
    | 'orderRefund'
    | 'orderRefundUnnumbered'
    | 'adjustment'
    | 'transferIn'
    | 'transferOut'
    | 'other';
  values: { number?: string };
  orderId: string | null;
}

type Kind = WalletEntry['kind'];

/** Every kind the API sends, worded; the compiler fails here when the API adds one. */
const KINDS = {
  topup: true,
  bonus: true,
  payment: true,
  refund: true,
  adjustment: true,
  transfer: true,
} satisfies Record<Kind, true>;

const known = (kind: string): kind is Kind => Object.hasOwn(KINDS, kind);

/**
 * The words of a wallet statement line. An order payment or refund names the order by its number
 * ("Order QR-2026-0042"); in the moment before the wallet knows the number (or for an entry whose order
 * is gone) it says what it was without one. A kind this page does not know yet (a newer API) reads as a
 * plain wallet entry rather than a raw code.
 */
export function walletLineWords(entry: Pick<WalletEntry, 'kind' | 'order' | 'amountMinor'>): WalletLineWords {
  const { order } = entry;
  if (!known(entry.kind)) return { key: 'other', values: {}, orderId: null };
  // A balance carried between two records of the client's (after an email change): in or out by its sign.
  if (entry.kind === 'transfer')
    return { key: entry.amountMinor < 0 ? 'transferOut' : 'transferIn', values: {}, orderId: null };
  if ((entry.kind === 'payment' || entry.kind === 'refund') && order) {
    const key = entry.kind === 'payment' ? 'orderPayment' : 'orderRefund';
    return order.number
      ? { key, values: { number: order.number }, orderId: order.id }
      : { key: `${key}Unnumbered`, values: {}, orderId: order.id };
  }
  return { key: entry.kind, values: {}, orderId: null };
}
