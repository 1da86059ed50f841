import { ArrowRight, PackageOpen } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ApiProblem } from '@/components/api-problem';
import { ItemCard, ItemGrid } from '@/components/storefront/item-card';
import { JsonLd } from '@/components/storefront/json-ld';
import { SearchBox } from '@/components/storefront/search-box';
import { searchBoxLabels } from '@/components/storefront/search-labels';
import { EmptyState } from '@/components/ui/empty-state';
import {
  categoryPath,
  listCategories,
  listItems,
  parseFilters,
  type ShopItem,
  siteOrigin,
} from '@/lib/catalog';
import { requireStudio } from '@/lib/studio';

interface StorefrontPageProps {
  params: Promise<{ studio: string }>;
}

export async function generateMetadata({ params }: StorefrontPageProps): Promise<Metadata> {
  const studio = await requireStudio(params);
  const origin = await siteOrigin();
  const url = `${origin}/${studio.slug}`;
  return {
    // The studio layout's template would say "Name · Name"; the home page is just the studio.
    title: { absolute: studio.name },
    description: studio.tagline,
    alternates: { canonical: url },
    openGraph: {
      type: 'website',
      siteName: studio.name,
      title: studio.name,
      description: studio.tagline,
      url,
    },
  };
}

const NO_FILTERS = parseFilters({}, 2);

/** The studio's front page: search, its top categories, what is on sale, featured and newest items. */
export default async function StorefrontPage({ params }: StorefrontPageProps) {
  const studio = await requireStudio(params);
  const [t, tStorefront, locale, labels, categories, onSale, featured, newest, origin] = await Promise.all([
    getTranslations('Shop'),
    getTranslations('Storefront'),
    getLocale(),
    searchBoxLabels(),
    listCategories(studio.slug),
    // What the front page puts forward can be bought: sold-out items wait in their category and in
    // search (the supplier's featured row once opened with two "Sold out" cards).
    listItems(studio.slug, { ...NO_FILTERS, onSale: true, inStock: true }, 4),
    listItems(studio.slug, { ...NO_FILTERS, featured: true, inStock: true }, 8),
    listItems(studio.slug, NO_FILTERS, 8),
    siteOrigin(),
  ]);
  const contentLang = studio.locale;
  const roots = categories.ok
    ? categories.value.filter((node) => node.parentId === null && node.itemCount > 0)
    : [];
  const grid = (items: ShopItem[], eagerCount: number) => (
    <ItemGrid>
      {items.map((item, index) => (
        <li key={item.id}>
          <ItemCard studio={studio.slug} item={item} contentLang={contentLang} eager={index < eagerCount} />
        </li>
      ))}
    </ItemGrid>
  );

  return (
    <>
      <JsonLd
        data={{
          '@context': 'https://schema.org',
          '@type': 'WebSite',
          name: studio.name,
          url: `${origin}/${studio.slug}`,
          potentialAction: {
            '@type': 'SearchAction',
            target: `${origin}/${studio.slug}/search?q={search_term_string}`,
            'query-input': 'required name=search_term_string',
          },
        }}
      />
      <section aria-labelledby="studio-name" className="bg-brand text-brand-foreground">
        {/* The studio writes its own content in its own language, whatever the interface language. */}
        <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:px-6 sm:py-14">
          <div lang={studio.locale}>
            <h1 id="studio-name" className="text-3xl font-bold tracking-tight text-balance sm:text-5xl">
              {studio.name}
            </h1>
            {studio.tagline ? <p className="mt-3 max-w-2xl text-lg sm:text-xl">{studio.tagline}</p> : null}
          </div>
          <div className="max-w-xl rounded-lg bg-background p-2 text-foreground shadow-sm">
            <SearchBox studio={studio.slug} labels={labels} locale={locale} contentLang={contentLang} />
          </div>
        </div>
        <div className="h-1.5 bg-brand-accent" aria-hidden="true" />
      </section>

      <div className="mx-auto flex max-w-6xl flex-col gap-12 px-4 py-10 sm:px-6">
        {roots.length > 0 ? (
          <Section id="categories" title={t('shopByCategory')}>
            <ul className="flex flex-wrap gap-2">
              {roots.map((node) => (
                <li key={node.id}>
                  <Link
                    href={categoryPath(studio.slug, [node])}
                    className="inline-flex min-h-10 items-center gap-2 rounded-full border px-4 text-sm font-medium hover:border-foreground"
                  >
                    <span lang={contentLang}>{node.name}</span>
                    <span className="text-muted-foreground tabular-nums">{node.itemCount}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </Section>
        ) : null}

        {onSale.ok && onSale.value.items.length > 0 ? (
          <Section
            id="on-sale"
            title={t('onSaleNow')}
            more={{ href: `/${studio.slug}/search?onSale=1&inStock=1`, label: t('seeAllOnSale') }}
          >
            {grid(onSale.value.items, 4)}
          </Section>
        ) : null}

        {featured.ok && featured.value.items.length > 0 ? (
          <Section
            id="featured"
            title={t('featured')}
            more={{ href: `/${studio.slug}/search?featured=1&inStock=1`, label: t('seeAllFeatured') }}
          >
            {grid(featured.value.items, onSale.ok && onSale.value.items.length > 0 ? 0 : 4)}
          </Section>
        ) : null}

        <Section
          id="catalog"
          title={tStorefront('catalogHeading')}
          more={{ href: `/${studio.slug}/search`, label: t('browseAll') }}
        >
          {!newest.ok ? (
            <ApiProblem error={newest.error} headingLevel="h3" />
          ) : newest.value.items.length === 0 ? (
            <EmptyState
              icon={<PackageOpen />}
              headingLevel="h3"
              title={tStorefront('emptyTitle')}
              description={tStorefront('emptyDescription', { name: studio.name })}
            />
          ) : (
            grid(newest.value.items, 0)
          )}
        </Section>
      </div>
    </>
  );
}

function Section({
  id,
  title,
  more,
  children,
}: {
  id: string;
  title: string;
  more?: { href: string; label: string };
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-xl font-semibold sm:text-2xl">
          {title}
        </h2>
        {more ? (
          <Link
            href={more.href}
            className="inline-flex min-h-6 items-center gap-1 rounded-sm text-sm font-medium text-brand-ink hover:underline"
          >
            {more.label}
            <ArrowRight className="size-4" aria-hidden="true" />
          </Link>
        ) : null}
      </div>
      {children}
    </section>
  );
}
