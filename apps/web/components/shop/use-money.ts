'use client';

import { useLocale } from 'next-intl';
import { useCallback } from 'react';
import { formatMoney } from '@/lib/money';

/** Formats minor units in the page's locale: `money(129000)` -> ฿1,290 for a THB studio. */
export function useMoney(currency: string) {
  const locale = useLocale();
  return useCallback(
    (amountMinor: number) => formatMoney({ amountMinor, currency }, locale),
    [currency, locale],
  );
}
