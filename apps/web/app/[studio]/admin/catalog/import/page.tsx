import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CatalogProblem } from '@/components/catalog-admin/catalog-problem';
import { CsvImport } from '@/components/catalog-admin/csv-import';
import { readCatalogAdmin } from '@/components/catalog-admin/server-api';
import type { AdminImport } from '@/components/catalog-admin/types';
import { ClientMessages } from '@/components/client-messages';
import { requireStudio } from '@/lib/studio';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('CatalogAdmin');
  return { title: t('import.title') };
}

export default async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ studio: string }>;
  searchParams: Promise<{ import?: string }>;
}) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  const openId = query.import && UUID.test(query.import) ? query.import : null;
  const [t, recent, current] = await Promise.all([
    getTranslations('CatalogAdmin'),
    readCatalogAdmin<{ items: AdminImport[] }>(studio.slug, '/imports?limit=10'),
    openId ? readCatalogAdmin<AdminImport>(studio.slug, `/imports/${openId}`) : Promise.resolve(null),
  ]);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">{t('import.title')}</h1>
        <p className="text-muted-foreground">{t('import.lead', { name: studio.name })}</p>
      </div>
      {!recent.ok ? (
        <CatalogProblem error={recent.error} />
      ) : (
        <ClientMessages namespaces={['CatalogAdmin', 'Forms']}>
          <CsvImport
            key={openId ?? 'new'}
            studio={{
              slug: studio.slug,
              name: studio.name,
              currency: studio.currency,
              timezone: studio.timezone,
            }}
            current={current?.ok ? current.value : null}
            recent={recent.value.items}
          />
        </ClientMessages>
      )}
    </div>
  );
}
