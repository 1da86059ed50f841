import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Forbidden } from '@/components/admin/forbidden';
import { SectionTabs } from '@/components/admin/section-tabs';
import { adminPage } from '@/components/orders-admin/paths';
import { getMembership, roleAtLeast } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

/** Payments and their settings: staff see payments; settings and the wallet are for admins and up. */
export default async function PaymentsAdminLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ studio: string }>;
}) {
  const studio = await requireStudio(params);
  const [t, membership] = await Promise.all([getTranslations('OrdersAdmin'), getMembership(studio.slug)]);
  if (membership.kind !== 'member') return children;
  if (!roleAtLeast(membership.role, 'staff')) return <Forbidden />;
  const base = adminPage(studio.slug, '/payments');
  const links = [{ href: base, label: t('paymentsNav.payments') }];
  if (roleAtLeast(membership.role, 'admin')) {
    links.push(
      { href: `${base}/settings`, label: t('paymentsNav.settings') },
      { href: `${base}/wallet`, label: t('paymentsNav.wallet') },
    );
  }
  return (
    <div className="space-y-6">
      <SectionTabs label={t('paymentsNav.label')} links={links} />
      {children}
    </div>
  );
}
