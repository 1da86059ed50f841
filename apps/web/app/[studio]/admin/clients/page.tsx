import { getLocale, getTranslations } from 'next-intl/server';
import {
  describedBy,
  FilterActions,
  FilterField,
  FilterForm,
  SelectFilter,
} from '@/components/admin/list-filters';
import { ListResults, Pager } from '@/components/admin/list-results';
import { AdminPageHeader } from '@/components/admin/page-header';
import { ClientList } from '@/components/clients-admin/client-list';
import {
  CLIENT_STATES,
  type ClientPage,
  type ClientState,
  type ClientTotals,
  retiredQuery,
} from '@/components/clients-admin/types';
import { adminPage } from '@/components/orders-admin/paths';
import { readStudio } from '@/components/orders-admin/server-api';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { titleMetadata } from '@/lib/metadata';
import { one, oneOf, pageLinks, pageRequest, queryOf, type StudioListPageProps } from '@/lib/search-params';
import { requireStudio } from '@/lib/studio';

const PAGE_SIZE = 25;

export const generateMetadata = titleMetadata('ClientsAdmin', 'list.title');

/**
 * The studio's clients, newest first: search by a part of the name, email or phone. Live records by
 * default; retired ones (a person who moved to another address or closed their account) on request.
 */
export default async function ClientsAdminPage({ params, searchParams }: StudioListPageProps) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  const q = one(query.q).slice(0, 200);
  const state: ClientState = oneOf(CLIENT_STATES, query.state) ?? 'live';
  const cursor = one(query.cursor);
  const filters = queryOf({ q, retired: retiredQuery(state) });
  const [t, locale, page] = await Promise.all([
    getTranslations('ClientsAdmin'),
    getLocale(),
    readStudio<ClientPage>(studio.slug, `/clients?${pageRequest(filters, PAGE_SIZE, cursor)}`),
  ]);
  // The page's clients' order totals in one more read (none when the page is empty or failed).
  const ids = page.ok ? page.value.items.map((client) => client.id) : [];
  const totals = ids.length
    ? await readStudio<{ items: ClientTotals[] }>(
        studio.slug,
        `/admin/orders/client-totals?clientIds=${ids.join(',')}`,
      )
    : null;
  const totalsById = new Map(totals?.ok ? totals.value.items.map((row) => [row.clientId, row]) : []);
  const base = adminPage(studio.slug, '/clients');
  const ownQuery = queryOf({ q, state: state === 'live' ? undefined : state });
  const links = pageLinks(base, ownQuery, { cursor, nextCursor: page.ok ? page.value.nextCursor : null });
  const filtered = ownQuery.size > 0;

  return (
    <div className="space-y-6">
      <AdminPageHeader title={t('list.title')} lead={t('list.lead', { name: studio.name })} />
      <FilterForm label={t('list.filters')} className="lg:grid-cols-[3fr_2fr_auto]">
        <FilterField id="clients-q" label={t('list.search')} hint={t('list.searchHint')}>
          <Input
            id="clients-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={200}
            aria-describedby={describedBy('clients-q', { hint: true })}
          />
        </FilterField>
        <SelectFilter
          id="clients-state"
          name="state"
          label={t('list.state')}
          anyLabel={t('state.live')}
          value={state === 'live' ? undefined : state}
          options={[
            { value: 'retired', label: t('state.retired') },
            { value: 'all', label: t('state.all') },
          ]}
        />
        <FilterActions
          applyLabel={t('list.apply')}
          clear={filtered ? { href: base, label: t('list.clear') } : null}
        />
      </FilterForm>

      <ListResults
        page={page}
        empty={
          <EmptyState
            title={filtered ? t('list.noMatch') : t('list.empty')}
            description={filtered ? undefined : t('list.emptyLead')}
          />
        }
        pager={
          <Pager
            links={links}
            labels={{ pages: t('list.pages'), first: t('list.first'), next: t('list.next') }}
          />
        }
      >
        {(clients) => <ClientList clients={clients} totals={totalsById} studio={studio} locale={locale} />}
      </ListResults>
    </div>
  );
}
