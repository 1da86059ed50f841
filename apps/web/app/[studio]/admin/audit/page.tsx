import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SignInPrompt } from '@/components/admin/sign-in-prompt';
import { ApiProblem } from '@/components/api-problem';
import { Pending } from '@/components/pending';
import { documentedRoutes, getMe } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

const ROUTES = ['GET /api/v1/studios/{studio}/audit'];

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Audit');
  return { title: t('title') };
}

export default async function AuditPage({ params }: { params: Promise<{ studio: string }> }) {
  const [studio, t, me, routes] = await Promise.all([
    requireStudio(params),
    getTranslations('Audit'),
    getMe(),
    documentedRoutes(),
  ]);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">{t('title')}</h1>
        <p className="text-muted-foreground">{t('lead', { name: studio.name })}</p>
      </div>
      {!me.ok ? (
        <ApiProblem error={me.error} />
      ) : !me.value ? (
        <SignInPrompt message={t('signInFirst')} next={`/${studio.slug}/admin/audit`} />
      ) : (
        <Pending endpoints={ROUTES} routes={routes} headingLevel="h2" />
      )}
    </div>
  );
}
