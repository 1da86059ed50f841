/**
 * Amounts typed in major units ("12.50") <-> integer minor units (1250), by string arithmetic only:
 * "0.29" is 29, never 28.999…; too many decimals or any other text is refused, not rounded.
 */

import { minorDigits } from '../../lib/money';

// The currency's minor digits come from the web's one money helper.
export { minorDigits };

/**
 * "1,290.5" THB -> 129050; "" -> null; a negative, a letter or a third decimal -> NaN (so a form can
 * tell "empty" from "wrong"). Spaces and thousands commas are ignored.
 */
export function toMinor(text: string, currency: string): number | null {
  const trimmed = text.trim().replace(/[,\s]/g, '');
  if (trimmed === '') return null;
  const digits = minorDigits(currency);
  const pattern = digits > 0 ? new RegExp(`^(\\d*)(?:\\.(\\d{0,${digits}}))?$`) : /^(\d+)$/;
  const match = pattern.exec(trimmed);
  if (!match || trimmed === '.' || (match[1] === '' && !match[2])) return Number.NaN;
  const whole = match[1] || '0';
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  const minor = Number(`${whole}${fraction}`);
  return Number.isSafeInteger(minor) ? minor : Number.NaN;
}

/** 1250 USD -> "12.50"; 129000 THB -> "1290.00"; 500 JPY -> "500"; null -> "". An input's text. */
export function toMajorText(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '';
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** "7.5" % -> 750 basis points, exactly (two decimals at most); "" -> null; anything else -> NaN. */
export function percentToBps(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const match = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(trimmed);
  if (!match) return Number.NaN;
  return Number(`${match[1]}${(match[2] ?? '').padEnd(2, '0')}`);
}

/** 750 -> "7.5". */
export function bpsToPercent(bps: number): string {
  const whole = Math.floor(bps / 100);
  const rest = String(bps % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : String(whole);
}
