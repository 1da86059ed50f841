import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app.js';
import { type Config, testConfig } from './config.js';
import { type Cache, createCache } from './platform/cache/index.js';
import { createTestDatabase, type TestDatabase } from './platform/db/testing.js';
import { createMailer, type Mailer } from './platform/mailer/index.js';
import { createQueue, type Queue } from './platform/queue/index.js';
import { createStorage, type Storage } from './platform/storage/index.js';

// Acting as a person in route tests: requests with their cookies, and a studio opened through the API.
export {
  type CookieJar,
  type Method,
  openStudio,
  type Requester,
  requestAs,
  type Who,
} from './testing/requests.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  database: TestDatabase;
  cache: Cache;
  storage: Storage;
  mailer: Mailer;
  queue: Queue;
  close(): Promise<void>;
}

/**
 * The whole API on a fresh database (PGlite, or Postgres when DATABASE_URL is set), for `app.inject`.
 * `prepare` may add routes or swap dependencies before the app is ready.
 */
export async function buildTestApp(
  options: {
    config?: Partial<Config>;
    storage?: (storage: Storage) => Storage;
    prepare?: (app: FastifyInstance) => void | Promise<void>;
  } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'atelier-test-'));
  const config = testConfig({ dataDir, ...options.config });
  const database = await createTestDatabase();
  const cache = createCache({
    redisUrl: config.redisUrl,
    keyPrefix: `atelier-test:${path.basename(dataDir)}:`,
  });
  const baseStorage = createStorage(config);
  const storage = options.storage ? options.storage(baseStorage) : baseStorage;
  const mailer = createMailer({ config, database });
  const queue = createQueue({ database, logger: pino({ level: 'silent' }), schedule: false });
  await queue.start();
  const app = await buildApp({ config, database, cache, storage, mailer, queue });
  await options.prepare?.(app);
  await app.ready();
  return {
    app,
    config,
    database,
    cache,
    storage,
    mailer,
    queue,
    close: async () => {
      await app.close();
      await queue.stop(1000);
      await mailer.close();
      await cache.close();
      await database.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
