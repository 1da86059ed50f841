import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/forms';
import { SocialButtons } from '@/components/auth/social-buttons';
import { ClientMessages } from '@/components/client-messages';
import { FormMessage } from '@/components/forms/field';
import { PageShell } from '@/components/page-shell';
import { safeNextPath } from '@/lib/next-path';
import { oauthProviders } from '@/lib/providers';
import { getMe } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Auth.signIn');
  return { title: t('metaTitle') };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const next = safeNextPath(query.next);
  const [t, tForms, me, providers] = await Promise.all([
    getTranslations('Auth.signIn'),
    getTranslations('Forms'),
    getMe(),
    oauthProviders(),
  ]);
  if (me.ok && me.value) redirect(next);
  return (
    <PageShell width="narrow">
      <AuthCard
        title={t('title')}
        lead={t('lead')}
        footer={
          <>
            {t('noAccount')}{' '}
            <a
              href={query.next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up'}
              className="font-medium text-brand-ink underline"
            >
              {t('signUpLink')}
            </a>
          </>
        }
      >
        <div className="space-y-5">
          {query.signedOut ? <FormMessage tone="info">{t('signedOut')}</FormMessage> : null}
          <ClientMessages namespaces={['Auth', 'Forms']}>
            <SocialButtons
              next={next}
              failed={tForms('unexpected')}
              providers={providers.map((provider) => ({
                id: provider.id,
                label: t('withProvider', { provider: provider.name }),
              }))}
            />
            {providers.length > 0 ? (
              <p className="flex items-center gap-3 text-xs text-muted-foreground uppercase before:h-px before:flex-1 before:bg-border after:h-px after:flex-1 after:bg-border">
                {t('or')}
              </p>
            ) : null}
            <SignInForm next={next} />
          </ClientMessages>
        </div>
      </AuthCard>
    </PageShell>
  );
}
