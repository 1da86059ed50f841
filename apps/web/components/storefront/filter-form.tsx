import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import type { Facets, ListFilters } from '@/lib/catalog';

export interface CategoryLink {
  slug: string;
  name: string;
  count: number;
  href: string;
  current: boolean;
}

interface FilterFormProps {
  /** The page the form submits to (GET): the category page or the search page. */
  action: string;
  filters: ListFilters;
  facets: Facets | null;
  /** Subcategories (on a category page) or top categories (on search), as links with counts. */
  categories: CategoryLink[];
  /** The page without any filter, for "Clear filters". */
  clearHref: string;
  /** Major units of the price inputs (the URL holds what the shopper typed). */
  priceDigits: number;
  currencySymbol: string;
  /** Ids must be unique: the form is rendered once for phones and once for wide screens. */
  idPrefix: string;
  contentLang: string;
}

const BRANDS_SHOWN = 8;

function Check({
  id,
  name,
  value,
  checked,
  children,
}: {
  id: string;
  name: string;
  value: string;
  checked: boolean;
  children: ReactNode;
}) {
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        type="checkbox"
        name={name}
        value={value}
        defaultChecked={checked}
        className="size-4 shrink-0 accent-[var(--brand)]"
      />
      <label htmlFor={id} className="flex flex-1 justify-between gap-2 py-1 text-sm">
        {children}
      </label>
    </div>
  );
}

function Count({ value }: { value: number }) {
  return <span className="text-muted-foreground tabular-nums">{value}</span>;
}

/**
 * The filters of a list as a plain GET form: works without JavaScript, every state is a URL (shareable,
 * back button). Counts come from the API's facets, each counted under every other filter.
 */
