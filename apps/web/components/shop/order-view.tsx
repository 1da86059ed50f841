import type { Studio } from '@atelier/sdk';
import { CheckCircle2, Download } from 'lucide-react';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { FormMessage } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { getAsSession } from '@/lib/session';
import {
  type Address,
  OPEN_PAYMENT,
  type OrderDetail,
  type OrderPlan,
  type PaymentPlan,
  shopPaths,
} from '@/lib/shop';
import { CancelOrder } from './cancel-order';
import { orderStatusKey, statusTone } from './order-labels';
import type { TimelineLabels } from './order-timeline';
import { OrderTimelineList } from './order-timeline-list';
import { AutoRefresh, PaymentPanel } from './payment-panel';
import type { StripeReturnOutcome } from './payment-step';
import { Totals } from './totals';

/**
 * One order for its client (or a guest with the emailed token): status, the next payment step, the
 * figures as charged, the instalment plan, addresses, timeline, receipt download and cancel.
 */
export async function OrderView({
  studio,
  order,
  token,
  headingLevel = 'h1',
  stripeReturn = null,
}: {
  studio: Studio;
  order: OrderDetail;
  token: string | null;
  headingLevel?: 'h1' | 'h2';
  /** Stripe sent the payer back here (`redirect_status`): what to say while the webhook confirms it. */
  stripeReturn?: StripeReturnOutcome | null;
}) {
  const [t, locale] = await Promise.all([getTranslations('Checkout'), getLocale()]);
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: order.currency }, locale);
  const when = (at: string) => formatDateTime(at, locale, studio.timezone);
  const open = [...order.payments].reverse().find((payment) => OPEN_PAYMENT.has(payment.status)) ?? null;
  const waiting = order.status === 'pending' && order.paymentStatus === 'unpaid';
  // Back from Stripe with the card accepted: wait for the webhook instead of offering the form again.
  const returnedFromStripe = stripeReturn === 'succeeded' || stripeReturn === 'processing';
  const plan = order.plan as OrderPlan | null;
  const planView =
    plan?.planId && !token
      ? await getAsSession<PaymentPlan>(`${shopPaths.api(studio.slug)}/payment-plans/${plan.planId}`)
      : null;
  // The studio turned the last slip down and no other is attached yet: its own words, from the order.
  const turnedDown = open && !open.hasSlip ? open.slipRejectedReason : null;
  const tokenQuery = token ? `?token=${encodeURIComponent(token)}` : '';
  const Heading = headingLevel;
  const Sub = headingLevel === 'h1' ? 'h2' : 'h3';

  // An order confirmed by its deposit or first instalment is "paid" to the API; the client still owes
  // the rest, so the page says "confirmed" and how much is left instead of "paid".
  const stillToPay =
    order.paymentStatus === 'deposit_paid' || order.paymentStatus === 'partially_paid'
      ? Math.max(0, order.totalMinor - order.paidMinor)
      : 0;

  // The timeline is data (kind, amount, reason code); its words come in the reader's language. Staff who
  // acted are "the studio" here: a transfer staff confirmed reads "Payment confirmed", no name.
  const timelineLabels: TimelineLabels = {
    viewer: 'payer',
    money: (amountMinor, currency) =>
      formatMoney({ amountMinor, currency: currency ?? order.currency }, locale),
    // With a deposit or instalments, "paid" was the confirmation: the rest came (or comes) later.
    status: (status) =>
      status === 'paid' && plan
        ? t('status.confirmed')
        : t.has(`status.${status}`)
          ? t(`status.${status}`)
          : status,
    // The checkout's own names for how one pays (a wallet part is the one method checkout does not list).
    paymentMethod: (method, manualMethod) => {
      const key = method === 'manual' && manualMethod ? manualMethod : method;
      if (t.has(`methods.${key}`)) return t(`methods.${key}`);
      return method === 'wallet' && t.has('walletBalance') ? t('walletBalance') : key;
    },
  };

  return (
    <ClientMessages namespaces={['Checkout', 'ApiReasons']}>
      {/* Only while the order waits for its payment: a later instalment waiting for the client's bank
          (3-D Secure) is open for a day, and the plan page, not this one, is where it is answered. */}
      <AutoRefresh active={waiting || Boolean(open && order.status === 'pending')} />
      <div className="space-y-6" data-testid="order-view">
        <header className="space-y-2">
          {order.paymentStatus !== 'unpaid' && order.status !== 'cancelled' ? (
            <p className="flex items-center gap-2 font-medium text-success" data-testid="order-thanks">
              <CheckCircle2 className="size-5" aria-hidden="true" />
              {stillToPay > 0 ? t('thankYouPart', { amount: money(stillToPay) }) : t('thankYou')}
            </p>
          ) : null}
          <Heading className="text-2xl font-bold tracking-tight">
            {t('orderHeading', { number: order.number })}
          </Heading>
          <p className="text-sm text-muted-foreground">{t('placedAt', { when: when(order.createdAt) })}</p>
          <div className="flex flex-wrap gap-2">
            <StatusBadge
              label={t('statusLabel')}
              value={t(`status.${orderStatusKey(order)}`)}
              tone={statusTone(order.status)}
              testId="order-status"
            />
            <StatusBadge
              label={t('paymentLabel')}
              value={t(`paymentStatus.${order.paymentStatus}`)}
              tone={statusTone(order.paymentStatus)}
              testId="payment-status"
            />
          </div>
        </header>

        {stripeReturn && order.paymentStatus === 'unpaid' ? (
          <FormMessage tone={stripeReturn === 'failed' ? 'error' : 'info'}>
            <span data-testid="stripe-return">
              {stripeReturn === 'succeeded'
                ? t('stripeReturnSucceeded')
                : stripeReturn === 'processing'
                  ? t('stripeReturnProcessing')
                  : t('stripeReturnFailed')}
            </span>
          </FormMessage>
        ) : null}

        {open && order.status === 'pending' && !(returnedFromStripe && open.provider === 'stripe') ? (
          <PaymentPanel
            studio={studio.slug}
            orderId={order.id}
            payment={open}
            currency={order.currency}
            token={token}
            turnedDown={turnedDown}
          />
        ) : null}

        <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
          <section aria-labelledby="order-items" className="rounded-xl border p-5">
            <Sub id="order-items" className="mb-3 text-lg font-semibold">
              {t('itemsHeading')}
            </Sub>
            <Totals data={{ ...order, requiresShipping: order.shippingMethod !== null }} />
            {order.paidMinor > 0 ? (
              <p className="mt-3 text-sm" data-testid="order-paid">
                {t('paidSoFar', { amount: money(order.paidMinor) })}
              </p>
            ) : null}
            {order.refundedMinor > 0 ? (
              <p className="text-sm">{t('refundedSoFar', { amount: money(order.refundedMinor) })}</p>
            ) : null}
          </section>
          <div className="space-y-4">
            <div className="flex flex-col gap-2">
              <Button asChild variant="outline">
                <a
                  href={`${shopPaths.api(studio.slug)}/orders/${order.id}/receipt.pdf${tokenQuery}`}
                  download
                >
                  <Download aria-hidden="true" />
                  {order.paymentStatus === 'unpaid' ? t('downloadInvoice') : t('downloadReceipt')}
                </a>
              </Button>
              {order.canCancel ? <CancelOrder studio={studio.slug} orderId={order.id} token={token} /> : null}
            </div>
            {order.shippingAddress ? (
              <AddressBlock heading={t('shipTo')} address={order.shippingAddress} Sub={Sub} />
            ) : null}
            {order.shippingMethod ? (
              <p className="text-sm">
                <span className="text-muted-foreground">{t('shippingMethodLabel')} </span>
                {order.shippingMethod.name}
              </p>
            ) : null}
            {order.billingAddress ? (
              <AddressBlock heading={t('billTo')} address={order.billingAddress} Sub={Sub} />
            ) : null}
            {order.trackingNumbers.map((tracking) => (
              <p key={tracking.number} className="text-sm">
                {tracking.carrier}:{' '}
                {tracking.url ? (
                  <a className="underline" href={tracking.url}>
                    {tracking.number}
                  </a>
                ) : (
                  tracking.number
                )}
              </p>
            ))}
          </div>
        </div>

        {plan ? (
          <section aria-labelledby="plan-heading" className="rounded-xl border p-5" data-testid="plan">
            <Sub id="plan-heading" className="mb-3 text-lg font-semibold">
              {plan.kind === 'deposit' ? t('planDeposit') : t('planInstalments', { count: plan.count })}
            </Sub>
            {planView?.ok ? (
              <ol className="divide-y text-sm">
                {planView.value.instalments.map((instalment) => (
                  <li
                    key={instalment.id}
                    className="flex flex-wrap justify-between gap-2 py-2"
                    data-testid="instalment"
                  >
                    <span>
                      {t('instalmentLine', { seq: instalment.seq, due: when(instalment.dueAt) })}
                      {instalment.lastError ? (
                        <span className="block text-destructive">{instalment.lastError}</span>
                      ) : null}
                    </span>
                    <span className="flex items-center gap-3">
                      <span className="tabular-nums">{money(instalment.amountMinor)}</span>
                      <span className={cn('font-medium', toneClass(statusTone(instalment.status)))}>
                        {t(`instalmentStatus.${instalment.status}`)}
                      </span>
                    </span>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="text-sm text-muted-foreground">{t('planSignInToSee')}</p>
            )}
            {planView?.ok ? (
              <a
                href={`/${studio.slug}/portal/payment-plans/${planView.value.id}`}
                className="mt-3 inline-block text-sm font-medium text-brand-ink underline underline-offset-4"
                data-testid="plan-link"
              >
                {t('planManage')}
              </a>
            ) : null}
          </section>
        ) : null}

        <section aria-labelledby="timeline-heading" className="rounded-xl border p-5">
          <Sub id="timeline-heading" className="mb-3 text-lg font-semibold">
            {t('timelineHeading')}
          </Sub>
          <OrderTimelineList
            entries={order.timeline}
            labels={timelineLabels}
            locale={locale}
            timeZone={studio.timezone}
            testId="timeline"
          />
        </section>
      </div>
    </ClientMessages>
  );
}

function toneClass(tone: 'ok' | 'wait' | 'bad') {
  return tone === 'ok' ? 'text-success' : tone === 'bad' ? 'text-destructive' : 'text-brand-ink';
}

function StatusBadge({
  label,
  value,
  tone,
  testId,
}: {
  label: string;
  value: string;
  tone: 'ok' | 'wait' | 'bad';
  testId: string;
}) {
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm">
      <span className="text-muted-foreground">{label}</span>
      <span className={cn('font-semibold', toneClass(tone))} data-testid={testId}>
        {value}
      </span>
    </span>
  );
}

function AddressBlock({ heading, address, Sub }: { heading: string; address: Address; Sub: 'h2' | 'h3' }) {
  return (
    <div className="text-sm">
      <Sub className="font-semibold">{heading}</Sub>
      <address className="not-italic text-muted-foreground">
        {address.name}
        <br />
        {address.line1}
        {address.line2 ? (
          <>
            <br />
            {address.line2}
          </>
        ) : null}
        <br />
        {[address.city, address.region, address.postalCode].filter(Boolean).join(', ')}
        <br />
        {address.country}
      </address>
    </div>
  );
}
