import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { findSection, PORTAL_SECTIONS } from '@/lib/areas';
import { requireStudio } from '@/lib/studio';

interface PortalSectionProps {
  params: Promise<{ studio: string; section: string }>;
}

export async function generateMetadata({ params }: PortalSectionProps): Promise<Metadata> {
  const { section } = await params;
  if (!findSection(PORTAL_SECTIONS, section)) return {};
  const t = await getTranslations('Portal');
  return { title: `${t(`sections.${section}`)} · ${t('area')}` };
}

/** Sections whose module has not shipped yet say so instead of showing invented data. */
export default async function PortalSectionPage({ params }: PortalSectionProps) {
  const [studio, { section: segment }] = await Promise.all([requireStudio(params), params]);
  const section = findSection(PORTAL_SECTIONS, segment);
  if (!section) notFound();
  // The account (profile, sign-in, privacy) has shipped, as one page for every studio; it offers the way
  // back to this portal.
  if (section.segment === 'account') redirect(`/account?from=${encodeURIComponent(studio.slug)}`);
  const t = await getTranslations('Portal');
  const Icon = section.icon;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">{t(`sections.${section.segment}`)}</h1>
      <EmptyState
        icon={<Icon />}
        title={t('comingSoonTitle')}
        description={t(`comingSoon.${section.segment}`, { name: studio.name })}
      />
    </div>
  );
}
