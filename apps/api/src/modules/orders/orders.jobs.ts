import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import type { Queue } from '../../platform/queue/index.js';
import { type OrderLifecycle, orderEventPayload } from './orders.lifecycle.js';
import { orders } from './orders.tables.js';

export const SWEEP_JOB = 'orders.sweep-unpaid';
/** Manual payments (bank transfer, cash, invoice) get this many reminders, spread over the hold. */
const REMINDERS = 2;

/**
 * Cancels unpaid orders whose hold ran out (stock and promo back, once: the lifecycle guards it) and
 * reminds manual payers before that. Finds due orders across studios as the platform role, then works
 * on each inside its own studio's scope; one failing order does not stop the others.
 */
export async function sweepUnpaidOrders(
  deps: { database: Database; lifecycle: OrderLifecycle },
  now: Date = new Date(),
): Promise<{ expired: number; reminded: number }> {
  const { database, lifecycle } = deps;
  const due = await database.db
    .select({ id: orders.id, studioId: orders.studioId })
    .from(orders)
    .where(and(eq(orders.status, 'pending'), lte(orders.holdUntil, now)))
    .limit(500);
  let expired = 0;
  for (const order of due) {
    const done = await database.withStudio(order.studioId, (tx) =>
      lifecycle.expire(
        { studioId: order.studioId, actor: { kind: 'system', reason: SWEEP_JOB }, tx },
        order.id,
        { reason: 'Not paid in time', code: 'not_paid_in_time' },
      ),
    );
    if (done) expired++;
  }
  // Reminder k is due once k/(REMINDERS+1) of the hold has passed.
  const remind = await database.db
    .select({ id: orders.id, studioId: orders.studioId, sent: orders.remindersSent })
    .from(orders)
    .where(
      and(
        eq(orders.status, 'pending'),
        isNotNull(orders.manualMethod),
        sql`${orders.remindersSent} < ${REMINDERS}`,
        sql`${orders.createdAt} + (${orders.holdUntil} - ${orders.createdAt}) * (${orders.remindersSent} + 1) / ${REMINDERS + 1} <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .limit(500);
  let reminded = 0;
  for (const order of remind) {
    await database.withStudio(order.studioId, async (tx) => {
      const [row] = await tx
        .update(orders)
        .set({ remindersSent: order.sent + 1 })
        .where(
          and(eq(orders.id, order.id), eq(orders.remindersSent, order.sent), eq(orders.status, 'pending')),
        )
        .returning();
      if (!row) return;
      await emit(tx, {
        type: 'orders.order.payment_reminder',
        studioId: order.studioId,
        payload: orderEventPayload(row, { reminder: row.remindersSent }),
      });
      reminded++;
    });
  }
  return { expired, reminded };
}

export async function scheduleOrderJobs(
  queue: Queue,
  deps: { database: Database; lifecycle: OrderLifecycle },
) {
  await queue.schedule(SWEEP_JOB, '* * * * *', async () => {
    await sweepUnpaidOrders(deps);
  });
}
