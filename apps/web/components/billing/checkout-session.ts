/**
 * The Checkout Session id Stripe puts in the billing page's return address
 * (`?checkout={CHECKOUT_SESSION_ID}`). Kept out of checkout-return.tsx: a server page importing a value
 * from a 'use client' module gets a client reference, not the value.
 */
export const CHECKOUT_SESSION = /^cs_[A-Za-z0-9_]{1,255}$/;
