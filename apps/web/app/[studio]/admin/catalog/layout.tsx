import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Forbidden } from '@/components/admin/forbidden';
import { SectionTabs } from '@/components/admin/section-tabs';
import { catalogPage } from '@/components/catalog-admin/paths';
import { getMembership, roleAtLeast } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

/** The catalog's tabs above each of its pages; staff and up (the API's `catalog.manage` decides writes). */
export default async function CatalogAdminLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ studio: string }>;
}) {
  const studio = await requireStudio(params);
  const [t, membership] = await Promise.all([getTranslations('CatalogAdmin'), getMembership(studio.slug)]);
  if (membership.kind !== 'member') return children;
  if (!roleAtLeast(membership.role, 'staff')) return <Forbidden />;
  const link = (rest: string, label: string) => ({ href: catalogPage(studio.slug, rest), label });
  return (
    <div className="space-y-6">
      <SectionTabs
        label={t('nav.label')}
        links={[
          link('', t('nav.items')),
          link('/categories', t('nav.categories')),
          link('/brands', t('nav.brands')),
          link('/flash-sales', t('nav.flashSales')),
          link('/import', t('nav.import')),
        ]}
      />
      {children}
    </div>
  );
}
