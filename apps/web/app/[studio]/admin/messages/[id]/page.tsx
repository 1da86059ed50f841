import { unwrap } from '@atelier/sdk';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/admin/forbidden';
import { ApiProblem } from '@/components/api-problem';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { formatDateTime } from '@/lib/dates';
import { isUuid } from '@/lib/ids';
import { asSession, getMembership, roleAtLeast } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

interface MailMessage {
  id: string;
  to: string;
  from: string;
  subject: string;
  template: string | null;
  status: 'kept' | 'sent' | 'failed';
  error: string | null;
  createdAt: string;
  html: string | null;
  text: string | null;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Mail');
  return { title: t('title') };
}

export default async function MessagePage({ params }: { params: Promise<{ studio: string; id: string }> }) {
  const [studio, { id }] = await Promise.all([requireStudio(params), params]);
  if (!isUuid(id)) notFound();
  const [t, locale, membership] = await Promise.all([
    getTranslations('Mail'),
    getLocale(),
    getMembership(studio.slug),
  ]);
  const back = (
    <Link href={`/${studio.slug}/admin/messages`} className="text-sm font-medium text-brand-ink underline">
      {t('back')}
    </Link>
  );
  if (membership.kind !== 'member') return back;
  if (!roleAtLeast(membership.role, 'staff')) return <Forbidden />;
  const answer = await asSession(
    async (api) =>
      // The generated types leave this body untyped; its shape is the API's MailMessageSchema.
      (await unwrap(
        api.GET('/api/v1/studios/{studio}/mail/{id}', { params: { path: { studio: studio.slug, id } } }),
      )) as unknown as MailMessage,
  );
  if (!answer.ok && answer.error.status === 404) notFound();
  if (!answer.ok) {
    return (
      <div className="space-y-6">
        {back}
        <h1 className="text-2xl font-bold tracking-tight">{t('title')}</h1>
        <ApiProblem error={answer.error} />
      </div>
    );
  }
  const mail = answer.value;
  return (
    <div className="space-y-6">
      {back}
      <div className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight break-words">{mail.subject}</h1>
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[6rem_minmax(0,1fr)]">
          <dt className="text-muted-foreground">{t('fromLabel')}</dt>
          <dd className="break-all">{mail.from}</dd>
          <dt className="text-muted-foreground">{t('toLabel')}</dt>
          <dd className="break-all">{mail.to}</dd>
          <dt className="text-muted-foreground">{t('when')}</dt>
          <dd>
            <time dateTime={mail.createdAt}>{formatDateTime(mail.createdAt, locale, studio.timezone)}</time>
          </dd>
          <dt className="text-muted-foreground">{t('statusLabel')}</dt>
          <dd>
            <Badge variant={mail.status === 'failed' ? 'outline' : 'secondary'}>
              {t(`status.${mail.status}`)}
            </Badge>
            {mail.error ? <span className="ml-2 text-destructive">{mail.error}</span> : null}
          </dd>
        </dl>
      </div>
      <Card className="p-5 sm:p-6" role="region" aria-labelledby="mail-text">
        <h2 id="mail-text" className="text-lg font-semibold">
          {t('text')}
        </h2>
        {mail.text ? (
          <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-sm" data-testid="mail-text">
            {mail.text}
          </pre>
        ) : (
          <p className="mt-3 text-sm text-muted-foreground">{t('noText')}</p>
        )}
      </Card>
      {mail.html ? (
        <Card className="p-5 sm:p-6" role="region" aria-labelledby="mail-html">
          <h2 id="mail-html" className="text-lg font-semibold">
            {t('html')}
          </h2>
          <p className="mt-1 text-sm text-muted-foreground">{t('htmlLead')}</p>
          {/* sandbox="": no scripts, no forms, no same-origin access, no top navigation. */}
          <iframe
            title={t('htmlFrame', { subject: mail.subject })}
            sandbox=""
            srcDoc={mail.html}
            referrerPolicy="no-referrer"
            className="mt-3 h-[32rem] w-full rounded-md border bg-white"
          />
        </Card>
      ) : null}
    </div>
  );
}
