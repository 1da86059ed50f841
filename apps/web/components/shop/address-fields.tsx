'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Field } from '@/components/forms/field';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { cn } from '@/lib/cn';
import { countryOptions } from '@/lib/countries';
import type { Address } from '@/lib/shop';

export type AddressDraft = Record<keyof Address, string>;

export const EMPTY_ADDRESS: AddressDraft = {
  name: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
  phone: '',
};

/** The API's address, or null while a required part is missing (previews then skip the address). */
export function toAddress(draft: AddressDraft): Address | null {
  const country = draft.country.trim().toUpperCase();
  if (!draft.name.trim() || !draft.line1.trim() || !draft.city.trim() || !draft.postalCode.trim())
    return null;
  if (!/^[A-Z]{2}$/.test(country)) return null;
  return {
    name: draft.name.trim(),
    line1: draft.line1.trim(),
    ...(draft.line2.trim() ? { line2: draft.line2.trim() } : {}),
    city: draft.city.trim(),
    ...(draft.region.trim() ? { region: draft.region.trim() } : {}),
    postalCode: draft.postalCode.trim(),
    country,
    ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
  };
}

/** Postal address inputs with autocomplete hints; `prefix` keeps shipping and billing ids apart. */
export function AddressFields({
  prefix,
  value,
  onChange,
  errors,
}: {
  prefix: 'shipping' | 'billing';
  value: AddressDraft;
  onChange: (next: AddressDraft) => void;
  errors: Record<string, string | undefined>;
}) {
  const t = useTranslations('Checkout');
  const locale = useLocale();
  const countries = useMemo(() => countryOptions(locale), [locale]);
  const section = prefix === 'shipping' ? 'shipping' : 'billing';
  const field = (name: keyof AddressDraft, autoComplete: string, required: boolean, extra = {}) => (
    <Field
      idPrefix={prefix}
      name={name}
      label={required ? t(`address.${name}`) : t('optionalField', { label: t(`address.${name}`) })}
      autoComplete={`section-${section} ${section} ${autoComplete}`}
      required={required}
      value={value[name]}
      error={errors[`${prefix}Address.${name}`]}
      onChange={(event) => onChange({ ...value, [name]: event.target.value })}
      {...extra}
    />
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {field('name', 'name', true, { className: 'sm:col-span-2' })}
      {field('line1', 'address-line1', true, { className: 'sm:col-span-2' })}
      {field('line2', 'address-line2', false, { className: 'sm:col-span-2' })}
      {field('city', 'address-level2', true)}
      {field('region', 'address-level1', false)}
      {field('postalCode', 'postal-code', true)}
      <CountrySelect
        id={`${prefix}-country`}
        label={t('address.country')}
        placeholder={t('address.countryChoose')}
        autoComplete={`section-${section} ${section} country`}
        countries={countries}
        value={value.country.trim().toUpperCase()}
        error={errors[`${prefix}Address.country`]}
        onChange={(country) => onChange({ ...value, country })}
      />
      {field('phone', 'tel', false, { type: 'tel' })}
    </div>
  );
}

/**
 * The country as a list of names in the reader's language (the API takes its ISO code): nobody has to
 * know that the United Kingdom is GB. Browsers' autofill fills it by code or name (`autocomplete`).
 * The names come from the ICU of whoever renders, and the server's may word one differently from the
 * browser's, hence the suppressed hydration warnings on the options.
 */
function CountrySelect({
  id,
  label,
  placeholder,
  autoComplete,
  countries,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  placeholder: string;
  autoComplete: string;
  countries: { code: string; name: string }[];
  value: string;
  error: string | undefined;
  onChange: (code: string) => void;
}) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="space-y-2">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect
        id={id}
        name="country"
        required
        autoComplete={autoComplete}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        className={cn(error && 'border-destructive')}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{placeholder}</option>
        {countries.map((country) => (
          <option key={country.code} value={country.code} suppressHydrationWarning>
            {country.name}
          </option>
        ))}
      </NativeSelect>
      {error ? (
        <p id={errorId} className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
