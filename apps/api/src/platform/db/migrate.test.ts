import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { openDatabase, selectRows } from './client.js';
import { migrate, withBootLock } from './migrate.js';
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

  it('builds every GIN index without a pending list (GIN_WITH: no search reads through unmerged entries)', async () => {
    const indexes = await selectRows<{ name: string; options: string[] | null }>(
      database.db,
      sql`
      select c.relname as name, c.reloptions as options
      from pg_class c
      join pg_am am on am.oid = c.relam
      join pg_namespace n on n.oid = c.relnamespace
      where am.amname = 'gin' and n.nspname = 'public'
      order by c.relname`,
    );
    expect(indexes.map((index) => index.name)).toEqual(
      expect.arrayContaining(['catalog_items_search_idx', 'catalog_search_words_trgm_idx']),
    );
    for (const index of indexes) {
      expect({ index: index.name, options: index.options }).toEqual({
        index: index.name,
        options: expect.arrayContaining(['fastupdate=off']),
      });
    }
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

    it('runs start-up work one replica at a time, and says so when the lock was lost on the way', async () => {
      const lockId = 727_999;
      const spans: [number, number][] = [];
      const work = async () => {
        const start = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 150));
        spans.push([start, performance.now()]);
      };
      await Promise.all([withBootLock(database, lockId, work), withBootLock(database, lockId, work)]);
      const [first, second] = spans.sort((a, b) => a[0] - b[0]);
      expect(second![0]).toBeGreaterThanOrEqual(first![1]);

      // The lock's connection dropped mid-way (a failover, a network cut): no crash, but no silence either.
      const lost = withBootLock(database, lockId, async () => {
        await database.db.execute(
          sql`select pg_terminate_backend(pid) from pg_locks
              where locktype = 'advisory' and objid = ${lockId} and granted`,
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
        return 'done';
      });
      await expect(lost).rejects.toThrow(/Lost the start-up lock 727999/);
    });
  }
});
