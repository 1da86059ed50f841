import { SearchX } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ApiProblem } from '@/components/api-problem';
import { FilterForm } from '@/components/storefront/filter-form';
import { ItemCard, ItemGrid } from '@/components/storefront/item-card';
import { Listing } from '@/components/storefront/listing';
import { refusedFilters } from '@/components/storefront/listing-logic';
import { SearchBox } from '@/components/storefront/search-box';
import { searchBoxLabels } from '@/components/storefront/search-labels';
import { EmptyState } from '@/components/ui/empty-state';
import {
  currencySymbol,
  filterParams,
  hasFilters,
  listItems,
  minorDigits,
  parseFilters,
  searchCatalog,
  siteOrigin,
  withParams,
} from '@/lib/catalog';
import { requireStudio } from '@/lib/studio';

type SearchParams = Record<string, string | string[] | undefined>;

interface SearchPageProps {
  params: Promise<{ studio: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params, searchParams }: SearchPageProps): Promise<Metadata> {
  const [{ studio }, query, t, origin] = await Promise.all([
    params,
    searchParams,
    getTranslations('Shop'),
    siteOrigin(),
  ]);
  const q = parseFilters(query, 2).q;
  return {
    title: q ? t('searchTitleFor', { q }) : t('allItems'),
    alternates: { canonical: `${origin}/${studio}/search` },
    // Result pages are endless variations of the catalog: followed, never indexed.
    robots: { index: false, follow: true },
  };
}

/**
 * Search results and "browse everything" (no words): the list endpoint with `q` plus the filters, and
 * the search endpoint's "did you mean" when the words only matched by similar spelling.
 */
export default async function SearchPage({ params, searchParams }: SearchPageProps) {
  const studio = await requireStudio(params);
  const query = await searchParams;
  const digits = minorDigits(studio.currency);
  const filters = parseFilters(query, digits);
  const action = `/${studio.slug}/search`;
  const [result, suggestion, t, locale, labels] = await Promise.all([
    listItems(studio.slug, filters),
    filters.q ? searchCatalog(studio.slug, filters.q, 1) : Promise.resolve(null),
    getTranslations('Shop'),
    getLocale(),
    searchBoxLabels(),
  ]);
  const refused = result.ok ? null : refusedFilters(result.error);
  if (refused) redirect(withParams(action, filterParams(filters, digits, refused)));
  const contentLang = studio.locale;
  const facets = result.ok ? result.value.facets : null;
  const keep = filterParams(filters, digits, ['category', 'cursor']);
  const categoryLinks = (facets?.categories ?? [])
    .filter((entry) => entry.parentSlug === null && entry.count > 0)
    .map((entry) => ({
      slug: entry.slug,
      name: entry.name,
      count: entry.count,
      href: withParams(action, entry.slug === filters.category ? keep : [...keep, ['category', entry.slug]]),
      current: entry.slug === filters.category,
    }));
  const didYouMean = suggestion?.ok ? suggestion.value.didYouMean : null;
  // "These are spelled similarly" only above items it describes: a typo that corrects to nothing says
  // "no results" alone.
  const fuzzy = result.ok && result.value.match === 'fuzzy' && result.value.items.length > 0;

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6 sm:py-10">
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold tracking-tight text-balance sm:text-3xl">
          {filters.q ? t('searchTitleFor', { q: filters.q }) : t('allItems')}
        </h1>
        <div className="max-w-2xl">
          <SearchBox
            studio={studio.slug}
            initialQuery={filters.q ?? ''}
            labels={labels}
            locale={locale}
            contentLang={contentLang}
            size="lg"
          />
        </div>
        {fuzzy ? (
          <p className="text-sm text-muted-foreground">{t('fuzzyNotice', { q: filters.q ?? '' })}</p>
        ) : null}
        {didYouMean && didYouMean.toLowerCase() !== filters.q?.toLowerCase() ? (
          <p className="text-sm">
            {t.rich('didYouMeanLink', {
              q: didYouMean,
              link: (chunks) => (
                <Link
                  href={withParams(action, [
                    ['q', didYouMean],
                    ...filterParams(filters, digits, ['q', 'cursor']),
                  ])}
                  className="font-semibold text-brand-ink underline"
                >
                  {chunks}
                </Link>
              ),
            })}
          </p>
        ) : null}
      </div>
      <Listing
        action={action}
        filters={filters}
        priceDigits={digits}
        allowRelevance={Boolean(filters.q)}
        total={facets?.total ?? null}
        nextCursor={result.ok ? result.value.nextCursor : null}
        filtersOpen={hasFilters(filters)}
        filtersFor={(idPrefix) => (
          <FilterForm
            action={action}
            filters={filters}
            facets={facets}
            categories={categoryLinks}
            clearHref={withParams(action, filters.q ? [['q', filters.q]] : [])}
            priceDigits={digits}
            currencySymbol={currencySymbol(studio.currency, studio.locale)}
            idPrefix={idPrefix}
            contentLang={contentLang}
          />
        )}
      >
        {!result.ok ? (
          <ApiProblem error={result.error} headingLevel="h2" />
        ) : result.value.items.length === 0 ? (
          <EmptyState
            icon={<SearchX />}
            title={filters.q ? t('searchEmptyTitle', { q: filters.q }) : t('noMatchesTitle')}
            description={t('searchEmptyDescription')}
          />
        ) : (
          <ItemGrid label={t('results')}>
            {result.value.items.map((item, index) => (
              <li key={item.id}>
                <ItemCard
                  studio={studio.slug}
                  item={item}
                  contentLang={contentLang}
                  eager={index < 4}
                  headingLevel="h2"
                />
              </li>
            ))}
          </ItemGrid>
        )}
      </Listing>
    </div>
  );
}
