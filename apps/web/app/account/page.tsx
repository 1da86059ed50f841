import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { DeleteAccountForm, MarketingConsentForm, ProfileForm } from '@/components/account/privacy';
import { ChangePasswordForm, SignOutEverywhere, TwoFactorSettings } from '@/components/account/security';
import { ApiProblem } from '@/components/api-problem';
import { ClientMessages } from '@/components/client-messages';
import { FormMessage } from '@/components/forms/field';
import { PageHeading, PageShell } from '@/components/page-shell';
import { hasRoutes, Pending } from '@/components/pending';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { documentedRoutes, getMe } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Account');
  return { title: t('metaTitle') };
}

const ROUTES = {
  profile: ['PATCH /api/v1/me'],
  sessions: ['GET /api/v1/me/sessions', 'DELETE /api/v1/me/sessions/{id}'],
  studios: ['GET /api/v1/me/studios'],
  apiKeys: ['GET /api/v1/me/studios', 'GET /api/v1/studios/{studio}/api-keys'],
  export: ['GET /api/v1/me/export'],
  delete: ['DELETE /api/v1/me'],
};

function Section({
  id,
  title,
  lead,
  children,
}: {
  id: string;
  title: string;
  lead?: string;
  children: ReactNode;
}) {
  return (
    <Card className="p-5 sm:p-6" role="region" aria-labelledby={id}>
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {lead ? <p className="mt-1 text-sm text-muted-foreground">{lead}</p> : null}
      <div className="mt-5 space-y-6">{children}</div>
    </Card>
  );
}

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [query, t, me, routes] = await Promise.all([
    searchParams,
    getTranslations('Account'),
    getMe(),
    documentedRoutes(),
  ]);
  if (!me.ok) {
    return (
      <PageShell>
        <PageHeading title={t('title')} />
        <ApiProblem error={me.error} />
      </PageShell>
    );
  }
  if (!me.value) redirect('/sign-in?next=/account');
  const user = me.value;

  return (
    <PageShell>
      <PageHeading title={t('title')} />
      {query.welcome ? (
        <div className="mb-6">
          <FormMessage tone="success">{t('welcome')}</FormMessage>
        </div>
      ) : null}
      <ClientMessages namespaces={['Account', 'Auth', 'Forms']}>
        <div className="space-y-6">
          <Section id="profile" title={t('profile.title')} lead={t('profile.lead')}>
            <dl className="grid gap-4 sm:grid-cols-2">
              <div>
                <dt className="text-sm text-muted-foreground">{t('profile.name')}</dt>
                <dd className="font-medium" data-testid="account-name">
                  {user.name}
                </dd>
              </div>
              <div>
                <dt className="text-sm text-muted-foreground">{t('profile.email')}</dt>
                <dd className="flex flex-wrap items-center gap-2 font-medium">
                  <span className="break-all">{user.email}</span>
                  <Badge variant={user.emailVerified ? 'secondary' : 'outline'}>
                    {user.emailVerified ? t('profile.verified') : t('profile.unverified')}
                  </Badge>
                </dd>
              </div>
              <div>
                <dt className="text-sm text-muted-foreground">{t('profile.phone')}</dt>
                <dd className="font-medium">{user.phone ?? t('profile.none')}</dd>
              </div>
              {user.platformRole === 'admin' ? (
                <div>
                  <dt className="text-sm text-muted-foreground">{t('profile.role')}</dt>
                  <dd className="font-medium">{t('profile.admin')}</dd>
                </div>
              ) : null}
            </dl>
            {hasRoutes(routes, ROUTES.profile) ? (
              <ProfileForm name={user.name} phone={user.phone} />
            ) : (
              <Pending endpoints={ROUTES.profile} />
            )}
          </Section>

          <Section id="studios" title={t('studios.title')}>
            <Pending endpoints={ROUTES.studios} routes={routes} />
            <Button asChild variant="outline">
              <a href="/studios/new">{t('studios.create')}</a>
            </Button>
          </Section>

          <Section id="security" title={t('security.title')} lead={t('security.lead')}>
            <ChangePasswordForm />
            <hr />
            <TwoFactorSettings enabled={user.twoFactorEnabled} />
            <hr />
            <section aria-labelledby="sessions" className="space-y-4">
              <h3 id="sessions" className="font-semibold">
                {t('sessions.title')}
              </h3>
              <Pending endpoints={ROUTES.sessions} routes={routes} />
              <SignOutEverywhere />
            </section>
          </Section>

          <Section id="api-keys" title={t('apiKeys.title')} lead={t('apiKeys.lead')}>
            <Pending endpoints={ROUTES.apiKeys} routes={routes} />
          </Section>

          <Section id="privacy" title={t('privacy.title')} lead={t('privacy.lead')}>
            {hasRoutes(routes, ROUTES.profile) ? (
              <MarketingConsentForm consent={user.marketingConsent} />
            ) : (
              <p className="text-sm">
                {user.marketingConsent ? t('privacy.marketingOn') : t('privacy.marketingOff')}
              </p>
            )}
            <section aria-labelledby="export" className="space-y-2">
              <h3 id="export" className="font-semibold">
                {t('privacy.exportTitle')}
              </h3>
              <p className="text-sm text-muted-foreground">{t('privacy.exportLead')}</p>
              {hasRoutes(routes, ROUTES.export) ? (
                <Button asChild variant="outline">
                  <a href="/api/v1/me/export" download>
                    {t('privacy.export')}
                  </a>
                </Button>
              ) : (
                <Pending endpoints={ROUTES.export} />
              )}
            </section>
            <section aria-labelledby="delete" className="space-y-2">
              <h3 id="delete" className="font-semibold">
                {t('privacy.deleteTitle')}
              </h3>
              <p className="text-sm text-muted-foreground">{t('privacy.deleteLead')}</p>
              {hasRoutes(routes, ROUTES.delete) ? (
                <DeleteAccountForm />
              ) : (
                <Pending endpoints={ROUTES.delete} />
              )}
            </section>
          </Section>
        </div>
      </ClientMessages>
    </PageShell>
  );
}
