import { SlidersHorizontal } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/native-select';
import { filterParams, type ListFilters, SORTS, withParams } from '@/lib/catalog';

interface ListingProps {
  /** The filter form (rendered twice: in a disclosure on phones, in a sidebar on wide screens). */
  filtersFor: (idPrefix: string) => ReactNode;
  /** Results heading area: count and sort. */
  total: number | null;
  action: string;
  filters: ListFilters;
  priceDigits: number;
  /** Relevance only makes sense with search words. */
  allowRelevance: boolean;
  children: ReactNode;
  nextCursor: string | null;
  filtersOpen: boolean;
}

/** Sidebar of filters next to the results, with a sort form and cursor pagination. */
export async function Listing({
  filtersFor,
  total,
  action,
  filters,
  priceDigits,
  allowRelevance,
  children,
  nextCursor,
  filtersOpen,
}: ListingProps) {
  const t = await getTranslations('Shop');
  const sorts = SORTS.filter((sort) => allowRelevance || sort !== 'relevance');
  const keep = filterParams(filters, priceDigits, ['sort', 'cursor']);
  const current = filters.sort ?? (allowRelevance ? 'relevance' : 'newest');
  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_1fr] lg:gap-10">
      <details className="rounded-xl border lg:hidden" open={filtersOpen}>
        <summary className="flex cursor-pointer items-center gap-2 rounded-xl px-4 py-3 text-sm font-semibold">
          <SlidersHorizontal className="size-4" aria-hidden="true" />
          {t('filters')}
        </summary>
        <div className="border-t px-4 py-4">{filtersFor('m')}</div>
      </details>
      <aside aria-label={t('filters')} className="hidden lg:block">
        {filtersFor('d')}
      </aside>

      <div className="flex min-w-0 flex-col gap-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <p className="text-sm text-muted-foreground" role="status" data-testid="result-count">
            {total === null ? '' : t('resultCount', { count: total })}
          </p>
          <form action={action} method="get" className="flex items-end gap-2">
            {keep.map(([name, value]) => (
              <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
            ))}
            <div className="flex flex-col gap-1">
              <label htmlFor="sort" className="text-xs font-medium text-muted-foreground">
                {t('sortBy')}
              </label>
              <NativeSelect id="sort" name="sort" defaultValue={current} className="h-9 w-auto">
                {sorts.map((sort) => (
                  <option key={sort} value={sort}>
                    {t(`sort.${sort}`)}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <Button type="submit" variant="outline" size="sm" className="h-9">
              {t('sortApply')}
            </Button>
          </form>
        </div>
        {children}
        {filters.cursor || nextCursor ? (
          <nav aria-label={t('pagination')} className="mt-4 flex flex-wrap justify-between gap-3">
            {filters.cursor ? (
              <Button asChild variant="outline">
                <Link href={withParams(action, filterParams(filters, priceDigits, ['cursor']))}>
                  {t('firstPage')}
                </Link>
              </Button>
            ) : null}
            {nextCursor ? (
              <Button asChild variant="outline" className="ml-auto">
                <Link
                  href={withParams(action, [
                    ...filterParams(filters, priceDigits, ['cursor']),
                    ['cursor', nextCursor],
                  ])}
                  rel="next"
                >
                  {t('nextPage')}
                </Link>
              </Button>
            ) : null}
          </nav>
        ) : null}
      </div>
    </div>
  );
}
