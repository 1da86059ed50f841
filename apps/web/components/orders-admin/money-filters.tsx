import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { DayRangeFilter, FilterActions, FilterForm, SelectFilter } from '@/components/admin/list-filters';
import type { MoneyFilters } from './money-query';
import { PAYMENT_PROVIDERS } from './types';

/**
 * The filter form of a money list (orders, payments): the list's own filters (children) first, then
 * the ones both lists have — who took the payment and the studio days it falls in — and apply, with
 * clear while filtered. Field ids start with `idPrefix`; query keys are `provider`, `from` and `to`
 * (read back by `readMoneyFilters`); a day the page could not use shows as unset.
 */
export async function MoneyListFilters({
  idPrefix,
  className,
  filters,
  clearHref,
  actionsClassName,
  actionsOwnRow,
  children,
}: {
  idPrefix: string;
  /** The grid's columns on wide screens. */
  className: string;
  filters: MoneyFilters;
  /** The unfiltered list while the list is filtered, else null. */
  clearHref: string | null;
  actionsClassName?: string;
  /** The buttons span whole rows (see FilterActions' `ownRow`). */
  actionsOwnRow?: boolean;
  children: ReactNode;
}) {
  const t = await getTranslations('OrdersAdmin');
  return (
    <FilterForm label={t('list.filters')} className={className}>
      {children}
      <SelectFilter
        id={`${idPrefix}-provider`}
        name="provider"
        label={t('list.provider')}
        anyLabel={t('list.anyProvider')}
        value={filters.provider}
        options={PAYMENT_PROVIDERS.map((p) => ({ value: p, label: t(`provider.${p}`) }))}
      />
      <DayRangeFilter
        idPrefix={idPrefix}
        labels={{ from: t('list.from'), to: t('list.to') }}
        from={filters.from ? filters.fromDay : ''}
        to={filters.to || filters.reversed ? filters.toDay : ''}
        errors={filters.reversed ? { to: t('list.reversedRange') } : undefined}
      />
      <FilterActions
        applyLabel={t('list.apply')}
        clear={clearHref ? { href: clearHref, label: t('list.clear') } : null}
        className={actionsClassName}
        ownRow={actionsOwnRow}
      />
    </FilterForm>
  );
}
