/** What a checkout summary was priced for: the addresses the client had filled in completely, if any. */
export interface PricedFor {
  shippingAddress?: unknown;
  billingAddress?: unknown;
}

/**
 * True while the summary's tax is not the client's yet. The API takes the rate from the shipping
 * address, else the billing one, else the studio's default rate; before any address the default stands
 * in, and a "Tax (0%)" line there reads as "no tax" to a client whose state or country has one. Checkout
 * asks for an address before placing the order, so the real line always shows before the client pays.
 * A studio with one rate for everyone (`taxByAddress` false in the summary) has its real line at once.
 */
export function taxAwaitsAddress(pricedFor: PricedFor | null, taxByAddress: boolean): boolean {
  return taxByAddress && !pricedFor?.shippingAddress && !pricedFor?.billingAddress;
}
