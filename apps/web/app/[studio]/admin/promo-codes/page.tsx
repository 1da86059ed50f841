import { Plus } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { adminPage } from '@/components/orders-admin/paths';
import { MoneyProblem } from '@/components/orders-admin/problem';
import { promoRule, promoWindow } from '@/components/orders-admin/promo-text';
import { readStudio } from '@/components/orders-admin/server-api';
import { StatusBadge } from '@/components/orders-admin/status-badge';
import type { Promo } from '@/components/orders-admin/types';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('OrdersAdmin');
  return { title: t('promo.title') };
}

export default async function PromoCodesPage({
  params,
  searchParams,
}: {
  params: Promise<{ studio: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  const cursor = typeof query.cursor === 'string' ? query.cursor : '';
  const [t, locale, page] = await Promise.all([
    getTranslations('OrdersAdmin'),
    getLocale(),
    readStudio<{ items: Promo[]; nextCursor: string | null }>(
      studio.slug,
      `/admin/promo-codes?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  ]);
  const base = adminPage(studio.slug, '/promo-codes');
  const now = Date.now();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold tracking-tight">{t('promo.title')}</h1>
          <p className="text-muted-foreground">{t('promo.lead', { name: studio.name })}</p>
        </div>
        <Button asChild>
          <Link href={`${base}/new`}>
            <Plus aria-hidden="true" />
            {t('promo.new')}
          </Link>
        </Button>
      </div>
      {!page.ok ? (
        <MoneyProblem error={page.error} />
      ) : page.value.items.length === 0 ? (
        <EmptyState title={t('promo.empty')} description={t('promo.emptyLead')} />
      ) : (
        <>
          <ul className="divide-y rounded-xl border" aria-label={t('promo.title')}>
            {page.value.items.map((promo) => {
              const state = !promo.active
                ? 'inactive'
                : promo.expiresAt && Date.parse(promo.expiresAt) <= now
                  ? 'expired'
                  : promo.startsAt && Date.parse(promo.startsAt) > now
                    ? 'scheduled'
                    : promo.usageLimit !== null && promo.usedCount >= promo.usageLimit
                      ? 'usedUp'
                      : 'live';
              return (
                <li key={promo.id} className="grid gap-2 p-4 sm:grid-cols-[1fr_auto] sm:items-center">
                  <div className="min-w-0 space-y-1 text-sm">
                    <Link
                      href={`${base}/${promo.id}`}
                      className="font-mono text-base font-semibold text-brand-ink underline-offset-4 hover:underline"
                    >
                      {promo.code}
                    </Link>
                    <p>{promoRule(t, promo, studio.currency, locale)}</p>
                    <p className="text-xs text-muted-foreground">
                      {promoWindow(t, promo, locale, studio.timezone)} ·{' '}
                      {promo.usageLimit !== null
                        ? t('promo.usedOf', { used: promo.usedCount, limit: promo.usageLimit })
                        : t('promo.used', { used: promo.usedCount })}
                    </p>
                  </div>
                  <StatusBadge
                    status={state === 'live' ? 'succeeded' : state === 'scheduled' ? 'pending' : 'cancelled'}
                    label={t(`promo.state.${state}`)}
                    className="justify-self-start sm:justify-self-end"
                  />
                </li>
              );
            })}
          </ul>
          {page.value.nextCursor ? (
            <nav aria-label={t('list.pages')} className="flex justify-end">
              <Button asChild variant="outline">
                <Link href={`${base}?cursor=${encodeURIComponent(page.value.nextCursor)}`}>
                  {t('list.next')}
                </Link>
              </Button>
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
