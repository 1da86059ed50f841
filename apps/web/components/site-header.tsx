import { Sparkles } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { HeaderControls } from '@/components/header-controls';

/** The platform's own header (home, 404), outside any studio. */
export async function SiteHeader() {
  const t = await getTranslations('Common');
  return (
    <header className="border-b">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-3 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 rounded-md font-semibold">
          <span className="inline-flex size-8 items-center justify-center rounded-lg bg-brand text-brand-foreground">
            <Sparkles className="size-4" aria-hidden="true" />
          </span>
          Atelier
        </Link>
        <div className="flex items-center gap-2 sm:gap-4">
          <a href="/api/docs" className="hidden rounded-md text-sm font-medium hover:underline sm:inline">
            {t('apiDocs')}
          </a>
          <HeaderControls />
        </div>
      </div>
    </header>
  );
}
