import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { SelectFilter } from '@/components/admin/list-filters';
import { ListResults, Pager } from '@/components/admin/list-results';
import { AdminPageHeader } from '@/components/admin/page-header';
import { MoneyListFilters } from '@/components/orders-admin/money-filters';
import { readMoneyFilters } from '@/components/orders-admin/money-query';
import { providerLabel } from '@/components/orders-admin/order-list';
import { adminPage, orderPage } from '@/components/orders-admin/paths';
import { readStudio } from '@/components/orders-admin/server-api';
import { StatusBadge } from '@/components/orders-admin/status-badge';
import { PAYMENT_STATUSES, type PaymentListItem } from '@/components/orders-admin/types';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/lib/dates';
import { titleMetadata } from '@/lib/metadata';
import { formatMoney } from '@/lib/money';
import { one, oneOf, pageLinks, pageRequest, queryOf, type StudioListPageProps } from '@/lib/search-params';
import { requireStudio } from '@/lib/studio';

const PAGE_SIZE = 25;

export const generateMetadata = titleMetadata('OrdersAdmin', 'paymentsList.title');

type Row = PaymentListItem & { proofUrl: string | null };

export default async function PaymentsAdminPage({ params, searchParams }: StudioListPageProps) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  const status = oneOf(PAYMENT_STATUSES, query.status);
  const moneyFilters = readMoneyFilters(query, studio.timezone);
  const cursor = one(query.cursor);
  const filters = queryOf({
    status,
    provider: moneyFilters.provider,
    from: moneyFilters.from,
    to: moneyFilters.to,
  });
  const [t, locale, page] = await Promise.all([
    getTranslations('OrdersAdmin'),
    getLocale(),
    readStudio<{ items: Row[]; nextCursor: string | null }>(
      studio.slug,
      `/payments?${pageRequest(filters, PAGE_SIZE, cursor)}`,
    ),
  ]);
  const filtered = filters.size > 0;
  const base = adminPage(studio.slug, '/payments');
  const links = pageLinks(
    base,
    queryOf({ status, provider: moneyFilters.provider, from: moneyFilters.fromDay, to: moneyFilters.toDay }),
    {
      cursor,
      nextCursor: page.ok ? page.value.nextCursor : null,
    },
  );
  const money = (row: Row, amountMinor: number) =>
    formatMoney({ amountMinor, currency: row.currency }, locale);

  return (
    <div className="space-y-6">
      <AdminPageHeader title={t('paymentsList.title')} lead={t('paymentsList.lead', { name: studio.name })} />
      <MoneyListFilters
        idPrefix="payments"
        className="lg:grid-cols-4"
        filters={moneyFilters}
        clearHref={filtered ? base : null}
        // The buttons on a row of their own: beside them four fields had too little room for a
        // method's name on a laptop ("คิวอาร์พร้อมเพย์" read "คิวอาร์พร้").
        actionsClassName="sm:col-span-2 lg:col-span-4"
        actionsOwnRow
      >
        <SelectFilter
          id="payments-status"
          name="status"
          label={t('list.status')}
          anyLabel={t('list.anyStatus')}
          value={status}
          options={PAYMENT_STATUSES.map((s) => ({ value: s, label: t(`paymentStatus.${s}`) }))}
        />
      </MoneyListFilters>

      <ListResults
        page={page}
        empty={<EmptyState title={filtered ? t('list.noMatch') : t('paymentsList.empty')} />}
        pager={
          <Pager
            links={links}
            labels={{ pages: t('list.pages'), first: t('list.first'), next: t('list.next') }}
          />
        }
      >
        {(rows) => (
          <ul className="divide-y rounded-xl border" aria-label={t('paymentsList.title')}>
            {rows.map((row) => (
              <li key={row.id} className="grid gap-2 p-4 sm:grid-cols-[1fr_auto] sm:items-start">
                <div className="min-w-0 space-y-1 text-sm">
                  <p className="font-medium">
                    {providerLabel(t, row.provider, row.manualMethod)}
                    {row.sandbox ? (
                      <span className="ml-2 text-xs font-normal text-muted-foreground">
                        {t('paymentsList.sandbox')}
                      </span>
                    ) : null}
                  </p>
                  <p className="break-all text-muted-foreground">{row.email}</p>
                  <p className="text-xs text-muted-foreground">
                    {formatDateTime(row.createdAt, locale, studio.timezone)} ·{' '}
                    {row.payable.type === 'order' ? (
                      <Link
                        href={orderPage(studio.slug, row.payable.id)}
                        className="text-brand-ink underline underline-offset-4"
                      >
                        {t('paymentsList.openOrder')}
                      </Link>
                    ) : (
                      t(`paymentsList.payable.${row.payable.type}`)
                    )}
                    {row.proofUrl ? (
                      <>
                        {' · '}
                        <a href={row.proofUrl} className="text-brand-ink underline underline-offset-4">
                          {t('paymentsList.proof')}
                        </a>
                      </>
                    ) : null}
                  </p>
                  <PaymentTrouble
                    row={row}
                    label={(reason) => t('paymentsList.slipNotAccepted', { reason })}
                  />
                </div>
                <div className="flex items-center gap-3 sm:flex-col sm:items-end">
                  <span className="font-medium tabular-nums">{money(row, row.amountMinor)}</span>
                  <StatusBadge status={row.status} label={t(`paymentStatus.${row.status}`)} />
                  {row.refundedMinor > 0 ? (
                    <span className="text-xs text-muted-foreground">
                      {t('payments.refunded', { amount: money(row, row.refundedMinor) })}
                    </span>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </ListResults>
    </div>
  );
}

/**
 * Why a payment is not going through, only where it applies. A transfer's slip the studio turned down
 * is said as such ("Slip not accepted: …"), in staff's language, around the studio's own words; it
 * goes once another slip is attached or the payment is made. Any other failure (a card decline) is the
 * provider's reason as it came; for a transfer failureReason only ever holds the turn-down.
 */
function PaymentTrouble({ row, label }: { row: Row; label: (reason: string) => string }) {
  if (row.slipRejectedReason !== null) {
    // The API clears it on a new slip; the admin order page makes the same check.
    if (row.hasSlip) return null;
    return (
      <p data-testid="slip-not-accepted" className="text-xs text-destructive">
        {label(row.slipRejectedReason)}
      </p>
    );
  }
  return row.failureReason ? <p className="text-xs text-destructive">{row.failureReason}</p> : null;
}
