import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { createQueue, type Queue } from '../queue/index.js';
import { deadLetters, outboxEvents } from './events.tables.js';
import { createEventBus, type DomainEvent, type EventBus, emit } from './index.js';

const logger = pino({ level: 'silent' });

async function until(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
}

describe('outbox and event delivery', () => {
  let database: TestDatabase;
  let queue: Queue;
  let bus: EventBus;
  const seen: DomainEvent[] = [];
  let flakyCalls = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = createQueue({ database, logger, schedule: false });
    await queue.start();
    bus = createEventBus({ database, queue, logger });
    bus.subscribe({
      name: 'test.recorder',
      eventType: 'test.thing.happened',
      handle: async (event) => void seen.push(event),
    });
    bus.subscribe({
      name: 'test.flaky',
      eventType: 'test.flaky.happened',
      retry: { retryLimit: 2, retryDelay: 1, retryBackoff: false },
      handle: async () => {
        flakyCalls++;
        throw new Error('the print lab is down');
      },
    });
    await bus.start({ pollIntervalMs: 100 });
  });

  afterAll(async () => {
    await bus.stop();
    await queue.stop(1000);
    await database.destroy();
  });

  it('delivers an event committed with its change exactly once to each subscriber', async () => {
    const id = await database.transaction((tx) =>
      emit(tx, { type: 'test.thing.happened', studioId: null, payload: { n: 1 } }),
    );
    await until(async () => seen.some((event) => event.id === id));
    // A second dispatch pass must not deliver it again.
    await bus.dispatchPending();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(seen.filter((event) => event.id === id)).toHaveLength(1);
    expect(seen.find((event) => event.id === id)?.payload).toEqual({ n: 1 });
  });

  it('never delivers an event whose transaction rolled back', async () => {
    let emitted = '';
    await expect(
      database.transaction(async (tx) => {
        emitted = await emit(tx, { type: 'test.thing.happened', studioId: null, payload: { n: 2 } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await database.db.select().from(outboxEvents).where(eq(outboxEvents.id, emitted));
    expect(rows).toHaveLength(0);
  });

  it('retries a failing handler, then records a dead letter with the error', async () => {
    const id = await database.transaction((tx) =>
      emit(tx, { type: 'test.flaky.happened', studioId: null, payload: {} }),
    );
    await until(
      async () =>
        (await database.db.select().from(deadLetters).where(eq(deadLetters.eventId, id))).length > 0,
      30_000,
    );
    const [letter] = await database.db.select().from(deadLetters).where(eq(deadLetters.eventId, id));
    expect(letter?.error).toContain('the print lab is down');
    expect(letter?.attempts).toBe(3);
    expect(flakyCalls).toBe(3);
  });
});

describe('cron schedules', () => {
  it('stores a schedule with its time zone and runs its handler when the job comes due', async () => {
    const database = await createTestDatabase();
    const queue = createQueue({ database, logger, schedule: false });
    await queue.start();
    try {
      const runs: string[] = [];
      await queue.schedule(
        'test.nightly-report',
        '0 3 * * *',
        async (data: { kind: string }) => void runs.push(data.kind),
        {
          tz: 'Asia/Bangkok',
          data: { kind: 'nightly' },
        },
      );
      const schedules = await queue.boss.getSchedules();
      expect(schedules).toContainEqual(
        expect.objectContaining({ name: 'test.nightly-report', cron: '0 3 * * *', timezone: 'Asia/Bangkok' }),
      );
      // pg-boss's clock turns a due schedule into a job on this queue; send one to prove the wiring.
      await queue.send('test.nightly-report', { kind: 'nightly' });
      await until(async () => runs.length === 1);
    } finally {
      await queue.stop(1000);
      await database.destroy();
    }
  });
});
