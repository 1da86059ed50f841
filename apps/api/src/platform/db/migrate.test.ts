import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { openDatabase, selectRows } from './client.js';
import { migrate } from './migrate.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.destroy());

  it('are recorded once and re-running them changes nothing', async () => {
    const count = async () =>
      (
        await selectRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        )
      )[0]?.n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await migrate(database);
    expect(await count()).toBe(before);
  });

  // Replicas racing to migrate exist only with a shared server; PGlite is one process by construction.
  if (loadConfig({ ...process.env, NODE_ENV: 'test' }).databaseUrl) {
    it('let several replicas boot at once on one Postgres (advisory lock) without failing', async () => {
      const { engine } = database;
      if (engine.kind !== 'postgres') throw new Error('expected Postgres');
      const replicas = await Promise.all(
        [1, 2, 3].map(() => openDatabase({ databaseUrl: engine.connectionString, poolSize: 2 })),
      );
      try {
        await Promise.all(replicas.map((replica) => migrate(replica)));
      } finally {
        await Promise.all(replicas.map((replica) => replica.close()));
      }
      await expect(database.ping()).resolves.toBeUndefined();
    });
  }
});
