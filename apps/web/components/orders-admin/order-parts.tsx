import { getTranslations } from 'next-intl/server';
import type { TimelineLabels } from '@/components/shop/order-timeline';
import { OrderTimelineList } from '@/components/shop/order-timeline-list';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { formatDateTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { providerLabel } from './order-list';
import { StatusBadge } from './status-badge';
import type { Address, OrderDetail } from './types';

/**
 * A line's amount as the lines column shows it: after its discount, and before tax when tax is added on
 * top. The API's line total carries added tax, so showing it made a $88.99 line read $95.44 above a
 * $88.99 subtotal; the tax is one row of the totals instead.
 */
export function lineBeforeAddedTax(
  line: Pick<OrderDetail['lines'][number], 'totalMinor' | 'taxMinor'>,
  pricesIncludeTax: boolean,
): number {
  return pricesIncludeTax ? line.totalMinor : line.totalMinor - line.taxMinor;
}

/** The order's lines and its totals, every amount as the API computed it (nothing re-added here). */
export async function OrderLines({ order, locale }: { order: OrderDetail; locale: string }) {
  const t = await getTranslations('OrdersAdmin');
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: order.currency }, locale);
  const totals: [string, string, number, string?][] = [
    ['subtotal', t('totals.subtotal'), order.subtotalMinor],
    ...(order.discountMinor > 0
      ? [
          [
            'discount',
            order.promoCode ? t('totals.discountCode', { code: order.promoCode }) : t('totals.discount'),
            -order.discountMinor,
          ] as [string, string, number],
        ]
      : []),
    ['shipping', t('totals.shipping'), order.shippingMinor],
    ['tax', order.pricesIncludeTax ? t('totals.taxIncluded') : t('totals.tax'), order.taxMinor],
  ];
  return (
    <Card role="region" aria-labelledby="order-lines">
      <CardHeader>
        <CardTitle as="h2" id="order-lines">
          {t('lines.title')}
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        {/* Focusable so a keyboard can scroll the table sideways on a phone. */}
        <section
          className="scroll-shadow-x -mx-5 relative overflow-x-auto px-5"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
          tabIndex={0}
          aria-label={t('lines.caption', { number: order.number })}
        >
          {/* On a phone the unit price moves under the item's name, so the line total stays in view. */}
          <table className="w-full text-sm sm:min-w-[26rem]">
            <caption className="sr-only">{t('lines.caption', { number: order.number })}</caption>
            <thead className="text-left text-muted-foreground">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t('lines.item')}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t('lines.quantity')}
                </th>
                <th scope="col" className="hidden px-3 py-2 text-right font-medium sm:table-cell">
                  {t('lines.unitPrice')}
                </th>
                <th scope="col" className="py-2 pl-3 text-right font-medium">
                  {t('lines.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((line) => (
                <tr key={line.variantId} className="border-t align-top">
                  <th scope="row" className="py-2 pr-3 text-left font-normal">
                    <span className="block font-medium">{line.name}</span>
                    {line.variantTitle && line.variantTitle !== 'Default' ? (
                      <span className="block text-muted-foreground">{line.variantTitle}</span>
                    ) : null}
                    {line.sku ? (
                      <span className="block font-mono text-xs text-muted-foreground">
                        {t('lines.sku', { sku: line.sku })}
                      </span>
                    ) : null}
                    {line.discountMinor > 0 ? (
                      <span className="block text-xs text-muted-foreground">
                        {t('lines.discount', { amount: money(line.discountMinor) })}
                      </span>
                    ) : null}
                    <span className="block text-muted-foreground tabular-nums sm:hidden">
                      {t('lines.unitPrice')}: {money(line.unitPriceMinor)}
                    </span>
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{line.quantity}</td>
                  <td className="hidden whitespace-nowrap px-3 py-2 text-right tabular-nums sm:table-cell">
                    {money(line.unitPriceMinor)}
                  </td>
                  <td className="whitespace-nowrap py-2 pl-3 text-right tabular-nums">
                    {money(lineBeforeAddedTax(line, order.pricesIncludeTax))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <dl className="ml-auto max-w-xs space-y-1 text-sm" data-testid="order-totals">
          {totals.map(([key, label, amount]) => (
            <div key={key} className="flex justify-between gap-4" data-total={key}>
              <dt className="text-muted-foreground">{label}</dt>
              <dd className="tabular-nums">{money(amount)}</dd>
            </div>
          ))}
          <div className="flex justify-between gap-4 border-t pt-2 font-semibold" data-total="total">
            <dt>{t('totals.total')}</dt>
            <dd className="tabular-nums">{money(order.totalMinor)}</dd>
          </div>
          {order.walletMinor > 0 ? (
            <div className="flex justify-between gap-4" data-total="wallet">
              <dt className="text-muted-foreground">{t('totals.wallet')}</dt>
              <dd className="tabular-nums">{money(order.walletMinor)}</dd>
            </div>
          ) : null}
        </dl>
      </CardContent>
    </Card>
  );
}

/** Each payment applied to the order: how, how much, its status, what was refunded of it. */
export async function PaymentRows({
  order,
  locale,
  timeZone,
}: {
  order: OrderDetail;
  locale: string;
  timeZone: string;
}) {
  const t = await getTranslations('OrdersAdmin');
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: order.currency }, locale);
  if (order.payments.length === 0)
    return <p className="text-sm text-muted-foreground">{t('payments.none')}</p>;
  return (
    <ul className="divide-y rounded-lg border text-sm" data-testid="order-payments">
      {order.payments.map((payment) => {
        const reference = bankReference(payment.nextAction);
        return (
          <li
            key={payment.id}
            className="flex flex-wrap items-start justify-between gap-3 p-3"
            data-payment={payment.id}
          >
            <div className="space-y-1">
              <p className="font-medium">{providerLabel(t, payment.provider, payment.manualMethod)}</p>
              <p className="text-xs text-muted-foreground">
                {payment.paidAt
                  ? t('payments.paidAt', { when: formatDateTime(payment.paidAt, locale, timeZone) })
                  : t('payments.startedAt', { when: formatDateTime(payment.createdAt, locale, timeZone) })}
              </p>
              {reference ? (
                <p className="text-xs">
                  {t('payments.reference')} <span className="font-mono">{reference}</span>
                </p>
              ) : null}
            </div>
            <div className="space-y-1 text-right">
              <p className="font-medium tabular-nums">{money(payment.amountMinor)}</p>
              <StatusBadge status={payment.status} label={t(`paymentStatus.${payment.status}`)} />
              {payment.refundedMinor > 0 ? (
                <p className="text-xs text-muted-foreground">
                  {t('payments.refunded', { amount: money(payment.refundedMinor) })}
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function bankReference(nextAction: unknown): string | null {
  if (nextAction && typeof nextAction === 'object' && 'reference' in nextAction) {
    const reference = (nextAction as { reference: unknown }).reference;
    return typeof reference === 'string' ? reference : null;
  }
  return null;
}

/** Every change to the order, oldest first: what, who (staff by name, client, system) and when. */
export async function OrderTimeline({
  order,
  locale,
  timeZone,
}: {
  order: OrderDetail;
  locale: string;
  timeZone: string;
}) {
  const t = await getTranslations('OrdersAdmin');
  const labels: TimelineLabels = {
    viewer: 'staff',
    money: (amountMinor, currency) =>
      formatMoney({ amountMinor, currency: currency ?? order.currency }, locale),
    status: (status) => (t.has(`status.${status}`) ? t(`status.${status}`) : status),
    paymentMethod: (method, manualMethod) => providerLabel(t, method, manualMethod),
  };
  return (
    <OrderTimelineList
      entries={order.timeline}
      labels={labels}
      locale={locale}
      timeZone={timeZone}
      testId="order-timeline"
    />
  );
}

export function AddressBlock({ title, address }: { title: string; address: Address | null }) {
  if (!address) return null;
  return (
    <div>
      <h3 className="font-medium">{title}</h3>
      <address className="not-italic text-muted-foreground">
        {[
          address.name,
          address.line1,
          address.line2,
          [address.city, address.region, address.postalCode].filter(Boolean).join(', '),
          address.country,
          address.phone,
        ]
          .filter(Boolean)
          .map((line) => (
            <span key={line} className="block">
              {line}
            </span>
          ))}
      </address>
    </div>
  );
}
