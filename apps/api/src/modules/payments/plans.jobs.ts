import type { Tx } from '../../platform/db/index.js';
import type { DomainEvent, EventHandler } from '../../platform/events/index.js';
import { formatMoney, queueMail } from '../../platform/mailer/index.js';
import type { Queue } from '../../platform/queue/index.js';
import type { PaymentEventPayload } from './payments.types.js';
import { instalmentFailed, instalmentReminder, planFailedStudio } from './plans.mail.js';
import type { PlansService } from './plans.service.js';
import { asLocale, formatDate, ownerEmails, studioMailInfo, studioMessage } from './wallet.mail.js';

/** The cron job that charges due instalments and sends reminders: every minute, on worker processes. */
export const PLANS_JOB = 'payments.plans.run-due';

export async function schedulePlanJobs(queue: Queue, plans: PlansService): Promise<void> {
  await queue.schedule(PLANS_JOB, '* * * * *', async () => {
    await plans.runDueInstalments(new Date());
  });
}

interface InstalmentEvent {
  planId: string;
  seq: number;
  count: number;
  amountMinor: number;
  currency: string;
  email: string;
  locale: string;
}

/** Settles instalment payments from payment events, and sends the plans' emails. */
export function planEventHandlers({
  plans,
  queue,
  publicUrl,
}: {
  plans: PlansService;
  queue: Queue;
  publicUrl: string;
}): EventHandler[] {
  const settle =
    (outcome: 'succeeded' | 'failed') =>
    async (event: DomainEvent, tx: Tx): Promise<void> => {
      const payload = event.payload as PaymentEventPayload;
      if (!payload.planInstalmentId || !event.studioId) return;
      const reason = typeof payload.failureReason === 'string' ? payload.failureReason : null;
      await plans.settleAttempt(tx, event.studioId, payload.paymentId, outcome, reason);
    };
  const planUrl = (slug: string, planId: string) => `${publicUrl}/${slug}/portal/payment-plans/${planId}`;

  return [
    {
      name: 'payments.plans.settle-succeeded',
      eventType: 'payments.payment.succeeded',
      handle: settle('succeeded'),
    },
    { name: 'payments.plans.settle-failed', eventType: 'payments.payment.failed', handle: settle('failed') },
    {
      // A Stripe call inside this handler's own transaction (not the settlement's): Stripe slow or down
      // delays only the digits, and the bus retries the handler.
      name: 'payments.plans.card-digits',
      eventType: 'payments.plan.card_kept',
      handle: async (event, tx) => {
        const { planId, paymentMethodId } = event.payload as { planId: string; paymentMethodId: string };
        await plans.fillCardDigits(tx, planId, paymentMethodId);
      },
    },
    {
      name: 'payments.plans.mail-reminder',
      eventType: 'payments.plan.instalment_reminder',
      handle: async (event, tx) => {
        const p = event.payload as unknown as InstalmentEvent & {
          dueAt: string;
          method: { kind: string; last4: string | null };
        };
        const studio = await studioMailInfo(tx, event.studioId!);
        const locale = asLocale(p.locale);
        await queueMail(
          queue,
          tx,
          studioMessage(
            instalmentReminder,
            {
              locale,
              studioName: studio.name,
              seq: p.seq,
              count: p.count,
              amount: formatMoney(p.amountMinor, p.currency, locale),
              dueDate: formatDate(new Date(p.dueAt), locale, studio.timezone),
              method: p.method.last4 ? `card ending ${p.method.last4}` : null,
              url: planUrl(studio.slug, p.planId),
            },
            p.email,
            event.studioId!,
            studio,
          ),
        );
      },
    },
    {
      name: 'payments.plans.mail-failed',
      eventType: 'payments.plan.instalment_failed',
      handle: async (event, tx) => {
        const p = event.payload as unknown as InstalmentEvent & { reason: string; nextAttemptAt: string };
        const studio = await studioMailInfo(tx, event.studioId!);
        const locale = asLocale(p.locale);
        await queueMail(
          queue,
          tx,
          studioMessage(
            instalmentFailed,
            {
              locale,
              studioName: studio.name,
              seq: p.seq,
              count: p.count,
              amount: formatMoney(p.amountMinor, p.currency, locale),
              reason: p.reason,
              nextAttempt: formatDate(new Date(p.nextAttemptAt), locale, studio.timezone),
              url: planUrl(studio.slug, p.planId),
            },
            p.email,
            event.studioId!,
            studio,
          ),
        );
      },
    },
    {
      // The last failure: the client hears it was the last try, the owners that the plan stopped.
      name: 'payments.plans.mail-plan-failed',
      eventType: 'payments.plan.failed',
      handle: async (event, tx) => {
        const p = event.payload as unknown as InstalmentEvent & {
          reason: string;
          paidMinor: number;
          totalMinor: number;
          payableType: string;
          payableId: string;
        };
        const studioId = event.studioId!;
        const studio = await studioMailInfo(tx, studioId);
        const clientLocale = asLocale(p.locale);
        await queueMail(
          queue,
          tx,
          studioMessage(
            instalmentFailed,
            {
              locale: clientLocale,
              studioName: studio.name,
              seq: p.seq,
              count: p.count,
              amount: formatMoney(p.amountMinor, p.currency, clientLocale),
              reason: p.reason,
              nextAttempt: null,
              url: planUrl(studio.slug, p.planId),
            },
            p.email,
            studioId,
            studio,
          ),
        );
        const locale = studio.locale;
        for (const owner of await ownerEmails(tx, studioId)) {
          await queueMail(
            queue,
            tx,
            studioMessage(
              planFailedStudio,
              {
                locale,
                studioName: studio.name,
                clientEmail: p.email,
                paid: formatMoney(p.paidMinor, p.currency, locale),
                total: formatMoney(p.totalMinor, p.currency, locale),
                seq: p.seq,
                count: p.count,
                reason: p.reason,
                url: `${publicUrl}/${studio.slug}/admin/${p.payableType === 'order' ? `orders/${p.payableId}` : 'payments'}`,
              },
              owner,
              studioId,
              studio,
            ),
          );
        }
      },
    },
  ];
}
