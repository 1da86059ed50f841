'use client';

import { ShoppingCart } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { CART_CHANGED_EVENT } from './cart-events';

/**
 * The header's cart link with its item count. The count is read by the browser (the cart cookie is
 * scoped to the API path, so the server rendering the header cannot see it) and follows cart changes.
 */
export function CartIndicator({
  studio,
  label,
  countLabel,
}: {
  studio: string;
  label: string;
  /** "Cart, {count} items" with `{count}` left in (the server formats nothing per count here). */
  countLabel: string;
}) {
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    // A plain fetch, not shopRequest from lib/shop: the header is on every storefront page, and the SDK
    // client would add its weight to each page's JavaScript for this one GET.
    const load = () =>
      fetch(`/api/v1/studios/${studio}/cart`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      })
        .then((response) => (response.ok ? (response.json() as Promise<{ itemCount: number }>) : null))
        .then(
          (cart) => live && setCount(cart ? cart.itemCount : null),
          () => live && setCount(null),
        );
    const onChange = (event: Event) => {
      const detail = (event as CustomEvent<number | undefined>).detail;
      if (typeof detail === 'number') setCount(detail);
      else void load();
    };
    void load();
    window.addEventListener(CART_CHANGED_EVENT, onChange);
    return () => {
      live = false;
      window.removeEventListener(CART_CHANGED_EVENT, onChange);
    };
  }, [studio]);

  return (
    <Link
      href={`/${studio}/cart`}
      prefetch={false}
      aria-label={count ? countLabel.replace('{count}', String(count)) : label}
      className="relative inline-flex size-10 items-center justify-center rounded-md hover:bg-muted"
      data-testid="cart-indicator"
    >
      <ShoppingCart className="size-5" aria-hidden="true" />
      {count ? (
        <span
          aria-hidden="true"
          className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-brand px-1 text-center text-xs font-semibold leading-5 text-brand-foreground"
        >
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  );
}
