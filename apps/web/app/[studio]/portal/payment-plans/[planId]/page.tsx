import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ApiProblem } from '@/components/api-problem';
import { SignInPrompt } from '@/components/auth/sign-in-prompt';
import { ClientMessages } from '@/components/client-messages';
import { ChangePlanCard, PayInstalmentNow, TestCardsHint } from '@/components/plans/plan-actions';
import { PlanFlashArea, PlanFlashLine, UnlessAnswered } from '@/components/plans/plan-flash';
import { awaitingAuthentication, nextChargeable, type PaymentPlan } from '@/components/plans/plan-model';
import { PlanSchedule, PlanStatus, PlanSummary } from '@/components/plans/plan-schedule';
import { ChangeStripePlanCard } from '@/components/plans/stripe-plan-card';
import { formatDateTime } from '@/lib/dates';
import { isUuid } from '@/lib/ids';
import { formatMoney } from '@/lib/money';
import { getAsSession, getMe } from '@/lib/session';
import { shopPaths } from '@/lib/shop';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tPortal] = await Promise.all([getTranslations('PaymentPlans'), getTranslations('Portal')]);
  return { title: `${t('title')} · ${tPortal('area')}` };
}

/**
 * One of the client's payment plans (the page the plan emails link to): the schedule with each
 * instalment's state and next try, what is paid and left, "pay now" for the next instalment and a
 * card change, which retries a declined instalment with the new card at once. What a payment made here
 * came to is said in one line at the top (plan-flash.tsx), since its section may go with it.
 */
