import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { ForgotPasswordForm } from '@/components/auth/forms';
import { ClientMessages } from '@/components/client-messages';
import { PageShell } from '@/components/page-shell';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Auth.forgot');
  return { title: t('metaTitle') };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations('Auth.forgot');
  return (
    <PageShell width="narrow">
      <AuthCard
        title={t('title')}
        lead={t('lead')}
        footer={
          <a href="/sign-in" className="font-medium text-brand-ink underline">
            {t('back')}
          </a>
        }
      >
        <ClientMessages namespaces={['Auth', 'Forms']}>
          <ForgotPasswordForm />
        </ClientMessages>
      </AuthCard>
    </PageShell>
  );
}
