import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from './client.js';
import { APPEND_ONLY_TABLES, PLATFORM_TABLES, tenantTables } from './tenancy.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

const STUDIO_A = '01900000-0000-7000-8000-00000000000a';
const STUDIO_B = '01900000-0000-7000-8000-00000000000b';

interface Column {
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}

/**
 * Values a table's CHECK constraints need that the type alone cannot give (the generic row below would
 * break them). Foreign keys are not a problem: the rows are written with triggers (and so FK checks) off.
 */
const CHECKED_COLUMNS: Record<string, Record<string, ReturnType<typeof sql>>> = {
  catalog_flash_sales: { percent_off: sql`10`, ends_at: sql`now() + interval '1 day'` },
  payments: {
    amount_minor: sql`100`,
    status: sql`'pending'`,
    provider: sql`'sandbox'`,
    currency: sql`'USD'`,
  },
  payment_refunds: { amount_minor: sql`100`, refund_to: sql`'original'` },
  payment_webhook_events: { status: sql`'processed'` },
};

/** A value of the column's type, so a row can be made in any table without knowing its meaning. */
function valueFor(table: string, column: Column, studioId: string) {
  if (column.column_name === 'studio_id') return sql`${studioId}::uuid`;
  const checked = CHECKED_COLUMNS[table]?.[column.column_name];
  if (checked) return checked;
  switch (column.data_type) {
    case 'uuid':
      return sql`gen_random_uuid()`;
    case 'text':
    case 'character varying':
      return sql`${`rls-${Math.random().toString(36).slice(2)}`}`;
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'numeric':
      return sql`0`;
    case 'boolean':
      return sql`false`;
    case 'jsonb':
    case 'json':
      return sql`'{}'::jsonb`;
    case 'timestamp with time zone':
    case 'timestamp without time zone':
    case 'date':
      return sql`now()`;
    case 'ARRAY':
      return sql`'{}'`;
    default:
      throw new Error(
        `The tenancy test cannot make a value of type ${column.data_type} (${column.column_name})`,
      );
  }
}

async function insertRow(database: TestDatabase, table: string, studioId: string) {
  const columns = await selectRows<Column>(
    database.db,
    sql`select column_name, data_type, is_nullable, column_default from information_schema.columns
        where table_schema = 'public' and table_name = ${table} order by ordinal_position`,
  );
  const needed = columns.filter(
    (c) =>
      c.column_name === 'studio_id' ||
      (c.is_nullable === 'NO' && c.column_default === null) ||
      CHECKED_COLUMNS[table]?.[c.column_name],
  );
  const names = sql.raw(needed.map((c) => `"${c.column_name}"`).join(', '));
  const values = sql.join(
    needed.map((c) => valueFor(table, c, studioId)),
    sql`, `,
  );
  return sql`insert into ${sql.identifier(table)} (${names}) values (${values})`;
}

