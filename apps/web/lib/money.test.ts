import { describe, expect, it } from 'vitest';
import { currencySymbol, formatMoney, minorDigits, minorToDecimal } from './money';

const usd = (amountMinor: number) => formatMoney({ amountMinor, currency: 'USD' }, 'en');
const baht = (amountMinor: number, locale = 'th') => formatMoney({ amountMinor, currency: 'THB' }, locale);

describe('formatMoney: the currency minor units are always shown', () => {
  it('shows zero with its cents, not "$0"', () => {
    expect(usd(0)).toBe('$0.00');
    expect(baht(0)).toBe('฿0.00');
  });

  it('keeps ".00" on whole amounts so a column of amounts lines up', () => {
    expect(usd(4900)).toBe('$49.00');
    expect(usd(355)).toBe('$3.55');
    expect(baht(129_000)).toBe('฿1,290.00');
    expect(baht(129_050, 'en')).toBe('฿1,290.50');
  });

  it('shows the cents of small and large amounts exactly', () => {
    expect(usd(5)).toBe('$0.05');
    expect(usd(29)).toBe('$0.29');
    expect(usd(123_456)).toBe('$1,234.56');
    expect(usd(900_719_925_474_099)).toBe('$9,007,199,254,740.99');
  });

  it('writes refunds with a minus and never a negative zero', () => {
    expect(usd(-1250)).toBe('-$12.50');
    expect(usd(-0)).toBe('$0.00');
  });

  it('divides by the currency own minor digits (JPY none, KWD three)', () => {
    expect(formatMoney({ amountMinor: 500, currency: 'JPY' }, 'en')).toBe('¥500');
    expect(formatMoney({ amountMinor: 0, currency: 'JPY' }, 'en')).toBe('¥0');
    expect(formatMoney({ amountMinor: 1500, currency: 'KWD' }, 'en')).toMatch(
      /^KWD\s?1\.500$|^1\.500\s?KWD$/,
    );
  });

  it('uses the narrow symbol whatever the language', () => {
    expect(formatMoney({ amountMinor: 4900, currency: 'USD' }, 'th')).toBe('$49.00');
    expect(baht(4900, 'en')).toBe('฿49.00');
  });

  it('shows an unknown currency code beside the amount instead of throwing', () => {
    expect(formatMoney({ amountMinor: 1250, currency: 'NOT-A-CODE' }, 'en')).toBe('12.50 NOT-A-CODE');
  });
});

describe('minorDigits', () => {
  it('comes from ISO 4217 through Intl, two when unknown', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('THB')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(minorDigits('NOT-A-CODE')).toBe(2);
  });
});

describe('minorToDecimal', () => {
  it('is exact string arithmetic in the currency digits', () => {
    expect(minorToDecimal(1250, 'USD')).toBe('12.50');
    expect(minorToDecimal(5, 'USD')).toBe('0.05');
    expect(minorToDecimal(0, 'USD')).toBe('0.00');
    expect(minorToDecimal(-1250, 'USD')).toBe('-12.50');
    expect(minorToDecimal(-5, 'THB')).toBe('-0.05');
    expect(minorToDecimal(500, 'JPY')).toBe('500');
    expect(minorToDecimal(1500, 'KWD')).toBe('1.500');
  });
});

describe('currencySymbol', () => {
  it('is the narrow symbol, or the code when Intl does not know it', () => {
    expect(currencySymbol('THB', 'en')).toBe('฿');
    expect(currencySymbol('USD', 'th')).toBe('$');
    expect(currencySymbol('NOT-A-CODE', 'en')).toBe('NOT-A-CODE');
  });
});
