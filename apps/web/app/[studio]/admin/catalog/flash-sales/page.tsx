import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CatalogProblem } from '@/components/catalog-admin/catalog-problem';
import { FlashSaleScheduler } from '@/components/catalog-admin/flash-sales';
import { readAllPages } from '@/components/catalog-admin/server-api';
import type { AdminFlashSale } from '@/components/catalog-admin/types';
import { ClientMessages } from '@/components/client-messages';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('CatalogAdmin');
  return { title: t('flashSales.title') };
}

export default async function FlashSalesPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const [t, sales] = await Promise.all([
    getTranslations('CatalogAdmin'),
    // Running and scheduled sales are few; ended ones are capped at a few pages.
    readAllPages<AdminFlashSale>(studio.slug, '/flash-sales', 300),
  ]);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">{t('flashSales.title')}</h1>
        <p className="text-muted-foreground">{t('flashSales.lead', { zone: studio.timezone })}</p>
      </div>
      {sales.ok ? (
        <ClientMessages namespaces={['CatalogAdmin', 'Forms']}>
          <FlashSaleScheduler
            studio={{
              slug: studio.slug,
              name: studio.name,
              currency: studio.currency,
              timezone: studio.timezone,
            }}
            sales={sales.value}
            now={new Date().toISOString()}
          />
        </ClientMessages>
      ) : (
        <CatalogProblem error={sales.error} />
      )}
    </div>
  );
}
