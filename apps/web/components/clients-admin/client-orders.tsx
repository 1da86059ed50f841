import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { orderPage } from '@/components/orders-admin/paths';
import { StatusBadge } from '@/components/orders-admin/status-badge';
import type { AdminOrder } from '@/components/orders-admin/types';
import { formatDate } from '@/lib/dates';
import { formatMoney } from '@/lib/money';

/**
 * A client's orders on their page: number, day, status and total (the client is the page's own, so no
 * customer column), narrow enough for two thirds of a laptop's width and a phone alike.
 */
export async function ClientOrders({
  orders,
  studio,
  locale,
  caption,
}: {
  orders: AdminOrder[];
  studio: { slug: string; timezone: string };
  locale: string;
  caption: string;
}) {
  const t = await getTranslations('OrdersAdmin');
  return (
    <ul className="divide-y" aria-label={caption} data-testid="client-orders">
      {orders.map((order) => (
        <li key={order.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-3">
          <div className="min-w-0">
            <Link
              href={orderPage(studio.slug, order.id)}
              className="font-mono font-medium text-brand-ink underline underline-offset-4"
            >
              {order.number}
            </Link>
            <span className="block text-xs text-muted-foreground">
              {formatDate(order.createdAt, locale, studio.timezone)}
            </span>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={order.status} label={t(`status.${order.status}`)} />
            <StatusBadge status={order.paymentStatus} label={t(`paymentState.${order.paymentStatus}`)} />
            <span className="min-w-24 text-end font-medium tabular-nums">
              {formatMoney({ amountMinor: order.totalMinor, currency: order.currency }, locale)}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
