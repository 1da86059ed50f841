import { Download, Search } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { OrderList } from '@/components/orders-admin/order-list';
import { adminPage, studioApi } from '@/components/orders-admin/paths';
import { MoneyProblem } from '@/components/orders-admin/problem';
import { readStudio } from '@/components/orders-admin/server-api';
import {
  type AdminOrder,
  ORDER_STATUSES,
  PAYMENT_PROVIDERS,
  PAYMENT_STATES,
} from '@/components/orders-admin/types';
import { startOfDayIn } from '@/components/orders-admin/zoned';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { requireStudio } from '@/lib/studio';

const PAGE_SIZE = 25;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('OrdersAdmin');
  return { title: t('list.title') };
}

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

export default async function OrdersAdminPage({
  params,
  searchParams,
}: {
  params: Promise<{ studio: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  // The URL is the filter's state (a plain GET form): shareable, and it works without JavaScript.
  const q = one(query.q);
  const status = ORDER_STATUSES.find((s) => s === one(query.status));
  const paymentStatus = PAYMENT_STATES.find((s) => s === one(query.paymentStatus));
  const provider = PAYMENT_PROVIDERS.find((p) => p === one(query.provider));
  const fromDay = one(query.from);
  const toDay = one(query.to);
  const cursor = one(query.cursor);

  // Days are the studio's calendar days; "to" includes that whole day.
  const filters = new URLSearchParams();
  if (q) filters.set('q', q);
  if (status) filters.set('status', status);
  if (paymentStatus) filters.set('paymentStatus', paymentStatus);
  if (provider) filters.set('paymentProvider', provider);
  const from = startOfDayIn(fromDay, studio.timezone);
  const to = startOfDayIn(toDay, studio.timezone, 1);
  if (from) filters.set('from', from);
  if (to) filters.set('to', to);
  const request = new URLSearchParams(filters);
  request.set('limit', String(PAGE_SIZE));
  if (cursor) request.set('cursor', cursor);

  const [t, locale, page] = await Promise.all([
    getTranslations('OrdersAdmin'),
    getLocale(),
    readStudio<{ items: AdminOrder[]; nextCursor: string | null }>(studio.slug, `/admin/orders?${request}`),
  ]);
  const filtered = Boolean(q || status || paymentStatus || provider || from || to);
  const pageQuery = new URLSearchParams();
  for (const [key, value] of Object.entries({
    q,
    status,
    paymentStatus,
    provider,
    from: fromDay,
    to: toDay,
  })) {
    if (value) pageQuery.set(key, value);
  }
  const base = adminPage(studio.slug, '/orders');
  const nextHref =
    page.ok && page.value.nextCursor
      ? `${base}?${new URLSearchParams([...pageQuery, ['cursor', page.value.nextCursor]])}`
      : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold tracking-tight">{t('list.title')}</h1>
          <p className="text-muted-foreground">{t('list.lead', { name: studio.name })}</p>
        </div>
        <Button asChild variant="outline">
          <a href={`${studioApi(studio.slug, '/admin/orders/export.csv')}?${filters}`} download>
            <Download aria-hidden="true" />
            {filtered ? t('list.exportFiltered') : t('list.export')}
          </a>
        </Button>
      </div>

      <form
        method="get"
        aria-label={t('list.filters')}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr] lg:items-end"
      >
        <div className="space-y-1 sm:col-span-2 lg:col-span-1">
          <Label htmlFor="orders-q">{t('list.search')}</Label>
          <Input
            id="orders-q"
            name="q"
            type="search"
            defaultValue={q}
            aria-describedby="orders-q-hint"
            maxLength={200}
          />
          <p id="orders-q-hint" className="text-xs text-muted-foreground">
            {t('list.searchHint')}
          </p>
        </div>
        <div className="space-y-1">
          <Label htmlFor="orders-status">{t('list.status')}</Label>
          <NativeSelect id="orders-status" name="status" defaultValue={status ?? ''}>
            <option value="">{t('list.anyStatus')}</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="orders-payment">{t('list.paymentStatus')}</Label>
          <NativeSelect id="orders-payment" name="paymentStatus" defaultValue={paymentStatus ?? ''}>
            <option value="">{t('list.anyPaymentStatus')}</option>
            {PAYMENT_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`paymentState.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="orders-provider">{t('list.provider')}</Label>
          <NativeSelect id="orders-provider" name="provider" defaultValue={provider ?? ''}>
            <option value="">{t('list.anyProvider')}</option>
            {PAYMENT_PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {t(`provider.${p}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="orders-from">{t('list.from')}</Label>
          <Input id="orders-from" name="from" type="date" defaultValue={from ? fromDay : ''} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="orders-to">{t('list.to')}</Label>
          <Input id="orders-to" name="to" type="date" defaultValue={to ? toDay : ''} />
        </div>
        <div className="flex gap-2 sm:col-span-2 lg:col-span-2 lg:justify-end">
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
      <p className="text-xs text-muted-foreground">{t('list.timeZone', { zone: studio.timezone })}</p>

      {!page.ok ? (
        <MoneyProblem error={page.error} />
      ) : page.value.items.length === 0 ? (
        <EmptyState
          title={filtered ? t('list.noMatch') : t('list.empty')}
          description={filtered ? undefined : t('list.emptyLead')}
        />
      ) : (
        <>
          <OrderList
            orders={page.value.items}
            studio={{
              slug: studio.slug,
              name: studio.name,
              currency: studio.currency,
              timezone: studio.timezone,
            }}
            locale={locale}
          />
          <nav aria-label={t('list.pages')} className="flex justify-between gap-3">
            {cursor ? (
              <Button asChild variant="outline">
                <Link href={`${base}${pageQuery.size ? `?${pageQuery}` : ''}`}>{t('list.first')}</Link>
              </Button>
            ) : (
              <span />
            )}
            {nextHref ? (
              <Button asChild variant="outline">
                <Link href={nextHref}>{t('list.next')}</Link>
              </Button>
            ) : null}
          </nav>
        </>
      )}
    </div>
  );
}
