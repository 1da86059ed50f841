import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { CommerceSettingsForm } from '@/components/orders-admin/commerce-settings-form';
import { MoneyProblem } from '@/components/orders-admin/problem';
import { readStudio } from '@/components/orders-admin/server-api';
import type { CommerceSettings } from '@/components/orders-admin/types';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('OrdersAdmin');
  return { title: t('commerce.title') };
}

export default async function CommerceSettingsPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const [t, settings] = await Promise.all([
    getTranslations('OrdersAdmin'),
    readStudio<CommerceSettings>(studio.slug, '/admin/commerce-settings'),
  ]);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">{t('commerce.title')}</h1>
        <p className="text-muted-foreground">{t('commerce.lead', { name: studio.name })}</p>
      </div>
      {settings.ok ? (
        <ClientMessages namespaces={['OrdersAdmin', 'Forms']}>
          <CommerceSettingsForm
            studio={{
              slug: studio.slug,
              name: studio.name,
              currency: studio.currency,
              timezone: studio.timezone,
            }}
            initial={settings.value}
          />
        </ClientMessages>
      ) : (
        <MoneyProblem error={settings.error} />
      )}
    </div>
  );
}
