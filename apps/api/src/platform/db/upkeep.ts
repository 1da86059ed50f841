import { sql } from 'drizzle-orm';
import { type Database, selectRows } from './client.js';

/**
 * What Postgres's autovacuum does, for the embedded engine, which has none: PGlite is Postgres in
 * single-user mode, where no autovacuum launcher runs. Without it, every UPDATE and DELETE leaves its
 * dead row versions in the table for good (the files grow, scans read past them), and the planner's
 * statistics stay whatever the last explicit ANALYZE saw: a studio whose orders grow from ten to ten
 * thousand would be planned as if it still had ten.
 *
 * `upkeepWhereDue` asks the cumulative statistics which tables autovacuum would work on now, with
 * Postgres's own default thresholds, and runs VACUUM (ANALYZE) or ANALYZE on just those. On PGlite each
 * VACUUM holds the one connection while it runs (tens of ms for a table of a few thousand rows), which
 * is why only tables past a threshold are touched. main.ts schedules it on PGlite only; on Postgres
 * autovacuum is already doing this.
 */

/** The cron job that runs upkeepWhereDue every five minutes (main.ts, PGlite only). */
export const DATABASE_UPKEEP_JOB = 'platform.db.upkeep';

/** Postgres's defaults (autovacuum_vacuum_threshold / _scale_factor and the insert and analyze ones). */
export const UPKEEP_THRESHOLDS = {
  vacuum: { base: 50, scale: 0.2 },
  vacuumAfterInserts: { base: 1000, scale: 0.2 },
  analyze: { base: 50, scale: 0.1 },
} as const;

export interface UpkeepDone {
  table: string;
  work: 'vacuum' | 'analyze';
  ms: number;
  /** Why it failed (the other tables are still done). */
  error?: string;
}

interface TableActivity {
  schema: string;
  name: string;
  /** Rows as of the last VACUUM/ANALYZE (-1, never counted, is read as 0). */
  rows: number;
  dead: number;
  inserted: number;
  modified: number;
}

export async function upkeepWhereDue(database: Database): Promise<UpkeepDone[]> {
  const tables = await selectRows<TableActivity>(
    database.db,
    sql`
    select s.schemaname as schema, s.relname as name, greatest(c.reltuples, 0)::float8 as rows,
      s.n_dead_tup::float8 as dead, s.n_ins_since_vacuum::float8 as inserted,
      s.n_mod_since_analyze::float8 as modified
    from pg_stat_user_tables s
    join pg_class c on c.oid = s.relid
    where c.relkind = 'r'
    order by s.schemaname, s.relname`,
  );
  const { vacuum, vacuumAfterInserts, analyze } = UPKEEP_THRESHOLDS;
  const done: UpkeepDone[] = [];
  for (const table of tables) {
    const rows = Number(table.rows);
    const needsVacuum =
      Number(table.dead) > vacuum.base + vacuum.scale * rows ||
      Number(table.inserted) > vacuumAfterInserts.base + vacuumAfterInserts.scale * rows;
    const needsAnalyze = Number(table.modified) > analyze.base + analyze.scale * rows;
    if (!needsVacuum && !needsAnalyze) continue;
    // VACUUM and ANALYZE take no parameters: the name is written in, quoted by Drizzle.
    const name = sql`${sql.identifier(table.schema)}.${sql.identifier(table.name)}`;
    const work = needsVacuum ? 'vacuum' : 'analyze';
    const started = performance.now();
    let error: string | undefined;
    try {
      // VACUUM cannot run inside a transaction: through the database itself, not a studio transaction.
      await database.db.execute(needsVacuum ? sql`vacuum (analyze) ${name}` : sql`analyze ${name}`);
    } catch (failure) {
      error = (failure as Error).message;
    }
    done.push({
      table: `${table.schema}.${table.name}`,
      work,
      ms: Math.round(performance.now() - started),
      ...(error ? { error } : {}),
    });
  }
  return done;
}
