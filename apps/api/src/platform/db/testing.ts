import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../config.js';
import { type Database, openDatabase } from './client.js';
import { migrate } from './migrate.js';

export interface TestDatabase extends Database {
  /** Closes the connection and drops the throwaway database (Postgres) or discards it (PGlite). */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file. PGlite in memory by default; when DATABASE_URL is
 * set (CI), a new database on that server, so tests never see each other's rows or demo data.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { databaseUrl } = loadConfig({ ...process.env, NODE_ENV: 'test' });
  if (!databaseUrl) {
    const database = await openDatabase({});
    await migrate(database);
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
  await migrate(database);
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
