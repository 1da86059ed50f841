import { unwrap } from '@atelier/sdk';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/admin/forbidden';
import { DayRangeFilter, describedBy, FilterField, SelectFilter } from '@/components/admin/list-filters';
import { AdminPageHeader } from '@/components/admin/page-header';
import { ApiProblem } from '@/components/api-problem';
import { AuditLog } from '@/components/audit/audit-log';
import { ClientMessages } from '@/components/client-messages';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { zonedDayBoundary } from '@/lib/dates';
import { isUuid } from '@/lib/ids';
import { titleMetadata } from '@/lib/metadata';
import { one, type StudioListPageProps } from '@/lib/search-params';
import { asSession, getMembership, roleAtLeast } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

const ACTION = /^[a-z0-9_.]+\*?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const generateMetadata = titleMetadata('Audit', 'title');

export default async function AuditPage({ params, searchParams }: StudioListPageProps) {
  const studio = await requireStudio(params);
  const [t, membership, query] = await Promise.all([
    getTranslations('Audit'),
    getMembership(studio.slug),
    searchParams,
  ]);
  const heading = (
    <AdminPageHeader title={t('title')} lead={t('lead', { name: studio.name, timezone: studio.timezone })} />
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
    ...(actor && isUuid(actor) ? { actor } : {}),
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

  return (
    <div className="space-y-6">
      {heading}
      <form
        method="get"
        className="grid gap-4 rounded-xl border p-4 sm:grid-cols-2 lg:grid-cols-4"
        aria-label={t('filters')}
      >
        <FilterField
          id="audit-action"
          label={t('action')}
          hint={t('actionHint')}
          error={errors.action}
          className="space-y-2"
        >
          <Input
            id="audit-action"
            name="action"
            defaultValue={action}
            placeholder="studios.member.*"
            aria-invalid={errors.action ? true : undefined}
            aria-describedby={describedBy('audit-action', { hint: true, error: errors.action })}
            autoCapitalize="none"
            spellCheck={false}
          />
        </FilterField>
        <SelectFilter
          id="audit-actor"
          name="actor"
          label={t('who')}
          anyLabel={t('anyone')}
          value={actor}
          options={people.map((person) => ({ value: person.id, label: person.name }))}
          className="space-y-2"
        />
        <DayRangeFilter
          idPrefix="audit"
          labels={{ from: t('from'), to: t('to') }}
          from={from}
          to={to}
          errors={errors}
          className="space-y-2"
        />
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
