import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { SignUpForm } from '@/components/auth/forms';
import { ClientMessages } from '@/components/client-messages';
import { PageShell } from '@/components/page-shell';
import { getMe } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Auth.signUp');
  return { title: t('metaTitle') };
}

export default async function SignUpPage() {
  const [t, me] = await Promise.all([getTranslations('Auth.signUp'), getMe()]);
  if (me.ok && me.value) redirect('/account');
  return (
    <PageShell width="narrow">
      <AuthCard
        title={t('title')}
        lead={t('lead')}
        footer={
          <>
            {t('haveAccount')}{' '}
            <a href="/sign-in" className="font-medium text-brand-ink underline">
              {t('signInLink')}
            </a>
          </>
        }
      >
        <ClientMessages namespaces={['Auth', 'Forms']}>
          <SignUpForm />
        </ClientMessages>
      </AuthCard>
    </PageShell>
  );
}
