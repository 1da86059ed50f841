import { Search } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { CartIndicator } from '@/components/shop/cart-indicator';
import { SkipLink } from '@/components/skip-link';
import { StudioHeader } from '@/components/studio-header';
import { requireStudio } from '@/lib/studio';

export default async function StorefrontLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ studio: string }>;
}) {
  const studio = await requireStudio(params);
  const [t, tShop, tCheckout] = await Promise.all([
    getTranslations('Storefront'),
    getTranslations('Shop'),
    getTranslations('Checkout'),
  ]);
  return (
    <>
      <SkipLink />
      <StudioHeader studio={studio}>
        {/* The search page has the instant-results box; every storefront page reaches it in one step. */}
        <Link
          href={`/${studio.slug}/search`}
          aria-label={tShop('searchLabel')}
          className="inline-flex size-10 items-center justify-center rounded-md hover:bg-muted"
        >
          <Search className="size-5" aria-hidden="true" />
        </Link>
        <CartIndicator
          studio={studio.slug}
          label={tCheckout('cartLink')}
          countLabel={tCheckout('cartLinkCount', { count: '{count}' })}
        />
        <Link
          href={`/${studio.slug}/portal`}
          className="hidden rounded-md text-sm font-medium hover:underline sm:inline"
        >
          {t('portalLink')}
        </Link>
      </StudioHeader>
      <main id="main" tabIndex={-1} className="flex-1">
        {children}
      </main>
      <footer className="border-t">
        <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <p>{t('poweredBy')}</p>
          <nav aria-label={t('footerNav')} className="flex flex-wrap gap-x-4 gap-y-2">
            <Link
              href={`/${studio.slug}/portal`}
              className="rounded-md hover:text-foreground hover:underline"
            >
              {t('portalLink')}
            </Link>
            <Link href={`/${studio.slug}/admin`} className="rounded-md hover:text-foreground hover:underline">
              {t('adminLink')}
            </Link>
            <Link href="/" className="rounded-md hover:text-foreground hover:underline">
              {t('allStudios')}
            </Link>
          </nav>
        </div>
      </footer>
    </>
  );
}
