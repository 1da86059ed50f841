import { unwrap } from '@atelier/sdk';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/admin/forbidden';
import { AdminPageHeader } from '@/components/admin/page-header';
import { ApiProblem } from '@/components/api-problem';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/lib/dates';
import { titleMetadata } from '@/lib/metadata';
import { asSession, getMembership, roleAtLeast } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

export const generateMetadata = titleMetadata('Mail', 'title');

export default async function MessagesPage({
  params,
  searchParams,
}: {
  params: Promise<{ studio: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const studio = await requireStudio(params);
  const [t, locale, membership, query] = await Promise.all([
    getTranslations('Mail'),
    getLocale(),
    getMembership(studio.slug),
    searchParams,
  ]);
  const heading = <AdminPageHeader title={t('title')} lead={t('lead', { name: studio.name })} />;
  if (membership.kind !== 'member') return heading;
  if (!roleAtLeast(membership.role, 'staff')) {
    return (
      <div className="space-y-6">
        {heading}
        <Forbidden />
      </div>
    );
  }
  const cursor = typeof query.cursor === 'string' && query.cursor.length <= 200 ? query.cursor : undefined;
  const page = await asSession(async (api) =>
    unwrap(
      api.GET('/api/v1/studios/{studio}/mail', {
        params: { path: { studio: studio.slug }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const base = `/${studio.slug}/admin/messages`;
  return (
    <div className="space-y-6">
      {heading}
      {!page.ok ? (
        <ApiProblem error={page.error} />
      ) : page.value.items.length === 0 ? (
        <p className="rounded-xl border border-dashed p-8 text-center text-muted-foreground">{t('empty')}</p>
      ) : (
        <>
          <ul className="divide-y rounded-xl border" data-testid="mail-list">
            {page.value.items.map((mail) => (
              <li key={mail.id} className="flex flex-col gap-1 p-4 sm:flex-row sm:items-center sm:gap-4">
                <div className="min-w-0 flex-1">
                  <Link
                    href={`${base}/${mail.id}`}
                    className="font-medium text-brand-ink underline-offset-4 hover:underline"
                  >
                    {mail.subject}
                  </Link>
                  <p className="break-all text-sm text-muted-foreground">{t('to', { to: mail.to })}</p>
                </div>
                <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
                  <Badge variant={mail.status === 'failed' ? 'outline' : 'secondary'}>
                    {t(`status.${mail.status}`)}
                  </Badge>
                  <time dateTime={mail.createdAt}>
                    {formatDateTime(mail.createdAt, locale, studio.timezone)}
                  </time>
                </div>
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-3">
            {cursor ? (
              <Button asChild variant="outline">
                <Link href={base}>{t('newest')}</Link>
              </Button>
            ) : null}
            {page.value.nextCursor ? (
              <Button asChild variant="outline">
                <Link href={`${base}?cursor=${encodeURIComponent(page.value.nextCursor)}`}>{t('older')}</Link>
              </Button>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}
