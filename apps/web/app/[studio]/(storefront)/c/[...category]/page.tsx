import { SearchX } from 'lucide-react';
import type { Metadata } from 'next';
import { notFound, permanentRedirect, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ApiProblem } from '@/components/api-problem';
import { Breadcrumbs } from '@/components/storefront/breadcrumbs';
import { FilterForm } from '@/components/storefront/filter-form';
import { ItemCard, ItemGrid } from '@/components/storefront/item-card';
import { JsonLd } from '@/components/storefront/json-ld';
import { Listing } from '@/components/storefront/listing';
import { refusedFilters } from '@/components/storefront/listing-logic';
import { breadcrumbJsonLd } from '@/components/storefront/structured-data';
import { EmptyState } from '@/components/ui/empty-state';
import {
  type CategoryNode,
  categoryChain,
  categoryPath,
  currencySymbol,
  filterParams,
  hasFilters,
  listCategories,
  listItems,
  minorDigits,
  parseFilters,
  siteOrigin,
  withParams,
} from '@/lib/catalog';
import { requireStudio } from '@/lib/studio';

type SearchParams = Record<string, string | string[] | undefined>;

interface CategoryPageProps {
  params: Promise<{ studio: string; category: string[] }>;
  searchParams: Promise<SearchParams>;
}

/** The category the URL names: its last segment (slugs are unique per studio), with its ancestors. */
async function resolve(studio: string, segments: string[]) {
  const tree = await listCategories(studio);
  if (!tree.ok) return { tree, chain: [] as CategoryNode[] };
  const slug = decodeURIComponent(segments.at(-1) ?? '');
  return { tree, chain: categoryChain(tree.value, slug) };
}

export async function generateMetadata({ params, searchParams }: CategoryPageProps): Promise<Metadata> {
  const { studio, category } = await params;
  const [{ chain }, origin, t, query] = await Promise.all([
    resolve(studio, category),
    siteOrigin(),
    getTranslations('Shop'),
    searchParams,
  ]);
  const current = chain.at(-1);
  if (!current) return {};
  const url = `${origin}${categoryPath(studio, chain)}`;
  const description = current.description || t('categoryMetaDescription', { category: current.name });
  // A filtered or later page is the same category: search engines index the plain first page only.
  const filtered = hasFilters(parseFilters(query, 2)) || Boolean(query.cursor) || Boolean(query.sort);
  return {
    title: current.name,
    description,
    alternates: { canonical: url },
    openGraph: { type: 'website', title: current.name, description, url },
    ...(filtered ? { robots: { index: false, follow: true } } : {}),
  };
}

export default async function CategoryPage({ params, searchParams }: CategoryPageProps) {
  const studio = await requireStudio(params);
  const { category: segments } = await params;
  const query = await searchParams;
  const [{ tree, chain }, t, origin] = await Promise.all([
    resolve(studio.slug, segments),
    getTranslations('Shop'),
    siteOrigin(),
  ]);
  if (!tree.ok) {
    return (
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <ApiProblem error={tree.error} headingLevel="h1" />
      </div>
    );
  }
  const current = chain.at(-1);
  if (!current) notFound();

  // One address per category: /c/old-parent/leaf or /c/leaf moves to the full path.
  const canonicalPath = categoryPath(studio.slug, chain);
  const digits = minorDigits(studio.currency);
  const filters = { ...parseFilters(query, digits), category: current.slug };
  const asked = `/${studio.slug}/c/${segments.join('/')}`;
  if (decodeURIComponent(asked) !== decodeURIComponent(canonicalPath)) {
    permanentRedirect(withParams(canonicalPath, filterParams(filters, digits, ['category'])));
  }

  const result = await listItems(studio.slug, filters);
  const refused = result.ok ? null : refusedFilters(result.error);
  if (refused) redirect(withParams(canonicalPath, filterParams(filters, digits, ['category', ...refused])));
  const contentLang = studio.locale;
  const facets = result.ok ? result.value.facets : null;
  const counts = new Map((facets?.categories ?? []).map((entry) => [entry.slug, entry.count]));
  const keep = filterParams(filters, digits, ['category', 'cursor']);
  // Subcategories; a leaf shows its siblings instead, so the sidebar never comes up empty.
  const children = tree.value.filter((node) => node.parentId === current.id);
  const shown =
    children.length > 0 ? children : tree.value.filter((node) => node.parentId === current.parentId);
  const categoryLinks = shown.map((node) => ({
    slug: node.slug,
    name: node.name,
    count: counts.get(node.slug) ?? node.itemCount,
    href: withParams(categoryPath(studio.slug, categoryChain(tree.value, node.slug)), keep),
    current: node.id === current.id,
  }));
  const clearHref = canonicalPath;
  // The category is the path here, not a field of the form.
  const { category: _inPath, ...rest } = filters;
  const withoutCategory = rest;

  const trail = [
    { name: t('home'), href: `/${studio.slug}` },
    ...chain.map((node, index) => ({
      name: node.name,
      href: categoryPath(studio.slug, chain.slice(0, index + 1)),
    })),
  ];

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6 sm:py-10">
      <JsonLd
        data={breadcrumbJsonLd(trail.map((crumb) => ({ name: crumb.name, url: `${origin}${crumb.href}` })))}
      />
      <Breadcrumbs trail={trail} contentLang={contentLang} />
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold tracking-tight text-balance sm:text-3xl" lang={contentLang}>
          {current.name}
        </h1>
        {current.description ? (
          <p className="max-w-3xl text-muted-foreground" lang={contentLang}>
            {current.description}
          </p>
        ) : null}
      </div>
      <Listing
        action={canonicalPath}
        filters={filters}
        priceDigits={digits}
        allowRelevance={false}
        total={facets?.total ?? null}
        nextCursor={result.ok ? result.value.nextCursor : null}
        filtersOpen={hasFilters(filters)}
        filtersFor={(idPrefix) => (
          <FilterForm
            action={canonicalPath}
            filters={withoutCategory}
            facets={facets}
            categories={categoryLinks}
            clearHref={clearHref}
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
            title={hasFilters(filters) ? t('noMatchesTitle') : t('emptyCategoryTitle')}
            description={hasFilters(filters) ? t('noMatchesDescription') : t('emptyCategoryDescription')}
          />
        ) : (
          <ItemGrid label={current.name}>
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
