'use client';

/** Fired on window after the cart changed here (added, updated, ordered), so the header count follows. */
export const CART_CHANGED_EVENT = 'atelier:cart-changed';

export function announceCartChanged(itemCount?: number) {
  window.dispatchEvent(new CustomEvent(CART_CHANGED_EVENT, { detail: itemCount }));
}
