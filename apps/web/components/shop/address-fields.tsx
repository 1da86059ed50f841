'use client';

import { useTranslations } from 'next-intl';
import { Field } from '@/components/forms/field';
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
      {field('country', 'country', true, {
        maxLength: 2,
        hint: t('address.countryHint'),
      })}
      {field('phone', 'tel', false, { type: 'tel' })}
    </div>
  );
}
