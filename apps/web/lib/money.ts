import type { Money } from '@atelier/sdk';

/**
 * The web's one way to show money. Rule: an amount always shows its currency's minor units, the way
 * receipts and the emails (apps/api/src/platform/mailer/money.ts) write it: USD 0 -> "$0.00",
 * 4900 -> "$49.00", THB 129000 -> "฿1,290.00", JPY 500 -> "¥500" (no minor unit). Stripping ".00" from
 * whole amounts made one order read "$49" next to "$3.55" and "$0", so columns did not line up and a
 * zero looked like a missing figure.
 *
 * Amounts travel as integer minor units; the number of minor digits comes from Intl (ISO 4217), so
 * JPY (0) and KWD (3) divide correctly. Client components may import this file (no server-only code).
 */

/** Digits after the decimal point in `currency` (2 for USD and THB, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    // Not an ISO 4217 code Intl knows: two digits, like most currencies.
    return 2;
  }
}

/** 14999 USD in `en` -> "$149.99"; 0 USD -> "$0.00"; 129000 THB in `th` -> "฿1,290.00". */
export function formatMoney(money: Money, locale: string): string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: money.currency,
      // "$" and "฿" rather than "US$" or "THB" whatever the reader's language.
      currencyDisplay: 'narrowSymbol',
    });
  } catch {
    // A currency code Intl does not know must not take the page down: show the code with the amount.
    return `${minorToDecimal(money.amountMinor, money.currency)} ${money.currency}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // `+ 0` turns -0 into 0, so nothing reads "-$0.00".
  return format.format(money.amountMinor / 10 ** digits + 0);
}

/**
 * Minor units as an exact decimal string in the currency's digits, by string arithmetic (never a float
 * multiplication): 1250 USD -> "12.50", 5 USD -> "0.05", -1250 -> "-12.50", 500 JPY -> "500". For
 * machine-readable prices (JSON-LD) and the text an amount input starts with.
 */
export function minorToDecimal(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const whole = Math.trunc(amountMinor);
  const sign = whole < 0 ? '-' : '';
  const text = String(Math.abs(whole));
  if (digits === 0) return `${sign}${text}`;
  const padded = text.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** "฿" or "$": the narrow symbol of a currency, for labels like "Price (฿)". */
export function currencySymbol(currency: string, locale: string): string {
  try {
    const parts = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
    }).formatToParts(0);
    return parts.find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}
