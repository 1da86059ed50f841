/** The orders module's vocabulary: statuses, addresses, studio rules. Plain types, no behaviour. */

export const ORDER_STATUSES = [
  'pending',
  'paid',
  'processing',
  'shipped',
  'fulfilled',
  'delivered',
  'completed',
  'cancelled',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Money, kept apart from fulfilment: an order can be shipped and partially refunded. */
export const PAYMENT_STATES = [
  'unpaid',
  'deposit_paid',
  'partially_paid',
  'paid',
  'partially_refunded',
  'refunded',
] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export interface Address {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  region?: string | undefined;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  phone?: string | undefined;
}

/** A tax rate for a country, optionally one region of it (the most specific match wins). */
export interface TaxRate {
  country: string;
  region?: string | undefined;
  rateBps: number;
}

export const SHIPPING_KINDS = ['flat', 'weight', 'free_over', 'pickup'] as const;
export type ShippingKind = (typeof SHIPPING_KINDS)[number];

/**
 * flat: priceMinor. weight: the first band whose upToGrams covers the parcel (heavier than every band
 * = not offered). free_over: priceMinor, or 0 once the discounted subtotal reaches freeOverMinor (which
 * flat and weight methods may also set). pickup: free, no address needed.
 */
export interface ShippingMethod {
  id: string;
  name: string;
  kind: ShippingKind;
  priceMinor: number;
  bands?: { upToGrams: number; priceMinor: number }[] | undefined;
  freeOverMinor?: number | null | undefined;
  /** Countries it ships to; empty/absent = everywhere. */
  countries?: string[] | undefined;
}

/** What the order side keeps about a payment plan (the schedule itself lives in payments). */
export type OrderPlan =
  | { kind: 'deposit'; depositMinor: number; planId?: string | null }
  | { kind: 'instalments'; count: number; firstMinor: number; planId: string | null };

/** What emails and receipts need of the studio, captured at placement (events carry no studio row). */
export interface StudioSnapshot {
  slug: string;
  name: string;
  color: string | null;
  timezone: string;
  contactEmail: string | null;
}

/**
 * Why a step the system took happened, as a code the pages translate (the API writes no display text).
 * `placed`: checkout; `payment_failed` / `not_paid_in_time`: an unpaid order cancelled; `cancelled_by_client`
 * / `cancelled_by_studio` (with the staff member's note, if any, beside it); `fully_refunded`: the refund that ended the order;
 * `order_cancelled`: money given back because the order was cancelled; `late_payment`: money that came
 * for an order already cancelled, given back; `currency_mismatch`: a payment in another currency, refused;
 * `imported`: an order the studio took before it kept its orders here, recorded later (orders.history.ts).
 */
export const TIMELINE_REASONS = [
  'placed',
  'imported',
  'payment_failed',
  'not_paid_in_time',
  'cancelled_by_client',
  'cancelled_by_studio',
  'fully_refunded',
  'order_cancelled',
  'late_payment',
  'currency_mismatch',
] as const;
export type TimelineReason = (typeof TIMELINE_REASONS)[number];

/**
 * Why an order is cancelled: the timeline entry and the cancel email carry one of these codes, and each
 * reader gets it in their own language. A staff member's note, when they wrote one, goes beside it.
 */
export const CANCEL_REASONS = [
  'payment_failed',
  'not_paid_in_time',
  'cancelled_by_client',
  'cancelled_by_studio',
] as const satisfies readonly TimelineReason[];
export type CancelReasonCode = (typeof CANCEL_REASONS)[number];

/** What a timeline entry is about besides its kind, from/to and amount: kept as data, rendered by the pages. */
export interface OrderEventDetails {
  /** The payment received, refunded or refused. */
  paymentId?: string;
  reason?: TimelineReason;
  /** A refund's destination: back to how it was paid, or the client's wallet. */
  refundTo?: 'original' | 'wallet';
}
