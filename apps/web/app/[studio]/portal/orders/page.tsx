import { ShoppingBag } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { SignInPrompt } from '@/components/admin/sign-in-prompt';
import { ApiProblem } from '@/components/api-problem';
import { statusTone } from '@/components/shop/order-labels';
import { loadMyOrders } from '@/components/shop/shop-server';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { cn } from '@/lib/cn';
import { formatDate } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { getMe } from '@/lib/session';
import { shopPaths } from '@/lib/shop';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Portal');
  return { title: `${t('sections.orders')} · ${t('area')}` };
}

interface PortalOrdersProps {
  params: Promise<{ studio: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}

/** The signed-in client's orders with this studio, newest first. */
export default async function PortalOrdersPage({ params, searchParams }: PortalOrdersProps) {
  const studio = await requireStudio(params);
  const [{ cursor }, t, tPortal, locale, me] = await Promise.all([
    searchParams,
    getTranslations('Checkout'),
    getTranslations('Portal'),
    getLocale(),
    getMe(),
  ]);
  const heading = <h1 className="text-2xl font-bold tracking-tight">{tPortal('sections.orders')}</h1>;
  if (!me.ok || !me.value)
    return (
      <div className="space-y-6">
        {heading}
        <SignInPrompt message={t('portalSignIn')} next={`/${studio.slug}/portal/orders`} />
      </div>
    );
  const orders = await loadMyOrders(studio.slug, typeof cursor === 'string' ? cursor : undefined);
  if (!orders.ok)
    return (
      <div className="space-y-6">
        {heading}
        <ApiProblem error={orders.error} />
      </div>
    );
  const { items, nextCursor } = orders.value;
  return (
    <div className="space-y-6">
      {heading}
      {items.length === 0 ? (
        <EmptyState
          icon={<ShoppingBag />}
          title={t('noOrdersTitle')}
          description={t('noOrdersDescription', { name: studio.name })}
          action={
            <Button asChild>
              <Link href={`/${studio.slug}`}>{t('continueShopping')}</Link>
            </Button>
          }
        />
      ) : (
        <ul className="divide-y rounded-xl border" data-testid="my-orders">
          {items.map((order) => (
            <li key={order.id}>
              <Link
                href={shopPaths.portalOrder(studio.slug, order.id)}
                className="flex flex-wrap items-center justify-between gap-3 p-4 hover:bg-muted"
              >
                <span className="min-w-0">
                  <span className="block font-semibold">{order.number}</span>
                  <span className="block text-sm text-muted-foreground">
                    {formatDate(order.createdAt, locale, studio.timezone)} ·{' '}
                    {t('itemCount', { count: order.lines.reduce((sum, line) => sum + line.quantity, 0) })}
                  </span>
                </span>
                <span className="flex items-center gap-4">
                  <span
                    className={cn(
                      'text-sm font-medium',
                      statusTone(order.status) === 'ok'
                        ? 'text-success'
                        : statusTone(order.status) === 'bad'
                          ? 'text-destructive'
                          : 'text-brand-ink',
                    )}
                  >
                    {t(`status.${order.status}`)}
                  </span>
                  <span className="font-semibold tabular-nums">
                    {formatMoney({ amountMinor: order.totalMinor, currency: order.currency }, locale)}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <Button asChild variant="outline">
          <Link href={`/${studio.slug}/portal/orders?cursor=${encodeURIComponent(nextCursor)}`}>
            {t('olderOrders')}
          </Link>
        </Button>
      ) : null}
    </div>
  );
}
