import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { formatDate, formatDateTime, formatTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { orderPage } from './paths';
import { StatusBadge } from './status-badge';
import type { AdminOrder, StudioInfo } from './types';

/**
 * Orders as a table on wide screens and as a stack of cards below a laptop's width, where six columns
 * beside the admin menu would scroll sideways (same rows, same links).
 */
export async function OrderList({
  orders,
  studio,
  locale,
}: {
  orders: AdminOrder[];
  studio: StudioInfo;
  locale: string;
}) {
  const t = await getTranslations('OrdersAdmin');
  const money = (order: AdminOrder, amountMinor: number) =>
    formatMoney({ amountMinor, currency: order.currency }, locale);
  const when = (order: AdminOrder) => formatDateTime(order.createdAt, locale, studio.timezone);
  return (
    <>
      <section
        className="hidden relative overflow-x-auto rounded-xl border lg:block"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
        tabIndex={0}
        aria-label={t('list.caption', { name: studio.name })}
      >
        <table className="w-full text-sm">
          <caption className="sr-only">{t('list.caption', { name: studio.name })}</caption>
          <thead className="bg-muted/50 text-left">
            <tr>
              <th scope="col" className="px-3 py-3 font-medium">
                {t('list.number')}
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                {t('list.placed')}
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                {t('list.customer')}
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                {t('list.status')}
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                {t('list.paymentStatus')}
              </th>
              <th scope="col" className="px-3 py-3 text-right font-medium">
                {t('list.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id} className="border-t align-top hover:bg-muted/40">
                <th scope="row" className="px-3 py-3 text-left font-medium">
                  <Link
                    href={orderPage(studio.slug, order.id)}
                    className="whitespace-nowrap font-mono text-brand-ink underline-offset-4 hover:underline"
                  >
                    {order.number}
                  </Link>
                </th>
                <td className="whitespace-nowrap px-3 py-3">
                  {/* Day over time: the table fits a laptop's width without scrolling sideways. */}
                  <span className="block">{formatDate(order.createdAt, locale, studio.timezone)}</span>
                  <span className="block text-muted-foreground">
                    {formatTime(order.createdAt, locale, studio.timezone)}
                  </span>
                </td>
                <td className="px-3 py-3">
                  <span className="block">{order.name}</span>
                  <span className="block text-muted-foreground">
                    <EmailAddress email={order.email} />
                  </span>
                </td>
                <td className="px-3 py-3">
                  <StatusBadge status={order.status} label={t(`status.${order.status}`)} />
                </td>
                <td className="px-3 py-3">
                  <StatusBadge
                    status={order.paymentStatus}
                    label={t(`paymentState.${order.paymentStatus}`)}
                  />
                  <span className="mt-1 block text-xs text-muted-foreground">
                    {providerLabel(t, order.paymentProvider, order.manualMethod)}
                  </span>
                </td>
                <td className="whitespace-nowrap px-3 py-3 text-right font-medium tabular-nums">
                  {money(order, order.totalMinor)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <ul className="space-y-3 lg:hidden" aria-label={t('list.caption', { name: studio.name })}>
        {orders.map((order) => (
          <li key={order.id} className="rounded-xl border p-4">
            <div className="flex items-baseline justify-between gap-3">
              <Link
                href={orderPage(studio.slug, order.id)}
                className="font-mono font-medium text-brand-ink underline underline-offset-4"
              >
                {order.number}
              </Link>
              <span className="font-medium tabular-nums">{money(order, order.totalMinor)}</span>
            </div>
            <p className="mt-1 text-sm">{order.name}</p>
            <p className="break-all text-sm text-muted-foreground">{order.email}</p>
            <p className="mt-1 text-xs text-muted-foreground">{when(order)}</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <StatusBadge status={order.status} label={t(`status.${order.status}`)} />
              <StatusBadge status={order.paymentStatus} label={t(`paymentState.${order.paymentStatus}`)} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * An address that may wrap after its "@" when the table is short of width (browsers also break after a
 * hyphen), so a laptop's screen shows every column without scrolling sideways and no name is cut
 * at an arbitrary letter.
 */
function EmailAddress({ email }: { email: string }) {
  const at = email.lastIndexOf('@');
  if (at < 0) return email;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}

/** "Bank transfer", "PromptPay", "Card (Stripe)"… from the provider and manual method. */
export function providerLabel(
  t: (key: string) => string,
  provider: string,
  manualMethod: string | null | undefined,
): string {
  if (provider === 'manual' && manualMethod) return t(`manualMethod.${manualMethod}`);
  return t(`provider.${provider}`);
}
