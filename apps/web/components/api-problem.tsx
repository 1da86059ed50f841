import type { AtelierApiError } from '@atelier/sdk';
import { CloudOff, TriangleAlert } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';

/** What the page says when the API could not answer: unreachable, or an error with its request id. */
export async function ApiProblem({
  error,
  headingLevel = 'h2',
}: {
  error: AtelierApiError;
  headingLevel?: 'h1' | 'h2' | 'h3';
}) {
  const t = await getTranslations('ApiProblem');
  if (error.unreachable) {
    return (
      <EmptyState
        icon={<CloudOff />}
        headingLevel={headingLevel}
        title={t('unreachableTitle')}
        description={t('unreachableDescription')}
      />
    );
  }
  return (
    <EmptyState
      icon={<TriangleAlert />}
      headingLevel={headingLevel}
      title={t('errorTitle')}
      description={
        <>
          <p>{t('errorDescription', { status: error.status })}</p>
          <p className="mt-2 font-mono text-xs">
            {error.code}
            {error.requestId ? ` · ${t('requestId', { id: error.requestId })}` : null}
          </p>
        </>
      }
    />
  );
}
