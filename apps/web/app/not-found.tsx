import { SearchX } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SiteHeader } from '@/components/site-header';
import { SkipLink } from '@/components/skip-link';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('NotFound');
  return { title: t('title') };
}

export default async function NotFound() {
  const t = await getTranslations('NotFound');
  return (
    <>
      <SkipLink />
      <SiteHeader />
      <main id="main" tabIndex={-1} className="mx-auto max-w-2xl px-4 py-16 sm:px-6">
        <EmptyState
          icon={<SearchX />}
          headingLevel="h1"
          title={t('title')}
          description={t('description')}
          action={
            <Button asChild>
              <Link href="/">{t('home')}</Link>
            </Button>
          }
        />
      </main>
    </>
  );
}
