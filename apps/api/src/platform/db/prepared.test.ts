import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARED_PER_CONNECTION, preparedRows, selectRows, type Tx } from './client.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

const STUDIO = '01900000-0000-7000-8000-0000000000aa';

/** One statement text per shape, as a storefront filter combination would make. */
const shape = (index: number) => sql`select ${sql.raw(String(index))} + ${1}::int as n`;

async function keptStatements(tx: Tx): Promise<string[]> {
  const rows = await selectRows<{ name: string }>(
    tx,
    sql`select name from pg_prepared_statements where name like 'atl\\_%' order by prepare_time, name`,
  );
  return rows.map((row) => row.name);
}

describe('preparedRows', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.destroy();
  });

  // First in the file, while no connection has prepared anything: a pooled connection reused later
  // keeps the statements the transaction test prepares on it.
  it('runs statements on the bare handle unnamed (no connection to keep them on)', async () => {
    const [row] = await preparedRows<{ n: number }>(database.db, shape(7));
    expect(row?.n).toBe(8);
    const [named] = await selectRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from pg_prepared_statements where name like 'atl\\_%'`,
    );
    // Whichever pooled connection answered, it holds no statement named by preparedRows.
    expect(named?.count).toBe(0);
  });

  it('keeps a bounded number of statements per connection and re-prepares one it dropped', async () => {
    const total = PREPARED_PER_CONNECTION + 10;
    await database.withStudio(STUDIO, async (tx) => {
      for (let index = 0; index < total; index++) {
        const [row] = await preparedRows<{ n: number }>(tx, shape(index));
        expect(row?.n).toBe(index + 1);
      }
      const kept = await keptStatements(tx);
      if (database.engine.kind === 'postgres') {
        // Named and kept on the server, but never more than the bound: the oldest ten are gone.
        expect(kept).toHaveLength(PREPARED_PER_CONNECTION);
      } else {
        // PGlite runs every statement unnamed: nothing is kept.
        expect(kept).toHaveLength(0);
      }

      // The first shape was dropped; asking for it again prepares it anew and answers right.
      const [again] = await preparedRows<{ n: number }>(tx, shape(0));
      expect(again?.n).toBe(1);
      // A recently used shape is still kept and answers from its kept plan.
      const [recent] = await preparedRows<{ n: number }>(tx, shape(total - 1));
      expect(recent?.n).toBe(total);
      const after = await keptStatements(tx);
      expect(after).toHaveLength(database.engine.kind === 'postgres' ? PREPARED_PER_CONNECTION : 0);
    });
  });
});
