import { sql } from 'drizzle-orm';
import { APP_ROLE, type Database, selectRows } from './client.js';

/**
 * Tables that belong to the platform rather than to one studio. Every other table in the public schema
 * must carry `studio_id` and is then isolated by row-level security. The tenancy test fails when a new
 * table is neither here nor tenant-scoped, so nobody can add an unprotected table by accident.
 */
export const PLATFORM_TABLES = new Set<string>([
  'studios',
  'idempotency_keys',
  'event_receipts',
  'dead_letters',
  // identity: a person is not owned by one studio (they may belong to several)
  'users',
  'sessions',
  'accounts',
  'verifications',
  'two_factors',
]);

/**
 * Tables the app role may only read and append to: UPDATE and DELETE are revoked from it after the
 * grants, so even a bug (or an attacker with SQL injection) in request code cannot rewrite history.
 */
export const APPEND_ONLY_TABLES = new Set<string>(['audit_events']);

/** The column whose value a row-level-security policy compares with `app.studio_id`. */
export const TENANT_COLUMN = 'studio_id';

const CURRENT_STUDIO = `nullif(current_setting('app.studio_id', true), '')::uuid`;

export async function ensureAppRole(database: Database): Promise<void> {
  // CREATE ROLE is cluster-wide: databases migrated in parallel (test files on one server) can race.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await database.db.execute(
        sql.raw(`do $$ begin
          if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
            create role ${APP_ROLE} nologin;
          end if;
        end $$`),
      );
      break;
    } catch (error) {
      const code =
        (error as { code?: string; cause?: { code?: string } }).cause?.code ??
        (error as { code?: string }).code;
      if (code !== '23505' && code !== '42710') throw error;
    }
  }
  // One statement per execute: PGlite's query() runs a single statement at a time.
  for (const grant of [
    `grant usage on schema public to ${APP_ROLE}`,
    `grant select, insert, update, delete on all tables in schema public to ${APP_ROLE}`,
    `grant usage, select on all sequences in schema public to ${APP_ROLE}`,
  ]) {
    await database.db.execute(sql.raw(grant));
  }
  for (const table of APPEND_ONLY_TABLES) {
    const [exists] = await selectRows<{ found: string | null }>(
      database.db,
      sql`select to_regclass(${`public.${table}`})::text as found`,
    );
    if (exists?.found)
      await database.db.execute(sql.raw(`revoke update, delete, truncate on "${table}" from ${APP_ROLE}`));
  }
}

/** Names of the tables in the public schema that carry a studio_id column. */
export async function tenantTables(database: Database): Promise<string[]> {
  const rows = await selectRows<{ table_name: string }>(
    database.db,
    sql`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and c.column_name = ${TENANT_COLUMN} and t.table_type = 'BASE TABLE'
    order by c.table_name`,
  );
  return rows.map((row) => row.table_name);
}

/**
 * Every tenant table gets RLS enabled and forced, a policy that limits the app role to the current
 * studio's rows (reads and writes), and a policy that leaves the owner role (platform code: outbox
 * dispatch, platform admin, migrations) unrestricted. Idempotent: runs after every migration.
 */
export async function applyTenantPolicies(database: Database): Promise<void> {
  const tables = await tenantTables(database);
  const existing = await selectRows<{ tablename: string; policyname: string }>(
    database.db,
    sql`select tablename, policyname from pg_policies where schemaname = 'public'`,
  );
  const has = new Set(existing.map((row) => `${row.tablename}.${row.policyname}`));
  for (const table of tables) {
    const statements = [
      `alter table "${table}" enable row level security`,
      `alter table "${table}" force row level security`,
    ];
    if (!has.has(`${table}.tenant_isolation`)) {
      statements.push(`create policy tenant_isolation on "${table}" as permissive for all to ${APP_ROLE}
        using (${TENANT_COLUMN} = ${CURRENT_STUDIO}) with check (${TENANT_COLUMN} = ${CURRENT_STUDIO})`);
    }
    if (!has.has(`${table}.platform_access`)) {
      statements.push(`create policy platform_access on "${table}" as permissive for all to current_user
        using (true) with check (true)`);
    }
    for (const statement of statements) await database.db.execute(sql.raw(statement));
  }
}
