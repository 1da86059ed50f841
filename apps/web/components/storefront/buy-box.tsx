'use client';

// clsx rather than cn(): these classes never conflict, and tailwind-merge would add ~28 KB of JavaScript.
import { clsx } from 'clsx';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { announceCartChanged } from '@/components/shop/cart-events';
import { VARIANT_IMAGE_EVENT } from './gallery';
import {
  choose,
  findVariant,
  initialSelection,
  isValueEnabled,
  type PickerOption,
  type PickerVariant,
} from './variant-logic';

/** A variant with everything the box shows already formatted on the server (no Intl in the bundle). */
export interface BuyBoxVariant extends PickerVariant {
  title: string;
  sku: string | null;
  price: string;
  /** The struck "was" price, when there is one. */
  was: string | null;
  /** "-20%" */
  percentOff: string | null;
  stock: { tone: 'ok' | 'low' | 'out'; label: string };
  minOrderQuantity: number;
  /** Most that can be ordered (tracked stock); null when unlimited. */
  maxQuantity: number | null;
  imageId: string | null;
}

export interface BuyBoxLabels {
  wasPrice: string;
  quantity: string;
  addToCart: string;
  soldOut: string;
  unavailable: string;
  sku: string;
  adding: string;
  added: string;
  cartFailed: string;
  viewCart: string;
  minOrder: string;
}

interface BuyBoxProps {
  studio: string;
  options: PickerOption[];
  variants: BuyBoxVariant[];
  requestedVariantId?: string;
  labels: BuyBoxLabels;
  /** Content the studio wrote (option names and values) is in the studio's language. */
  contentLang: string;
}

/**
 * Variant picker, price, stock and the add-to-cart form of one item. Each option axis is a radio group
 * (arrow keys move within it); values that cannot be bought with the earlier choices are disabled.
 * The chosen variant goes into the URL (`?variant=`) so the link can be shared, and into the form.
 */
