import { PackageOpen } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ApiProblem } from '@/components/api-problem';
import { CatalogCard } from '@/components/catalog-card';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { listCatalog } from '@/lib/api';
import { requireStudio } from '@/lib/studio';

export default async function StorefrontPage({
  params,
  searchParams,
}: {
  params: Promise<{ studio: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  const studio = await requireStudio(params);
  const { cursor: cursorParam } = await searchParams;
  const cursor = typeof cursorParam === 'string' && cursorParam ? cursorParam : undefined;
  const [t, catalog] = await Promise.all([getTranslations('Storefront'), listCatalog(studio.slug, cursor)]);

  return (
    <>
      <section aria-labelledby="studio-name" className="bg-brand text-brand-foreground">
        {/* The studio writes its own content in its own language, whatever the interface language. */}
        <div lang={studio.locale} className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-16">
          <h1 id="studio-name" className="text-3xl font-bold tracking-tight text-balance sm:text-5xl">
            {studio.name}
          </h1>
          {studio.tagline ? <p className="mt-3 max-w-2xl text-lg sm:text-xl">{studio.tagline}</p> : null}
        </div>
        <div className="h-1.5 bg-brand-accent" aria-hidden="true" />
      </section>

      <section aria-labelledby="catalog" className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <h2 id="catalog" className="text-xl font-semibold sm:text-2xl">
          {t('catalogHeading')}
        </h2>
        <div className="mt-6">
          {!catalog.ok ? (
            <ApiProblem error={catalog.error} headingLevel="h3" />
          ) : catalog.value.items.length === 0 ? (
            <EmptyState
              icon={<PackageOpen />}
              headingLevel="h3"
              title={t(cursor ? 'noMoreTitle' : 'emptyTitle')}
              description={t(cursor ? 'noMoreDescription' : 'emptyDescription', { name: studio.name })}
            />
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {catalog.value.items.map((item) => (
                <li key={item.id}>
                  <CatalogCard item={item} contentLang={studio.locale} />
                </li>
              ))}
            </ul>
          )}
        </div>
        {catalog.ok && (cursor || catalog.value.nextCursor) ? (
          <nav aria-label={t('pagination')} className="mt-8 flex flex-wrap justify-between gap-3">
            {cursor ? (
              <Button asChild variant="outline">
                <Link href={`/${studio.slug}`}>{t('firstPage')}</Link>
              </Button>
            ) : null}
            {catalog.value.nextCursor ? (
              <Button asChild variant="outline" className="ml-auto">
                <Link href={`/${studio.slug}?cursor=${encodeURIComponent(catalog.value.nextCursor)}`}>
                  {t('nextPage')}
                </Link>
              </Button>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
