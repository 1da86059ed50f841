import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { CatalogTable } from '@/components/admin/catalog-table';
import { ApiProblem } from '@/components/api-problem';
import { EmptyState } from '@/components/ui/empty-state';
import { countCatalog } from '@/lib/api';
import { ADMIN_SECTIONS, findSection } from '@/lib/areas';
import { requireStudio } from '@/lib/studio';

interface AdminSectionProps {
  params: Promise<{ studio: string; section: string }>;
}

export async function generateMetadata({ params }: AdminSectionProps): Promise<Metadata> {
  const { section } = await params;
  if (!findSection(ADMIN_SECTIONS, section)) return {};
  const t = await getTranslations('Admin');
  return { title: `${t(`sections.${section}`)} · ${t('area')}` };
}

export default async function AdminSectionPage({ params }: AdminSectionProps) {
  const [studio, { section: segment }] = await Promise.all([requireStudio(params), params]);
  const section = findSection(ADMIN_SECTIONS, segment);
  if (!section) notFound();
  const t = await getTranslations('Admin');
  const heading = <h1 className="text-2xl font-bold tracking-tight">{t(`sections.${section.segment}`)}</h1>;

  if (section.segment === 'catalog') {
    const [catalog, tKinds, locale] = await Promise.all([
      countCatalog(studio.slug),
      getTranslations('Kinds'),
      getLocale(),
    ]);
    return (
      <div className="space-y-6">
        {heading}
        {catalog.ok ? (
          <CatalogTable
            items={catalog.value.items}
            capped={catalog.value.capped}
            locale={locale}
            labels={{
              filter: t('catalogTable.filter'),
              caption: t('catalogTable.caption', { name: studio.name }),
              name: t('catalogTable.name'),
              kind: t('catalogTable.kind'),
              price: t('catalogTable.price'),
              empty: t('catalogTable.empty'),
              noMatch: t('catalogTable.noMatch'),
              capped: t('catalogTable.capped'),
              kinds: {
                service: tKinds('service'),
                package: tKinds('package'),
                product: tKinds('product'),
                digital: tKinds('digital'),
              },
            }}
          />
        ) : (
          <ApiProblem error={catalog.error} />
        )}
      </div>
    );
  }

  const Icon = section.icon;
  return (
    <div className="space-y-6">
      {heading}
      <EmptyState
        icon={<Icon />}
        title={t('comingSoonTitle')}
        description={t(`comingSoon.${section.segment}`, { name: studio.name })}
      />
    </div>
  );
}