export function BuyBox({ studio, options, variants, requestedVariantId, labels, contentLang }: BuyBoxProps) {
  const [selection, setSelection] = useState(() => initialSelection(variants, options, requestedVariantId));
  const [status, setStatus] = useState<'idle' | 'adding' | 'added' | 'failed'>('idle');
  const variant = useMemo(
    () => (options.length === 0 ? variants[0] : findVariant(variants, options, selection)),
    [variants, options, selection],
  );
  const [quantity, setQuantity] = useState(variant?.minOrderQuantity ?? 1);

  useEffect(() => {
    if (!variant) return;
    setQuantity((current) => Math.max(current, variant.minOrderQuantity));
    const url = new URL(window.location.href);
    if (url.searchParams.get('variant') !== variant.id && options.length > 0) {
      url.searchParams.set('variant', variant.id);
      window.history.replaceState(window.history.state, '', url);
    }
    if (variant.imageId)
      window.dispatchEvent(new CustomEvent(VARIANT_IMAGE_EVENT, { detail: variant.imageId }));
  }, [variant, options.length]);

  const cartPath = `/api/v1/studios/${studio}/cart/lines`;
  const buyable = Boolean(variant?.available);

  // The cart API takes JSON: with scripts the box posts it and says what happened. Without scripts the
  // form still names the variant and quantity (the cart API refuses a form post; scripts are needed).
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!variant || !buyable) return;
    setStatus('adding');
    try {
      // A plain fetch rather than the SDK client: this is the product page's only API call from the browser,
      // and the SDK would add its weight to the page's JavaScript.
      const response = await fetch(cartPath, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
        body: JSON.stringify({ variantId: variant.id, quantity }),
      });
      if (!response.ok) throw new Error(`The cart answered ${response.status}`);
      const cart = (await response.json()) as { itemCount: number };
      setStatus('added');
      announceCartChanged(cart.itemCount);
    } catch {
      setStatus('failed');
    }
  };

  return (
    <div className="flex flex-col gap-5">
      {variant ? (
        <div className="flex flex-col gap-2">
          <p className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <span className="text-3xl font-semibold text-brand-ink" data-testid="variant-price">
              {variant.price}
            </span>
            {variant.was ? (
              <span className="text-base text-muted-foreground">
                <span className="sr-only">{labels.wasPrice} </span>
                <s>{variant.was}</s>
              </span>
            ) : null}
            {variant.percentOff ? (
              <span className="rounded-full bg-destructive px-2 py-0.5 text-xs font-semibold text-white dark:text-black">
                {variant.percentOff}
              </span>
            ) : null}
          </p>
          <p
            className={clsx(
              'text-sm font-medium',
              variant.stock.tone === 'ok' && 'text-success',
              variant.stock.tone === 'low' && 'text-brand-ink',
              variant.stock.tone === 'out' && 'text-destructive',
            )}
            data-testid="stock-state"
          >
            {variant.stock.label}
          </p>
          {variant.sku ? (
            <p className="text-xs text-muted-foreground">
              {labels.sku} <span className="font-mono">{variant.sku}</span>
            </p>
          ) : null}
        </div>
      ) : (
        <p className="text-sm font-medium text-destructive">{labels.unavailable}</p>
      )}

      {options.map((option, axisIndex) => (
        <fieldset key={option.name} className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-medium">
            <span lang={contentLang}>{option.name}</span>
            {selection[option.name] ? (
              <span className="font-normal text-muted-foreground">
                {': '}
                <span lang={contentLang}>{selection[option.name]}</span>
              </span>
            ) : null}
          </legend>
          <div className="flex flex-wrap gap-2">
            {option.values.map((value) => {
              const enabled = isValueEnabled(variants, options, selection, axisIndex, value);
              const checked = selection[option.name] === value;
              return (
                <label
                  key={value}
                  className={clsx(
                    'relative inline-flex min-h-10 min-w-10 items-center justify-center rounded-md border px-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring',
                    checked ? 'border-brand bg-brand text-brand-foreground' : 'border-input bg-background',
                    enabled
                      ? 'cursor-pointer hover:border-foreground'
                      : 'cursor-not-allowed text-muted-foreground line-through',
                  )}
                >
                  <input
                    type="radio"
                    className="sr-only"
                    name={`option-${axisIndex}`}
                    value={value}
                    checked={checked}
                    disabled={!enabled && !checked}
                    onChange={() => setSelection(choose(variants, options, selection, axisIndex, value))}
                  />
                  <span lang={contentLang}>{value}</span>
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}

      <form method="post" action={cartPath} onSubmit={onSubmit} className="flex flex-col gap-3">
        <input type="hidden" name="variantId" value={variant?.id ?? ''} />
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1.5">
            <label htmlFor="quantity" className="text-sm font-medium">
              {labels.quantity}
            </label>
            <input
              id="quantity"
              name="quantity"
              type="number"
              inputMode="numeric"
              min={variant?.minOrderQuantity ?? 1}
              max={variant?.maxQuantity ?? undefined}
              value={quantity}
              onChange={(event) => setQuantity(Math.max(1, Number(event.target.value) || 1))}
              className="h-10 w-24 rounded-md border border-input bg-background px-3 text-base sm:text-sm"
              aria-describedby={variant && variant.minOrderQuantity > 1 ? 'min-order' : undefined}
            />
          </div>
          <button
            type="submit"
            disabled={!buyable || status === 'adding'}
            className="inline-flex h-10 flex-1 items-center justify-center rounded-md bg-brand px-6 text-sm font-medium text-brand-foreground hover:bg-brand/90 disabled:pointer-events-none disabled:opacity-50 sm:flex-none"
          >
            {!buyable ? labels.soldOut : status === 'adding' ? labels.adding : labels.addToCart}
          </button>
        </div>
        {variant && variant.minOrderQuantity > 1 ? (
          <p id="min-order" className="text-xs text-muted-foreground">
            {labels.minOrder.replace('{count}', String(variant.minOrderQuantity))}
          </p>
        ) : null}
        <p role="status" className="min-h-5 text-sm">
          {status === 'added' ? (
            <>
              {labels.added}{' '}
              <a href={`/${studio}/cart`} className="font-medium text-brand-ink underline">
                {labels.viewCart}
              </a>
            </>
          ) : status === 'failed' ? (
            labels.cartFailed
          ) : (
            ''
          )}
        </p>
      </form>
    </div>
  );
}
