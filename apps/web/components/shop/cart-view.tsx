'use client';

import { isAtelierApiError } from '@atelier/sdk';
import { Minus, Plus, ShoppingCart, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { type Cart, type CartLine, shopPaths, shopRequest } from '@/lib/shop';
import { announceCartChanged } from './cart-events';
import { useMoney } from './use-money';

/** The cart, read and changed from the browser (the cart cookie only reaches the API's own path). */
export function CartView({ studio, currency }: { studio: string; currency: string }) {
  const t = useTranslations('Checkout');
  // A quantity the stock or the item's minimum refuses, in the client's language (the page ships ApiReasons).
  const word = useFieldErrorWords();
  const money = useMoney(currency);
  const [cart, setCart] = useState<Cart | null>(null);
  const [failed, setFailed] = useState(false);
  const [busyLine, setBusyLine] = useState<string | null>(null);
  const [lineError, setLineError] = useState<{ id: string; message: string } | null>(null);
  const api = shopPaths.api(studio);

  const load = useCallback(
    () =>
      shopRequest<Cart>('GET', `${api}/cart`).then(
        (next) => {
          setCart(next);
          setFailed(false);
        },
        () => setFailed(true),
      ),
    [api],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const change = async (line: CartLine, quantity: number) => {
    setBusyLine(line.id);
    setLineError(null);
    try {
      const next =
        quantity === 0
          ? await shopRequest<Cart>('DELETE', `${api}/cart/lines/${line.id}`)
          : await shopRequest<Cart>('PATCH', `${api}/cart/lines/${line.id}`, { quantity });
      setCart(next);
      announceCartChanged(next.itemCount);
    } catch (error) {
      // Stock (409) and the item's minimum (400) name their rule; anything else is a failed update.
      const refused = isAtelierApiError(error) && (error.status === 409 || error.status === 400);
      const [rule] = refused ? error.fields : [];
      setLineError({
        id: line.id,
        message: rule ? word(rule) : refused ? error.detail : t('cartUpdateFailed'),
      });
    } finally {
      setBusyLine(null);
    }
  };

  if (failed) return <FormMessage tone="error">{t('cartLoadFailed')}</FormMessage>;
  if (!cart)
    return (
      <div className="space-y-3" aria-busy="true">
        <span className="sr-only">{t('loading')}</span>
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  if (cart.lines.length === 0)
    return (
      <EmptyState
        icon={<ShoppingCart />}
        title={t('cartEmptyTitle')}
        description={t('cartEmptyDescription')}
        action={
          <Button asChild>
            <Link href={`/${studio}`}>{t('continueShopping')}</Link>
          </Button>
        }
      />
    );

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <section aria-labelledby="cart-lines-heading">
        <h2 id="cart-lines-heading" className="sr-only">
          {t('cartLinesHeading')}
        </h2>
        {cart.hasNotices ? <FormMessage tone="info">{t('cartHasNotices')}</FormMessage> : null}
        <ul className="divide-y">
          {cart.lines.map((line) => (
            <li key={line.id} className="flex gap-4 py-4" data-testid="cart-line">
              {/* The muted box stands in for a missing picture, and for one that fails to load. */}
              <div className="size-20 shrink-0 overflow-hidden rounded-md border bg-muted">
                {line.imageUrl ? (
                  // biome-ignore lint/performance/noImgElement: studio uploads of any size; no optimiser here
                  <img src={line.imageUrl} alt="" className="size-full object-cover" loading="lazy" />
                ) : null}
              </div>
              <div className="flex min-w-0 flex-1 flex-col gap-2">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-medium">
                      {line.itemSlug ? (
                        <Link href={`/${studio}/p/${line.itemSlug}`} className="hover:underline">
                          {line.name}
                        </Link>
                      ) : (
                        line.name
                      )}
                    </p>
                    {line.variantTitle ? (
                      <p className="text-sm text-muted-foreground">{line.variantTitle}</p>
                    ) : null}
                    <p className="text-sm text-muted-foreground">
                      {t('unitPrice', { price: money(line.unitPriceMinor) })}
                      {line.listPriceMinor > line.unitPriceMinor ? (
                        <>
                          {' '}
                          <span className="sr-only">{t('wasPrice')}</span>
                          <s>{money(line.listPriceMinor)}</s>
                        </>
                      ) : null}
                    </p>
                  </div>
                  <p className="font-semibold" data-testid="cart-line-total">
                    {money(line.lineTotalMinor)}
                  </p>
                </div>
                {line.notices.map((notice) => (
                  <p key={notice.code} className="text-sm font-medium text-brand-ink">
                    {noticeText(t, notice, money)}
                  </p>
                ))}
                <div className="flex flex-wrap items-center gap-2">
                  <fieldset className="inline-flex items-center gap-1" disabled={busyLine === line.id}>
                    <legend className="sr-only">{t('quantityFor', { name: line.name })}</legend>
                    <Button
                      variant="outline"
                      size="icon"
                      aria-label={t('decrease')}
                      disabled={line.quantity <= Math.max(1, line.minOrderQuantity)}
                      onClick={() => change(line, line.quantity - 1)}
                    >
                      <Minus aria-hidden="true" />
                    </Button>
                    <span className="w-10 text-center tabular-nums" aria-live="polite">
                      {line.quantity}
                    </span>
                    <Button
                      variant="outline"
                      size="icon"
                      aria-label={t('increase')}
                      disabled={line.stockAvailable !== null && line.quantity >= line.stockAvailable}
                      onClick={() => change(line, line.quantity + 1)}
                    >
                      <Plus aria-hidden="true" />
                    </Button>
                  </fieldset>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => change(line, 0)}
                    disabled={busyLine === line.id}
                  >
                    <Trash2 aria-hidden="true" />
                    {t('remove')}
                    <span className="sr-only">{line.name}</span>
                  </Button>
                </div>
                {lineError?.id === line.id ? (
                  <p role="alert" className="text-sm font-medium text-destructive">
                    {lineError.message}
                  </p>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <aside aria-labelledby="cart-summary-heading" className="h-fit rounded-xl border p-5">
        <h2 id="cart-summary-heading" className="text-lg font-semibold">
          {t('summaryHeading')}
        </h2>
        <dl className="mt-4 flex justify-between text-base">
          <dt>{t('subtotalCount', { count: cart.itemCount })}</dt>
          <dd className="font-semibold" data-testid="cart-subtotal">
            {money(cart.subtotalMinor)}
          </dd>
        </dl>
        <p className="mt-2 text-sm text-muted-foreground">{t('taxShippingAtCheckout')}</p>
        <Button asChild className="mt-4 w-full">
          <Link href={shopPaths.checkout(studio)}>{t('toCheckout')}</Link>
        </Button>
        <Button asChild variant="ghost" className="mt-2 w-full">
          <Link href={`/${studio}`}>{t('continueShopping')}</Link>
        </Button>
      </aside>
    </div>
  );
}

type Translate = ReturnType<typeof useTranslations<'Checkout'>>;

function noticeText(t: Translate, notice: CartLine['notices'][number], money: (minor: number) => string) {
  switch (notice.code) {
    case 'price_changed':
      return notice.previousUnitPriceMinor !== undefined
        ? t('noticePriceChangedFrom', { price: money(notice.previousUnitPriceMinor) })
        : t('noticePriceChanged');
    case 'flash_sale_ended':
      return t('noticeSaleEnded');
    case 'unavailable':
      return t('noticeUnavailable');
    case 'insufficient_stock':
      return t('noticeStock');
    case 'below_minimum':
      return t('noticeMinimum');
    default:
      return notice.message;
  }
}
