import { Search } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { providerLabel } from '@/components/orders-admin/order-list';
import { adminPage, orderPage } from '@/components/orders-admin/paths';
import { MoneyProblem } from '@/components/orders-admin/problem';
import { readStudio } from '@/components/orders-admin/server-api';
import { StatusBadge } from '@/components/orders-admin/status-badge';
import { PAYMENT_PROVIDERS, PAYMENT_STATUSES, type PaymentListItem } from '@/components/orders-admin/types';
import { startOfDayIn } from '@/components/orders-admin/zoned';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { formatDateTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { requireStudio } from '@/lib/studio';

const PAGE_SIZE = 25;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('OrdersAdmin');
  return { title: t('paymentsList.title') };
}

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

type Row = PaymentListItem & { proofUrl: string | null };

export default async function PaymentsAdminPage({
  params,
  searchParams,
}: {
  params: Promise<{ studio: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  const status = PAYMENT_STATUSES.find((s) => s === one(query.status));
  const provider = PAYMENT_PROVIDERS.find((p) => p === one(query.provider));
  const fromDay = one(query.from);
  const toDay = one(query.to);
  const cursor = one(query.cursor);
  const from = startOfDayIn(fromDay, studio.timezone);
  const to = startOfDayIn(toDay, studio.timezone, 1);
  const request = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (status) request.set('status', status);
  if (provider) request.set('provider', provider);
  if (from) request.set('from', from);
  if (to) request.set('to', to);
  if (cursor) request.set('cursor', cursor);
  const [t, locale, page] = await Promise.all([
    getTranslations('OrdersAdmin'),
    getLocale(),
    readStudio<{ items: Row[]; nextCursor: string | null }>(studio.slug, `/payments?${request}`),
  ]);
  const filtered = Boolean(status || provider || from || to);
  const pageQuery = new URLSearchParams();
  for (const [key, value] of Object.entries({ status, provider, from: fromDay, to: toDay })) {
    if (value) pageQuery.set(key, value);
  }
  const base = adminPage(studio.slug, '/payments');
  const money = (row: Row, amountMinor: number) =>
    formatMoney({ amountMinor, currency: row.currency }, locale);

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">{t('paymentsList.title')}</h1>
        <p className="text-muted-foreground">{t('paymentsList.lead', { name: studio.name })}</p>
      </div>
      <form
        method="get"
        aria-label={t('list.filters')}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_1fr_auto] lg:items-end"
      >
        <div className="space-y-1">
          <Label htmlFor="payments-status">{t('list.status')}</Label>
          <NativeSelect id="payments-status" name="status" defaultValue={status ?? ''}>
            <option value="">{t('list.anyStatus')}</option>
            {PAYMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`paymentStatus.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="payments-provider">{t('list.provider')}</Label>
          <NativeSelect id="payments-provider" name="provider" defaultValue={provider ?? ''}>
            <option value="">{t('list.anyProvider')}</option>
            {PAYMENT_PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {t(`provider.${p}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="payments-from">{t('list.from')}</Label>
          <Input id="payments-from" name="from" type="date" defaultValue={from ? fromDay : ''} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="payments-to">{t('list.to')}</Label>
          <Input id="payments-to" name="to" type="date" defaultValue={to ? toDay : ''} />
        </div>
        <div className="flex gap-2">
          <Button type="submit" variant="outline">
            <Search aria-hidden="true" />
            {t('list.apply')}
          </Button>
          {filtered ? (
            <Button asChild variant="ghost">
              <Link href={base}>{t('list.clear')}</Link>
            </Button>
          ) : null}
        </div>
      </form>

      {!page.ok ? (
        <MoneyProblem error={page.error} />
      ) : page.value.items.length === 0 ? (
        <EmptyState title={filtered ? t('list.noMatch') : t('paymentsList.empty')} />
      ) : (
        <>
          <ul className="divide-y rounded-xl border" aria-label={t('paymentsList.title')}>
            {page.value.items.map((row) => (
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
          <nav aria-label={t('list.pages')} className="flex justify-between gap-3">
            {cursor ? (
              <Button asChild variant="outline">
                <Link href={`${base}${pageQuery.size ? `?${pageQuery}` : ''}`}>{t('list.first')}</Link>
              </Button>
            ) : (
              <span />
            )}
            {page.value.nextCursor ? (
              <Button asChild variant="outline">
                <Link
                  href={`${base}?${new URLSearchParams([...pageQuery, ['cursor', page.value.nextCursor]])}`}
                >
                  {t('list.next')}
                </Link>
              </Button>
            ) : null}
          </nav>
        </>
      )}
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
