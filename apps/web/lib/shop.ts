import { type JsonBody, type RawRequestOptions, rawRequest } from '@atelier/sdk';

// The money path's shapes, named from the API's operations (packages/sdk/src/schema.d.ts).
export type Cart = JsonBody<'getCart', 200>;
export type CartLine = Cart['lines'][number];
export type CheckoutSummary = JsonBody<'previewCheckout', 200>;
export type CheckoutBody = NonNullable<
  import('@atelier/sdk').operations['previewCheckout']['requestBody']
>['content']['application/json'];
export type Address = NonNullable<CheckoutBody['shippingAddress']>;
export type PlacedOrder = JsonBody<'checkout', 201>;
export type OrderDetail = JsonBody<'getMyOrder', 200>;
export type OrderSummary = JsonBody<'listMyOrders', 200>['items'][number];
export type MyOrderCounts = JsonBody<'countMyOrders', 200>;
export type OrderPayment = OrderDetail['payments'][number];
export type PaymentMethod = JsonBody<'listPaymentMethods', 200>['items'][number];
export type Payment = JsonBody<'getPayment', 200>;
export type NextAction = Payment['nextAction'];
export type Wallet = JsonBody<'getMyWallet', 200>;
export type WalletEntry = Wallet['items'][number];
export type Topup = JsonBody<'startWalletTopup', 201>;
export type PaymentPlan = JsonBody<'getPaymentPlan', 200>;

/** What the order stores about its plan (orders.checkout.ts `OrderPlan`). */
export type OrderPlan =
  | { kind: 'deposit'; depositMinor: number; planId?: string | null }
  | { kind: 'instalments'; count: number; firstMinor: number; planId: string | null };

/** The sandbox's published test cards (payments README); the UI offers them by name. */
export const SANDBOX_CARDS = {
  succeeds: '4242424242424242',
  declines: '4000000000000002',
  requiresAction: '4000002500003155',
} as const;

/** Payments still waiting on the payer or the studio. */
export const OPEN_PAYMENT = new Set(['pending', 'requires_action']);

export const shopPaths = {
  cart: (studio: string) => `/${studio}/cart`,
  checkout: (studio: string) => `/${studio}/checkout`,
  order: (studio: string, id: string, token?: string | null) =>
    `/${studio}/orders/${id}${token ? `?token=${encodeURIComponent(token)}` : ''}`,
  portalOrder: (studio: string, id: string) => `/${studio}/portal/orders/${id}`,
  api: (studio: string) => `/api/v1/studios/${studio}`,
};

/**
 * A same-origin call from the browser. The cart lives in the httpOnly `atelier_cart` cookie, scoped to
 * the API's studio path, so cart and checkout requests must come from the browser itself: a server
 * component on /{studio}/cart never sees that cookie.
 */
export function shopRequest<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const options: RawRequestOptions = { baseUrl: '', headers };
  return rawRequest<T>(options, method, path, body);
}

/** A fresh Idempotency-Key: a retry of the same attempt reuses it, a new attempt makes a new one. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** Reads a file the payer picked as base64 (slips go to the API inline, at most 5 MiB). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export const SLIP_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'] as const;
export const SLIP_MAX_BYTES = 5 * 1024 * 1024;
