import { getTranslations } from 'next-intl/server';
import { AdminEditorPage } from '@/components/admin/editor-page';
import { BrandsManager } from '@/components/catalog-admin/brands-manager';
import { readCatalogAdmin } from '@/components/catalog-admin/server-api';
import type { AdminBrand } from '@/components/catalog-admin/types';
import { titleMetadata } from '@/lib/metadata';
import { requireStudio } from '@/lib/studio';

export const generateMetadata = titleMetadata('CatalogAdmin', 'brands.title');

export default async function BrandsPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const [t, brands] = await Promise.all([
    getTranslations('CatalogAdmin'),
    readCatalogAdmin<{ items: AdminBrand[] }>(studio.slug, '/brands'),
  ]);
  return (
    <AdminEditorPage
      title={t('brands.title')}
      lead={t('brands.lead', { name: studio.name })}
      resource={brands}
      namespaces={['CatalogAdmin', 'Forms', 'ApiReasons']}
    >
      {({ items }) => <BrandsManager studio={studio.slug} initial={items} />}
    </AdminEditorPage>
  );
}
