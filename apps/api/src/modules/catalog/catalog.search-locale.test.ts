import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../platform/db/index.js';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing.js';
import { thaiTypoCorrectionWorks } from './catalog.search.js';

const { databaseUrl } = loadConfig({ ...process.env, NODE_ENV: 'test' });

describe('whether the database can correct mistyped Thai words', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('can on the engine the tests run on (PGlite, or CI Postgres created under C.UTF-8)', async () => {
    expect(await thaiTypoCorrectionWorks(database.db)).toMatchObject({ works: true });
  });

  // The boot warning's reason to exist: a cluster made with plain `initdb` on a machine whose locale is C.
  if (databaseUrl) {
    it('cannot on a Postgres database whose character type is the plain C locale, and names it', async () => {
      const name = `atelier_c_ctype_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(
        `create database ${name} template template0 encoding 'UTF8' lc_ctype 'C' lc_collate 'C'`,
      );
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      const plainC = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
      try {
        await plainC.db.execute('create extension if not exists pg_trgm');
        expect(await thaiTypoCorrectionWorks(plainC.db)).toEqual({ works: false, ctype: 'C' });
      } finally {
        await plainC.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    });
  }
});
