'use client';

import { Search, X } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Field, FormMessage } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { toMajorText, toMinor } from './amounts';
import { studioCall } from './browser-api';
import { Check, TextArea } from './fields';
import { adminPage } from './paths';
import { type Errors, useSaveForm } from './save-form';
import type { Promo, StudioInfo } from './types';
import { fromLocalInput, toLocalInput } from './zoned';

interface Choice {
  id: string;
  name: string;
}

type PromoBody = Omit<Promo, 'id' | 'usedCount' | 'createdAt' | 'description'> & { description: string };

/** A promo code with every rule: amount, limits, window (studio clock), scope and the active switch. */
export function PromoEditor({
  studio,
  promo,
  categories,
  products: initialProducts,
}: {
  studio: StudioInfo;
  promo: Promo | null;
  categories: Choice[];
  products: Choice[];
}) {
  const t = useTranslations('OrdersAdmin');
  const router = useRouter();
  const currency = studio.currency;
  const [code, setCode] = useState(promo?.code ?? '');
  const [description, setDescription] = useState(promo?.description ?? '');
  const [kind, setKind] = useState<Promo['kind']>(promo?.kind ?? 'percentage');
  const [percent, setPercent] = useState(promo?.percentOff ? String(promo.percentOff) : '');
  const [amountOff, setAmountOff] = useState(toMajorText(promo?.amountOffMinor, currency));
  const [minPurchase, setMinPurchase] = useState(toMajorText(promo?.minPurchaseMinor, currency));
  const [maxDiscount, setMaxDiscount] = useState(toMajorText(promo?.maxDiscountMinor, currency));
  const [usageLimit, setUsageLimit] = useState(promo?.usageLimit ? String(promo.usageLimit) : '');
  const [perClient, setPerClient] = useState(promo?.perClientLimit ? String(promo.perClientLimit) : '');
  const [startsAt, setStartsAt] = useState(toLocalInput(promo?.startsAt, studio.timezone));
  const [expiresAt, setExpiresAt] = useState(toLocalInput(promo?.expiresAt, studio.timezone));
  const [scope, setScope] = useState<Promo['appliesTo']>(promo?.appliesTo ?? 'all');
  const [categoryIds, setCategoryIds] = useState<string[]>(
    promo?.appliesTo === 'categories' ? promo.targetIds : [],
  );
  const [products, setProducts] = useState<Choice[]>(initialProducts);
  const [active, setActive] = useState(promo?.active ?? true);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Choice[] | null>(null);
  const [deleting, setDeleting] = useState(false);

  const form = useSaveForm<PromoBody>({
    savedText: t('promo.saved'),
    validate: () => {
      const errors: Errors = {};
      const money = (text: string, field: string, required = false) => {
        const minor = toMinor(text, currency);
        if (minor === null) {
          if (required) errors[field] = t('errors.required');
          return null;
        }
        if (Number.isNaN(minor) || (required && minor <= 0)) errors[field] = t('errors.amount');
        return minor;
      };
      const count = (text: string, field: string) => {
        if (!text.trim()) return null;
        if (!/^\d+$/.test(text.trim()) || Number(text) < 1) errors[field] = t('promo.countInvalid');
        return Number(text);
      };
      if (!/^[A-Za-z0-9_-]{3,32}$/.test(code.trim())) errors.code = t('promo.codeInvalid');
      let percentOff: number | null = null;
      if (kind === 'percentage') {
        percentOff = /^\d+$/.test(percent.trim()) ? Number(percent) : Number.NaN;
        if (!(percentOff >= 1 && percentOff <= 100)) errors.percentOff = t('promo.percentInvalid');
      }
      const amountOffMinor = kind === 'fixed' ? money(amountOff, 'amountOffMinor', true) : null;
      const start = fromLocalInput(startsAt, studio.timezone);
      const end = fromLocalInput(expiresAt, studio.timezone);
      if (start === undefined) errors.startsAt = t('promo.dateInvalid');
      if (end === undefined) errors.expiresAt = t('promo.dateInvalid');
      if (start && end && end <= start) errors.expiresAt = t('promo.endBeforeStart');
      const targetIds =
        scope === 'categories' ? categoryIds : scope === 'products' ? products.map((p) => p.id) : [];
      if (scope !== 'all' && targetIds.length === 0) errors.targetIds = t('promo.targetsNeeded');
      return {
        errors,
        value: {
          code: code.trim(),
          description: description.trim(),
          kind,
          percentOff,
          amountOffMinor,
          minPurchaseMinor: money(minPurchase, 'minPurchaseMinor'),
          maxDiscountMinor: money(maxDiscount, 'maxDiscountMinor'),
          usageLimit: count(usageLimit, 'usageLimit'),
          perClientLimit: count(perClient, 'perClientLimit'),
          startsAt: start ?? null,
          expiresAt: end ?? null,
          appliesTo: scope,
          targetIds,
          active,
        },
      };
    },
    save: async (value) => {
      if (promo) {
        await studioCall<Promo>(studio.slug, 'PATCH', `/admin/promo-codes/${promo.id}`, value);
        router.refresh();
      } else {
        const created = await studioCall<Promo>(studio.slug, 'POST', '/admin/promo-codes', value);
        router.push(adminPage(studio.slug, `/promo-codes/${created.id}?created=1`));
      }
    },
  });
  const e = form.errors;

  const find = async () => {
    const q = search.trim();
    if (!q) return;
    try {
      const answer = await studioCall<{ items: Choice[] }>(
        studio.slug,
        'GET',
        `/admin/catalog/items?limit=10&q=${encodeURIComponent(q)}`,
      );
      setFound(answer.items.map(({ id, name }) => ({ id, name })));
    } catch {
      setFound([]);
    }
  };

  const remove = async () => {
    if (!promo) return;
    if (!deleting) {
      setDeleting(true);
      return;
    }
    await studioCall(studio.slug, 'DELETE', `/admin/promo-codes/${promo.id}`);
    router.push(adminPage(studio.slug, '/promo-codes'));
  };

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-6">
      <Card className="space-y-4 p-5 sm:p-6">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            name="code"
            label={t('promo.code')}
            hint={t('promo.codeHint')}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            error={e.code}
            maxLength={32}
            autoComplete="off"
            // Field puts className on its wrapper: only the code itself is monospace, not its label, hint or error.
            className="[&_input]:font-mono"
          />
          <div className="pt-1 sm:pt-8">
            <Check
              label={t('promo.active')}
              hint={t('promo.activeHint')}
              checked={active}
              onChange={setActive}
            />
          </div>
        </div>
        <TextArea
          name="description"
          label={`${t('promo.description')} (${t('optional')})`}
          value={description}
          onChange={setDescription}
          error={e.description}
          maxLength={300}
        />
      </Card>

      <Card className="space-y-4 p-5 sm:p-6">
        <fieldset className="space-y-2">
          <legend className="text-lg font-semibold">{t('promo.discount')}</legend>
          {(['percentage', 'fixed'] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="kind"
                checked={kind === value}
                onChange={() => setKind(value)}
                className="size-4 accent-[var(--brand)]"
              />
              {t(`promo.kind.${value}`)}
            </label>
          ))}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          {kind === 'percentage' ? (
            <Field
              name="percentOff"
              label={t('promo.percentOff')}
              inputMode="numeric"
              value={percent}
              onChange={(event) => setPercent(event.target.value)}
              error={e.percentOff}
            />
          ) : (
            <Field
              name="amountOffMinor"
              label={t('promo.amountOff', { currency })}
              inputMode="decimal"
              value={amountOff}
              onChange={(event) => setAmountOff(event.target.value)}
              error={e.amountOffMinor}
            />
          )}
          <Field
            name="maxDiscountMinor"
            label={`${t('promo.maxDiscount', { currency })} (${t('optional')})`}
            inputMode="decimal"
            value={maxDiscount}
            onChange={(event) => setMaxDiscount(event.target.value)}
            error={e.maxDiscountMinor}
          />
          <Field
            name="minPurchaseMinor"
            label={`${t('promo.minPurchase', { currency })} (${t('optional')})`}
            inputMode="decimal"
            value={minPurchase}
            onChange={(event) => setMinPurchase(event.target.value)}
            error={e.minPurchaseMinor}
          />
        </div>
      </Card>

      <Card className="space-y-4 p-5 sm:p-6">
        <h2 className="text-lg font-semibold">{t('promo.limits')}</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            name="usageLimit"
            label={`${t('promo.usageLimit')} (${t('optional')})`}
            hint={t('promo.usageLimitHint')}
            inputMode="numeric"
            value={usageLimit}
            onChange={(event) => setUsageLimit(event.target.value)}
            error={e.usageLimit}
          />
          <Field
            name="perClientLimit"
            label={`${t('promo.perClientLimit')} (${t('optional')})`}
            inputMode="numeric"
            value={perClient}
            onChange={(event) => setPerClient(event.target.value)}
            error={e.perClientLimit}
          />
          <Field
            name="startsAt"
            type="datetime-local"
            label={`${t('promo.startsAt')} (${t('optional')})`}
            value={startsAt}
            onChange={(event) => setStartsAt(event.target.value)}
            error={e.startsAt}
          />
          <Field
            name="expiresAt"
            type="datetime-local"
            label={`${t('promo.expiresAt')} (${t('optional')})`}
            value={expiresAt}
            onChange={(event) => setExpiresAt(event.target.value)}
            error={e.expiresAt}
          />
        </div>
        <p className="text-xs text-muted-foreground">{t('promo.zone', { zone: studio.timezone })}</p>
        {promo ? (
          <p className="text-sm text-muted-foreground">
            {promo.usageLimit !== null
              ? t('promo.usedOf', { used: promo.usedCount, limit: promo.usageLimit })
              : t('promo.used', { used: promo.usedCount })}
          </p>
        ) : null}
      </Card>

      <Card className="space-y-4 p-5 sm:p-6">
        <fieldset className="space-y-2" aria-describedby={e.targetIds ? 'targets-error' : undefined}>
          <legend className="text-lg font-semibold">{t('promo.appliesTo')}</legend>
          {(['all', 'categories', 'products'] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="appliesTo"
                checked={scope === value}
                onChange={() => setScope(value)}
                className="size-4 accent-[var(--brand)]"
              />
              {t(`promo.scope.${value}`)}
            </label>
          ))}
        </fieldset>
        {e.targetIds ? (
          <p
            id="targets-error"
            className="text-sm font-medium text-destructive"
            tabIndex={-1}
            data-form-message="error"
          >
            {e.targetIds}
          </p>
        ) : null}
        {scope === 'categories' ? (
          categories.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('promo.noCategories')}</p>
          ) : (
            <fieldset className="grid max-h-72 gap-2 overflow-y-auto rounded-lg border p-3 sm:grid-cols-2">
              <legend className="sr-only">{t('promo.pickCategories')}</legend>
              {categories.map((category) => (
                <label key={category.id} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={categoryIds.includes(category.id)}
                    onChange={(event) =>
                      setCategoryIds((current) =>
                        event.target.checked
                          ? [...current, category.id]
                          : current.filter((id) => id !== category.id),
                      )
                    }
                    className="size-4 accent-[var(--brand)]"
                  />
                  {category.name}
                </label>
              ))}
            </fieldset>
          )
        ) : null}
        {scope === 'products' ? (
          <div className="space-y-3">
            {products.length > 0 ? (
              <ul className="flex flex-wrap gap-2" aria-label={t('promo.chosenProducts')}>
                {products.map((product) => (
                  <li
                    key={product.id}
                    className="inline-flex items-center gap-1 rounded-full border py-1 pl-3 pr-1 text-sm"
                  >
                    {product.name}
                    <Button
                      type="button"
                      variant="ghost"
                      size="sm"
                      className="size-7 p-0"
                      aria-label={t('promo.removeProduct', { name: product.name })}
                      onClick={() => setProducts((current) => current.filter((p) => p.id !== product.id))}
                    >
                      <X aria-hidden="true" />
                    </Button>
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="flex gap-2">
              <div className="flex-1 space-y-1">
                <Label htmlFor="promo-product-search">{t('promo.findProduct')}</Label>
                <Input
                  id="promo-product-search"
                  type="search"
                  value={search}
                  onChange={(event) => setSearch(event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      void find();
                    }
                  }}
                />
              </div>
              <Button type="button" variant="outline" className="self-end" onClick={() => void find()}>
                <Search aria-hidden="true" />
                {t('promo.find')}
              </Button>
            </div>
            {found ? (
              found.length === 0 ? (
                <p className="text-sm text-muted-foreground" role="status">
                  {t('promo.noProducts')}
                </p>
              ) : (
                <ul className="divide-y rounded-lg border text-sm" aria-label={t('promo.results')}>
                  {found.map((product) => (
                    <li key={product.id} className="flex items-center justify-between gap-2 p-2">
                      <span>{product.name}</span>
                      <Button
                        type="button"
                        size="sm"
                        variant="outline"
                        disabled={products.some((p) => p.id === product.id)}
                        aria-label={t('promo.addProduct', { name: product.name })}
                        onClick={() => setProducts((current) => [...current, product])}
                      >
                        {t('promo.add')}
                      </Button>
                    </li>
                  ))}
                </ul>
              )
            ) : null}
          </div>
        ) : null}
      </Card>

      {form.message ? <FormMessage tone={form.message.tone}>{form.message.text}</FormMessage> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={form.pending}>
          {promo ? t('save') : t('promo.create')}
        </Button>
        {promo ? (
          <Button type="button" variant="outline" onClick={() => void remove()}>
            {deleting ? t('promo.confirmDelete') : t('promo.delete')}
          </Button>
        ) : null}
      </div>
      {deleting ? (
        <p role="alert" className="text-sm text-muted-foreground">
          {promo?.usedCount ? t('promo.deleteUsed') : t('promo.deleteUnused')}
        </p>
      ) : null}
    </form>
  );
}
