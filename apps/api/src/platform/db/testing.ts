import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../config.js';
import { type Database, openDatabase } from './client.js';
import { MIGRATIONS_FOLDER, migrate } from './migrate.js';

export interface TestDatabase extends Database {
  /** Closes the connection and drops the throwaway database (Postgres) or discards it (PGlite). */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file. PGlite in memory by default; when DATABASE_URL is
 * set (CI), a new database on that server, so tests never see each other's rows or demo data.
 * `migrationsFolder` (see `migrationsUpTo`) stops it at an earlier migration, to test a later one's
 * data changes on rows written before it.
 */
export async function createTestDatabase(
  migrationsFolder: string = MIGRATIONS_FOLDER,
): Promise<TestDatabase> {
  const { databaseUrl } = loadConfig({ ...process.env, NODE_ENV: 'test' });
  if (!databaseUrl) {
    const database = await openDatabase({});
    await migrate(database, migrationsFolder);
    return { ...database, destroy: () => database.close() };
  }
  const name = `atelier_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await migrate(database, migrationsFolder);
  return {
    ...database,
    destroy: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: databaseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * A copy of the migrations folder that ends with the migration tagged `lastTag` (e.g.
 * "0027_payments_bigint_amounts"): migrate with it, write rows as they were then, then migrate with the
 * real folder to run the later migrations over them.
 */
export async function migrationsUpTo(lastTag: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'atelier-migrations-'));
  await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
  if (last < 0) throw new Error(`no migration ${lastTag}`);
  journal.entries = journal.entries.slice(0, last + 1);
  await writeFile(journalPath, JSON.stringify(journal));
  return folder;
}
