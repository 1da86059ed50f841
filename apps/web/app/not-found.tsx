import { SearchX, Sparkles } from 'lucide-react';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SkipLink } from '@/components/skip-link';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('NotFound');
  return { title: t('title') };
}

/**
 * The root 404. Next.js references the root not-found page from every route's tree, so whatever client
 * code it imports loads on every page: plain elements and server-rendered icons only (no header menus,
 * no Button/cn, which would pull Radix and tailwind-merge into the storefront's first load).
 */
export default async function NotFound() {
  const t = await getTranslations('NotFound');
  return (
    <>
      <SkipLink />
      <header className="border-b">
        <div className="mx-auto flex h-16 max-w-6xl items-center px-4 sm:px-6">
          <a href="/" className="flex items-center gap-2 rounded-md font-semibold">
            <span className="inline-flex size-8 items-center justify-center rounded-lg bg-brand text-brand-foreground">
              <Sparkles className="size-4" aria-hidden="true" />
            </span>
            Atelier
          </a>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-2xl px-4 py-16 sm:px-6">
        <div className="flex flex-col items-center gap-3 rounded-xl border border-dashed px-6 py-12 text-center">
          <div className="rounded-full bg-muted p-3 text-muted-foreground" aria-hidden="true">
            <SearchX className="size-6" />
          </div>
          <h1 className="text-lg font-semibold text-balance">{t('title')}</h1>
          <p className="max-w-prose text-sm text-muted-foreground">{t('description')}</p>
          <a
            href="/"
            className="mt-2 inline-flex h-10 items-center justify-center rounded-md bg-brand px-4 text-sm font-medium text-brand-foreground transition-colors hover:bg-brand/90"
          >
            {t('home')}
          </a>
        </div>
      </main>
    </>
  );
}
