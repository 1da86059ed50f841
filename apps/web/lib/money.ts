import type { Money } from '@atelier/sdk';

/**
 * Formats integer minor units in their own currency, e.g. 129000 THB -> ฿1,290 and 14999 USD -> $149.99.
 * The number of minor digits comes from Intl, so zero-decimal currencies (JPY) divide correctly.
 */
export function formatMoney(money: Money, locale: string): string {
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    currencyDisplay: 'narrowSymbol',
    trailingZeroDisplay: 'stripIfInteger',
  });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amountMinor / 10 ** digits);
}
