import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { PaymentSettingsForm } from '@/components/orders-admin/payment-settings-form';
import { MoneyProblem } from '@/components/orders-admin/problem';
import { readStudio } from '@/components/orders-admin/server-api';
import type { PaymentSettings } from '@/components/orders-admin/types';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('OrdersAdmin');
  return { title: t('paymentSettings.title') };
}

export default async function PaymentSettingsPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const [t, settings] = await Promise.all([
    getTranslations('OrdersAdmin'),
    readStudio<PaymentSettings>(studio.slug, '/payment-settings'),
  ]);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">{t('paymentSettings.title')}</h1>
        <p className="text-muted-foreground">{t('paymentSettings.lead', { name: studio.name })}</p>
      </div>
      {settings.ok ? (
        <ClientMessages namespaces={['OrdersAdmin', 'Forms']}>
          <PaymentSettingsForm
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
