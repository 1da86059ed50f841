import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AdminProblem } from '@/components/admin/admin-problem';
import { loadEditorChoices } from '@/components/catalog-admin/editor-data';
import { ItemEditor } from '@/components/catalog-admin/item-editor';
import { readCatalogAdmin } from '@/components/catalog-admin/server-api';
import type { AdminItem } from '@/components/catalog-admin/types';
import { ClientMessages } from '@/components/client-messages';
import { Badge } from '@/components/ui/badge';
import { isUuid } from '@/lib/ids';
import { requireStudio } from '@/lib/studio';
import { studioFacts } from '@/lib/studio-facts';

interface EditPageProps {
  params: Promise<{ studio: string; id: string }>;
  searchParams: Promise<{ created?: string }>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('CatalogAdmin');
  return { title: t('editor.editTitle') };
}

export default async function EditCatalogItemPage({ params, searchParams }: EditPageProps) {
  const [studio, { id }, query] = await Promise.all([requireStudio(params), params, searchParams]);
  if (!isUuid(id)) notFound();
  const [t, tKinds, item, choices] = await Promise.all([
    getTranslations('CatalogAdmin'),
    getTranslations('Kinds'),
    readCatalogAdmin<AdminItem>(studio.slug, `/items/${id}`),
    loadEditorChoices(studio.slug),
  ]);
  if (!item.ok && item.error.status === 404) notFound();
  return (
    <div className="space-y-6">
      {item.ok ? (
        <div className="space-y-1">
          <h1 className="text-2xl font-bold tracking-tight break-words">{item.value.name}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <Badge variant="outline">{tKinds(item.value.kind)}</Badge>
            <span>{t(`status.${item.value.status}`)}</span>
            {item.value.status === 'published' ? (
              <a className="underline underline-offset-4" href={`/${studio.slug}/p/${item.value.slug}`}>
                {t('editor.viewInStore')}
              </a>
            ) : null}
          </p>
        </div>
      ) : (
        <h1 className="text-2xl font-bold tracking-tight">{t('editor.editTitle')}</h1>
      )}
      {!item.ok ? (
        <AdminProblem error={item.error} />
      ) : !choices.ok ? (
        <AdminProblem error={choices.error} />
      ) : (
        <ClientMessages namespaces={['CatalogAdmin', 'Kinds', 'Forms', 'ApiReasons']}>
          <ItemEditor
            key={item.value.id}
            studio={studioFacts(studio)}
            kind={item.value.kind}
            item={item.value}
            categories={choices.value.categories}
            brands={choices.value.brands}
            {...(query.created ? { notice: t('editor.created') } : {})}
          />
        </ClientMessages>
      )}
    </div>
  );
}
