import { ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { cn } from '@/lib/cn';
import { formatDate } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { type PaymentPlanSummary, planPath } from './plan-model';
import { PLAN_TONE, toneClass } from './plan-schedule';

/**
 * The client's plans, one line each linking to the plan's page: when it started and its instalments,
 * its status, what is paid of the total, and what is charged next (or the retry after a decline).
 * Dates in the studio's zone; amounts to the minor unit.
 */
export async function PlanList({
  plans,
  studio,
  timeZone,
}: {
  plans: PaymentPlanSummary[];
  studio: string;
  timeZone: string;
}) {
  const [t, locale] = await Promise.all([getTranslations('PaymentPlans'), getLocale()]);
  return (
    <ul className="divide-y rounded-xl border" data-testid="my-payment-plans">
      {plans.map((plan) => {
        const money = (amountMinor: number) => formatMoney({ amountMinor, currency: plan.currency }, locale);
        const next = plan.nextInstalment;
        const date = (value: string) => formatDate(value, locale, timeZone);
        return (
          <li key={plan.id} data-testid="my-payment-plan" data-plan-id={plan.id} data-status={plan.status}>
            <Link
              href={planPath(studio, plan.id)}
              className="flex items-center gap-3 p-4 hover:bg-muted focus-visible:bg-muted"
            >
              <span className="min-w-0 flex-1 space-y-1">
                <span className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <span className="font-semibold">
                    {t('listItem', { count: plan.instalmentCount, date: date(plan.createdAt) })}
                  </span>
                  <span className="font-semibold tabular-nums" data-testid="my-plan-total">
                    {money(plan.totalMinor)}
                  </span>
                </span>
                <span className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
                  <span className={cn('font-medium', toneClass(PLAN_TONE[plan.status]))}>
                    {t(`planStatus.${plan.status}`)}
                  </span>
                  <span className="text-muted-foreground tabular-nums" data-testid="my-plan-paid">
                    {t('paidOf', {
                      paid: money(plan.paidMinor),
                      total: money(plan.totalMinor),
                      done: plan.paidInstalments,
                      count: plan.instalmentCount,
                    })}
                  </span>
                </span>
                {next ? (
                  <span
                    className={cn(
                      'block text-sm',
                      (next.status === 'retrying' || next.awaitingAuthentication) && 'text-destructive',
                    )}
                    data-testid="my-plan-next"
                  >
                    {next.status === 'retrying' && next.nextAttemptAt
                      ? t('nextRetry', {
                          seq: next.seq,
                          amount: money(next.amountMinor),
                          date: date(next.nextAttemptAt),
                        })
                      : next.awaitingAuthentication
                        ? t('nextConfirm', { seq: next.seq, amount: money(next.amountMinor) })
                        : next.status === 'processing'
                          ? t('nextCharging', { seq: next.seq, amount: money(next.amountMinor) })
                          : t('nextDue', {
                              seq: next.seq,
                              amount: money(next.amountMinor),
                              date: date(next.nextAttemptAt ?? next.dueAt),
                            })}
                  </span>
                ) : null}
              </span>
              <ChevronRight aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
