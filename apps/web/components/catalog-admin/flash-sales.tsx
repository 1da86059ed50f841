'use client';

import { Search } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { problemFields, problemSummary } from '@/components/forms/problem-fields';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { formatDateTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { catalogCall } from './admin-api';
import { FieldError, fieldAria, fieldId, TextField } from './fields';
import { moneyText, parseMoney } from './money';
import type { AdminFlashSale, AdminItemSummary, StudioFacts } from './types';
import { isoToZoned, zonedToIso } from './zoned-time';

const STATES = ['running', 'scheduled', 'ended'] as const;

/**
 * Schedule a sale on one item (percent off, or a fixed price for a single-variant item) in the studio's
 * time, or change a scheduled or running one in the same form (an ended sale is history: no edit).
 */
export function FlashSaleScheduler({
  studio,
  sales: initial,
  now,
}: {
  studio: StudioFacts;
  sales: AdminFlashSale[];
  now: string;
}) {
  const t = useTranslations('CatalogAdmin.flashSales');
  const tStatus = useTranslations('CatalogAdmin.status');
  const tv = useTranslations('CatalogAdmin.validation');
  const tErr = useTranslations('CatalogAdmin.errors');
  const word = useFieldErrorWords();
  const locale = useLocale();
  const router = useRouter();
  const [sales, setSales] = useState(initial);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<AdminItemSummary[] | null>(null);
  const [item, setItem] = useState<AdminItemSummary | null>(null);
  // The sale being changed; null while scheduling a new one. Its item stays the same.
  const [editing, setEditing] = useState<AdminFlashSale | null>(null);
  const [name, setName] = useState('');
  const [rule, setRule] = useState<'percent' | 'price'>('percent');
  const [percent, setPercent] = useState('');
  const [price, setPrice] = useState('');
  // Default: from the next full hour for 24 hours, on the studio's clock.
  const [startsAt, setStartsAt] = useState(() =>
    isoToZoned(new Date(Math.ceil(Date.parse(now) / 3_600_000) * 3_600_000).toISOString(), studio.timezone),
  );
  const [endsAt, setEndsAt] = useState(() =>
    isoToZoned(
      new Date(Math.ceil(Date.parse(now) / 3_600_000) * 3_600_000 + 86_400_000).toISOString(),
      studio.timezone,
    ),
  );
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [searching, setSearching] = useState(false);

  const find = async () => {
    setSearching(true);
    try {
      const page = await catalogCall<{ items: AdminItemSummary[] }>(
        studio.slug,
        'GET',
        `/items?${new URLSearchParams({ limit: '10', ...(query.trim() ? { q: query.trim() } : {}) })}`,
      );
      setResults(page.items);
    } catch (error) {
      setNotice({ tone: 'error', text: problemSummary(error, tErr, word) });
    } finally {
      setSearching(false);
    }
  };

  const startIso = zonedToIso(startsAt, studio.timezone);
  const endIso = zonedToIso(endsAt, studio.timezone);
  const priceMinor = parseMoney(price, studio.currency);
  // While editing, the item's variants are not loaded here: the API checks the fixed-price rule.
  const single = item && !editing ? item.variantCount === 1 : true;
  const live: Record<string, string | undefined> = {
    itemId: item || editing ? undefined : tv('pickItem'),
    percentOff:
      rule === 'percent' && !/^\d{1,2}$/.test(percent.trim())
        ? tv('percentOff')
        : rule === 'percent' && Number(percent) < 1
          ? tv('percentOff')
          : undefined,
    salePriceMinor:
      rule !== 'price'
        ? undefined
        : priceMinor === null
          ? tv('required')
          : Number.isNaN(priceMinor)
            ? tv('money')
            : item && priceMinor >= item.priceFromMinor
              ? tv('belowPrice')
              : undefined,
    startsAt: startIso ? undefined : tv('date'),
    endsAt: !endIso ? tv('date') : startIso && endIso <= startIso ? tv('endAfterStart') : undefined,
  };
  // Live problems show once the admin has tried to save, or as soon as the dates contradict each other.
  const errorFor = (path: string) =>
    serverErrors[path] ?? (attempted || path === 'endsAt' ? live[path] : undefined);

  const resetForm = () => {
    setAttempted(false);
    setServerErrors({});
    setEditing(null);
    setItem(null);
    setName('');
    setPercent('');
    setPrice('');
  };

  const startEditing = (sale: AdminFlashSale) => {
    resetForm();
    setEditing(sale);
    setName(sale.name);
    setRule(sale.percentOff !== null ? 'percent' : 'price');
    setPercent(sale.percentOff !== null ? String(sale.percentOff) : '');
    setPrice(moneyText(sale.salePriceMinor, studio.currency));
    setStartsAt(isoToZoned(sale.startsAt, studio.timezone));
    setEndsAt(isoToZoned(sale.endsAt, studio.timezone));
    setNotice(null);
    requestAnimationFrame(() => document.getElementById('flash-sale-form-title')?.focus());
  };

  const save = (target: AdminFlashSale | null, itemId: string) => {
    const rulePart = rule === 'percent' ? { percentOff: Number(percent) } : { salePriceMinor: priceMinor };
    if (target)
      // A PATCH: the name may be cleared; giving one rule clears the other.
      return catalogCall<AdminFlashSale>(studio.slug, 'PATCH', `/flash-sales/${target.id}`, {
        name: name.trim(),
        ...rulePart,
        startsAt: startIso,
        endsAt: endIso,
      });
    return catalogCall<AdminFlashSale>(studio.slug, 'POST', '/flash-sales', {
      itemId,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...rulePart,
      startsAt: startIso,
      endsAt: endIso,
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setServerErrors({});
    const itemId = editing?.itemId ?? item?.id;
    if (Object.values(live).some(Boolean) || !itemId || !startIso || !endIso) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('#flash-sale-form [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setPending(true);
    setNotice(null);
    try {
      const sale = await save(editing, itemId);
      setSales((list) => (editing ? list.map((s) => (s.id === sale.id ? sale : s)) : [sale, ...list]));
      setNotice({
        tone: 'success',
        text: t(editing ? 'updated' : 'scheduled', {
          item: sale.itemName,
          state: t(`state.${sale.state}`),
        }),
      });
      resetForm();
      router.refresh();
    } catch (error) {
      const fields = problemFields(error, word);
      setServerErrors(fields);
      setNotice({ tone: 'error', text: problemSummary(error, tErr, word) });
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('#flash-sale-form [aria-invalid="true"]')?.focus(),
      );
    } finally {
      setPending(false);
    }
  };

  const cancel = async (sale: AdminFlashSale) => {
    try {
      await catalogCall(studio.slug, 'DELETE', `/flash-sales/${sale.id}`);
      setSales((list) => list.filter((s) => s.id !== sale.id));
      if (editing?.id === sale.id) resetForm();
      setNotice({ tone: 'success', text: t('cancelled', { item: sale.itemName }) });
      router.refresh();
    } catch (error) {
      setNotice({ tone: 'error', text: problemSummary(error, tErr, word) });
    }
  };

  const ruleText = (sale: AdminFlashSale) =>
    sale.percentOff !== null
      ? t('percentRule', { percent: sale.percentOff })
      : formatMoney({ amountMinor: sale.salePriceMinor ?? 0, currency: studio.currency }, locale);

  return (
    <div className="space-y-6">
      <div aria-live="polite">
        {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
      </div>
      <form
        id="flash-sale-form"
        noValidate
        onSubmit={(event) => void submit(event)}
        className="space-y-5 rounded-xl border bg-card p-4 sm:p-6"
        aria-labelledby="flash-sale-form-title"
      >
        <h2 id="flash-sale-form-title" tabIndex={-1} className="text-lg font-semibold">
          {editing ? t('editTitle', { item: editing.itemName }) : t('formTitle')}
        </h2>
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">{t('item')}</legend>
          {editing ? (
            <div className="rounded-lg bg-muted px-3 py-2">
              <span className="font-medium">{editing.itemName}</span>
            </div>
          ) : item ? (
            <div className="flex flex-wrap items-center gap-3 rounded-lg bg-muted px-3 py-2">
              <span className="font-medium">{item.name}</span>
              <span className="text-sm text-muted-foreground">
                {formatMoney({ amountMinor: item.priceFromMinor, currency: item.currency }, locale)}
              </span>
              <Button
                type="button"
                variant="ghost"
                size="sm"
                className="ml-auto"
                onClick={() => setItem(null)}
              >
                {t('changeItem')}
              </Button>
            </div>
          ) : (
            <>
              <div className="flex gap-2">
                <Label htmlFor={fieldId('itemId')} className="sr-only">
                  {t('findItem')}
                </Label>
                <Input
                  {...fieldAria('itemId', errorFor('itemId'))}
                  type="search"
                  placeholder={t('findItem')}
                  value={query}
                  onChange={(event) => setQuery(event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      void find();
                    }
                  }}
                />
                <Button type="button" variant="outline" onClick={() => void find()} disabled={searching}>
                  <Search aria-hidden="true" />
                  {t('find')}
                </Button>
              </div>
              <FieldError path="itemId" error={errorFor('itemId')} />
              {results ? (
                results.length === 0 ? (
                  <p className="text-sm text-muted-foreground" role="status">
                    {t('noResults')}
                  </p>
                ) : (
                  <ul
                    className="divide-y rounded-lg border"
                    aria-label={t('results', { count: results.length })}
                  >
                    {results.map((result) => (
                      <li key={result.id} className="flex items-center gap-3 px-3 py-2">
                        <span className="min-w-0 flex-1">
                          <span className="block font-medium">{result.name}</span>
                          <span className="text-sm text-muted-foreground">
                            {formatMoney(
                              { amountMinor: result.priceFromMinor, currency: result.currency },
                              locale,
                            )}{' '}
                            · {tStatus(result.status)}
                          </span>
                        </span>
                        <Button
                          type="button"
                          variant="outline"
                          size="sm"
                          aria-label={t('pick', { name: result.name })}
                          onClick={() => {
                            setItem(result);
                            if (result.variantCount !== 1) setRule('percent');
                          }}
                        >
                          {t('pickShort')}
                        </Button>
                      </li>
                    ))}
                  </ul>
                )
              ) : null}
            </>
          )}
        </fieldset>

        <TextField
          path="name"
          label={t('name')}
          hint={t('nameHint')}
          value={name}
          onValue={setName}
          error={errorFor('name')}
        />

        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">{t('rule')}</legend>
          <div className="flex flex-wrap gap-4">
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="rule"
                className="accent-brand"
                checked={rule === 'percent'}
                onChange={() => setRule('percent')}
              />
              {t('percentOff')}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="rule"
                className="accent-brand"
                checked={rule === 'price'}
                disabled={!single}
                aria-describedby={single ? undefined : 'rule-price-hint'}
                onChange={() => setRule('price')}
              />
              {t('salePrice')}
            </label>
          </div>
          {!single ? (
            <p id="rule-price-hint" className="text-sm text-muted-foreground">
              {t('priceOnlySingle')}
            </p>
          ) : null}
          {rule === 'percent' ? (
            <TextField
              path="percentOff"
              label={t('percentLabel')}
              inputMode="numeric"
              className="max-w-48"
              value={percent}
              onValue={setPercent}
              error={errorFor('percentOff')}
            />
          ) : (
            <TextField
              path="salePriceMinor"
              label={t('priceLabel', { currency: studio.currency })}
              inputMode="decimal"
              className="max-w-48"
              value={price}
              onValue={setPrice}
              error={errorFor('salePriceMinor')}
            />
          )}
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            path="startsAt"
            type="datetime-local"
            label={t('startsAt')}
            value={startsAt}
            onValue={setStartsAt}
            error={errorFor('startsAt')}
            hint={t('zone', { zone: studio.timezone })}
          />
          <TextField
            path="endsAt"
            type="datetime-local"
            label={t('endsAt')}
            value={endsAt}
            onValue={setEndsAt}
            error={errorFor('endsAt')}
            hint={t('zone', { zone: studio.timezone })}
          />
        </div>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? t('scheduling') : editing ? t('saveChanges') : t('schedule')}
          </Button>
          {editing ? (
            <Button type="button" variant="ghost" onClick={resetForm}>
              {t('stopEditing')}
            </Button>
          ) : null}
        </div>
      </form>

      {STATES.map((state) => {
        const list = sales.filter((sale) => sale.state === state);
        return (
          <section key={state} aria-labelledby={`sales-${state}`} className="space-y-3">
            <h2 id={`sales-${state}`} className="flex items-center gap-2 text-lg font-semibold">
              {t(`heading.${state}`)} <Badge variant="outline">{list.length}</Badge>
            </h2>
            {list.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t(`none.${state}`)}</p>
            ) : (
              <ul className="divide-y rounded-xl border bg-card" data-testid={`flash-sales-${state}`}>
                {list.map((sale) => (
                  <li key={sale.id} className="flex flex-wrap items-center gap-3 p-3 sm:p-4">
                    {/* A row of its own on phones: beside the badge and two buttons it was squeezed to a word per line. */}
                    <div className="min-w-0 grow basis-full sm:basis-0">
                      <p className="font-medium">
                        {sale.itemName}
                        {sale.name ? (
                          <span className="font-normal text-muted-foreground"> · {sale.name}</span>
                        ) : null}
                      </p>
                      <p className="text-sm text-muted-foreground">
                        {ruleText(sale)} ·{' '}
                        {t('window', {
                          start: formatDateTime(sale.startsAt, locale, studio.timezone),
                          end: formatDateTime(sale.endsAt, locale, studio.timezone),
                        })}
                      </p>
                    </div>
                    <Badge variant={state === 'running' ? 'secondary' : 'outline'}>
                      {t(`state.${sale.state}`)}
                    </Badge>
                    {state !== 'ended' ? (
                      <>
                        <Button
                          type="button"
                          variant="outline"
                          size="sm"
                          aria-label={t('editLabel', { item: sale.itemName })}
                          aria-pressed={editing?.id === sale.id}
                          onClick={() => startEditing(sale)}
                        >
                          {t('edit')}
                        </Button>
                        <Button
                          type="button"
                          variant="ghost"
                          size="sm"
                          aria-label={t('cancelLabel', { item: sale.itemName })}
                          onClick={() => void cancel(sale)}
                        >
                          {t('cancel')}
                        </Button>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
