import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AreaShell } from '@/components/area-shell';
import { DashboardIcon, PORTAL_SECTIONS, shippedSections } from '@/lib/areas';
import { requireStudio } from '@/lib/studio';

export default async function PortalLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ studio: string }>;
}) {
  const studio = await requireStudio(params);
  const t = await getTranslations('Portal');
  const base = `/${studio.slug}/portal`;
  const items = [
    { href: base, label: t('sections.dashboard'), icon: <DashboardIcon aria-hidden="true" /> },
    ...shippedSections(PORTAL_SECTIONS).map(({ segment, icon: Icon }) => ({
      href: `${base}/${segment}`,
      label: t(`sections.${segment}`),
      icon: <Icon aria-hidden="true" />,
    })),
  ];
  return (
    <AreaShell studio={studio} area={t('area')} navLabel={t('navLabel')} items={items}>
      {children}
    </AreaShell>
  );
}
