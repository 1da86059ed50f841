import type { OrderStatus, PaymentState } from './orders.model.js';

/**
 * Fulfilment statuses staff may move an order to by hand. `pending -> paid` is never manual: only a
 * payment (the payments module's event) pays an order. `refunded` follows money (a full refund), not a
 * click. Anything else is a 409 naming `status`.
 */
export const STAFF_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['cancelled'],
  paid: ['processing', 'shipped', 'fulfilled', 'cancelled'],
  processing: ['shipped', 'fulfilled', 'cancelled'],
  shipped: ['delivered'],
  fulfilled: ['completed'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
  refunded: [],
};

export const canStaffMove = (from: OrderStatus, to: OrderStatus) => STAFF_TRANSITIONS[from].includes(to);

/** A client may cancel until the studio starts working on it: unpaid, or paid but not yet processing. */
export const clientMayCancel = (status: OrderStatus) => status === 'pending' || status === 'paid';

/**
 * The money state from what was paid and refunded. A deposit plan counts as `deposit_paid` once the
 * deposit is in; any other part payment is `partially_paid`.
 */
export function paymentStateOf(order: {
  totalMinor: number;
  paidMinor: number;
  refundedMinor: number;
  depositMinor: number | null;
}): PaymentState {
  const { totalMinor, paidMinor, refundedMinor, depositMinor } = order;
  if (refundedMinor > 0) return refundedMinor >= paidMinor ? 'refunded' : 'partially_refunded';
  if (paidMinor >= totalMinor) return 'paid';
  if (paidMinor === 0) return 'unpaid';
  if (depositMinor !== null && paidMinor >= depositMinor) return 'deposit_paid';
  return 'partially_paid';
}

/** Whether the order is confirmed (pending -> paid): fully paid, or its deposit is in. */
export const confirms = (state: PaymentState) => state === 'paid' || state === 'deposit_paid';
