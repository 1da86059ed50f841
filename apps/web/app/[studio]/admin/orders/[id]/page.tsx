import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { AdminProblem } from '@/components/admin/admin-problem';
import { AdminBackLink } from '@/components/admin/back-link';
import { ClientMessages } from '@/components/client-messages';
import { clientPage } from '@/components/clients-admin/types';
import { refundsOnCancel } from '@/components/orders-admin/cancel-refunds';
import {
  MarkPaid,
  RefundForm,
  ResendConfirmation,
  StatusChange,
  TrackingForm,
} from '@/components/orders-admin/order-actions';
import { AddressBlock, OrderLines, OrderTimeline, PaymentRows } from '@/components/orders-admin/order-parts';
import { adminPage } from '@/components/orders-admin/paths';
import { readStudio } from '@/components/orders-admin/server-api';
import { StatusBadge } from '@/components/orders-admin/status-badge';
import { confirmsByHand, type OrderDetail } from '@/components/orders-admin/types';
import { AdminPlanCard, planIdOf } from '@/components/plans/admin-plan';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { formatDateTime } from '@/lib/dates';
import { isUuid } from '@/lib/ids';
import { formatMoney } from '@/lib/money';
import { getMembership, roleAtLeast } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

interface Props {
  params: Promise<{ studio: string; id: string }>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('OrdersAdmin');
  return { title: t('detail.metaTitle') };
}

