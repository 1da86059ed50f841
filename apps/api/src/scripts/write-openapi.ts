import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.js';
import { testConfig } from '../config.js';
import { createCache } from '../platform/cache/index.js';
import { openDatabase } from '../platform/db/index.js';
import { createMailer } from '../platform/mailer/index.js';
import { createStorage } from '../platform/storage/index.js';

/**
 * Writes the OpenAPI document the API serves at /api/openapi.json to packages/sdk/openapi.json, from
 * which the SDK's types are generated. Builds the app without listening; nothing is stored.
 */
const target = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../packages/sdk/openapi.json',
);
const config = testConfig({
  publicUrl: 'http://localhost:3000',
  dataDir: path.join(process.cwd(), '.atelier-openapi'),
});
const database = await openDatabase({});
const cache = createCache({ redisUrl: undefined });
const app = await buildApp({
  config,
  database,
  cache,
  storage: createStorage(config),
  mailer: createMailer({ config, database }),
});
await app.ready();
await writeFile(target, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
await cache.close();
await database.close();
console.log(`OpenAPI document written to ${path.relative(process.cwd(), target)}`);
