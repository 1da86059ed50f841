import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { BrandsManager } from '@/components/catalog-admin/brands-manager';
import { CatalogProblem } from '@/components/catalog-admin/catalog-problem';
import { readCatalogAdmin } from '@/components/catalog-admin/server-api';
import type { AdminBrand } from '@/components/catalog-admin/types';
import { ClientMessages } from '@/components/client-messages';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('CatalogAdmin');
  return { title: t('brands.title') };
}

export default async function BrandsPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const [t, brands] = await Promise.all([
    getTranslations('CatalogAdmin'),
    readCatalogAdmin<{ items: AdminBrand[] }>(studio.slug, '/brands'),
  ]);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">{t('brands.title')}</h1>
        <p className="text-muted-foreground">{t('brands.lead', { name: studio.name })}</p>
      </div>
      {brands.ok ? (
        <ClientMessages namespaces={['CatalogAdmin', 'Forms']}>
          <BrandsManager studio={studio.slug} initial={brands.value.items} />
        </ClientMessages>
      ) : (
        <CatalogProblem error={brands.error} />
      )}
    </div>
  );
}
