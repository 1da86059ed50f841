import { unwrap } from '@atelier/sdk';
import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { StudioApiKeys } from '@/components/account/api-keys';
import { DeleteAccountForm, MarketingConsentForm, ProfileForm } from '@/components/account/privacy';
import { ChangePasswordForm, SignOutEverywhere, TwoFactorSettings } from '@/components/account/security';
import { SessionList } from '@/components/account/sessions';
import { ApiProblem } from '@/components/api-problem';
import { ClientMessages } from '@/components/client-messages';
import { FormMessage } from '@/components/forms/field';
import { PageHeading, PageShell } from '@/components/page-shell';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { loadStudio } from '@/lib/api';
import { asSession, getMe, getMyStudios, roleAtLeast } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Account');
  return { title: t('metaTitle') };
}

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
  const [query, t, tRoles, me] = await Promise.all([
    searchParams,
    getTranslations('Account'),
    getTranslations('Team.roles'),
    getMe(),
  ]);
  if (!me.ok) {
    return (
      <PageShell>
        <PageHeading title={t('title')} />
        <ApiProblem error={me.error} />
      </PageShell>
    );
  }
  // Arrived from a studio's client portal (its "Account" section): the way back to it, by name.
  const from = typeof query.from === 'string' && /^[a-z0-9-]{1,63}$/.test(query.from) ? query.from : null;
  if (!me.value) redirect(`/sign-in?next=${encodeURIComponent(from ? `/account?from=${from}` : '/account')}`);
  const user = me.value;
  const [sessions, studios, fromStudio] = await Promise.all([
    asSession(async (api) => (await unwrap(api.GET('/api/v1/me/sessions'))).items),
    getMyStudios(),
    from ? loadStudio(from) : null,
  ]);
  // API keys: the studios where this person manages the team (owners and admins).
  const managed = studios.ok ? studios.value.filter((entry) => roleAtLeast(entry.role, 'admin')) : [];
  const keys = await Promise.all(
    managed.map(async (entry) => ({
      entry,
      keys: await asSession(async (api) =>
        unwrap(
          api.GET('/api/v1/studios/{studio}/api-keys', {
            params: { path: { studio: entry.studio.slug }, query: { limit: 100 } },
          }),
        ),
      ),
    })),
  );

  return (
    <PageShell>
      {fromStudio?.ok ? (
        <Link
          href={`/${fromStudio.value.slug}/portal`}
          className="mb-4 inline-flex min-h-6 items-center gap-1 rounded-sm text-sm font-medium text-brand-ink hover:underline"
          data-testid="account-back-to-portal"
        >
          <ArrowLeft className="size-4" aria-hidden="true" />
          {t('backToPortal', { name: fromStudio.value.name })}
        </Link>
      ) : null}
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
            <ProfileForm name={user.name} phone={user.phone} />
          </Section>

          <Section id="studios" title={t('studios.title')}>
            {!studios.ok ? (
              <ApiProblem error={studios.error} headingLevel="h3" />
            ) : studios.value.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t('studios.none')}</p>
            ) : (
              <ul className="divide-y rounded-lg border" data-testid="my-studios">
                {studios.value.map(({ studio, role }) => (
                  <li key={studio.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center">
                    <div className="min-w-0 flex-1">
                      <p className="break-words font-medium" lang={studio.locale}>
                        {studio.name}
                      </p>
                      <p className="text-sm text-muted-foreground">{tRoles(role)}</p>
                    </div>
                    <div className="flex flex-wrap gap-2">
                      <Button asChild size="sm">
                        <a
                          href={`/${studio.slug}/admin`}
                          aria-label={t('studios.adminLabel', { name: studio.name })}
                        >
                          {t('studios.admin')}
                        </a>
                      </Button>
                      <Button asChild size="sm" variant="outline">
                        <a
                          href={`/${studio.slug}`}
                          aria-label={t('studios.storefrontLabel', { name: studio.name })}
                        >
                          {t('studios.storefront')}
                        </a>
                      </Button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
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
              {sessions.ok ? (
                <SessionList sessions={sessions.value} />
              ) : (
                <ApiProblem error={sessions.error} headingLevel="h3" />
              )}
              <SignOutEverywhere />
            </section>
          </Section>

          <Section id="api-keys" title={t('apiKeys.title')} lead={t('apiKeys.lead')}>
            {managed.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t('apiKeys.noStudios')}</p>
            ) : (
              keys.map(({ entry, keys: answer }) =>
                answer.ok ? (
                  <StudioApiKeys
                    key={entry.studio.slug}
                    studio={entry.studio.slug}
                    studioName={entry.studio.name}
                    timeZone={entry.studio.timezone}
                    keys={answer.value.items}
                  />
                ) : (
                  <ApiProblem key={entry.studio.slug} error={answer.error} headingLevel="h3" />
                ),
              )
            )}
          </Section>

          <Section id="privacy" title={t('privacy.title')} lead={t('privacy.lead')}>
            <MarketingConsentForm consent={user.marketingConsent} />
            <section aria-labelledby="export" className="space-y-2">
              <h3 id="export" className="font-semibold">
                {t('privacy.exportTitle')}
              </h3>
              <p className="text-sm text-muted-foreground">{t('privacy.exportLead')}</p>
              <Button asChild variant="outline">
                <a href="/api/v1/me/export" download>
                  {t('privacy.export')}
                </a>
              </Button>
            </section>
            <section aria-labelledby="delete" className="space-y-2">
              <h3 id="delete" className="font-semibold">
                {t('privacy.deleteTitle')}
              </h3>
              <p className="text-sm text-muted-foreground">{t('privacy.deleteLead')}</p>
              <DeleteAccountForm />
            </section>
          </Section>
        </div>
      </ClientMessages>
    </PageShell>
  );
}
