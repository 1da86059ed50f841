import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CatalogProblem } from '@/components/catalog-admin/catalog-problem';
import { CategoryTree } from '@/components/catalog-admin/category-tree';
import { readCatalogAdmin } from '@/components/catalog-admin/server-api';
import type { AdminCategory } from '@/components/catalog-admin/types';
import { ClientMessages } from '@/components/client-messages';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('CatalogAdmin');
  return { title: t('categories.title') };
}

export default async function CategoriesPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const [t, tree] = await Promise.all([
    getTranslations('CatalogAdmin'),
    readCatalogAdmin<{ items: AdminCategory[] }>(studio.slug, '/categories'),
  ]);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">{t('categories.title')}</h1>
        <p className="text-muted-foreground">{t('categories.lead', { name: studio.name })}</p>
      </div>
      {tree.ok ? (
        <ClientMessages namespaces={['CatalogAdmin', 'Forms']}>
          <CategoryTree studio={studio.slug} initial={tree.value.items} />
        </ClientMessages>
      ) : (
        <CatalogProblem error={tree.error} />
      )}
    </div>
  );
}
