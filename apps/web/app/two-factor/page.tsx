import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { TwoFactorForm } from '@/components/auth/forms';
import { ClientMessages } from '@/components/client-messages';
import { PageShell } from '@/components/page-shell';
import { safeNextPath } from '@/lib/next-path';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Auth.twoFactor');
  return { title: t('metaTitle') };
}

/** The second step of a password sign-in when two-step verification is on. */
export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [query, t] = await Promise.all([searchParams, getTranslations('Auth.twoFactor')]);
  return (
    <PageShell width="narrow">
      <AuthCard title={t('title')}>
        <ClientMessages namespaces={['Auth', 'Forms']}>
          <TwoFactorForm next={safeNextPath(query.next)} />
        </ClientMessages>
      </AuthCard>
    </PageShell>
  );
}
