import { sql } from 'drizzle-orm';
import { fromDrizzle } from 'pg-boss';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../db/index.js';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { createQueue, type Queue } from './index.js';
import { grantSendOnly } from './queue.grants.js';

const STUDIO = '01900000-0000-7000-8000-0000000000aa';

/** The error a statement run as the app role (in a studio transaction) fails with, or null. */
async function failureAsApp(database: TestDatabase, statement: string): Promise<string | null> {
  try {
    await database.withStudio(STUDIO, (tx: Tx) => tx.execute(sql.raw(statement)));
    return null;
  } catch (error) {
    // Drizzle wraps the driver's error ("Failed query: ..."); the reason is in the cause.
    const messages: string[] = [];
    for (let current: unknown = error; current instanceof Error; current = current.cause)
      messages.push(current.message);
    return messages.join(' <- ');
  }
}

describe('queue', () => {
  let database: TestDatabase;
  let queue: Queue;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = createQueue({ database, logger: pino({ level: 'silent' }), schedule: false });
    await queue.start();
    await queue.declare('test.in-studio');
    await queue.declare('test.singleton');
    await queue.declare('test.later');
  });

  afterAll(async () => {
    await queue.stop(1000);
    await database.destroy();
  });

  it('enqueues inside a studio transaction (the restricted app role), and only if it commits', async () => {
    const id = await database.withStudio(STUDIO, (tx) => queue.send('test.in-studio', { n: 1 }, { tx }));
    expect(id).toEqual(expect.any(String));
    await expect(
      database.withStudio(STUDIO, async (tx) => {
        await queue.send('test.in-studio', { n: 2 }, { tx });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const jobs = await queue.boss.findJobs('test.in-studio');
    expect(jobs.map((job) => (job.data as { n: number }).n)).toEqual([1]);
  });

  it('sends keyed, throttled and delayed jobs as the app role (ON CONFLICT DO NOTHING, start_after)', async () => {
    const keyed = await database.withStudio(STUDIO, (tx) =>
      queue.send('test.singleton', { n: 1 }, { tx, singletonKey: 'key-1' }),
    );
    expect(keyed).toEqual(expect.any(String));
    // A throttled send (singletonSeconds) that collides is skipped by ON CONFLICT DO NOTHING: no error,
    // no second job. The wrapper has no option for it; pg-boss's own call shows the grants suffice.
    const throttled = (n: number) =>
      database.withStudio(STUDIO, (tx) =>
        queue.boss.sendThrottled(
          'test.singleton',
          { n },
          { db: fromDrizzle(tx as never, sql as never) },
          3600,
          'throttle',
        ),
      );
    expect(await throttled(2)).toEqual(expect.any(String));
    expect(await throttled(3)).toBeNull();
    const sent = (await queue.boss.findJobs('test.singleton')).map((job) => (job.data as { n: number }).n);
    expect(sent.sort()).toEqual([1, 2]);

    const later = await database.withStudio(STUDIO, (tx) =>
      queue.send('test.later', { n: 3 }, { tx, startAfterSeconds: 3600 }),
    );
    const job = await queue.boss.getJobById('test.later', later as string);
    expect(new Date(job?.startAfter as Date).getTime() - Date.now()).toBeGreaterThan(3500_000);
  });

  it('lets the app role enqueue and nothing else: no reading, changing or deleting jobs', async () => {
    for (const statement of [
      'select data from pgboss.job',
      'select data from pgboss.job_common',
      'select * from pgboss.job_common',
      "update pgboss.job_common set data = '{}'",
      'delete from pgboss.job_common',
      'select * from pgboss.schedule',
      "insert into pgboss.schedule (name, cron, timezone) values ('test.in-studio', '* * * * *', 'UTC')",
      "select pgboss.delete_queue('test.in-studio')",
    ]) {
      expect(await failureAsApp(database, statement), statement).toMatch(/permission denied/);
    }
    // The owner (pg-boss, workers) still sees everything.
    const { rows } = (await database.db.execute(
      sql`select count(*)::int as n from pgboss.job where name = 'test.in-studio'`,
    )) as unknown as { rows: { n: number }[] };
    expect(rows[0]?.n).toBe(1);
  });

  it('takes back the broad grants of earlier versions on start', async () => {
    for (const statement of [
      'grant select, insert, update on all tables in schema pgboss to atelier_app',
      'alter default privileges in schema pgboss grant select, insert, update on tables to atelier_app',
    ])
      await database.db.execute(sql.raw(statement));
    expect(await failureAsApp(database, 'select data from pgboss.job')).toBeNull();
    await grantSendOnly(database);
    expect(await failureAsApp(database, 'select data from pgboss.job')).toMatch(/permission denied/);
    expect(await failureAsApp(database, 'update pgboss.queue set retry_limit = 0')).toMatch(
      /permission denied/,
    );
    await database.withStudio(STUDIO, (tx) => queue.send('test.in-studio', { n: 4 }, { tx }));
  });

  it('grants a partitioned queue its own table when it is declared', async () => {
    await queue.boss.createQueue('test.partitioned', { partition: true });
    await queue.declare('test.partitioned');
    const id = await database.withStudio(STUDIO, (tx) => queue.send('test.partitioned', { n: 5 }, { tx }));
    expect(id).toEqual(expect.any(String));
    const table = (await queue.boss.getQueue('test.partitioned'))?.table as string;
    expect(table).not.toBe('job_common');
    expect(await failureAsApp(database, `select data from pgboss."${table}"`)).toMatch(/permission denied/);
  });
});
