import { ShoppingBag } from 'lucide-react';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { orderStatusKey, statusTone } from '@/components/shop/order-labels';
import { loadMyOrders } from '@/components/shop/shop-server';
import { cn } from '@/lib/cn';
import { formatDate } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { shopPaths } from '@/lib/shop';
import {
  EmptyPortalList,
  OlderLink,
  PortalList,
  type PortalListProps,
  portalListMetadata,
  readPortalList,
} from '../portal-page';

export const generateMetadata = portalListMetadata('orders');

/** The signed-in client's orders with this studio, newest first. */
export default async function PortalOrdersPage(props: PortalListProps) {
  const [list, t, locale] = await Promise.all([
    readPortalList('orders', props, (studio, cursor) => loadMyOrders(studio.slug, cursor)),
    getTranslations('Checkout'),
    getLocale(),
  ]);
  const { studio } = list;
  return (
    <PortalList list={list} signInMessage={t('portalSignIn')}>
      {({ items, nextCursor }) => (
        <>
          {items.length === 0 ? (
            <EmptyPortalList
              icon={<ShoppingBag />}
              title={t('noOrdersTitle')}
              description={t('noOrdersDescription', { name: studio.name })}
              studio={studio.slug}
              shopLabel={t('continueShopping')}
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
                        {t(`status.${orderStatusKey(order)}`)}
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
          <OlderLink path={list.path} nextCursor={nextCursor} label={t('olderOrders')} />
        </>
      )}
    </PortalList>
  );
}
