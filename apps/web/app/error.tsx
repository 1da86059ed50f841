'use client';

import { RotateCw, TriangleAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('Error');
  // Server errors arrive without their message in production; the digest matches the server's log line.
  const digest = error instanceof Error && 'digest' in error ? String(error.digest) : undefined;
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-2xl px-4 py-16 sm:px-6">
      <EmptyState
        icon={<TriangleAlert />}
        headingLevel="h1"
        title={t('title')}
        description={
          <>
            <p>{t('description')}</p>
            {digest ? <p className="mt-2 font-mono text-xs">{t('reference', { digest })}</p> : null}
          </>
        }
        action={
          <Button onClick={() => retry()}>
            <RotateCw aria-hidden="true" />
            {t('retry')}
          </Button>
        }
      />
    </main>
  );
}
