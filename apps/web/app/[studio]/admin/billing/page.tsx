import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/admin/forbidden';
import { CheckoutReturn } from '@/components/billing/checkout-return';
import { CHECKOUT_SESSION } from '@/components/billing/checkout-session';
import { PaymentMethodButton } from '@/components/billing/payment-method-button';
import { portalFailureOf } from '@/components/billing/portal-failure';
import { PortalProblem } from '@/components/billing/portal-problem';
import { ClientMessages } from '@/components/client-messages';
import { type BillingInvoicePage, BillingInvoices } from '@/components/orders-admin/billing-invoices';
import { BillingPlan } from '@/components/orders-admin/billing-plan';
import { MoneyProblem } from '@/components/orders-admin/problem';
import { readStudio } from '@/components/orders-admin/server-api';
import type { StudioBilling } from '@/components/orders-admin/types';
import { Card } from '@/components/ui/card';
import { listPlans } from '@/lib/api';
import { formatDate } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { getMembership } from '@/lib/session';
import { requireStudio } from '@/lib/studio';
import { openBillingPortal } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('OrdersAdmin');
  return { title: t('billing.title') };
}

const INVOICES_PER_PAGE = 10;
const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

interface BillingPageProps {
  params: Promise<{ studio: string }>;
  /**
   * `plan`: the plan picked in the new-studio wizard, preselected; `invoices`: the invoice page cursor;
   * `portal`, `code`, `ref`: why "Manage payment method" did not reach Stripe (set by `actions.ts`);
   * `checkout`: back from the plan's Stripe Checkout, its session id (`paid` once settled, or `cancelled`).
   */
  searchParams: Promise<{
    plan?: string | string[];
    invoices?: string | string[];
    portal?: string | string[];
    code?: string | string[];
    ref?: string | string[];
    checkout?: string | string[];
  }>;
}

/**
 * The studio's Atelier plan: what it costs, how it is billed, usage against its limits, a warning while
 * a charge is failing, and its invoices (owners). A studio billed by card can open Stripe's customer
 * portal from here to see or replace that card ("Manage payment method", also in the warning).
 */
