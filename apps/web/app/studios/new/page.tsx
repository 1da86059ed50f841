import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ApiProblem } from '@/components/api-problem';
import { ClientMessages } from '@/components/client-messages';
import { FormMessage } from '@/components/forms/field';
import { PageHeading, PageShell } from '@/components/page-shell';
import { NewStudioWizard } from '@/components/studios/new-studio-wizard';
import { listPlans } from '@/lib/api';
import { getMe } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('NewStudio');
  return { title: t('metaTitle') };
}

export default async function NewStudioPage() {
  const [t, me, plans, headerList] = await Promise.all([
    getTranslations('NewStudio'),
    getMe(),
    listPlans(),
    headers(),
  ]);
  if (me.ok && !me.value) redirect('/sign-in?next=/studios/new');
  const host = headerList.get('x-forwarded-host') ?? headerList.get('host') ?? 'atelier';
  return (
    <PageShell>
      <PageHeading title={t('title')} lead={t('lead')} />
      {!me.ok ? (
        <ApiProblem error={me.error} />
      ) : (
        <div className="space-y-4">
          {me.value && !me.value.emailVerified ? (
            <FormMessage tone="info">{t('verifyFirst')}</FormMessage>
          ) : null}
          <ClientMessages namespaces={['NewStudio', 'Plans', 'Forms']}>
            <NewStudioWizard plans={plans.ok ? plans.value : []} origin={host} />
          </ClientMessages>
        </div>
      )}
    </PageShell>
  );
}
