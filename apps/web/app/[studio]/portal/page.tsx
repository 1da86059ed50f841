import { UserRound } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Portal');
  return { title: t('area') };
}

export default async function PortalDashboard({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const t = await getTranslations('Portal');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">{t('sections.dashboard')}</h1>
      <EmptyState
        icon={<UserRound />}
        title={t('signInTitle')}
        description={t('signInDescription', { name: studio.name })}
        action={
          <Button asChild>
            <Link href={`/${studio.slug}`}>{t('browse')}</Link>
          </Button>
        }
      />
    </div>
  );
}
