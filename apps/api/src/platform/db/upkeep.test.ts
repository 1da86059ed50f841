import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from './client.js';
import { createTestDatabase, type TestDatabase } from './testing.js';
import { upkeepWhereDue } from './upkeep.js';

describe('database upkeep (autovacuum for PGlite)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.destroy());

  /** Runs writes and makes their statistics visible at commit (as they would be a moment later). */
  const write = (...statements: string[]) =>
    database.transaction(async (tx) => {
      for (const statement of statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`select pg_stat_force_next_flush()`);
    });
  const activity = async (table: string) =>
    (
      await selectRows<{ dead: number; vacuumed: boolean; analyzed: boolean }>(
        database.db,
        sql`select n_dead_tup::int as dead, last_vacuum is not null as vacuumed,
          last_analyze is not null as analyzed
        from pg_stat_user_tables where relname = ${table}`,
      )
    )[0];

  it('vacuums a table with many dead rows, analyzes one that changed enough, and leaves quiet ones', async () => {
    // Autovacuum off on these tables, so on Postgres only the upkeep can have done what is checked.
    for (const table of ['upkeep_churned', 'upkeep_changed', 'upkeep_quiet'])
      await database.db.execute(
        sql.raw(`create table ${table} (id int primary key, v int) with (autovacuum_enabled = false)`),
      );
    await write(
      'insert into upkeep_changed select g, 0 from generate_series(1, 100) g',
      'insert into upkeep_quiet select g, 0 from generate_series(1, 100) g',
    );
    // Counted once, as autovacuum would have: 100 rows each, changes since then start from zero.
    await database.db.execute(sql`analyze upkeep_changed, upkeep_quiet`);
    await write(
      'insert into upkeep_churned select g, 0 from generate_series(1, 2000) g',
      'update upkeep_churned set v = 1 where id <= 1000',
      // 65 changed of 100: past the analyze threshold (50 + 10 %), under the vacuum one (50 + 20 %).
      'update upkeep_changed set v = 1 where id <= 65',
      'update upkeep_quiet set v = 1 where id <= 5',
    );
    expect((await activity('upkeep_churned'))?.dead).toBe(1000);

    const done = await upkeepWhereDue(database);
    const work = (table: string) => done.find((entry) => entry.table === `public.${table}`);
    expect(work('upkeep_churned')).toMatchObject({ work: 'vacuum' });
    expect(work('upkeep_changed')).toMatchObject({ work: 'analyze' });
    expect(work('upkeep_quiet')).toBeUndefined();
    expect(done.filter((entry) => entry.error)).toEqual([]);

    expect(await activity('upkeep_churned')).toEqual({ dead: 0, vacuumed: true, analyzed: true });
    expect(await activity('upkeep_changed')).toMatchObject({ vacuumed: false, analyzed: true });
    expect(await activity('upkeep_quiet')).toMatchObject({ dead: 5, vacuumed: false });

    // Done is done: a second pass right after finds nothing to do on them.
    const again = await upkeepWhereDue(database);
    expect(again.filter((entry) => entry.table.startsWith('public.upkeep_'))).toEqual([]);
  });
});
