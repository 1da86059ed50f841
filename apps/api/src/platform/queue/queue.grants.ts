import { sql } from 'drizzle-orm';
import { APP_ROLE, type Database } from '../db/index.js';

/**
 * What the app role (atelier_app, the role of every studio transaction) may do in pg-boss's schema:
 * enqueue, and nothing else. Job rows hold every studio's queued mail and event payloads, so a query
 * injected into request code must not be able to read, change or delete them.
 *
 * `queue.send` with `{ tx }` runs pg-boss's insert (plans.insertJobs) on the caller's connection:
 *   INSERT INTO pgboss.<queue's table> (...) SELECT ... FROM json_to_recordset($1) JOIN pgboss.queue q
 *   ON CONFLICT DO NOTHING RETURNING id, start_after   (+ pg_notify, a public function)
 * which needs exactly: USAGE on the schema; SELECT on pgboss.queue (the queue's policy and retry
 * defaults: configuration, no payloads); INSERT on the job table the queue writes to; SELECT on the two
 * RETURNING columns of that table. ON CONFLICT DO NOTHING (singleton and throttled sends) needs no
 * more, and the job -> queue foreign key is checked with the table owner's rights. No pg-boss function
 * is called, and UPDATE/DELETE are never needed.
 */
export const SEND_ONLY_GRANTS = [
  // Earlier versions granted select/insert/update on every pgboss table (and by default on future
  // ones) plus execute on its functions; an existing database keeps grants until they are revoked.
  `revoke all on all tables in schema pgboss from ${APP_ROLE}`,
  `alter default privileges in schema pgboss revoke all on tables from ${APP_ROLE}`,
  `revoke all on all functions in schema pgboss from ${APP_ROLE}`,
  `grant usage on schema pgboss to ${APP_ROLE}`,
  `grant select on pgboss.queue to ${APP_ROLE}`,
];

/** The statement that lets the app role enqueue into one job table (job_common or a queue's partition). */
export const jobTableGrant = (table: string) =>
  `grant insert, select (id, start_after) on pgboss.${quoteIdent(table)} to ${APP_ROLE}`;

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Applies the send-only grants, for every job table existing queues write to (pg-boss's shared
 * job_common, plus the own table of any queue created with `partition: true`). Run after pg-boss has
 * created or migrated its schema, as the owner. Returns the tables granted.
 */
export async function grantSendOnly(database: Database): Promise<string[]> {
  // One transaction: a replica restarting never leaves a moment between the revoke and the grants in
  // which other replicas' studio transactions could not enqueue. The advisory lock queues replicas
  // starting together (concurrent GRANTs on one object fail with "tuple concurrently updated").
  return database.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('atelier.queue.grants'))`);
    for (const statement of SEND_ONLY_GRANTS) await tx.execute(sql.raw(statement));
    const { rows } = (await tx.execute(sql`
      select distinct table_name from pgboss.queue
      union select 'job_common'
        where exists (select 1 from pg_tables where schemaname = 'pgboss' and tablename = 'job_common')
    `)) as unknown as { rows: { table_name: string }[] };
    for (const { table_name } of rows) await tx.execute(sql.raw(jobTableGrant(table_name)));
    return rows.map((row) => row.table_name);
  });
}
