import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { MoneyProblem } from '@/components/orders-admin/problem';
import { readStudio } from '@/components/orders-admin/server-api';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { formatMoney } from '@/lib/money';
import { StaffChargeNow } from './plan-actions';
import { nextChargeable, type PaymentPlan } from './plan-model';
import { PlanSchedule, PlanStatus, PlanSummary } from './plan-schedule';

/** The plan id an order keeps (`order.plan.planId`, untyped in the order's schema), if it has a plan. */
export function planIdOf(plan: unknown): string | null {
  if (plan && typeof plan === 'object' && 'planId' in plan && typeof plan.planId === 'string')
    return plan.planId;
  return null;
}

/**
 * The order's payment plan on the admin order page: the schedule as the client sees it, and for
 * owners and admins (`payments.manage`) "charge now" for the next instalment or "retry now" for a
 * declined one, so a studio can collect early instead of waiting for the due date or the retry.
 */
export async function AdminPlanCard({
  studio,
  planId,
  canManage,
}: {
  studio: { slug: string; timezone: string };
  planId: string;
  canManage: boolean;
}) {
  const [t, locale, answer] = await Promise.all([
    getTranslations('PaymentPlans'),
    getLocale(),
    readStudio<PaymentPlan>(studio.slug, `/payment-plans/${planId}`),
  ]);
  const next = answer.ok ? nextChargeable(answer.value) : null;
  return (
    <Card role="region" aria-labelledby="order-plan" data-testid="admin-plan">
      <CardHeader>
        <CardTitle as="h2" id="order-plan">
          {t('title')}
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        {!answer.ok ? (
          <MoneyProblem error={answer.error} />
        ) : (
          <>
            <PlanStatus plan={answer.value} />
            <PlanSummary plan={answer.value} />
            <PlanSchedule plan={answer.value} timeZone={studio.timezone} />
            {next && canManage ? (
              <ClientMessages namespaces={['PaymentPlans']}>
                <StaffChargeNow
                  studio={studio.slug}
                  planId={answer.value.id}
                  instalmentId={next.id}
                  seq={next.seq}
                  count={answer.value.instalments.length}
                  amount={formatMoney(
                    { amountMinor: next.amountMinor, currency: answer.value.currency },
                    locale,
                  )}
                  retry={next.status === 'retrying'}
                  card={
                    answer.value.method.last4
                      ? t('cardEnding', { last4: answer.value.method.last4 })
                      : t('savedCard')
                  }
                  timeZone={studio.timezone}
                />
              </ClientMessages>
            ) : next ? (
              <p className="text-sm text-muted-foreground">{t('adminsOnly')}</p>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