export async function FilterForm({
  action,
  filters,
  facets,
  categories,
  clearHref,
  priceDigits,
  currencySymbol,
  idPrefix,
  contentLang,
}: FilterFormProps) {
  const [t, tKinds] = await Promise.all([getTranslations('Shop'), getTranslations('Kinds')]);
  const selectedBrands = new Set(filters.brand);
  // A chosen brand the other filters leave no item of drops out of the facets; it still shows (by its
  // slug, the only name the URL gives), checked, so the shopper can untick it.
  const faceted = facets?.brands ?? [];
  const brands = [
    ...faceted,
    ...filters.brand
      .filter((slug) => !faceted.some((brand) => brand.slug === slug))
      .map((slug) => ({ slug, name: slug, count: 0 })),
  ];
  // Chosen brands always show, then the biggest ones.
  const shownBrands = [
    ...brands.filter((brand) => selectedBrands.has(brand.slug)),
    ...brands.filter((brand) => !selectedBrands.has(brand.slug)),
  ];
  const topBrands = shownBrands.slice(0, Math.max(BRANDS_SHOWN, selectedBrands.size));
  const moreBrands = shownBrands.slice(topBrands.length);
  const kinds = (facets?.kinds ?? []).filter((entry) => entry.count > 0);
  const major = (minor: number | undefined) => (minor === undefined ? '' : String(minor / 10 ** priceDigits));
  const id = (name: string) => `${idPrefix}-${name}`;

  return (
    <div className="flex flex-col gap-6">
      {categories.length > 0 ? (
        <nav aria-labelledby={id('categories')}>
          <h2 id={id('categories')} className="mb-2 text-sm font-semibold">
            {t('categories')}
          </h2>
          <ul className="flex flex-col">
            {categories.map((category) => (
              <li key={category.slug}>
                <Link
                  href={category.href}
                  aria-current={category.current ? 'page' : undefined}
                  className="flex justify-between gap-2 rounded-sm py-1 text-sm hover:underline aria-[current=page]:font-semibold"
                >
                  <span lang={contentLang}>{category.name}</span>
                  <Count value={category.count} />
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <form action={action} method="get" className="flex flex-col gap-6" aria-label={t('filters')}>
        {filters.q ? <input type="hidden" name="q" value={filters.q} /> : null}
        {filters.category ? <input type="hidden" name="category" value={filters.category} /> : null}
        {filters.sort ? <input type="hidden" name="sort" value={filters.sort} /> : null}
        {filters.tag.map((tag) => (
          <input key={tag} type="hidden" name="tag" value={tag} />
        ))}

        <fieldset className="flex flex-col gap-1">
          <legend className="mb-2 text-sm font-semibold">{t('availability')}</legend>
          <Check id={id('in-stock')} name="inStock" value="1" checked={filters.inStock}>
            <span>{t('inStockOnly')}</span>
            {facets ? <Count value={facets.inStock} /> : null}
          </Check>
          <Check id={id('on-sale')} name="onSale" value="1" checked={filters.onSale}>
            <span>{t('onSaleOnly')}</span>
            {facets ? <Count value={facets.onSale} /> : null}
          </Check>
          <Check id={id('featured')} name="featured" value="1" checked={filters.featured}>
            <span>{t('featuredOnly')}</span>
          </Check>
        </fieldset>

        {kinds.length > 1 ? (
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-2 text-sm font-semibold">{t('kind')}</legend>
            {kinds.map((entry) => (
              <Check
                key={entry.kind}
                id={id(`kind-${entry.kind}`)}
                name="kind"
                value={entry.kind}
                checked={filters.kind.includes(entry.kind)}
              >
                <span>{tKinds(entry.kind)}</span>
                <Count value={entry.count} />
              </Check>
            ))}
          </fieldset>
        ) : null}

        {brands.length > 0 ? (
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-2 text-sm font-semibold">{t('brand')}</legend>
            {topBrands.map((brand) => (
              <Check
                key={brand.slug}
                id={id(`brand-${brand.slug}`)}
                name="brand"
                value={brand.slug}
                checked={selectedBrands.has(brand.slug)}
              >
                <span lang={contentLang}>{brand.name}</span>
                <Count value={brand.count} />
              </Check>
            ))}
            {moreBrands.length > 0 ? (
              <details className="mt-1">
                <summary className="cursor-pointer rounded-sm py-1 text-sm font-medium text-brand-ink">
                  {t('moreBrands', { count: moreBrands.length })}
                </summary>
                <div className="mt-1 flex flex-col gap-1">
                  {moreBrands.map((brand) => (
                    <Check
                      key={brand.slug}
                      id={id(`brand-${brand.slug}`)}
                      name="brand"
                      value={brand.slug}
                      checked={false}
                    >
                      <span lang={contentLang}>{brand.name}</span>
                      <Count value={brand.count} />
                    </Check>
                  ))}
                </div>
              </details>
            ) : null}
          </fieldset>
        ) : null}

        <fieldset>
          <legend className="mb-2 text-sm font-semibold">{t('price', { currency: currencySymbol })}</legend>
          <div className="flex items-center gap-2">
            <label htmlFor={id('min')} className="sr-only">
              {t('minPrice')}
            </label>
            <input
              id={id('min')}
              name="min"
              type="number"
              inputMode="decimal"
              min={0}
              step="any"
              defaultValue={major(filters.minPrice)}
              placeholder={t('minPlaceholder')}
              className="h-10 w-full min-w-0 rounded-md border border-input bg-background px-3 text-base sm:text-sm"
            />
            <span aria-hidden="true">–</span>
            <label htmlFor={id('max')} className="sr-only">
              {t('maxPrice')}
            </label>
            <input
              id={id('max')}
              name="max"
              type="number"
              inputMode="decimal"
              min={0}
              step="any"
              defaultValue={major(filters.maxPrice)}
              placeholder={t('maxPlaceholder')}
              className="h-10 w-full min-w-0 rounded-md border border-input bg-background px-3 text-base sm:text-sm"
            />
          </div>
        </fieldset>

        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit">{t('applyFilters')}</Button>
          <Link href={clearHref} className="rounded-sm text-sm font-medium text-brand-ink hover:underline">
            {t('clearFilters')}
          </Link>
        </div>
      </form>
    </div>
  );
}
