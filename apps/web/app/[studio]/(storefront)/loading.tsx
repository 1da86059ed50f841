import { getTranslations } from 'next-intl/server';
import { Skeleton } from '@/components/ui/skeleton';

export default async function StorefrontLoading() {
  const t = await getTranslations('Common');
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6" role="status">
      <span className="sr-only">{t('loading')}</span>
      <Skeleton className="h-10 w-2/3" />
      <Skeleton className="mt-4 h-6 w-1/2" />
      <div className="mt-10 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {['a', 'b', 'c', 'd', 'e', 'f'].map((key) => (
          <Skeleton key={key} className="h-44 rounded-xl" />
        ))}
      </div>
    </div>
  );
}
