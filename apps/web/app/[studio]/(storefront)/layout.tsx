import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SkipLink } from '@/components/skip-link';
import { storefrontFontClasses, storefrontFontFamily } from '@/components/storefront/fonts';
import { StorefrontHeader } from '@/components/storefront/storefront-header';
import { requireStudio } from '@/lib/studio';

export default async function StorefrontLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ studio: string }>;
}) {
  const studio = await requireStudio(params);
  const t = await getTranslations('Storefront');
  return (
    // The storefront's own fonts (see fonts.ts), inside the studio layout's full-height column.
    <div
      className={`flex flex-1 flex-col ${storefrontFontClasses}`}
      style={{ fontFamily: storefrontFontFamily }}
    >
      <SkipLink />
      <StorefrontHeader studio={studio} />
      <main id="main" tabIndex={-1} className="flex-1">
        {children}
      </main>
      <footer className="border-t">
        <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <p>{t('poweredBy')}</p>
          {/* Plain links: they leave the shop for areas with their own layouts and code; a prefetching
              <Link> would fetch that code for shoppers who never go there. */}
          <nav aria-label={t('footerNav')} className="flex flex-wrap gap-x-4">
            <a
              href={`/${studio.slug}/portal`}
              className="inline-flex min-h-10 items-center rounded-md hover:text-foreground hover:underline"
            >
              {t('portalLink')}
            </a>
            <a
              href={`/${studio.slug}/admin`}
              className="inline-flex min-h-10 items-center rounded-md hover:text-foreground hover:underline"
            >
              {t('adminLink')}
            </a>
            <a
              href="/"
              className="inline-flex min-h-10 items-center rounded-md hover:text-foreground hover:underline"
            >
              {t('allStudios')}
            </a>
          </nav>
        </div>
      </footer>
    </div>
  );
}
