import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { StudioSettingsForm } from '@/components/settings/studio-settings-form';
import { listPlans } from '@/lib/api';
import { getMembership, roleAtLeast } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('StudioSettings');
  return { title: t('title') };
}

export default async function SettingsPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const [t, membership, plans] = await Promise.all([
    getTranslations('StudioSettings'),
    getMembership(studio.slug),
    listPlans(),
  ]);
  const role = membership.kind === 'member' ? membership.role : 'moderator';
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">{t('title')}</h1>
      <ClientMessages namespaces={['StudioSettings', 'Plans', 'Forms']}>
        <StudioSettingsForm
          studio={studio}
          plans={plans.ok ? plans.value : []}
          canEdit={roleAtLeast(role, 'admin')}
          isOwner={role === 'owner'}
        />
      </ClientMessages>
    </div>
  );
}