export default async function BillingPage({ params, searchParams }: BillingPageProps) {
  const studio = await requireStudio(params);
  const query = await searchParams;
  const cursor = one(query.invoices);
  const invoiceQuery = new URLSearchParams({
    limit: String(INVOICES_PER_PAGE),
    ...(cursor ? { cursor } : {}),
  });
  const [t, tPlans, locale, membership, billing, plans, invoices] = await Promise.all([
    getTranslations('OrdersAdmin'),
    getTranslations('Plans'),
    getLocale(),
    getMembership(studio.slug),
    readStudio<StudioBilling>(studio.slug, '/billing'),
    listPlans(),
    readStudio<BillingInvoicePage>(studio.slug, `/billing/invoices?${invoiceQuery}`),
  ]);
  if (membership.kind === 'member' && membership.role !== 'owner')
    return <Forbidden message={t('billing.ownersOnly')} />;
  const number = new Intl.NumberFormat(locale);
  const planName = (id: string) => (plans.ok ? (plans.value.find((p) => p.id === id)?.name ?? id) : id);
  const requested = one(query.plan);
  const requestedPlan =
    billing.ok &&
    requested &&
    requested !== billing.value.plan &&
    plans.ok &&
    plans.value.some((p) => p.id === requested)
      ? requested
      : undefined;
  // The newest unpaid invoice on this page, for the "pay it" link in the warning.
  const unpaid = invoices.ok
    ? invoices.value.items.find((invoice) => invoice.status === 'failed' && invoice.hostedUrl)
    : undefined;
  // Only a studio charged by card has a card to manage (the API answers 409 for the others).
  const byCard = billing.ok && billing.value.collection === 'stripe';
  const openPortal = openBillingPortal.bind(null, studio.slug);
  const portalFailure = portalFailureOf(query);
  const checkout = one(query.checkout);
  const checkoutReturn =
    checkout && (checkout === 'cancelled' || checkout === 'paid' || CHECKOUT_SESSION.test(checkout))
      ? checkout
      : undefined;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">{t('billing.title')}</h1>
        <p className="text-muted-foreground">{t('billing.lead', { name: studio.name })}</p>
      </div>
      {portalFailure ? <PortalProblem failure={portalFailure} /> : null}
      {checkoutReturn ? (
        <ClientMessages namespaces={['OrdersAdmin']}>
          <CheckoutReturn
            studio={studio.slug}
            checkout={checkoutReturn}
            currentPlan={billing.ok ? billing.value.plan : ''}
            planNames={plans.ok ? Object.fromEntries(plans.value.map((plan) => [plan.id, plan.name])) : {}}
          />
        </ClientMessages>
      ) : null}
      {!billing.ok ? (
        <MoneyProblem error={billing.error} />
      ) : (
        <>
          {billing.value.status === 'past_due' || billing.value.status === 'unpaid' ? (
            <div
              role="alert"
              data-testid="billing-overdue"
              className="space-y-1 rounded-lg border border-destructive bg-destructive/5 p-4 text-sm"
            >
              <p className="font-semibold text-destructive">{t('billing.overdue.title')}</p>
              <p>
                {billing.value.graceEndsAt
                  ? t('billing.overdue.body', {
                      date: formatDate(billing.value.graceEndsAt, locale, studio.timezone),
                    })
                  : t('billing.overdue.bodyNoDate')}
              </p>
              {unpaid?.hostedUrl ? (
                <p>
                  <a
                    href={unpaid.hostedUrl}
                    target="_blank"
                    rel="noreferrer"
                    className="font-medium text-brand underline underline-offset-4"
                  >
                    {t('billing.overdue.pay', { number: unpaid.number ?? '' })}
                  </a>
                </p>
              ) : null}
              {byCard ? (
                <div className="pt-2">
                  <PaymentMethodButton
                    action={openPortal}
                    label={t('billing.portal.update')}
                    pendingLabel={t('billing.portal.opening')}
                    describedBy="billing-portal-hint"
                    testId="billing-update-card"
                  />
                </div>
              ) : null}
            </div>
          ) : null}
          <Card className="p-5 sm:p-6" role="region" aria-labelledby="billing-current">
            <h2 id="billing-current" className="text-lg font-semibold">
              {t('billing.current', { plan: planName(billing.value.plan) })}
            </h2>
            <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-muted-foreground">{t('billing.price')}</dt>
                <dd className="font-medium" data-testid="billing-price">
                  {billing.value.priceMinor > 0
                    ? t('billing.perMonth', {
                        amount: formatMoney(
                          { amountMinor: billing.value.priceMinor, currency: billing.value.currency },
                          locale,
                        ),
                      })
                    : t('billing.free')}
                </dd>
              </div>
              <div>
                <dt className="text-muted-foreground">{t('billing.collection')}</dt>
                <dd className="font-medium">{t(`billing.collections.${billing.value.collection}`)}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">{t('billing.status')}</dt>
                <dd className="font-medium">{t(`billing.statuses.${billing.value.status}`)}</dd>
              </div>
              {billing.value.currentPeriodEnd ? (
                <div>
                  <dt className="text-muted-foreground">{t('billing.renews')}</dt>
                  <dd className="font-medium">
                    {formatDate(billing.value.currentPeriodEnd, locale, studio.timezone)}
                  </dd>
                </div>
              ) : null}
              <div>
                <dt className="text-muted-foreground">{t('billing.seats')}</dt>
                <dd className="font-medium tabular-nums">
                  {t('billing.usage', {
                    used: number.format(billing.value.usage.teamSeats),
                    limit: number.format(billing.value.limits.teamSeats),
                  })}
                </dd>
              </div>
              <div>
                <dt className="text-muted-foreground">{t('billing.items')}</dt>
                <dd className="font-medium tabular-nums">
                  {t('billing.usage', {
                    used: number.format(billing.value.usage.catalogItems),
                    limit: number.format(billing.value.limits.catalogItems),
                  })}
                </dd>
              </div>
              <div>
                <dt className="text-muted-foreground">{t('billing.fee')}</dt>
                <dd className="font-medium">
                  {tPlans('fee', {
                    n: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
                      billing.value.limits.transactionFeeBasisPoints / 10_000,
                    ),
                  })}
                </dd>
              </div>
            </dl>
            {byCard ? (
              <div className="mt-5 flex flex-wrap items-center gap-x-4 gap-y-2 border-t pt-4">
                <PaymentMethodButton
                  action={openPortal}
                  label={t('billing.portal.manage')}
                  pendingLabel={t('billing.portal.opening')}
                  describedBy="billing-portal-hint"
                  testId="billing-manage-payment-method"
                />
                <p id="billing-portal-hint" className="text-sm text-muted-foreground">
                  {t('billing.portal.hint')}
                </p>
              </div>
            ) : null}
          </Card>
          {plans.ok ? (
            <ClientMessages namespaces={['OrdersAdmin', 'Plans', 'Forms']}>
              <BillingPlan
                studio={studio.slug}
                current={billing.value.plan}
                requested={requestedPlan}
                plans={plans.value.filter((plan) => plan.id !== 'enterprise')}
              />
            </ClientMessages>
          ) : (
            <MoneyProblem error={plans.error} />
          )}
          {invoices.ok ? (
            <BillingInvoices
              timezone={studio.timezone}
              page={invoices.value}
              olderHref={
                invoices.value.nextCursor
                  ? `/${studio.slug}/admin/billing?invoices=${encodeURIComponent(invoices.value.nextCursor)}`
                  : null
              }
            />
          ) : (
            <MoneyProblem error={invoices.error} />
          )}
        </>
      )}
    </div>
  );
}
