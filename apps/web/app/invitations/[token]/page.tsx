import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ApiProblem } from '@/components/api-problem';
import { AuthCard } from '@/components/auth/auth-card';
import { ClientMessages } from '@/components/client-messages';
import { AcceptInvitation } from '@/components/invitations/accept-invitation';
import { PageShell } from '@/components/page-shell';
import { Button } from '@/components/ui/button';
import { getMe } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Invitation');
  return { title: t('metaTitle'), robots: { index: false } };
}

// The link a studio's invitation email points at. The token is the only key and there is no route to
// read an invitation without accepting it, so its state (expired, withdrawn, used, another address)
// is explained from the API's answer to the accept.
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, t, me] = await Promise.all([params, getTranslations('Invitation'), getMe()]);
  const here = `/invitations/${encodeURIComponent(token)}`;
  const next = encodeURIComponent(here);
  return (
    <PageShell width="narrow">
      <AuthCard title={t('title')} lead={t('lead')}>
        {!me.ok ? (
          <ApiProblem error={me.error} />
        ) : !me.value ? (
          <div className="space-y-4">
            <p className="text-sm">{t('signInFirst')}</p>
            <div className="flex flex-col gap-3 sm:flex-row">
              <Button asChild className="flex-1">
                <a href={`/sign-in?next=${next}`}>{t('signIn')}</a>
              </Button>
              <Button asChild variant="outline" className="flex-1">
                <a href={`/sign-up?next=${next}`}>{t('signUp')}</a>
              </Button>
            </div>
          </div>
        ) : (
          <ClientMessages namespaces={['Invitation', 'Forms', 'ApiReasons']}>
            <AcceptInvitation
              token={token}
              email={me.value.email}
              verified={me.value.emailVerified}
              next={here}
            />
          </ClientMessages>
        )}
      </AuthCard>
    </PageShell>
  );
}
