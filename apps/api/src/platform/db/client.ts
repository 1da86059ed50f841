import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

/** Drizzle over either engine; both speak the same Postgres dialect. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** The handle a service receives: a transaction (or, for platform reads, the database itself). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The role tenant work runs as: not a superuser, not the tables' owner, so RLS always applies. */
export const APP_ROLE = 'atelier_app';

export type Engine =
  | { kind: 'pglite'; pglite: PGlite }
  | { kind: 'postgres'; pool: pg.Pool; connectionString: string };

export interface Database {
  readonly engine: Engine;
  /** Owner-level access for platform code (migrations, outbox dispatch, platform admin). */
  readonly db: Db;
  /** Runs fn in one transaction. On PGlite this is its exclusive transaction(); on pg a pooled client. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs fn in a transaction scoped to one studio: `app.studio_id` is set for this transaction only and
   * queries run as the non-superuser app role, so row-level security hides every other studio's rows
   * even if a query forgets its `where`.
   */
  withStudio<T>(studioId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite engine is used. */
  databaseUrl?: string | undefined;
  /** Directory for PGlite's files; absent means in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // A query that hangs must not hold a request forever.
      statement_timeout: 30_000,
    });
    // A dropped idle connection is replaced by the pool; it must not crash the process.
    pool.on('error', () => {});
    const db = drizzlePg({ client: pool }) as unknown as Db;
    const engine: Engine = { kind: 'postgres', pool, connectionString: options.databaseUrl };
    return {
      ...wrap(engine, db, async () => {
        await pool.end();
      }),
      withStudio: studioTransactionOnPool(pool),
    };
  }
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    extensions: { pg_trgm },
  });
  const db = drizzlePglite({ client: pglite }) as unknown as Db;
  return wrap({ kind: 'pglite', pglite }, db, async () => {
    if (!pglite.closed) await pglite.close();
  });
}

function wrap(engine: Engine, db: Db, close: () => Promise<void>): Database {
  const transaction = <T>(fn: (tx: Tx) => Promise<T>) => db.transaction(fn);
  return {
    engine,
    db,
    transaction,
    withStudio: async (studioId, fn) => {
      assertStudioId(studioId);
      return transaction(async (tx) => {
        // One round trip for both: set_config('role', ..., true) is SET LOCAL ROLE.
        await tx.execute(
          sql`select set_config('app.studio_id', ${studioId}, true), set_config('role', ${APP_ROLE}, true)`,
        );
        return fn(tx);
      });
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close,
  };
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Studio ids come from the studios table, so anything else is a bug: refused alike on both engines. */
function assertStudioId(studioId: string): void {
  if (!UUID_TEXT.test(studioId)) {
    throw new TypeError(`studio id must be a uuid, got ${JSON.stringify(studioId)}`);
  }
}

/**
 * withStudio() on a pg pool, in one round trip fewer than Drizzle's transaction() plus a set_config
 * statement: BEGIN and the studio scope travel in one simple-protocol message (which may hold several
 * statements but no parameters, so the studio id goes in as a literal, and only a well-formed uuid
 * does). Every studio-scoped request starts here, and on loopback each round trip costs about as much
 * CPU as a small indexed read. The transaction handed to `fn` is Drizzle's own class on the pooled
 * client, so nested transactions (savepoints) and prepared statements work as with transaction().
 */
function studioTransactionOnPool(pool: pg.Pool): Database['withStudio'] {
  const dialect = new PgDialect();
  return async (studioId, fn) => {
    assertStudioId(studioId);
    const client = await pool.connect();
    const tx = new NodePgTransaction(dialect, new NodePgSession(client, dialect, undefined), undefined);
    let broken: Error | undefined;
    try {
      await client.query(
        `begin; select set_config('app.studio_id', '${studioId}', true), set_config('role', '${APP_ROLE}', true)`,
      );
      const result = await fn(tx as unknown as Tx);
      await client.query('commit');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped rather than handed to the next request.
      await client.query('rollback').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  };
}

/** The parts of a Drizzle handle that `preparedRows` uses (public at runtime, not in the typings). */
interface PreparingHandle {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    /** pg: the pooled client of a transaction, or the pool itself; PGlite: the PGlite instance. */
    client: unknown;
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string | undefined,
      arrayMode: boolean,
    ): { execute(): Promise<{ rows: unknown[] }> };
  };
}

/**
 * selectRows() as a named prepared statement: Postgres parses and plans the statement once per pooled
 * connection and then reuses the plan (a generic plan, when it is no worse than planning each time).
 * For hot public reads whose planning costs more than running them (the storefront's card and facet
 * queries join five tables under row-level security: ~1-3 ms to plan, well under 1 ms to run).
 *
 * For SQL whose text comes from a set of shapes (which filters are used, not their values), with every
 * value a parameter. The name is a hash of the text, so one text always has one name. Each connection
 * keeps at most PREPARED_PER_CONNECTION of them and deallocates the least recently used beyond that:
 * the storefront's filters combine into thousands of shapes, and a kept plan of the card query holds
 * ~150 KB of the Postgres backend's memory, so a crawler walking every filter link would otherwise
 * grow each pooled connection without bound (300 shapes measured ~45 MB per connection). PGlite ignores
 * the name (one connection, plans each time); on a bare pool (no transaction) the statement is not
 * named, since which connection runs it is not known.
 */
export async function preparedRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const handle = db as unknown as PreparingHandle;
  const built = handle.dialect.sqlToQuery(query);
  const client = handle.session.client;
  let name: string | undefined;
  if (!(client instanceof pg.Pool)) {
    name = `atl_${createHash('sha1').update(built.sql).digest('base64url')}`;
    if (isPgClient(client)) await keepPrepared(client, name);
  }
  const result = await handle.session.prepareQuery(built, undefined, name, false).execute();
  return result.rows as T[];
}

/** Named statements one pooled connection keeps (about 10 MB of plans at most; the hot ones are ~15). */
export const PREPARED_PER_CONNECTION = 64;

/** pg's record of what a connection has parsed: consulted before every named query (pg 8). */
interface PgConnectionState {
  parsedStatements: Record<string, string | undefined>;
}

function isPgClient(client: unknown): client is pg.ClientBase & { connection: PgConnectionState } {
  return (
    client instanceof pg.Client &&
    typeof (client as unknown as { connection?: PgConnectionState }).connection?.parsedStatements === 'object'
  );
}

/** Per connection, its statement names from least to most recently used. */
const preparedByConnection = new WeakMap<PgConnectionState, Map<string, true>>();

async function keepPrepared(client: pg.ClientBase & { connection: PgConnectionState }, name: string) {
  const state = client.connection;
  let names = preparedByConnection.get(state);
  if (!names) {
    names = new Map();
    preparedByConnection.set(state, names);
  }
  if (names.delete(name)) {
    names.set(name, true);
    return;
  }
  names.set(name, true);
  while (names.size > PREPARED_PER_CONNECTION) {
    const oldest = names.keys().next().value as string;
    names.delete(oldest);
    if (state.parsedStatements[oldest] === undefined) continue;
    // Forgotten before the DEALLOCATE is queued: a query queued after it that wants this statement
    // again must send its Parse anew rather than run a name the server no longer knows.
    delete state.parsedStatements[oldest];
    await client.query(`deallocate "${oldest}"`);
  }
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function selectRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