export default async function PaymentPlanPage({
  params,
}: {
  params: Promise<{ studio: string; planId: string }>;
}) {
  const studio = await requireStudio(params);
  const [{ planId }, t, locale, me] = await Promise.all([
    params,
    getTranslations('PaymentPlans'),
    getLocale(),
    getMe(),
  ]);
  const heading = <h1 className="text-2xl font-bold tracking-tight">{t('title')}</h1>;
  if (!me.ok || !me.value)
    return (
      <div className="space-y-6">
        {heading}
        <SignInPrompt message={t('signIn')} next={`/${studio.slug}/portal/payment-plans/${planId}`} />
      </div>
    );
  if (!isUuid(planId)) notFound();
  const answer = await getAsSession<PaymentPlan>(`${shopPaths.api(studio.slug)}/payment-plans/${planId}`);
  if (!answer.ok) {
    if (answer.error.status === 404 || answer.error.status === 400) notFound();
    return (
      <div className="space-y-6">
        {heading}
        <ApiProblem error={answer.error} />
      </div>
    );
  }
  const plan = answer.value;
  const next = nextChargeable(plan);
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: plan.currency }, locale);
  const retrying = next?.status === 'retrying' ? next : null;
  // The declined instalment a new card is charged for at once, the client being here.
  const retryCard = retrying ? { id: retrying.id, seq: retrying.seq } : null;
  // A Stripe plan's card is changed in Stripe's form once it has one; a sandbox plan's by a test number.
  const changeCard =
    plan.provider === 'stripe' && plan.method.saved
      ? 'stripe'
      : plan.provider === 'sandbox'
        ? 'sandbox'
        : null;
  // A charge their bank asked them to confirm (3-D Secure) and they have not yet: first thing on the page.
  const toConfirm = awaitingAuthentication(plan);
  // "Confirm it by …": while the check waits, the instalment's nextAttemptAt is when it is given up.
  const confirmBy = toConfirm
    ? formatDateTime(toConfirm.nextAttemptAt ?? toConfirm.dueAt, locale, studio.timezone)
    : '';
  // A Stripe plan's first instalment is paid in the card form on its order's page, which keeps the card.
  const awaitingFirstPayment =
    plan.status === 'active' && !plan.method.saved && plan.payable.type === 'order';

  return (
    <PlanFlashArea>
      <div className="space-y-6">
        {plan.payable.type === 'order' ? (
          <Link
            href={shopPaths.portalOrder(studio.slug, plan.payable.id)}
            className="text-sm font-medium hover:underline"
          >
            ← {t('backToOrder')}
          </Link>
        ) : null}
        <header className="space-y-3">
          {heading}
          <PlanStatus plan={plan} />
        </header>

        <PlanFlashLine paidIds={plan.instalments.filter((i) => i.status === 'paid').map((i) => i.id)} />

        {toConfirm ? (
          <ClientMessages namespaces={['PaymentPlans']}>
            <UnlessAnswered instalmentId={toConfirm.id}>
              <section
                aria-labelledby="plan-confirm"
                className="space-y-3 rounded-xl border-2 border-brand p-5"
                data-testid="plan-confirm"
              >
                <h2 id="plan-confirm" className="text-lg font-semibold">
                  {t('confirmHeading', { seq: toConfirm.seq })}
                </h2>
                <p className="text-sm" data-testid="plan-confirm-explain">
                  {toConfirm.chargedAgainAt
                    ? t('confirmExplainChargedAgain', {
                        when: confirmBy,
                        again: formatDateTime(toConfirm.chargedAgainAt, locale, studio.timezone),
                      })
                    : t('confirmExplain', { when: confirmBy })}
                </p>
                <PayInstalmentNow
                  studio={studio.slug}
                  planId={plan.id}
                  instalmentId={toConfirm.id}
                  seq={toConfirm.seq}
                  amount={money(toConfirm.amountMinor)}
                  confirming
                />
              </section>
            </UnlessAnswered>
          </ClientMessages>
        ) : null}

        {retrying ? (
          <div
            role="alert"
            className="rounded-xl border border-destructive p-4 text-sm"
            data-testid="plan-alert"
          >
            <p className="font-semibold text-destructive">{t('declinedHeading', { seq: retrying.seq })}</p>
            <p className="mt-1">{t('declinedExplain')}</p>
          </div>
        ) : null}

        <section aria-labelledby="plan-summary" className="space-y-4 rounded-xl border p-5">
          <h2 id="plan-summary" className="text-lg font-semibold">
            {t('scheduleHeading')}
          </h2>
          <PlanSummary plan={plan} />
          <PlanSchedule plan={plan} timeZone={studio.timezone} />
        </section>

        {next ? (
          <ClientMessages namespaces={['PaymentPlans']}>
            <div className="grid items-start gap-6 lg:grid-cols-2">
              <section aria-labelledby="plan-pay" className="space-y-3 rounded-xl border p-5">
                <h2 id="plan-pay" className="text-lg font-semibold">
                  {t('payNowHeading')}
                </h2>
                <p className="text-sm text-muted-foreground">{t('payNowExplain')}</p>
                <PayInstalmentNow
                  studio={studio.slug}
                  planId={plan.id}
                  instalmentId={next.id}
                  seq={next.seq}
                  amount={money(next.amountMinor)}
                />
              </section>
              {changeCard ? (
                <section aria-labelledby="plan-card" className="space-y-3 rounded-xl border p-5">
                  <h2 id="plan-card" className="text-lg font-semibold">
                    {t('changeCardHeading')}
                  </h2>
                  <p className="text-sm text-muted-foreground">
                    {retrying
                      ? t('changeCardRetry', { seq: retrying.seq })
                      : t(changeCard === 'stripe' ? 'stripeCardExplain' : 'changeCardExplain')}
                  </p>
                  {changeCard === 'stripe' ? (
                    <ChangeStripePlanCard studio={studio.slug} planId={plan.id} retry={retryCard} />
                  ) : (
                    <ChangePlanCard
                      studio={studio.slug}
                      planId={plan.id}
                      retry={retryCard}
                      hint={<TestCardsHint />}
                    />
                  )}
                </section>
              ) : null}
            </div>
          </ClientMessages>
        ) : awaitingFirstPayment ? (
          <div className="space-y-2 rounded-xl border p-5 text-sm" data-testid="plan-first-payment">
            <p>{t('awaitingFirstPayment')}</p>
            <Link
              href={shopPaths.portalOrder(studio.slug, plan.payable.id)}
              className="font-medium text-brand-ink underline underline-offset-4"
            >
              {t('openOrderToPay')}
            </Link>
          </div>
        ) : toConfirm ? null : (
          <p className="text-sm text-muted-foreground" data-testid="plan-nothing-due">
            {t(`closed.${plan.status}`)}
          </p>
        )}
      </div>
    </PlanFlashArea>
  );
}
