import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, type JobResult, type JobWithMetadata, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database, Tx } from '../db/index.js';
import { grantSendOnly, jobTableGrant } from './queue.grants.js';

/** How a failing job is retried before it becomes a dead letter. */
export interface RetryPolicy {
  retryLimit: number;
  /** Seconds before the first retry; doubled each time (with jitter) when backoff is on. */
  retryDelay: number;
  retryBackoff: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = { retryLimit: 5, retryDelay: 2, retryBackoff: true };

export interface JobContext {
  id: string;
  /** 0 on the first run. */
  retryCount: number;
  retryLimit: number;
  signal: AbortSignal;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

export interface Queue {
  /** pg-boss itself, for the rare need the wrapper does not cover. */
  readonly boss: PgBoss;
  start(): Promise<void>;
  /** Declares a queue (idempotent). Jobs sent to an undeclared queue are refused by pg-boss. */
  declare(name: string, retry?: RetryPolicy): Promise<void>;
  /** Enqueues a job; with `tx`, inside that transaction, so it exists only if the transaction commits. */
  send<T extends object>(
    name: string,
    data: T,
    options?: { tx?: Tx; singletonKey?: string; startAfterSeconds?: number },
  ): Promise<string | null>;
  work<T>(
    name: string,
    handler: JobHandler<T>,
    options?: { concurrency?: number; pollingIntervalSeconds?: number },
  ): Promise<void>;
  /** Runs `name` on a cron schedule in the given time zone; `handler` does the work. */
  schedule<T extends object>(
    name: string,
    cron: string,
    handler: JobHandler<T>,
    options?: { tz?: string; data?: T },
  ): Promise<void>;
  ping(): Promise<void>;
  /** Stops fetching; waits up to timeoutMs for running jobs, whose unfinished work pg-boss returns to the queue. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * pg-boss on the same database as the app: natively on Postgres, and on PGlite through pg-boss's own
 * PGlite adapter (one in-process connection shared with the app; PGlite serialises the two).
 */
export function createQueue({
  database,
  logger,
  schedule = true,
}: {
  database: Database;
  logger: Logger;
  schedule?: boolean;
}): Queue {
  const { engine } = database;
  const boss =
    engine.kind === 'pglite'
      ? new PgBoss({
          db: fromPglite(engine.pglite),
          backend: 'pglite',
          schema: 'pgboss',
          schedule,
          useListenNotify: true,
        })
      : new PgBoss({
          connectionString: engine.connectionString,
          schema: 'pgboss',
          max: 4,
          schedule,
          useListenNotify: true,
        });
  boss.on('error', (error) => logger.error({ err: error }, 'queue error'));

  const declared = new Set<string>();
  /** Job tables the app role may insert into (queue.grants.ts); filled by start(). */
  const grantedTables = new Set<string>();
  const declare = async (name: string, retry: RetryPolicy = DEFAULT_RETRY) => {
    if (declared.has(name)) return;
    let queue = await boss.getQueue(name);
    if (!queue) {
      // notify: a new job wakes its worker at once (LISTEN/NOTIFY) instead of waiting for the next poll.
      await boss.createQueue(name, { ...retry, notify: true }).catch(async (error: unknown) => {
        // Another replica may have created it between our check and our create.
        if (!(await boss.getQueue(name))) throw error;
      });
      queue = await boss.getQueue(name);
    }
    // A queue with its own (partition) table: let studio transactions enqueue into it too.
    if (queue && !grantedTables.has(queue.table)) {
      await database.db.execute(sql.raw(jobTableGrant(queue.table)));
      grantedTables.add(queue.table);
    }
    // pg-boss looks a queue up in its own cache on send, and a cache miss queries on its own connection.
    // On PGlite (one connection) that query would wait forever behind a caller's open transaction, so
    // fill the cache now, outside any transaction. Queues used inside transactions must be declared
    // before use (at startup, by the module that owns them).
    await boss.getJobById(name, '00000000-0000-0000-0000-000000000000');
    declared.add(name);
  };

  const work: Queue['work'] = async (name, handler, options = {}) => {
    await declare(name);
    await boss.work(
      name,
      {
        includeMetadata: true,
        // Fetch up to 10 at a time and keep fetching while batches come back full, so a backlog
        // (say, after a restart) drains at once instead of one job per polling interval.
        batchSize: 10,
        burstWhenBatchFull: true,
        // Each job succeeds or fails on its own: one bad job must not retry its neighbours.
        perJobResults: true,
        localConcurrency: options.concurrency ?? 1,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
        // New jobs arrive by NOTIFY, but retries coming due do not: keep polling often enough for them.
        notifyPollingIntervalSeconds: Math.max(2, options.pollingIntervalSeconds ?? 1),
      },
      async (jobs: JobWithMetadata<object>[]) => {
        const results: JobResult[] = [];
        for (const job of jobs) {
          try {
            await handler(job.data as never, {
              id: job.id,
              retryCount: job.retryCount,
              retryLimit: job.retryLimit,
              signal: job.signal,
            });
            results.push({ id: job.id, status: 'completed' });
          } catch (error) {
            logger.warn(
              { err: error, queue: name, jobId: job.id, attempt: job.retryCount + 1 },
              'job failed',
            );
            const message = error instanceof Error ? error.message : String(error);
            results.push({ id: job.id, status: 'failed', output: { message } });
          }
        }
        return results;
      },
    );
  };

  return {
    boss,
    start: async () => {
      await boss.start();
      // Studio transactions (the restricted app role) enqueue with queue.send({ tx }): they may insert
      // jobs and nothing more, never read other studios' payloads (pg-boss itself runs as the owner).
      for (const table of await grantSendOnly(database)) grantedTables.add(table);
    },
    declare,
    send: async (name, data, options = {}) => {
      if (options.tx && !declared.has(name)) {
        // Declaring queries outside the caller's transaction, which on PGlite waits for it: a deadlock.
        throw new Error(
          `queue "${name}" must be declared (queue.declare) before sending inside a transaction`,
        );
      }
      await declare(name);
      return boss.send(name, data, {
        ...(options.tx ? { db: fromDrizzle(options.tx as never, sql as never) } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      });
    },
    work,
    schedule: async (name, cron, handler, options = {}) => {
      await declare(name);
      await boss.schedule(name, cron, options.data ?? null, options.tz ? { tz: options.tz } : {});
      await work(name, handler);
    },
    ping: async () => {
      await boss.getQueue('__ping__');
    },
    stop: async (timeoutMs = 10_000) => {
      await boss.stop({ graceful: true, timeout: timeoutMs, close: engine.kind === 'postgres' });
    },
  };
}
