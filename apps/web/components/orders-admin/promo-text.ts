import { formatDate } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import type { Promo } from './types';

type T = (key: string, values?: Record<string, string | number>) => string;

/** "15% off, at most $20, on orders from $50" in the reader's language. */
export function promoRule(t: T, promo: Promo, currency: string, locale: string): string {
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency }, locale);
  const parts = [
    promo.kind === 'percentage'
      ? t('promo.rulePercent', { percent: promo.percentOff ?? 0 })
      : t('promo.ruleFixed', { amount: money(promo.amountOffMinor ?? 0) }),
  ];
  if (promo.maxDiscountMinor !== null)
    parts.push(t('promo.ruleMax', { amount: money(promo.maxDiscountMinor) }));
  if (promo.minPurchaseMinor !== null)
    parts.push(t('promo.ruleMin', { amount: money(promo.minPurchaseMinor) }));
  parts.push(t(`promo.scope.${promo.appliesTo}`));
  return parts.join(' · ');
}

/** "1 May 2026 – 31 May 2026", "Until …", "From …" or "No end date". */
export function promoWindow(t: T, promo: Promo, locale: string, timeZone: string): string {
  const day = (iso: string) => formatDate(iso, locale, timeZone);
  if (promo.startsAt && promo.expiresAt)
    return t('promo.between', { from: day(promo.startsAt), to: day(promo.expiresAt) });
  if (promo.expiresAt) return t('promo.until', { to: day(promo.expiresAt) });
  if (promo.startsAt) return t('promo.from', { from: day(promo.startsAt) });
  return t('promo.always');
}
