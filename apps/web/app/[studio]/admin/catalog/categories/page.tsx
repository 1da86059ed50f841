import { getTranslations } from 'next-intl/server';
import { AdminEditorPage } from '@/components/admin/editor-page';
import { CategoryTree } from '@/components/catalog-admin/category-tree';
import { readCatalogAdmin } from '@/components/catalog-admin/server-api';
import type { AdminCategory } from '@/components/catalog-admin/types';
import { titleMetadata } from '@/lib/metadata';
import { requireStudio } from '@/lib/studio';

export const generateMetadata = titleMetadata('CatalogAdmin', 'categories.title');

export default async function CategoriesPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const [t, tree] = await Promise.all([
    getTranslations('CatalogAdmin'),
    readCatalogAdmin<{ items: AdminCategory[] }>(studio.slug, '/categories'),
  ]);
  return (
    <AdminEditorPage
      title={t('categories.title')}
      lead={t('categories.lead', { name: studio.name })}
      resource={tree}
      namespaces={['CatalogAdmin', 'Forms', 'ApiReasons']}
    >
      {({ items }) => <CategoryTree studio={studio.slug} initial={items} />}
    </AdminEditorPage>
  );
}
