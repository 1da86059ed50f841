import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { StudioSwitcher } from '@/components/admin/studio-switcher';
import { ApiProblem } from '@/components/api-problem';
import { AreaShell } from '@/components/area-shell';
import { PATHNAME_HEADER } from '@/i18n/locales';
import { ADMIN_SECTIONS, DashboardIcon, shippedSections } from '@/lib/areas';
import { safeNextPath } from '@/lib/next-path';
import { getMembership, roleAtLeast, type StudioRole } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

/** The least role that may open each admin section (the API's permission table decides the rest). */
const SECTION_ROLE: Partial<Record<string, StudioRole>> = {
  catalog: 'staff',
  orders: 'staff',
  payments: 'staff',
  'promo-codes': 'staff',
  commerce: 'staff',
  billing: 'owner',
  clients: 'staff',
  bookings: 'staff',
  galleries: 'staff',
  messages: 'staff',
  team: 'staff',
  audit: 'admin',
};

export default async function AdminLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ studio: string }>;
}) {
  const studio = await requireStudio(params);
  const [t, membership] = await Promise.all([getTranslations('Admin'), getMembership(studio.slug)]);
  const base = `/${studio.slug}/admin`;
  // Members only: signed-out people sign in and come back; strangers get the API's own answer, 404.
  if (membership.kind === 'signed-out') {
    const path = safeNextPath((await headers()).get(PATHNAME_HEADER), base);
    redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  if (membership.kind === 'stranger') notFound();
  if (membership.kind === 'error') {
    return (
      <AreaShell studio={studio} area={t('area')} navLabel={t('navLabel')} items={[]}>
        <ApiProblem error={membership.error} headingLevel="h1" />
      </AreaShell>
    );
  }
  const items = [
    { href: base, label: t('sections.dashboard'), icon: <DashboardIcon aria-hidden="true" /> },
    ...shippedSections(ADMIN_SECTIONS)
      .filter(({ segment }) => {
        const least = SECTION_ROLE[segment];
        return !least || roleAtLeast(membership.role, least);
      })
      .map(({ segment, icon: Icon }) => ({
        href: `${base}/${segment}`,
        label: t(`sections.${segment}`),
        icon: <Icon aria-hidden="true" />,
      })),
  ];
  const tRoles = await getTranslations('Team.roles');
  const current = membership.studios.find((entry) => entry.studio.slug === studio.slug);
  const twoFactorMissing = Boolean(current?.studio.requireStaffTwoFactor) && !membership.me.twoFactorEnabled;
  return (
    <AreaShell
      studio={studio}
      area={`${t('area')} · ${tRoles(membership.role)}`}
      navLabel={t('navLabel')}
      items={items}
      switcher={
        <StudioSwitcher
          current={studio.slug}
          studios={membership.studios.map((entry) => ({
            slug: entry.studio.slug,
            name: entry.studio.name,
            role: tRoles(entry.role),
          }))}
          labels={{
            switch: t('switcher.switch'),
            heading: t('switcher.heading'),
            create: t('switcher.create'),
          }}
        />
      }
    >
      {twoFactorMissing ? (
        // The API refuses this member nearly everything until they turn two-factor on; without this, each
        // page only said "Not for your role" (now "Not open to you"), which was not the reason and not what to do about it.
        <section
          aria-labelledby="two-factor-required"
          className="mb-6 rounded-xl border border-destructive/40 bg-destructive/5 p-4 text-sm"
          data-testid="two-factor-required"
        >
          <h2 id="two-factor-required" className="font-semibold">
            {t('twoFactorRequired.title')}
          </h2>
          <p className="mt-1">{t('twoFactorRequired.body', { name: studio.name })}</p>
          <a
            href="/account#security"
            className="mt-2 inline-block font-medium text-brand-ink underline underline-offset-4"
          >
            {t('twoFactorRequired.action')}
          </a>
        </section>
      ) : null}
      {children}
    </AreaShell>
  );
}
