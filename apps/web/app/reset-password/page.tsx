import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { ResetPasswordForm } from '@/components/auth/forms';
import { ClientMessages } from '@/components/client-messages';
import { FormMessage } from '@/components/forms/field';
import { PageShell } from '@/components/page-shell';
import { Button } from '@/components/ui/button';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Auth.reset');
  return { title: t('metaTitle') };
}

/** Where the emailed reset link lands (through the API) with `?token=`, or `?error=INVALID_TOKEN`. */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [query, t] = await Promise.all([searchParams, getTranslations('Auth.reset')]);
  const token = typeof query.token === 'string' && !query.error ? query.token : null;
  return (
    <PageShell width="narrow">
      <AuthCard title={t('title')} lead={token ? t('lead') : undefined}>
        {token ? (
          <ClientMessages namespaces={['Auth', 'Forms']}>
            <ResetPasswordForm token={token} />
          </ClientMessages>
        ) : (
          <div className="space-y-4">
            <FormMessage tone="error">{t('invalid')}</FormMessage>
            <Button asChild className="w-full">
              <a href="/forgot-password">{t('requestNew')}</a>
            </Button>
          </div>
        )}
      </AuthCard>
    </PageShell>
  );
}
