'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { problemSummary } from '@/components/forms/problem-fields';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { formatMoney } from '@/lib/money';
import { catalogCall } from './admin-api';
import { parseMoney } from './money';
import { catalogPage } from './paths';
import { ScrollRegion } from './scroll-region';
import type { AdminItemSummary, StudioFacts } from './types';

type BulkAction = 'publish' | 'archive' | 'delete' | 'set_price';

/** The admin's list: pick rows (or all on the page), then publish, archive, delete or reprice them at once. */
export function ItemTable({ studio, items }: { studio: StudioFacts; items: AdminItemSummary[] }) {
  const t = useTranslations('CatalogAdmin');
  const word = useFieldErrorWords();
  const tKinds = useTranslations('Kinds');
  const locale = useLocale();
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [action, setAction] = useState<BulkAction>('publish');
  const [price, setPrice] = useState('');
  const [priceError, setPriceError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const all = items.length > 0 && selected.size === items.length;
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const run = async () => {
    const ids = [...selected];
    let priceMinor: number | null = null;
    if (action === 'set_price') {
      priceMinor = parseMoney(price, studio.currency);
      if (priceMinor === null || Number.isNaN(priceMinor)) {
        setPriceError(t('validation.money'));
        document.getElementById('bulk-price')?.focus();
        return;
      }
    }
    if (action === 'delete' && !confirming) {
      setConfirming(true);
      return;
    }
    setPending(true);
    setNotice(null);
    try {
      await catalogCall(studio.slug, 'POST', '/items/bulk', {
        action,
        ids,
        ...(priceMinor !== null ? { priceMinor } : {}),
      });
      setNotice({ tone: 'success', text: t(`bulk.done.${action}`, { count: ids.length }) });
      setSelected(new Set());
      setConfirming(false);
      router.refresh();
    } catch (error) {
      setNotice({ tone: 'error', text: problemSummary(error, (key) => t(`errors.${key}`), word) });
    } finally {
      setPending(false);
    }
  };

  const priceOf = (item: AdminItemSummary) =>
    formatMoney({ amountMinor: item.priceFromMinor, currency: item.currency }, locale);

  return (
    <div className="space-y-4">
      <div aria-live="polite">
        {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
      </div>
      <form
        className="flex flex-wrap items-end gap-3 rounded-xl border bg-card p-3"
        aria-label={t('bulk.label')}
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <p className="w-full text-sm font-medium sm:w-auto sm:self-center" aria-live="polite">
          {t('bulk.selected', { count: selected.size })}
        </p>
        <div className="space-y-1">
          <Label htmlFor="bulk-action">{t('bulk.action')}</Label>
          <NativeSelect
            id="bulk-action"
            value={action}
            className="w-44"
            onChange={(event) => {
              setAction(event.target.value as BulkAction);
              setConfirming(false);
            }}
          >
            {(['publish', 'archive', 'set_price', 'delete'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`bulk.actions.${value}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        {action === 'set_price' ? (
          <div className="space-y-1">
            <Label htmlFor="bulk-price">{t('bulk.price', { currency: studio.currency })}</Label>
            <Input
              id="bulk-price"
              inputMode="decimal"
              className="w-36"
              value={price}
              aria-invalid={priceError ? true : undefined}
              aria-describedby={priceError ? 'bulk-price-error' : undefined}
              onChange={(event) => {
                setPrice(event.target.value);
                setPriceError(null);
              }}
            />
            {priceError ? (
              <p id="bulk-price-error" className="text-sm font-medium text-destructive">
                {priceError}
              </p>
            ) : null}
          </div>
        ) : null}
        {confirming ? (
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-sm">{t('bulk.confirmDelete', { count: selected.size })}</span>
            <Button
              type="submit"
              variant="outline"
              className="border-destructive text-destructive"
              disabled={pending}
              autoFocus
            >
              {t('bulk.actions.delete')}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </Button>
          </div>
        ) : (
          <Button type="submit" disabled={pending || selected.size === 0}>
            {pending ? t('bulk.applying') : t('bulk.apply')}
          </Button>
        )}
      </form>

      <ScrollRegion label={t('list.caption')} className="rounded-xl">
        <table className="w-full text-sm" data-testid="catalog-items">
          <caption className="sr-only">{t('list.caption')}</caption>
          <thead className="bg-muted/60 text-left">
            <tr>
              <th scope="col" className="w-10 px-3 py-2">
                <input
                  type="checkbox"
                  className="size-4 accent-brand"
                  checked={all}
                  aria-label={t('list.selectAll')}
                  onChange={() => setSelected(all ? new Set() : new Set(items.map((item) => item.id)))}
                />
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t('list.name')}
              </th>
              <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                {t('list.kind')}
              </th>
              <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                {t('list.status')}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t('list.price')}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t('list.stock')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {items.map((item) => (
              <tr key={item.id} className={selected.has(item.id) ? 'bg-muted/40' : undefined}>
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    className="size-4 accent-brand"
                    checked={selected.has(item.id)}
                    aria-label={t('list.select', { name: item.name })}
                    onChange={() => toggle(item.id)}
                  />
                </td>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  <Link
                    href={catalogPage(studio.slug, `/${item.id}`)}
                    className="underline-offset-4 hover:underline"
                  >
                    {item.name}
                  </Link>
                  <span className="block text-xs font-normal text-muted-foreground">/{item.slug}</span>
                  {/* On a phone the kind and status columns fold under the name. */}
                  <span className="block text-xs font-normal text-muted-foreground sm:hidden">
                    {tKinds(item.kind)} · {t(`status.${item.status}`)}
                  </span>
                </th>
                <td className="hidden px-3 py-2 sm:table-cell">{tKinds(item.kind)}</td>
                <td className="hidden px-3 py-2 sm:table-cell">
                  <Badge variant={item.status === 'published' ? 'secondary' : 'outline'}>
                    {t(`status.${item.status}`)}
                  </Badge>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{priceOf(item)}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {item.stock === null ? t('list.unlimited') : item.stock}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
