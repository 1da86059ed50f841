import { and, asc, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../platform/db/index.js';
import type { Queue } from '../../platform/queue/index.js';
import type { ProviderRegistry } from './payments.providers.js';
import { payments } from './payments.tables.js';
import { applyOutcome, awaitsAnotherCard, mismatch } from './payments.transitions.js';

export const RECONCILE_JOB = 'payments.reconcile';
/** Every five minutes: a lost webhook costs a client at most that long before their order shows paid. */
export const RECONCILE_CRON = '*/5 * * * *';
export const DEFAULT_RECONCILE_AFTER_MINUTES = 10;

export interface ReconcileResult {
  checked: number;
  converged: number;
}

/**
 * For payments still open at a provider with remote state (Stripe) after `olderThanMinutes`, asks the
 * provider where they stand and applies it: the safety net for a webhook that never arrived or a
 * process killed between Stripe's success and our "paid". Uses the same transitions as the webhook,
 * so running it twice, or alongside a late webhook, changes nothing twice.
 */
export async function reconcilePayments({
  database,
  registry,
  logger,
  olderThanMinutes = DEFAULT_RECONCILE_AFTER_MINUTES,
  limit = 200,
  now = new Date(),
}: {
  database: Database;
  registry: ProviderRegistry;
  logger?: Pick<Logger, 'warn' | 'error'>;
  olderThanMinutes?: number;
  limit?: number;
  now?: Date;
}): Promise<ReconcileResult> {
  const remote = Object.values(registry)
    .filter((provider) => provider?.retrieve)
    .map((provider) => provider!.id);
  if (remote.length === 0) return { checked: 0, converged: 0 };
  const cutoff = new Date(now.getTime() - olderThanMinutes * 60_000);
  // Platform read across studios; each change below runs in its own studio's scope.
  const open = await database.db
    .select({ id: payments.id, studioId: payments.studioId })
    .from(payments)
    .where(
      and(
        inArray(payments.provider, remote),
        inArray(payments.status, ['pending', 'requires_action']),
        isNotNull(payments.providerRef),
        lt(payments.createdAt, cutoff),
      ),
    )
    .orderBy(asc(payments.createdAt))
    .limit(limit);
  let converged = 0;
  for (const { id, studioId } of open) {
    try {
      const changed = await database.withStudio(studioId, async (tx) => {
        const [payment] = await tx.select().from(payments).where(eq(payments.id, id)).for('update');
        if (!payment || !['pending', 'requires_action'].includes(payment.status)) return false;
        const outcome = await registry[payment.provider]!.retrieve!(payment);
        const wrong = mismatch(payment, outcome);
        if (wrong) {
          logger?.error({ paymentId: id, outcome }, `reconciliation found a ${wrong}; left for review`);
          return false;
        }
        // Declined, and the payer may still be on the order page with another card (as the webhook).
        if (awaitsAnotherCard(payment, outcome)) return false;
        const after = await applyOutcome(tx, payment, outcome);
        return after.status !== payment.status;
      });
      if (changed) converged++;
    } catch (error) {
      // One unreachable payment must not stop the rest; the next run tries it again.
      logger?.warn({ err: error, paymentId: id }, 'reconciliation could not check a payment');
    }
  }
  return { checked: open.length, converged };
}

/** Declares the reconciliation schedule (fires only in processes that run workers). */
export async function registerPaymentsJobs(
  queue: Queue,
  deps: { database: Database; registry: ProviderRegistry; logger?: Pick<Logger, 'warn' | 'error'> },
): Promise<void> {
  await queue.schedule(RECONCILE_JOB, RECONCILE_CRON, async () => {
    await reconcilePayments(deps);
  });
}