export default async function OrderAdminPage({ params }: Props) {
  const [studio, { id }] = await Promise.all([requireStudio(params), params]);
  if (!isUuid(id)) notFound();
  const [t, locale, membership, answer] = await Promise.all([
    getTranslations('OrdersAdmin'),
    getLocale(),
    getMembership(studio.slug),
    readStudio<OrderDetail>(studio.slug, `/admin/orders/${id}`),
  ]);
  if (!answer.ok && answer.error.status === 404) notFound();
  const back = <AdminBackLink href={adminPage(studio.slug, '/orders')} label={t('detail.back')} />;
  if (!answer.ok) {
    return (
      <div className="space-y-6">
        {back}
        <AdminProblem error={answer.error} />
      </div>
    );
  }
  const order = answer.value;
  const info = { slug: studio.slug, name: studio.name, currency: order.currency, timezone: studio.timezone };
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: order.currency }, locale);
  const canRefund = membership.kind === 'member' && roleAtLeast(membership.role, 'admin');
  const refundableMinor = Math.max(0, order.paidMinor - order.refundedMinor);
  // The API's own list of next steps: it knows what the order is (posted goods, or digital and services).
  const moves = order.nextStatuses;
  const ships = order.fulfilment === 'shipping';
  const handConfirmed = order.payments.filter(confirmsByHand);
  // The cancel warning says what goes back by itself and what the studio must hand back.
  const onCancel = refundsOnCancel(order.payments);
  const cancelRefunds = {
    automatic: onCancel.automaticMinor > 0 ? money(onCancel.automaticMinor) : null,
    byHand: onCancel.byHandMinor > 0 ? money(onCancel.byHandMinor) : null,
  };

  return (
    <div className="space-y-6">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-2">
          <h1 className="font-mono text-2xl font-bold tracking-tight">{order.number}</h1>
          <p className="text-sm text-muted-foreground">
            {t('detail.placed', { when: formatDateTime(order.createdAt, locale, studio.timezone) })}
          </p>
          <div className="flex flex-wrap gap-2" data-testid="order-badges">
            <StatusBadge status={order.status} label={t(`status.${order.status}`)} />
            <StatusBadge status={order.paymentStatus} label={t(`paymentState.${order.paymentStatus}`)} />
          </div>
        </div>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:text-right">
          <dt className="text-muted-foreground">{t('totals.total')}</dt>
          <dd className="font-semibold tabular-nums" data-testid="order-total">
            {money(order.totalMinor)}
          </dd>
          <dt className="text-muted-foreground">{t('totals.paid')}</dt>
          <dd className="tabular-nums" data-testid="order-paid">
            {money(order.paidMinor)}
          </dd>
          {order.refundedMinor > 0 ? (
            <>
              <dt className="text-muted-foreground">{t('totals.refunded')}</dt>
              <dd className="tabular-nums">{money(order.refundedMinor)}</dd>
            </>
          ) : null}
        </dl>
      </div>

      <ClientMessages namespaces={['OrdersAdmin', 'Forms', 'ApiReasons']}>
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="min-w-0 space-y-6 lg:col-span-2">
            <OrderLines order={order} locale={locale} />

            <Card role="region" aria-labelledby="order-payments">
              <CardHeader>
                <CardTitle as="h2" id="order-payments">
                  {t('payments.title')}
                </CardTitle>
              </CardHeader>
              <CardContent className="space-y-4">
                <PaymentRows order={order} locale={locale} timeZone={studio.timezone} />
                {handConfirmed.map((payment) => (
                  <MarkPaid
                    key={payment.id}
                    studio={info}
                    paymentId={payment.id}
                    amount={money(payment.amountMinor)}
                    method={
                      payment.provider === 'manual' && payment.manualMethod
                        ? t(`manualMethod.${payment.manualMethod}`)
                        : t(`provider.${payment.provider}`)
                    }
                    slip={{
                      provider: payment.provider,
                      hasSlip: payment.hasSlip,
                      slipRejectedReason: payment.slipRejectedReason,
                    }}
                  />
                ))}
              </CardContent>
            </Card>

            {planIdOf(order.plan) ? (
              <AdminPlanCard studio={studio} planId={planIdOf(order.plan)!} canManage={canRefund} />
            ) : null}

            <Card role="region" aria-labelledby="order-timeline">
              <CardHeader>
                <CardTitle as="h2" id="order-timeline">
                  {t('timeline.title')}
                </CardTitle>
              </CardHeader>
              <CardContent>
                <OrderTimeline order={order} locale={locale} timeZone={studio.timezone} />
              </CardContent>
            </Card>
          </div>

          <div className="min-w-0 space-y-6">
            <Card role="region" aria-labelledby="order-status">
              <CardHeader>
                <CardTitle as="h2" id="order-status">
                  {t('statusChange.title')}
                </CardTitle>
              </CardHeader>
              <CardContent>
                <StatusChange
                  key={order.status}
                  studio={info}
                  orderId={order.id}
                  current={order.status}
                  moves={[...moves]}
                  cancelRefunds={cancelRefunds}
                />
              </CardContent>
            </Card>

            <Card role="region" aria-labelledby="order-customer">
              <CardHeader>
                <CardTitle as="h2" id="order-customer">
                  {t('detail.customer')}
                </CardTitle>
              </CardHeader>
              <CardContent className="space-y-4 text-sm">
                <div>
                  <p className="font-medium">{order.name}</p>
                  <a
                    href={`mailto:${order.email}`}
                    className="break-all text-brand-ink underline underline-offset-4"
                  >
                    {order.email}
                  </a>
                  {order.clientId ? (
                    <Link
                      href={clientPage(studio.slug, order.clientId)}
                      className="mt-1 block text-brand-ink underline underline-offset-4"
                    >
                      {t('detail.clientPage')}
                    </Link>
                  ) : null}
                </div>
                <AddressBlock title={t('detail.shippingAddress')} address={order.shippingAddress} />
                <AddressBlock title={t('detail.billingAddress')} address={order.billingAddress} />
                <div>
                  <h3 className="font-medium">{t('detail.shippingMethod')}</h3>
                  <p className="text-muted-foreground">
                    {order.shippingMethod?.name ?? t('detail.noShipping')}
                  </p>
                </div>
                {order.note ? (
                  <div>
                    <h3 className="font-medium">{t('detail.note')}</h3>
                    <p className="whitespace-pre-line text-muted-foreground">{order.note}</p>
                  </div>
                ) : null}
                <ResendConfirmation studio={info} orderId={order.id} email={order.email} />
              </CardContent>
            </Card>

            {/* Digital goods, services and pickups are not posted: no tracking card unless a number exists. */}
            {ships || order.trackingNumbers.length > 0 ? (
              <Card role="region" aria-labelledby="order-tracking">
                <CardHeader>
                  <CardTitle as="h2" id="order-tracking">
                    {t('tracking.title')}
                  </CardTitle>
                </CardHeader>
                <CardContent className="space-y-4 text-sm">
                  {order.trackingNumbers.length > 0 ? (
                    <ul className="space-y-2" data-testid="tracking-numbers">
                      {order.trackingNumbers.map((tracking) => (
                        <li key={`${tracking.carrier}-${tracking.number}`}>
                          <span className="font-medium">{tracking.carrier}</span>{' '}
                          {tracking.url ? (
                            <a
                              href={tracking.url}
                              className="font-mono text-brand-ink underline underline-offset-4"
                              rel="noopener noreferrer"
                              target="_blank"
                            >
                              {tracking.number}
                            </a>
                          ) : (
                            <span className="font-mono">{tracking.number}</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="text-muted-foreground">{t('tracking.none')}</p>
                  )}
                  {ships && ['paid', 'processing', 'shipped'].includes(order.status) ? (
                    <TrackingForm studio={info} orderId={order.id} status={order.status} />
                  ) : null}
                </CardContent>
              </Card>
            ) : null}

            <Card role="region" aria-labelledby="order-refund">
              <CardHeader>
                <CardTitle as="h2" id="order-refund">
                  {t('refund.title')}
                </CardTitle>
              </CardHeader>
              <CardContent className="text-sm">
                {!canRefund ? (
                  <p className="text-muted-foreground">{t('refund.adminsOnly')}</p>
                ) : refundableMinor === 0 ? (
                  <p className="text-muted-foreground">{t('refund.nothing')}</p>
                ) : (
                  <RefundForm
                    key={refundableMinor}
                    studio={info}
                    orderId={order.id}
                    refundableMinor={refundableMinor}
                    walletPossible={order.payments.some((p) => p.provider !== 'wallet')}
                  />
                )}
              </CardContent>
            </Card>
          </div>
        </div>
      </ClientMessages>
    </div>
  );
}
