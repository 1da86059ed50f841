import { unwrap } from '@atelier/sdk';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/admin/forbidden';
import { ApiProblem } from '@/components/api-problem';
import { AuditLog } from '@/components/audit/audit-log';
import { ClientMessages } from '@/components/client-messages';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { zonedDayBoundary } from '@/lib/dates';
import { asSession, getMembership, roleAtLeast } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

const ACTION = /^[a-z0-9_.]+\*?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Audit');
  return { title: t('title') };
}

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ studio: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const studio = await requireStudio(params);
  const [t, membership, query] = await Promise.all([
    getTranslations('Audit'),
    getMembership(studio.slug),
    searchParams,
  ]);
  const heading = (
    <div className="space-y-1">
      <h1 className="text-2xl font-bold tracking-tight">{t('title')}</h1>
      <p className="text-muted-foreground">{t('lead', { name: studio.name, timezone: studio.timezone })}</p>
    </div>
  );
  if (membership.kind !== 'member') return heading;
  if (!roleAtLeast(membership.role, 'admin')) {
    return (
      <div className="space-y-6">
        {heading}
        <Forbidden message={t('forbidden')} />
      </div>
    );
  }

  const action = one(query.action);
  const actor = one(query.actor);
  const from = one(query.from);
  const to = one(query.to);
  const errors = {
    action: action && !ACTION.test(action) ? t('errors.action') : undefined,
    from: from && !DAY.test(from) ? t('errors.date') : undefined,
    to: to && !DAY.test(to) ? t('errors.date') : from && to && to < from ? t('errors.range') : undefined,
  };
  const filters = {
    ...(action && !errors.action ? { action } : {}),
    ...(actor && UUID.test(actor) ? { actor } : {}),
    ...(from && !errors.from ? { from: zonedDayBoundary(from, studio.timezone, 'start') ?? undefined } : {}),
    ...(to && !errors.to ? { to: zonedDayBoundary(to, studio.timezone, 'end') ?? undefined } : {}),
  };
  const path = { studio: studio.slug };
  const [page, members] = await Promise.all([
    asSession(async (api) =>
      unwrap(
        api.GET('/api/v1/studios/{studio}/audit', { params: { path, query: { limit: 50, ...filters } } }),
      ),
    ),
    asSession(async (api) =>
      unwrap(api.GET('/api/v1/studios/{studio}/members', { params: { path, query: { limit: 100 } } })),
    ),
  ]);
  const people = members.ok ? members.value.items.map((m) => ({ id: m.userId, name: m.name })) : [];
  const errorId = (name: string) => `audit-${name}-error`;

  return (
    <div className="space-y-6">
      {heading}
      <form
        method="get"
        className="grid gap-4 rounded-xl border p-4 sm:grid-cols-2 lg:grid-cols-4"
        aria-label={t('filters')}
      >
        <div className="space-y-2">
          <Label htmlFor="audit-action">{t('action')}</Label>
          <Input
            id="audit-action"
            name="action"
            defaultValue={action}
            placeholder="studios.member.*"
            aria-invalid={errors.action ? true : undefined}
            aria-describedby={errors.action ? errorId('action') : 'audit-action-hint'}
            autoCapitalize="none"
            spellCheck={false}
          />
          {errors.action ? (
            <p id={errorId('action')} className="text-sm font-medium text-destructive">
              {errors.action}
            </p>
          ) : (
            <p id="audit-action-hint" className="text-xs text-muted-foreground">
              {t('actionHint')}
            </p>
          )}
        </div>
        <div className="space-y-2">
          <Label htmlFor="audit-actor">{t('who')}</Label>
          <NativeSelect id="audit-actor" name="actor" defaultValue={actor}>
            <option value="">{t('anyone')}</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-2">
          <Label htmlFor="audit-from">{t('from')}</Label>
          <Input
            id="audit-from"
            name="from"
            type="date"
            defaultValue={from}
            aria-invalid={errors.from ? true : undefined}
            aria-describedby={errors.from ? errorId('from') : undefined}
          />
          {errors.from ? (
            <p id={errorId('from')} className="text-sm font-medium text-destructive">
              {errors.from}
            </p>
          ) : null}
        </div>
        <div className="space-y-2">
          <Label htmlFor="audit-to">{t('to')}</Label>
          <Input
            id="audit-to"
            name="to"
            type="date"
            defaultValue={to}
            aria-invalid={errors.to ? true : undefined}
            aria-describedby={errors.to ? errorId('to') : undefined}
          />
          {errors.to ? (
            <p id={errorId('to')} className="text-sm font-medium text-destructive">
              {errors.to}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-3 sm:col-span-2 lg:col-span-4">
          <Button type="submit">{t('apply')}</Button>
          <Button asChild variant="outline">
            <a href={`/${studio.slug}/admin/audit`}>{t('clear')}</a>
          </Button>
        </div>
      </form>
      {page.ok ? (
        <ClientMessages namespaces={['Audit', 'Forms']}>
          <AuditLog
            studio={studio.slug}
            timezone={studio.timezone}
            filters={filters}
            people={people}
            initial={page.value}
          />
        </ClientMessages>
      ) : (
        <ApiProblem error={page.error} />
      )}
    </div>
  );
}
