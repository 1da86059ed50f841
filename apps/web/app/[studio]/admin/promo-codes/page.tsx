import { Plus } from 'lucide-react';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ListResults, Pager } from '@/components/admin/list-results';
import { AdminPageHeader } from '@/components/admin/page-header';
import { adminPage } from '@/components/orders-admin/paths';
import { promoRule, promoWindow } from '@/components/orders-admin/promo-text';
import { readStudio } from '@/components/orders-admin/server-api';
import { StatusBadge } from '@/components/orders-admin/status-badge';
import type { Promo } from '@/components/orders-admin/types';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { titleMetadata } from '@/lib/metadata';
import { one, pageLinks, pageRequest, type StudioListPageProps } from '@/lib/search-params';
import { requireStudio } from '@/lib/studio';

const PAGE_SIZE = 50;

export const generateMetadata = titleMetadata('OrdersAdmin', 'promo.title');

export default async function PromoCodesPage({ params, searchParams }: StudioListPageProps) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  const cursor = one(query.cursor);
  const [t, locale, page] = await Promise.all([
    getTranslations('OrdersAdmin'),
    getLocale(),
    readStudio<{ items: Promo[]; nextCursor: string | null }>(
      studio.slug,
      `/admin/promo-codes?${pageRequest(new URLSearchParams(), PAGE_SIZE, cursor)}`,
    ),
  ]);
  const base = adminPage(studio.slug, '/promo-codes');
  // No filters, and no "first page" link: the section's own link starts the list again.
  const links = pageLinks(base, new URLSearchParams(), {
    nextCursor: page.ok ? page.value.nextCursor : null,
  });
  const now = Date.now();
  return (
    <div className="space-y-6">
      <AdminPageHeader
        title={t('promo.title')}
        lead={t('promo.lead', { name: studio.name })}
        actions={
          <Button asChild>
            <Link href={`${base}/new`}>
              <Plus aria-hidden="true" />
              {t('promo.new')}
            </Link>
          </Button>
        }
      />
      <ListResults
        page={page}
        empty={<EmptyState title={t('promo.empty')} description={t('promo.emptyLead')} />}
        pager={
          links.next ? (
            <Pager links={links} labels={{ pages: t('list.pages'), next: t('list.next') }} />
          ) : null
        }
      >
        {(promos) => (
          <ul className="divide-y rounded-xl border" aria-label={t('promo.title')}>
            {promos.map((promo) => {
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
        )}
      </ListResults>
    </div>
  );
}
