import { getLocale, getTranslations } from 'next-intl/server';
import { cn } from '@/lib/cn';
import { formatDate, formatDateTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { type PaymentPlan, type PlanInstalment, remainingMinor } from './plan-model';

type Tone = 'ok' | 'wait' | 'bad';

const INSTALMENT_TONE: Record<PlanInstalment['status'], Tone> = {
  scheduled: 'wait',
  processing: 'wait',
  retrying: 'bad',
  paid: 'ok',
  failed: 'bad',
  cancelled: 'bad',
};

export const PLAN_TONE: Record<PaymentPlan['status'], Tone> = {
  active: 'wait',
  completed: 'ok',
  failed: 'bad',
  cancelled: 'bad',
};

export const toneClass = (tone: Tone) =>
  tone === 'ok' ? 'text-success' : tone === 'bad' ? 'text-destructive' : 'text-brand-ink';

/** The plan's status as a pill (text, not colour alone, carries it). */
export async function PlanStatus({ plan }: { plan: PaymentPlan }) {
  const t = await getTranslations('PaymentPlans');
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm">
      <span className="text-muted-foreground">{t('statusLabel')}</span>
      <span className={cn('font-semibold', toneClass(PLAN_TONE[plan.status]))} data-testid="plan-status">
        {t(`planStatus.${plan.status}`)}
      </span>
    </span>
  );
}

/** Total, paid, remaining and the card charged, each amount to the minor unit. */
export async function PlanSummary({ plan }: { plan: PaymentPlan }) {
  const [t, locale] = await Promise.all([getTranslations('PaymentPlans'), getLocale()]);
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: plan.currency }, locale);
  const rows: [string, string, string][] = [
    [t('total'), money(plan.totalMinor), 'plan-total'],
    [t('paid'), money(plan.paidMinor), 'plan-paid'],
    [t('remaining'), money(remainingMinor(plan)), 'plan-remaining'],
    [
      t('card'),
      !plan.method.saved
        ? t('noCardYet')
        : plan.method.last4
          ? t('cardEnding', { last4: plan.method.last4 })
          : plan.method.kind === 'stripe'
            ? t('stripeCard')
            : t('savedCard'),
      'plan-card',
    ],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
      {rows.map(([label, value, testId]) => (
        <div key={testId} className="space-y-0.5">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="font-semibold tabular-nums" data-testid={testId}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Every instalment: when it is due, how much, and where it stands (paid when, or declined and when
 * the next try is). Times in the studio's zone.
 */
export async function PlanSchedule({ plan, timeZone }: { plan: PaymentPlan; timeZone: string }) {
  const [t, locale] = await Promise.all([getTranslations('PaymentPlans'), getLocale()]);
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: plan.currency }, locale);
  const count = plan.instalments.length;
  const caption = t('scheduleCaption', { count });
  return (
    <section
      className="relative overflow-x-auto"
      aria-label={caption}
      // A phone may scroll the table sideways: focusable, so a keyboard can scroll it too.
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
      tabIndex={0}
    >
      <table className="w-full text-sm" data-testid="plan-schedule">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-left text-muted-foreground">
          <tr>
            <th scope="col" className="py-2 pe-3 font-medium">
              {t('instalment')}
            </th>
            <th scope="col" className="py-2 pe-3 font-medium">
              {t('due')}
            </th>
            <th scope="col" className="py-2 pe-3 text-end font-medium">
              {t('amount')}
            </th>
            <th scope="col" className="py-2 font-medium">
              {t('state')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {plan.instalments.map((instalment) => (
            <tr
              key={instalment.id}
              data-testid="plan-instalment"
              data-seq={instalment.seq}
              data-status={instalment.status}
            >
              <th scope="row" className="py-2 pe-3 text-start font-medium whitespace-nowrap">
                {t('seqOf', { seq: instalment.seq, count })}
              </th>
              <td className="py-2 pe-3 whitespace-nowrap">
                {formatDate(instalment.dueAt, locale, timeZone)}
              </td>
              <td className="py-2 pe-3 text-end tabular-nums" data-testid="instalment-amount">
                {money(instalment.amountMinor)}
              </td>
              <td className="py-2">
                <span
                  className={cn('font-medium', toneClass(INSTALMENT_TONE[instalment.status]))}
                  data-testid="instalment-status"
                >
                  {instalment.awaitingAuthentication
                    ? t('instalmentState.authenticating')
                    : t(`instalmentState.${instalment.status}`)}
                </span>
                {instalment.awaitingAuthentication && instalment.nextAttemptAt ? (
                  <span className="block" data-testid="instalment-confirm-by">
                    {t('confirmBy', { when: formatDateTime(instalment.nextAttemptAt, locale, timeZone) })}
                  </span>
                ) : null}
                {instalment.status === 'paid' && instalment.paidAt ? (
                  <span className="block text-muted-foreground">
                    {t('paidOn', { when: formatDateTime(instalment.paidAt, locale, timeZone) })}
                  </span>
                ) : null}
                {instalment.status === 'retrying' && instalment.nextAttemptAt ? (
                  <span className="block" data-testid="instalment-next-try">
                    {t('nextTry', { when: formatDateTime(instalment.nextAttemptAt, locale, timeZone) })}
                  </span>
                ) : null}
                {/* Why the last charge failed, while that is where the instalment stands (not under a
                    new charge that waits for the bank's check). */}
                {instalment.lastError &&
                (instalment.status === 'retrying' || instalment.status === 'failed') ? (
                  <span className="block text-muted-foreground" data-testid="instalment-error">
                    {instalment.lastError}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
