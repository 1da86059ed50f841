import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AreaShell } from '@/components/area-shell';
import { ADMIN_SECTIONS, DashboardIcon } from '@/lib/areas';
import { requireStudio } from '@/lib/studio';

export default async function AdminLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ studio: string }>;
}) {
  const studio = await requireStudio(params);
  const t = await getTranslations('Admin');
  const base = `/${studio.slug}/admin`;
  const items = [
    { href: base, label: t('sections.dashboard'), icon: <DashboardIcon aria-hidden="true" /> },
    ...ADMIN_SECTIONS.map(({ segment, icon: Icon }) => ({
      href: `${base}/${segment}`,
      label: t(`sections.${segment}`),
      icon: <Icon aria-hidden="true" />,
    })),
  ];
  return (
    <AreaShell studio={studio} area={t('area')} navLabel={t('navLabel')} items={items}>
      {children}
      <p role="note" className="mt-8 rounded-lg border bg-muted px-4 py-3 text-sm text-muted-foreground">
        {t('publicDataNotice')}
      </p>
    </AreaShell>
  );
}
