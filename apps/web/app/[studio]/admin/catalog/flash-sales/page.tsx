import { getTranslations } from 'next-intl/server';
import { AdminEditorPage } from '@/components/admin/editor-page';
import { FlashSaleScheduler } from '@/components/catalog-admin/flash-sales';
import { readAllPages } from '@/components/catalog-admin/server-api';
import type { AdminFlashSale } from '@/components/catalog-admin/types';
import { titleMetadata } from '@/lib/metadata';
import { requireStudio } from '@/lib/studio';
import { studioFacts } from '@/lib/studio-facts';

export const generateMetadata = titleMetadata('CatalogAdmin', 'flashSales.title');

export default async function FlashSalesPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const [t, sales] = await Promise.all([
    getTranslations('CatalogAdmin'),
    // Running and scheduled sales are few; ended ones are capped at a few pages.
    readAllPages<AdminFlashSale>(studio.slug, '/flash-sales', 300),
  ]);
  return (
    <AdminEditorPage
      title={t('flashSales.title')}
      lead={t('flashSales.lead', { zone: studio.timezone })}
      resource={sales}
      namespaces={['CatalogAdmin', 'Forms', 'ApiReasons']}
    >
      {(value) => (
        <FlashSaleScheduler studio={studioFacts(studio)} sales={value} now={new Date().toISOString()} />
      )}
    </AdminEditorPage>
  );
}
