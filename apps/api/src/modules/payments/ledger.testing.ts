import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { uuidv7 } from 'uuidv7';
import { testConfig } from '../../config.js';
import { createCache } from '../../platform/cache/index.js';
import type { UserActor } from '../../platform/context.js';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing.js';
import { createEventBus, type EventBus } from '../../platform/events/index.js';
import { createMailer, getMail, listMail, startMailWorker } from '../../platform/mailer/index.js';
import { createQueue, type Queue } from '../../platform/queue/index.js';
import { createStorage } from '../../platform/storage/index.js';
import { createStudiosService, type StudiosService } from '../studios/index.js';
import { createPaymentsService, type PaymentsService } from './payments.service.js';
import { planEventHandlers } from './plans.jobs.js';
import { createPlansService, type PlansService } from './plans.service.js';
import { walletEventHandlers } from './wallet.service.js';

/**
 * The real pieces the wallet and plan tests run on: a PGlite database, the queue, the event bus with
 * this module's handlers, the payments service (sandbox on) and the mail worker. No stand-ins.
 */
export interface LedgerWorld {
  database: TestDatabase;
  queue: Queue;
  bus: EventBus;
  studios: StudiosService;
  payments: PaymentsService;
  plans: PlansService;
  /** The plans service's clock; tests move it. */
  clock: { now: Date };
  close(): Promise<void>;
}

export const PUBLIC_URL = 'http://atelier.test';

export async function createLedgerWorld(): Promise<LedgerWorld> {
  const database = await createTestDatabase();
  const logger = pino({ level: 'silent' });
  const queue = createQueue({ database, logger, schedule: false });
  await queue.start();
  const cache = createCache({ redisUrl: undefined, keyPrefix: `ledger-${uuidv7()}:` });
  const mailer = createMailer({
    config: { smtpUrl: undefined, mailFrom: 'Atelier <mail@atelier.test>' },
    database,
  });
  const studios = createStudiosService({ database, cache, mailer, publicUrl: PUBLIC_URL });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-'));
  const storage = createStorage(testConfig({ dataDir }));
  const payments = createPaymentsService({ database, storage, appSecret: 'x'.repeat(32), sandbox: true });
  const clock = { now: new Date('2026-03-01T03:00:00Z') };
  const plans = createPlansService({ database, payments, studios, clock: () => clock.now });
  const bus = createEventBus({ database, queue, logger });
  for (const handler of walletEventHandlers({ queue, publicUrl: PUBLIC_URL })) bus.subscribe(handler);
  for (const handler of planEventHandlers({ plans, queue, publicUrl: PUBLIC_URL })) bus.subscribe(handler);
  await bus.start({ pollIntervalMs: 50 });
  await startMailWorker(queue, mailer, { work: true });
  return {
    database,
    queue,
    bus,
    studios,
    payments,
    plans,
    clock,
    close: async () => {
      await bus.stop();
      await queue.stop(1000);
      await cache.close();
      await database.destroy();
    },
  };
}

export function person(name: string): UserActor {
  const handle = name.toLowerCase().replaceAll(' ', '.');
  return {
    kind: 'user',
    userId: uuidv7(),
    email: `${handle}@example.com`,
    name,
    platformRole: 'user',
    sessionId: uuidv7(),
  };
}

/** Waits (polling) until check passes: events and mail travel through the real queue. */
export async function until<T>(
  check: () => Promise<T>,
  timeoutMs = 20_000,
): Promise<Exclude<NonNullable<T>, false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Exclude<NonNullable<T>, false>;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Messages sent to an address, full text included. */
export async function mailTo(database: TestDatabase, address: string) {
  const page = await listMail(database, { limit: 100 });
  const mine = page.items.filter((m) => m.toAddress === address);
  return Promise.all(mine.map((m) => getMail(database, m.id)));
}
