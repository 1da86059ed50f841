import type { JsonBody } from '@atelier/sdk';

// The admin money path's shapes, named from the API operations that answer them.
export type AdminOrder = JsonBody<'listOrders', 200>['items'][number];
export type OrderDetail = JsonBody<'getOrder', 200>;
export type OrderStatus = AdminOrder['status'];
export type PaymentState = AdminOrder['paymentStatus'];
export type OrderPayment = OrderDetail['payments'][number];
export type TimelineEvent = OrderDetail['timeline'][number];
export type Address = NonNullable<AdminOrder['shippingAddress']>;
export type PaymentListItem = JsonBody<'listPayments', 200>['items'][number];
export type PaymentProvider = PaymentListItem['provider'];
export type PaymentStatus = PaymentListItem['status'];
export type PaymentSettings = JsonBody<'getPaymentSettings', 200>;
export type WalletSettings = JsonBody<'getWalletSettings', 200>;
export type CommerceSettings = JsonBody<'getCommerceSettings', 200>;
export type ShippingMethod = CommerceSettings['shippingMethods'][number];
export type TaxRate = CommerceSettings['taxRates'][number];
export type Promo = JsonBody<'getPromoCode', 200>;
export type StudioBilling = JsonBody<'getStudioBilling', 200>;

/** What the admin pages need of the studio (client components get it as a prop). */
export interface StudioInfo {
  slug: string;
  name: string;
  currency: string;
  timezone: string;
}

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
] as const satisfies readonly OrderStatus[];

export const PAYMENT_STATES = [
  'unpaid',
  'deposit_paid',
  'partially_paid',
  'paid',
  'partially_refunded',
  'refunded',
] as const satisfies readonly PaymentState[];

export const PAYMENT_PROVIDERS = [
  'manual',
  'promptpay',
  'stripe',
  'wallet',
  'sandbox',
] as const satisfies readonly PaymentProvider[];

export const PAYMENT_STATUSES = [
  'pending',
  'requires_action',
  'succeeded',
  'failed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const satisfies readonly PaymentStatus[];

/** Payments a person confirms by hand: bank transfer, cash, invoice, and PromptPay (after the slip). */
export function confirmsByHand(payment: { provider: string; status: string }): boolean {
  return (
    (payment.provider === 'manual' || payment.provider === 'promptpay') &&
    (payment.status === 'pending' || payment.status === 'requires_action')
  );
}
