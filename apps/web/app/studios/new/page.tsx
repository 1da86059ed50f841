import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ApiProblem } from '@/components/api-problem';
import { PageHeading, PageShell } from '@/components/page-shell';
import { Pending } from '@/components/pending';
import { documentedRoutes, getMe } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('NewStudio');
  return { title: t('metaTitle') };
}

const ROUTES = ['POST /api/v1/studios', 'GET /api/v1/plans'];

export default async function NewStudioPage() {
  const [t, me, routes] = await Promise.all([getTranslations('NewStudio'), getMe(), documentedRoutes()]);
  if (me.ok && !me.value) redirect('/sign-in?next=/studios/new');
  return (
    <PageShell>
      <PageHeading title={t('title')} lead={t('lead')} />
      {!me.ok ? (
        <ApiProblem error={me.error} />
      ) : (
        <Pending endpoints={ROUTES} routes={routes} headingLevel="h2" />
      )}
    </PageShell>
  );
}
