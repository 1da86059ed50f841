import type { Locale } from './templates.js';

/**
 * An amount as a reader expects it in an email or a receipt: the currency's own decimals and symbol, in
 * the reader's language. `minor` is integer minor units (cents, satang); the exponent comes from Intl.
 */
export function formatMoney(minor: number, currency: string, locale: Locale = 'en'): string {
  const format = new Intl.NumberFormat(locale === 'th' ? 'th-TH' : 'en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
