import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database, Tx } from '../db/index.js';
import type { JobContext, Queue, RetryPolicy } from '../queue/index.js';
import { deadLetters, eventReceipts, outboxEvents } from './events.tables.js';
import { type DomainEvent, toDomainEvent } from './outbox.js';

/**
 * A subscriber: a named handler for one event type. The name is part of the queue name and of the
 * receipt key, so renaming a handler means it will see old events again: choose names to last.
 */
export interface EventHandler {
  name: string;
  eventType: string;
  /**
   * Runs inside a transaction that also records the receipt, so its database effects happen once. For a
   * studio's event the transaction is scoped to that studio (RLS applies, as in a request).
   */
  handle(event: DomainEvent, tx: Tx): Promise<void>;
  retry?: RetryPolicy;
}

interface EventJob {
  event: DomainEvent;
}

const queueName = (handler: string) => `event.${handler}`;

export interface EventBus {
  subscribe(handler: EventHandler): void;
  /** Declares queues and starts workers for every subscriber, then the dispatcher loop. */
  start(options?: { pollIntervalMs?: number }): Promise<void>;
  /** Moves up to `batchSize` committed, unpublished events onto the queue; returns how many. */
  dispatchPending(batchSize?: number): Promise<number>;
  stop(): Promise<void>;
}

export function createEventBus({
  database,
  queue,
  logger,
}: {
  database: Database;
  queue: Queue;
  logger: Logger;
}): EventBus {
  const handlers: EventHandler[] = [];
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const dispatchPending = async (batchSize = 100): Promise<number> =>
    database.transaction(async (tx) => {
      // SKIP LOCKED lets several dispatchers (replicas) share the outbox without double-publishing.
      const pending = await tx
        .select()
        .from(outboxEvents)
        .where(isNull(outboxEvents.publishedAt))
        .orderBy(asc(outboxEvents.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (pending.length === 0) return 0;
      for (const row of pending) {
        const event = toDomainEvent(row);
        for (const handler of handlers.filter((h) => h.eventType === row.type)) {
          // Enqueued in this same transaction: the job exists exactly when the event is marked published.
          await queue.send<EventJob>(
            queueName(handler.name),
            { event },
            { tx, singletonKey: `${handler.name}:${row.id}` },
          );
        }
      }
      await tx
        .update(outboxEvents)
        .set({ publishedAt: new Date() })
        .where(
          inArray(
            outboxEvents.id,
            pending.map((row) => row.id),
          ),
        );
      return pending.length;
    });

  const runHandler = (handler: EventHandler) => async (data: EventJob, job: JobContext) => {
    try {
      const { studioId } = data.event;
      const inTransaction = <T>(fn: (tx: Tx) => Promise<T>) =>
        studioId ? database.withStudio(studioId, fn) : database.transaction(fn);
      await inTransaction(async (tx) => {
        const claimed = await tx
          .insert(eventReceipts)
          .values({ handler: handler.name, eventId: data.event.id })
          .onConflictDoNothing()
          .returning({ eventId: eventReceipts.eventId });
        // Already handled by an earlier delivery (at-least-once): nothing to do.
        if (claimed.length === 0) return;
        await handler.handle(data.event, tx);
      });
    } catch (error) {
      if (job.retryCount >= job.retryLimit) {
        logger.error({ err: error, handler: handler.name, eventId: data.event.id }, 'event handler gave up');
        await database.db.insert(deadLetters).values({
          queue: queueName(handler.name),
          jobId: job.id,
          eventId: data.event.id,
          payload: data,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          attempts: job.retryCount + 1,
        });
      }
      throw error;
    }
  };

  const loop = async (interval: number) => {
    if (stopped) return;
    try {
      // Drain quickly after a burst, then idle at the poll interval.
      const moved = await dispatchPending();
      timer = setTimeout(() => void loop(interval), moved > 0 ? 0 : interval);
    } catch (error) {
      logger.error({ err: error }, 'outbox dispatch failed');
      timer = setTimeout(() => void loop(interval), interval * 4);
    }
  };

  return {
    subscribe: (handler) => {
      if (handlers.some((h) => h.name === handler.name))
        throw new Error(`Duplicate event handler ${handler.name}`);
      handlers.push(handler);
    },
    start: async (options = {}) => {
      stopped = false;
      for (const handler of handlers) {
        await queue.declare(queueName(handler.name), handler.retry);
        await queue.work<EventJob>(queueName(handler.name), runHandler(handler));
      }
      void loop(options.pollIntervalMs ?? 500);
    },
    dispatchPending,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** Whether a handler has already processed an event (for tests and the admin's event view). */
export async function hasReceipt(database: Database, handler: string, eventId: string): Promise<boolean> {
  const rows = await database.db
    .select({ eventId: eventReceipts.eventId })
    .from(eventReceipts)
    .where(and(eq(eventReceipts.handler, handler), eq(eventReceipts.eventId, eventId)));
  return rows.length > 0;
}
