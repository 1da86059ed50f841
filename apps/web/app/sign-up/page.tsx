import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { SignUpForm } from '@/components/auth/forms';
import { ClientMessages } from '@/components/client-messages';
import { PageShell } from '@/components/page-shell';
import { safeNextPath } from '@/lib/next-path';
import { getMe } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Auth.signUp');
  return { title: t('metaTitle') };
}

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [query, t, me] = await Promise.all([searchParams, getTranslations('Auth.signUp'), getMe()]);
  // A `next` (e.g. an invitation link) survives sign-up: the verification link lands there.
  const next = query.next ? safeNextPath(query.next) : undefined;
  if (me.ok && me.value) redirect(next ?? '/account');
  return (
    <PageShell width="narrow">
      <AuthCard
        title={t('title')}
        lead={t('lead')}
        footer={
          <>
            {t('haveAccount')}{' '}
            <a
              href={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}
              className="font-medium text-brand-ink underline"
            >
              {t('signInLink')}
            </a>
          </>
        }
      >
        <ClientMessages namespaces={['Auth', 'Forms']}>
          <SignUpForm {...(next ? { next } : {})} />
        </ClientMessages>
      </AuthCard>
    </PageShell>
  );
}
