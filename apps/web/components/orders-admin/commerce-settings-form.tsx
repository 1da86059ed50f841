'use client';

import { Plus, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Field, FormMessage } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { bpsToPercent, percentToBps, toMajorText, toMinor } from './amounts';
import { studioCall } from './browser-api';
import { Check } from './fields';
import { type Errors, useSaveForm } from './save-form';
import type { CommerceSettings, ShippingMethod, StudioInfo } from './types';

const KINDS = ['flat', 'weight', 'free_over', 'pickup'] as const;
let nextKey = 1;

interface MethodDraft {
  key: number;
  id: string;
  name: string;
  kind: ShippingMethod['kind'];
  price: string;
  freeOver: string;
  countries: string;
  bands: { key: number; upTo: string; price: string }[];
}
interface RateDraft {
  key: number;
  country: string;
  region: string;
  rate: string;
}

function methodDraft(method: ShippingMethod, currency: string): MethodDraft {
  return {
    key: nextKey++,
    id: method.id,
    name: method.name,
    kind: method.kind,
    price: toMajorText(method.priceMinor, currency),
    freeOver: toMajorText(method.freeOverMinor ?? null, currency),
    countries: (method.countries ?? []).join(', '),
    bands: (method.bands ?? []).map((band) => ({
      key: nextKey++,
      upTo: String(band.upToGrams),
      price: toMajorText(band.priceMinor, currency),
    })),
  };
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

/** Order numbers, tax (inclusive or exclusive, rates by country/region) and shipping methods. */
export function CommerceSettingsForm({ studio, initial }: { studio: StudioInfo; initial: CommerceSettings }) {
  const t = useTranslations('OrdersAdmin');
  const currency = studio.currency;
  const [prefix, setPrefix] = useState(initial.orderNumberPrefix);
  const [inclusive, setInclusive] = useState(initial.pricesIncludeTax);
  const [defaultRate, setDefaultRate] = useState(bpsToPercent(initial.defaultTaxRateBps));
  const [taxShipping, setTaxShipping] = useState(initial.taxShipping);
  const [rates, setRates] = useState<RateDraft[]>(
    initial.taxRates.map((rate) => ({
      key: nextKey++,
      country: rate.country,
      region: rate.region ?? '',
      rate: bpsToPercent(rate.rateBps),
    })),
  );
  const [methods, setMethods] = useState<MethodDraft[]>(
    initial.shippingMethods.map((m) => methodDraft(m, currency)),
  );
  const year = new Date().getFullYear();

  const updateMethod = (key: number, patch: Partial<MethodDraft>) =>
    setMethods((current) => current.map((m) => (m.key === key ? { ...m, ...patch } : m)));
  const updateRate = (key: number, patch: Partial<RateDraft>) =>
    setRates((current) => current.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const form = useSaveForm<Partial<CommerceSettings>>({
    savedText: t('commerce.saved'),
    validate: () => {
      const errors: Errors = {};
      const money = (text: string, field: string, required: boolean) => {
        const minor = toMinor(text, currency);
        if (minor === null) {
          if (required) errors[field] = t('errors.required');
          return null;
        }
        if (Number.isNaN(minor)) errors[field] = t('errors.amount');
        return minor;
      };
      const upperPrefix = prefix.trim().toUpperCase();
      if (!/^[A-Z0-9]{1,8}$/.test(upperPrefix)) errors.orderNumberPrefix = t('commerce.prefixInvalid');
      const defaultBps = percentToBps(defaultRate);
      if (defaultBps === null || Number.isNaN(defaultBps) || defaultBps > 10_000)
        errors.defaultTaxRateBps = t('commerce.rateInvalid');
      const taxRates = rates.map((rate, index) => {
        const country = rate.country.trim().toUpperCase();
        if (!/^[A-Z]{2}$/.test(country)) errors[`taxRates.${index}.country`] = t('commerce.countryInvalid');
        const bps = percentToBps(rate.rate);
        if (bps === null || Number.isNaN(bps) || bps > 10_000)
          errors[`taxRates.${index}.rateBps`] = t('commerce.rateInvalid');
        return { country, ...(rate.region.trim() ? { region: rate.region.trim() } : {}), rateBps: bps ?? 0 };
      });
      const ids = new Set<string>();
      const shippingMethods = methods.map((method, index) => {
        const at = `shippingMethods.${index}`;
        const id = method.id || slugify(method.name) || `method-${index + 1}`;
        if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(id)) errors[`${at}.id`] = t('commerce.idInvalid');
        if (ids.has(id)) errors[`${at}.name`] = t('commerce.duplicateMethod');
        ids.add(id);
        if (!method.name.trim()) errors[`${at}.name`] = t('errors.required');
        const priceMinor =
          method.kind === 'pickup'
            ? 0
            : (money(method.price, `${at}.priceMinor`, method.kind !== 'weight') ?? 0);
        const freeOverMinor =
          method.kind === 'pickup'
            ? null
            : money(method.freeOver, `${at}.freeOverMinor`, method.kind === 'free_over');
        const bands =
          method.kind === 'weight'
            ? method.bands.map((band, b) => {
                const grams = Number(band.upTo);
                if (!/^\d+$/.test(band.upTo.trim()) || grams < 1)
                  errors[`${at}.bands.${b}.upToGrams`] = t('commerce.gramsInvalid');
                return {
                  upToGrams: grams,
                  priceMinor: money(band.price, `${at}.bands.${b}.priceMinor`, true) ?? 0,
                };
              })
            : undefined;
        if (method.kind === 'weight' && (bands?.length ?? 0) === 0)
          errors[`${at}.bands`] = t('commerce.bandsNeeded');
        const countries = method.countries
          .split(/[\s,]+/)
          .map((c) => c.trim().toUpperCase())
          .filter(Boolean);
        if (countries.some((c) => !/^[A-Z]{2}$/.test(c)))
          errors[`${at}.countries`] = t('commerce.countryInvalid');
        return {
          id,
          name: method.name.trim(),
          kind: method.kind,
          priceMinor,
          ...(bands ? { bands: [...bands].sort((a, b) => a.upToGrams - b.upToGrams) } : {}),
          ...(method.kind === 'pickup' ? {} : { freeOverMinor }),
          ...(countries.length > 0 ? { countries } : {}),
        };
      });
      return {
        errors,
        value: {
          orderNumberPrefix: upperPrefix,
          pricesIncludeTax: inclusive,
          defaultTaxRateBps: defaultBps ?? 0,
          taxShipping,
          taxRates,
          shippingMethods,
        },
      };
    },
    save: async (value) => {
      const saved = await studioCall<CommerceSettings>(
        studio.slug,
        'PATCH',
        '/admin/commerce-settings',
        value,
      );
      setPrefix(saved.orderNumberPrefix);
      setMethods(saved.shippingMethods.map((m) => methodDraft(m, currency)));
    },
  });
  const e = form.errors;

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-6">
      <Card className="space-y-4 p-5 sm:p-6" role="region" aria-labelledby="commerce-numbers">
        <h2 id="commerce-numbers" className="text-lg font-semibold">
          {t('commerce.numbers')}
        </h2>
        <Field
          name="orderNumberPrefix"
          label={t('commerce.prefix')}
          hint={t('commerce.prefixHint', {
            example: `${prefix.trim().toUpperCase() || 'QR'}-${year}-000042`,
          })}
          value={prefix}
          onChange={(event) => setPrefix(event.target.value)}
          error={e.orderNumberPrefix}
          maxLength={8}
          autoCapitalize="characters"
          className="max-w-xs"
        />
      </Card>

      <Card className="space-y-4 p-5 sm:p-6" role="region" aria-labelledby="commerce-tax">
        <h2 id="commerce-tax" className="text-lg font-semibold">
          {t('commerce.tax')}
        </h2>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t('commerce.pricesAre')}</legend>
          {[true, false].map((value) => (
            <label key={String(value)} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="pricesIncludeTax"
                checked={inclusive === value}
                onChange={() => setInclusive(value)}
                className="mt-0.5 size-4 accent-[var(--brand)]"
              />
              <span>
                <span className="font-medium">
                  {value ? t('commerce.inclusive') : t('commerce.exclusive')}
                </span>
                <span className="block text-muted-foreground">
                  {value ? t('commerce.inclusiveHint') : t('commerce.exclusiveHint')}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field
          name="defaultTaxRateBps"
          label={t('commerce.defaultRate')}
          hint={t('commerce.defaultRateHint')}
          inputMode="decimal"
          value={defaultRate}
          onChange={(event) => setDefaultRate(event.target.value)}
          error={e.defaultTaxRateBps}
          className="max-w-xs"
        />
        <Check label={t('commerce.taxShipping')} checked={taxShipping} onChange={setTaxShipping} />
        <div className="space-y-3">
          <h3 className="font-medium">{t('commerce.rates')}</h3>
          <p className="text-sm text-muted-foreground">{t('commerce.ratesLead')}</p>
          <ul className="space-y-3">
            {rates.map((rate, index) => (
              <li
                key={rate.key}
                className="grid items-start gap-3 rounded-lg border p-3 sm:grid-cols-[1fr_1fr_1fr_auto]"
              >
                <Field
                  name="country"
                  idPrefix={`rate-${rate.key}`}
                  label={t('commerce.country', { n: index + 1 })}
                  value={rate.country}
                  onChange={(event) => updateRate(rate.key, { country: event.target.value })}
                  error={e[`taxRates.${index}.country`]}
                  maxLength={2}
                  autoCapitalize="characters"
                />
                <Field
                  name="region"
                  idPrefix={`rate-${rate.key}`}
                  label={t('commerce.region', { n: index + 1 })}
                  value={rate.region}
                  onChange={(event) => updateRate(rate.key, { region: event.target.value })}
                  error={e[`taxRates.${index}.region`]}
                  maxLength={100}
                />
                <Field
                  name="rate"
                  idPrefix={`rate-${rate.key}`}
                  label={t('commerce.rate', { n: index + 1 })}
                  inputMode="decimal"
                  value={rate.rate}
                  onChange={(event) => updateRate(rate.key, { rate: event.target.value })}
                  error={e[`taxRates.${index}.rateBps`]}
                />
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="sm:mt-7"
                  aria-label={t('commerce.removeRate', { n: index + 1 })}
                  onClick={() => setRates((current) => current.filter((r) => r.key !== rate.key))}
                >
                  <Trash2 aria-hidden="true" />
                </Button>
              </li>
            ))}
          </ul>
          <Button
            type="button"
            variant="outline"
            onClick={() =>
              setRates((current) => [...current, { key: nextKey++, country: '', region: '', rate: '' }])
            }
          >
            <Plus aria-hidden="true" />
            {t('commerce.addRate')}
          </Button>
        </div>
      </Card>

      <Card className="space-y-4 p-5 sm:p-6" role="region" aria-labelledby="commerce-shipping">
        <div>
          <h2 id="commerce-shipping" className="text-lg font-semibold">
            {t('commerce.shipping')}
          </h2>
          <p className="text-sm text-muted-foreground">{t('commerce.shippingLead')}</p>
        </div>
        {methods.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('commerce.noMethods')}</p>
        ) : null}
        <ul className="space-y-4">
          {methods.map((method, index) => {
            const at = `shippingMethods.${index}`;
            const label = method.name.trim() || t('commerce.methodN', { n: index + 1 });
            return (
              <li key={method.key} className="space-y-3 rounded-lg border p-4">
                <fieldset className="space-y-3">
                  <legend className="font-medium">{label}</legend>
                  <div className="grid gap-3 sm:grid-cols-2">
                    <Field
                      name="name"
                      idPrefix={`method-${method.key}`}
                      label={t('commerce.methodName')}
                      value={method.name}
                      onChange={(event) => updateMethod(method.key, { name: event.target.value })}
                      error={e[`${at}.name`] ?? e[`${at}.id`]}
                      maxLength={100}
                    />
                    <div className="space-y-2">
                      <Label htmlFor={`method-${method.key}-kind`}>{t('commerce.kind')}</Label>
                      <NativeSelect
                        id={`method-${method.key}-kind`}
                        value={method.kind}
                        onChange={(event) =>
                          updateMethod(method.key, { kind: event.target.value as MethodDraft['kind'] })
                        }
                      >
                        {KINDS.map((kind) => (
                          <option key={kind} value={kind}>
                            {t(`commerce.kinds.${kind}`)}
                          </option>
                        ))}
                      </NativeSelect>
                    </div>
                    {method.kind === 'flat' || method.kind === 'free_over' ? (
                      <Field
                        name="priceMinor"
                        idPrefix={`method-${method.key}`}
                        label={t('commerce.price', { currency })}
                        inputMode="decimal"
                        value={method.price}
                        onChange={(event) => updateMethod(method.key, { price: event.target.value })}
                        error={e[`${at}.priceMinor`]}
                      />
                    ) : null}
                    {method.kind !== 'pickup' ? (
                      <Field
                        name="freeOverMinor"
                        idPrefix={`method-${method.key}`}
                        label={
                          method.kind === 'free_over'
                            ? t('commerce.freeOver', { currency })
                            : `${t('commerce.freeOver', { currency })} (${t('optional')})`
                        }
                        inputMode="decimal"
                        value={method.freeOver}
                        onChange={(event) => updateMethod(method.key, { freeOver: event.target.value })}
                        error={e[`${at}.freeOverMinor`]}
                      />
                    ) : null}
                    <Field
                      name="countries"
                      idPrefix={`method-${method.key}`}
                      label={`${t('commerce.countries')} (${t('optional')})`}
                      hint={t('commerce.countriesHint')}
                      value={method.countries}
                      onChange={(event) => updateMethod(method.key, { countries: event.target.value })}
                      error={e[`${at}.countries`]}
                    />
                  </div>
                  {method.kind === 'weight' ? (
                    <div className="space-y-2">
                      <p className="text-sm font-medium">{t('commerce.bands')}</p>
                      {e[`${at}.bands`] ? (
                        <p className="text-sm font-medium text-destructive">{e[`${at}.bands`]}</p>
                      ) : null}
                      <ul className="space-y-2">
                        {method.bands.map((band, b) => (
                          <li key={band.key} className="grid items-start gap-2 sm:grid-cols-[1fr_1fr_auto]">
                            <Field
                              name="upToGrams"
                              idPrefix={`band-${band.key}`}
                              label={t('commerce.upTo', { n: b + 1 })}
                              inputMode="numeric"
                              value={band.upTo}
                              onChange={(event) =>
                                updateMethod(method.key, {
                                  bands: method.bands.map((x) =>
                                    x.key === band.key ? { ...x, upTo: event.target.value } : x,
                                  ),
                                })
                              }
                              error={e[`${at}.bands.${b}.upToGrams`]}
                            />
                            <Field
                              name="priceMinor"
                              idPrefix={`band-${band.key}`}
                              label={t('commerce.bandPrice', { n: b + 1, currency })}
                              inputMode="decimal"
                              value={band.price}
                              onChange={(event) =>
                                updateMethod(method.key, {
                                  bands: method.bands.map((x) =>
                                    x.key === band.key ? { ...x, price: event.target.value } : x,
                                  ),
                                })
                              }
                              error={e[`${at}.bands.${b}.priceMinor`]}
                            />
                            <Button
                              type="button"
                              variant="ghost"
                              size="icon"
                              className="sm:mt-7"
                              aria-label={t('commerce.removeBand', { n: b + 1 })}
                              onClick={() =>
                                updateMethod(method.key, {
                                  bands: method.bands.filter((x) => x.key !== band.key),
                                })
                              }
                            >
                              <Trash2 aria-hidden="true" />
                            </Button>
                          </li>
                        ))}
                      </ul>
                      <Button
                        type="button"
                        variant="outline"
                        size="sm"
                        onClick={() =>
                          updateMethod(method.key, {
                            bands: [...method.bands, { key: nextKey++, upTo: '', price: '' }],
                          })
                        }
                      >
                        <Plus aria-hidden="true" />
                        {t('commerce.addBand')}
                      </Button>
                    </div>
                  ) : null}
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() => setMethods((current) => current.filter((m) => m.key !== method.key))}
                  >
                    <Trash2 aria-hidden="true" />
                    {t('commerce.removeMethod', { name: label })}
                  </Button>
                </fieldset>
              </li>
            );
          })}
        </ul>
        {methods.length < 20 ? (
          <Button
            type="button"
            variant="outline"
            onClick={() =>
              setMethods((current) => [
                ...current,
                {
                  key: nextKey++,
                  id: '',
                  name: '',
                  kind: 'flat',
                  price: '',
                  freeOver: '',
                  countries: '',
                  bands: [],
                },
              ])
            }
          >
            <Plus aria-hidden="true" />
            {t('commerce.addMethod')}
          </Button>
        ) : null}
      </Card>

      {form.message ? <FormMessage tone={form.message.tone}>{form.message.text}</FormMessage> : null}
      <Button type="submit" disabled={form.pending}>
        {t('save')}
      </Button>
    </form>
  );
}
