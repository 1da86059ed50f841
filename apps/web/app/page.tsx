import type { Studio } from '@atelier/sdk';
import { ArrowRight, BookOpen, Store } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ApiProblem } from '@/components/api-problem';
import { SiteHeader } from '@/components/site-header';
import { SkipLink } from '@/components/skip-link';
import { StudioMark } from '@/components/studio-mark';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { listStudios } from '@/lib/api';
import { brandStyle } from '@/lib/brand';

export default async function HomePage() {
  const [t, studios] = await Promise.all([getTranslations('Home'), listStudios()]);
  return (
    <>
      <SkipLink />
      <SiteHeader />
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-16">
        <section aria-labelledby="intro" className="max-w-3xl">
          <h1 id="intro" className="text-3xl font-bold tracking-tight text-balance sm:text-5xl">
            {t('title')}
          </h1>
          <p className="mt-4 text-lg text-muted-foreground">{t('lead')}</p>
          <div className="mt-6 flex flex-wrap gap-3">
            <Button asChild variant="outline">
              <a href="/api/docs">
                <BookOpen aria-hidden="true" />
                {t('apiDocs')}
              </a>
            </Button>
            <Button asChild variant="outline">
              <a href="/api/openapi.json">{t('openapi')}</a>
            </Button>
          </div>
        </section>

        <section aria-labelledby="studios" className="mt-12 sm:mt-16">
          <h2 id="studios" className="text-xl font-semibold sm:text-2xl">
            {t('studiosHeading')}
          </h2>
          <div className="mt-6">
            {!studios.ok ? (
              <ApiProblem error={studios.error} headingLevel="h3" />
            ) : studios.value.items.length === 0 ? (
              <EmptyState
                icon={<Store />}
                headingLevel="h3"
                title={t('noStudiosTitle')}
                description={t('noStudiosDescription')}
              />
            ) : (
              <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {studios.value.items.map((studio) => (
                  <li key={studio.id}>
                    <StudioCard studio={studio} visitLabel={t('visit', { name: studio.name })} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      </main>
    </>
  );
}

async function StudioCard({ studio, visitLabel }: { studio: Studio; visitLabel: string }) {
  const t = await getTranslations('Home');
  return (
    <Card data-brand="" style={brandStyle(studio.brand)} className="h-full overflow-hidden">
      <div className="h-2 bg-brand" aria-hidden="true" />
      <CardHeader>
        <div className="flex items-center gap-3">
          <StudioMark brand={studio.brand} />
          {/* The studio writes its name and tagline in its own language, not necessarily the page's. */}
          <CardTitle lang={studio.locale} className="min-w-0">
            {studio.name}
          </CardTitle>
        </div>
        <CardDescription lang={studio.locale} className="line-clamp-2">
          {studio.tagline}
        </CardDescription>
      </CardHeader>
      <CardFooter className="justify-between">
        <div className="flex gap-2">
          <Badge variant="outline">{studio.currency}</Badge>
          <Badge variant="outline">{t('language', { locale: studio.locale })}</Badge>
        </div>
        <Button asChild size="sm">
          <Link href={`/${studio.slug}`} aria-label={visitLabel}>
            {t('visitShort')}
            <ArrowRight aria-hidden="true" />
          </Link>
        </Button>
      </CardFooter>
    </Card>
  );
}
