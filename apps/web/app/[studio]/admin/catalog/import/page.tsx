import { getTranslations } from 'next-intl/server';
import { AdminEditorPage } from '@/components/admin/editor-page';
import { CsvImport } from '@/components/catalog-admin/csv-import';
import { readCatalogAdmin } from '@/components/catalog-admin/server-api';
import type { AdminImport } from '@/components/catalog-admin/types';
import { isUuid } from '@/lib/ids';
import { titleMetadata } from '@/lib/metadata';
import { requireStudio } from '@/lib/studio';
import { studioFacts } from '@/lib/studio-facts';

export const generateMetadata = titleMetadata('CatalogAdmin', 'import.title');

export default async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ studio: string }>;
  searchParams: Promise<{ import?: string }>;
}) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  const openId = query.import && isUuid(query.import) ? query.import : null;
  const [t, recent, current] = await Promise.all([
    getTranslations('CatalogAdmin'),
    readCatalogAdmin<{ items: AdminImport[] }>(studio.slug, '/imports?limit=10'),
    openId ? readCatalogAdmin<AdminImport>(studio.slug, `/imports/${openId}`) : Promise.resolve(null),
  ]);
  return (
    <AdminEditorPage
      title={t('import.title')}
      lead={t('import.lead', { name: studio.name })}
      resource={recent}
      namespaces={['CatalogAdmin', 'Forms', 'ApiReasons']}
    >
      {({ items }) => (
        <CsvImport
          key={openId ?? 'new'}
          studio={studioFacts(studio)}
          current={current?.ok ? current.value : null}
          recent={items}
        />
      )}
    </AdminEditorPage>
  );
}
