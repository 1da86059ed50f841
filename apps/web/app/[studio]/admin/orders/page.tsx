import { Download } from 'lucide-react';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { describedBy, FilterField, SelectFilter } from '@/components/admin/list-filters';
import { ListResults, Pager } from '@/components/admin/list-results';
import { AdminPageHeader } from '@/components/admin/page-header';
import { clientPage } from '@/components/clients-admin/types';
import { MoneyListFilters } from '@/components/orders-admin/money-filters';
import { readMoneyFilters } from '@/components/orders-admin/money-query';
import { OrderList } from '@/components/orders-admin/order-list';
import { adminPage, studioApi } from '@/components/orders-admin/paths';
import { readStudio } from '@/components/orders-admin/server-api';
import { type AdminOrder, ORDER_STATUSES, PAYMENT_STATES } from '@/components/orders-admin/types';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { isUuid } from '@/lib/ids';
import { titleMetadata } from '@/lib/metadata';
import { one, oneOf, pageLinks, pageRequest, queryOf, type StudioListPageProps } from '@/lib/search-params';
import { requireStudio } from '@/lib/studio';
import { studioFacts } from '@/lib/studio-facts';

const PAGE_SIZE = 25;

export const generateMetadata = titleMetadata('OrdersAdmin', 'list.title');

export default async function OrdersAdminPage({ params, searchParams }: StudioListPageProps) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  const q = one(query.q);
  const status = oneOf(ORDER_STATUSES, query.status);
  const paymentStatus = oneOf(PAYMENT_STATES, query.paymentStatus);
  const moneyFilters = readMoneyFilters(query, studio.timezone);
  const cursor = one(query.cursor);
  // From the dashboard's "Payments to confirm": unpaid orders by bank transfer or PromptPay.
  const awaitingConfirmation = one(query.awaitingConfirmation) === 'true' ? 'true' : undefined;
  // From a client's page ("See all of this client's orders"): one client record's orders.
  const clientId = isUuid(one(query.clientId)) ? one(query.clientId) : undefined;
  // What the API filters by (also the export's filters); the page's own URL keeps the days as typed.
  const filters = queryOf({
    q,
    status,
    paymentStatus,
    paymentProvider: moneyFilters.provider,
    awaitingConfirmation,
    clientId,
    from: moneyFilters.from,
    to: moneyFilters.to,
  });

  const [t, locale, page] = await Promise.all([
    getTranslations('OrdersAdmin'),
    getLocale(),
    readStudio<{ items: AdminOrder[]; nextCursor: string | null }>(
      studio.slug,
      `/admin/orders?${pageRequest(filters, PAGE_SIZE, cursor)}`,
    ),
  ]);
  const filtered = filters.size > 0;
  const base = adminPage(studio.slug, '/orders');
  const links = pageLinks(
    base,
    queryOf({
      q,
      status,
      paymentStatus,
      provider: moneyFilters.provider,
      awaitingConfirmation,
      clientId,
      from: moneyFilters.fromDay,
      to: moneyFilters.toDay,
    }),
    {
      cursor,
      nextCursor: page.ok ? page.value.nextCursor : null,
    },
  );

  return (
    <div className="space-y-6">
      <AdminPageHeader
        title={t('list.title')}
        lead={t('list.lead', { name: studio.name })}
        actions={
          <Button asChild variant="outline">
            <a href={`${studioApi(studio.slug, '/admin/orders/export.csv')}?${filters}`} download>
              <Download aria-hidden="true" />
              {filtered ? t('list.exportFiltered') : t('list.export')}
            </a>
          </Button>
        }
      />

      <MoneyListFilters
        idPrefix="orders"
        className="lg:grid-cols-[3fr_2fr_2fr_2fr]"
        filters={moneyFilters}
        clearHref={filtered ? base : null}
        actionsClassName="lg:col-span-2"
      >
        {/* The client filter has no field of its own: it stays while the others change. */}
        {clientId ? <input type="hidden" name="clientId" value={clientId} /> : null}
        <FilterField
          id="orders-q"
          label={t('list.search')}
          hint={t('list.searchHint')}
          className="sm:col-span-2 lg:col-span-1"
        >
          <Input
            id="orders-q"
            name="q"
            type="search"
            defaultValue={q}
            aria-describedby={describedBy('orders-q', { hint: true })}
            maxLength={200}
          />
        </FilterField>
        <SelectFilter
          id="orders-status"
          name="status"
          label={t('list.status')}
          anyLabel={t('list.anyStatus')}
          value={status}
          options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <SelectFilter
          id="orders-payment"
          name="paymentStatus"
          label={t('list.paymentStatus')}
          anyLabel={t('list.anyPaymentStatus')}
          value={paymentStatus}
          options={PAYMENT_STATES.map((s) => ({ value: s, label: t(`paymentState.${s}`) }))}
        />
      </MoneyListFilters>
      <p className="text-xs text-muted-foreground">{t('list.timeZone', { zone: studio.timezone })}</p>
      {clientId ? (
        <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="client-filter">
          {t('list.oneClient')}
          <Link
            href={clientPage(studio.slug, clientId)}
            className="font-medium text-brand-ink underline underline-offset-4"
          >
            {t('list.clientPage')}
          </Link>
          <Link href={base} className="font-medium text-brand-ink underline underline-offset-4">
            {t('list.showAll')}
          </Link>
        </p>
      ) : null}
      {awaitingConfirmation ? (
        <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="awaiting-confirmation-filter">
          {t('list.awaitingConfirmation')}
          <Link href={base} className="font-medium text-brand-ink underline underline-offset-4">
            {t('list.showAll')}
          </Link>
        </p>
      ) : null}

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
        {(orders) => <OrderList orders={orders} studio={studioFacts(studio)} locale={locale} />}
      </ListResults>
    </div>
  );
}
