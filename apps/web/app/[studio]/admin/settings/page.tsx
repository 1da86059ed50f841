import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { BrandEditor } from '@/components/admin/brand-preview';
import { Pending } from '@/components/pending';
import { Card } from '@/components/ui/card';
import { documentedRoutes } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('StudioSettings');
  return { title: t('title') };
}

function Section({
  id,
  title,
  lead,
  children,
}: {
  id: string;
  title: string;
  lead?: string;
  children: ReactNode;
}) {
  return (
    <Card className="p-5 sm:p-6" role="region" aria-labelledby={id}>
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {lead ? <p className="mt-1 text-sm text-muted-foreground">{lead}</p> : null}
      <div className="mt-5 space-y-4">{children}</div>
    </Card>
  );
}

export default async function SettingsPage({ params }: { params: Promise<{ studio: string }> }) {
  const [studio, t, routes] = await Promise.all([
    requireStudio(params),
    getTranslations('StudioSettings'),
    documentedRoutes(),
  ]);
  const patch = 'PATCH /api/v1/studios/{studio}';
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">{t('title')}</h1>
      <Section id="details" title={t('details')} lead={t('detailsLead')}>
        <dl className="grid gap-4 sm:grid-cols-2">
          {(
            [
              ['name', studio.name],
              ['tagline', studio.tagline],
              ['currency', studio.currency],
              ['timezone', studio.timezone],
              ['locale', studio.locale],
            ] as const
          ).map(([key, value]) => (
            <div key={key}>
              <dt className="text-sm text-muted-foreground">{t(key)}</dt>
              <dd
                className="font-medium"
                lang={key === 'name' || key === 'tagline' ? studio.locale : undefined}
              >
                {value}
              </dd>
            </div>
          ))}
        </dl>
        <Pending endpoints={[patch]} routes={routes} />
      </Section>
      <Section id="branding" title={t('branding')} lead={t('brandingLead')}>
        <BrandEditor
          brand={studio.brand}
          studioName={studio.name}
          labels={{
            primary: t('primary'),
            accent: t('accent'),
            logoText: t('logoText'),
            preview: t('preview'),
            previewHeading: t('previewHeading'),
            previewButton: t('previewButton'),
            previewLink: t('previewLink'),
          }}
        />
        <Pending endpoints={[patch]} routes={routes} />
      </Section>
      <Section id="plan" title={t('plan')} lead={t('planLead', { name: studio.name })}>
        <Pending endpoints={['GET /api/v1/plans']} routes={routes} />
      </Section>
      <Section id="security-policy" title={t('security')} lead={t('securityLead', { name: studio.name })}>
        <Pending endpoints={[patch]} routes={routes} />
      </Section>
    </div>
  );
}
