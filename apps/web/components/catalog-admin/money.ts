import { minorDigits } from '../../lib/money';

// The currency's minor digits come from the web's one money helper.
export { minorDigits };

/**
 * "12.5" -> 1250 for USD; "" -> null; anything that is not a non-negative amount with at most the
 * currency's digits -> NaN (so validation can tell "empty" from "wrong"). Never goes through a float
 * multiplication, so 0.29 stays 29 and not 28.999.
 */
export function parseMoney(text: string, currency: string): number | null {
  const trimmed = text.trim().replace(/[,\s]/g, '');
  if (trimmed === '') return null;
  const digits = minorDigits(currency);
  const pattern = digits > 0 ? new RegExp(`^(\\d+)(?:\\.(\\d{0,${digits}}))?$`) : /^(\d+)$/;
  const match = pattern.exec(trimmed);
  if (!match) return Number.NaN;
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  const minor = Number(`${whole}${fraction}`);
  return Number.isSafeInteger(minor) ? minor : Number.NaN;
}

/** 1250 USD -> "12.50"; 129000 THB -> "1290.00"; null -> "". The text an input starts with. */
export function moneyText(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '';
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