describe('row-level security', () => {
  let database: TestDatabase;
  let tables: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    tables = await tenantTables(database);
    // One row per studio in every tenant table, written by the owner (platform) role.
    const inserts: SQL[] = [];
    for (const table of tables) {
      inserts.push(await insertRow(database, table, STUDIO_A), await insertRow(database, table, STUDIO_B));
    }
    // Replica mode skips FK triggers, so rows need no parents: this test is about RLS, not references.
    await database.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const insert of inserts) await tx.execute(insert);
    });
  });
  afterAll(async () => database.destroy());

  it('classifies every table: tenant-scoped by studio_id, or a named platform table', async () => {
    const all = await selectRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const unclassified = all
      .map((row) => row.table_name)
      .filter((name) => !tables.includes(name) && !PLATFORM_TABLES.has(name));
    expect(unclassified).toEqual([]);
    expect(tables.length).toBeGreaterThan(0);
  });

  it('forces RLS with a tenant policy on every tenant table', async () => {
    const rows = await selectRows<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      database.db,
      sql`select relname, relrowsecurity, relforcerowsecurity from pg_class
          where relnamespace = 'public'::regnamespace and relkind = 'r'`,
    );
    const policies = await selectRows<{ tablename: string }>(
      database.db,
      sql`select tablename from pg_policies where schemaname = 'public' and policyname = 'tenant_isolation'`,
    );
    for (const table of tables) {
      const row = rows.find((r) => r.relname === table);
      expect({ table, rls: row?.relrowsecurity, forced: row?.relforcerowsecurity }).toEqual({
        table,
        rls: true,
        forced: true,
      });
      expect(policies.map((p) => p.tablename)).toContain(table);
    }
  });

  it('runs tenant work as a role that is neither superuser nor owner', async () => {
    const [who] = await database.withStudio(STUDIO_A, (tx) =>
      selectRows<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean }>(
        tx,
        sql`select current_user, rolsuper, rolbypassrls from pg_roles where rolname = current_user`,
      ),
    );
    expect(who).toEqual({ current_user: 'atelier_app', rolsuper: false, rolbypassrls: false });
  });

  it('ends the studio scope with its transaction: rolled back on error, nothing left on the connection', async () => {
    const table = sql.identifier('catalog_brands');
    await expect(
      database.withStudio(STUDIO_A, async (tx) => {
        await tx.execute(sql`insert into ${table} (id, studio_id, slug, name)
          values (gen_random_uuid(), ${STUDIO_A}, 'scope-check', 'Scope check')`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // Every pooled connection afterwards: owner again, no studio, and the insert undone.
    for (let n = 0; n < 12; n++) {
      const [after] = await selectRows<{ who: string; studio: string | null; kept: number }>(
        database.db,
        sql`select current_user as who, nullif(current_setting('app.studio_id', true), '') as studio,
          (select count(*)::int from ${table} where slug = 'scope-check') as kept`,
      );
      expect(after).toEqual({ who: expect.not.stringMatching(/^atelier_app$/), studio: null, kept: 0 });
    }
  });

  it('takes only a uuid as the studio, before touching the database', async () => {
    let ran = false;
    await expect(
      database.withStudio("x', true), set_config('role', 'postgres", async () => {
        ran = true;
      }),
    ).rejects.toThrow(TypeError);
    expect(ran).toBe(false);
  });

  describe('on every tenant table', () => {
    it("lets studio A see its own rows and none of studio B's", async () => {
      for (const table of tables) {
        const counts = await database.withStudio(STUDIO_A, (tx) =>
          selectRows<{ studio_id: string; n: number }>(
            tx,
            sql`select studio_id::text, count(*)::int as n from ${sql.identifier(table)} group by studio_id`,
          ),
        );
        expect({ table, counts }).toEqual({ table, counts: [{ studio_id: STUDIO_A, n: 1 }] });
      }
    });

    it("cannot update or delete studio B's rows from studio A", async () => {
      // Append-only tables refuse every UPDATE and DELETE from the app role (tested below).
      for (const table of tables.filter((name) => !APPEND_ONLY_TABLES.has(name))) {
        await database.withStudio(STUDIO_A, async (tx) => {
          const updated = await selectRows(
            tx,
            sql`update ${sql.identifier(table)} set studio_id = studio_id where studio_id = ${STUDIO_B}::uuid returning 1`,
          );
          const deleted = await selectRows(
            tx,
            sql`delete from ${sql.identifier(table)} where studio_id = ${STUDIO_B}::uuid returning 1`,
          );
          expect({ table, updated: updated.length, deleted: deleted.length }).toEqual({
            table,
            updated: 0,
            deleted: 0,
          });
        });
      }
      // And B's rows are still there.
      for (const table of tables) {
        const [row] = await selectRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from ${sql.identifier(table)} where studio_id = ${STUDIO_B}::uuid`,
        );
        expect({ table, n: row?.n }).toEqual({ table, n: 1 });
      }
    });

    it('cannot insert a row for studio B, nor move its own row to studio B', async () => {
      for (const table of tables) {
        const insert = await insertRow(database, table, STUDIO_B);
        await expect(
          database.withStudio(STUDIO_A, (tx) => tx.execute(insert)),
          table,
        ).rejects.toThrow();
        await expect(
          database.withStudio(STUDIO_A, (tx) =>
            tx.execute(
              sql`update ${sql.identifier(table)} set studio_id = ${STUDIO_B}::uuid where studio_id = ${STUDIO_A}::uuid`,
            ),
          ),
          table,
        ).rejects.toThrow();
      }
    });

    it('refuses UPDATE and DELETE on append-only tables to the app role, even on its own rows', async () => {
      for (const table of tables.filter((name) => APPEND_ONLY_TABLES.has(name))) {
        await expect(
          database.withStudio(STUDIO_A, (tx) =>
            tx.execute(
              sql`update ${sql.identifier(table)} set studio_id = studio_id where studio_id = ${STUDIO_A}::uuid`,
            ),
          ),
          table,
        ).rejects.toThrow();
        await expect(
          database.withStudio(STUDIO_A, (tx) =>
            tx.execute(sql`delete from ${sql.identifier(table)} where studio_id = ${STUDIO_A}::uuid`),
          ),
          table,
        ).rejects.toThrow();
        const [row] = await selectRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from ${sql.identifier(table)} where studio_id = ${STUDIO_A}::uuid`,
        );
        expect({ table, n: row?.n }).toEqual({ table, n: 1 });
      }
    });

    it('sees nothing at all without a studio in context', async () => {
      for (const table of tables) {
        const rows = await database.transaction(async (tx) => {
          await tx.execute(sql.raw('set local role atelier_app'));
          return selectRows(tx, sql`select 1 from ${sql.identifier(table)}`);
        });
        expect({ table, visible: rows.length }).toEqual({ table, visible: 0 });
      }
    });
  });
});
