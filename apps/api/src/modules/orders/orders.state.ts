import type { OrderStatus, PaymentState } from './orders.model.js';

/**
 * How an order reaches its client, from what was bought. `shipping`: some line is a physical product
 * (catalog kind `product`, the line's `requiresShipping`) and it is not collected in person — it is
 * posted, can carry tracking numbers, and goes shipped -> delivered. `no_shipping`: every line is a
 * digital good (licence key, files), a service or a package, or the parcel is picked up — nothing is
 * posted, so there is no "shipped" and no tracking: the studio marks it fulfilled (handed over,
 * delivered by download, work done) and then completed.
 */
export type Fulfilment = 'shipping' | 'no_shipping';

export function fulfilmentOf(
  lines: readonly { requiresShipping: boolean }[],
  shippingMethod: { kind: string } | null | undefined,
): Fulfilment {
  return lines.some((line) => line.requiresShipping) && shippingMethod?.kind !== 'pickup'
    ? 'shipping'
    : 'no_shipping';
}

/**
 * Fulfilment statuses staff may move an order to by hand, by how it is fulfilled. `pending -> paid` is
 * never manual: only a payment (the payments module's event) pays an order. `refunded` follows money
 * (a full refund), not a click. Anything else is a 409 naming `status`. The other path's later steps
 * stay open (a shipping order marked fulfilled before this rule can still be completed).
 */
export const STAFF_TRANSITIONS: Record<Fulfilment, Record<OrderStatus, readonly OrderStatus[]>> = {
  shipping: {
    pending: ['cancelled'],
    paid: ['processing', 'shipped', 'cancelled'],
    processing: ['shipped', 'cancelled'],
    shipped: ['delivered'],
    fulfilled: ['completed'],
    delivered: ['completed'],
    completed: [],
    cancelled: [],
    refunded: [],
  },
  no_shipping: {
    pending: ['cancelled'],
    paid: ['processing', 'fulfilled', 'cancelled'],
    processing: ['fulfilled', 'cancelled'],
    shipped: ['delivered'],
    fulfilled: ['completed'],
    delivered: ['completed'],
    completed: [],
    cancelled: [],
    refunded: [],
  },
};

/** The statuses staff may choose next for an order (the page offers exactly these). */
export const staffMoves = (fulfilment: Fulfilment, from: OrderStatus) => STAFF_TRANSITIONS[fulfilment][from];

export const canStaffMove = (fulfilment: Fulfilment, from: OrderStatus, to: OrderStatus) =>
  staffMoves(fulfilment, from).includes(to);

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
