import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { ResendVerificationForm } from '@/components/auth/forms';
import { ClientMessages } from '@/components/client-messages';
import { FormMessage } from '@/components/forms/field';
import { PageShell } from '@/components/page-shell';
import { safeNextPath } from '@/lib/next-path';
import { getMe } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Auth.verify');
  return { title: t('metaTitle') };
}

/**
 * "Check your inbox" after sign-up, and where the emailed link lands: the API verifies the token, signs
 * the person in and redirects here (or here with ?error=... when the link is stale).
 */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [query, t, me] = await Promise.all([searchParams, getTranslations('Auth.verify'), getMe()]);
  if (me.ok && me.value?.emailVerified) redirect(safeNextPath(query.next, '/account?welcome=1'));
  return (
    <PageShell width="narrow">
      <AuthCard title={t('title')} lead={t('lead')}>
        <div className="space-y-4">
          {query.error ? <FormMessage tone="error">{t('invalidLink')}</FormMessage> : null}
          <div>
            <h2 className="font-semibold">{t('resendTitle')}</h2>
            <p className="text-sm text-muted-foreground">{t('resendLead')}</p>
          </div>
          <ClientMessages namespaces={['Auth', 'Forms']}>
            <ResendVerificationForm />
          </ClientMessages>
        </div>
      </AuthCard>
    </PageShell>
  );
}
