import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { createQueue, type Queue } from './index.js';

const STUDIO = '01900000-0000-7000-8000-0000000000aa';

describe('queue', () => {
  let database: TestDatabase;
  let queue: Queue;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = createQueue({ database, logger: pino({ level: 'silent' }), schedule: false });
    await queue.start();
    await queue.declare('test.in-studio');
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
});
