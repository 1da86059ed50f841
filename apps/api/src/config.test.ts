import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_VARIABLES,
  ConfigError,
  DEFAULT_APP_SECRET,
  loadConfig,
  redisKeyPrefixFor,
} from './config.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('configuration', () => {
  it('runs with no environment at all: embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      role: 'all',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      redisUrl: undefined,
      s3: undefined,
      smtpUrl: undefined,
      seedDemo: true,
    });
    expect(config.dataDir).toBe(path.resolve('.atelier'));
  });

  it('lists every bad value at once, each naming its variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SEED_DEMO']) expect(problems).toContain(name);
  });

  it('refuses the default secret in production, and a short one anywhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/APP_SECRET is the development default/);
    expect(() => loadConfig({ APP_SECRET: 'short' })).toThrow(/at least 32 characters/);
    const secret = 'p'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', APP_SECRET: secret }).appSecret).toBe(secret);
    expect(loadConfig({}).appSecret).toBe(DEFAULT_APP_SECRET);
  });

  it('keeps the sandbox payment provider out of real production, allowing it on a demo deployment', () => {
    const production = { NODE_ENV: 'production', APP_SECRET: 'p'.repeat(40) };
    expect(loadConfig(production).paymentsSandbox).toBe(false);
    expect(loadConfig({}).paymentsSandbox).toBe(true);
    expect(() => loadConfig({ ...production, PAYMENTS_SANDBOX: 'true' })).toThrow(/PAYMENTS_SANDBOX/);
    expect(loadConfig({ ...production, PAYMENTS_SANDBOX: 'true', SEED_DEMO: 'true' }).paymentsSandbox).toBe(
      true,
    );
  });

  it('turns on S3 only with a bucket, and wants keys for it in production', () => {
    expect(loadConfig({ S3_ENDPOINT: 'http://minio:9000' }).s3).toBeUndefined();
    expect(loadConfig({ S3_BUCKET: 'files', S3_ENDPOINT: 'http://minio:9000' }).s3).toMatchObject({
      bucket: 'files',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
    });
    expect(() =>
      loadConfig({ NODE_ENV: 'production', APP_SECRET: 'p'.repeat(40), S3_BUCKET: 'files' }),
    ).toThrow(/S3_ACCESS_KEY_ID/);
  });

  it('gives each database its own Redis key prefix unless one is set', () => {
    const prefixOf = (env: Record<string, string>) => loadConfig(env).redisKeyPrefix;
    const shop = prefixOf({ DATABASE_URL: 'postgres://app:one@db:5432/shop' });
    expect(shop).toMatch(/^atelier:[0-9a-f]{12}:$/);
    // replicas of one deployment share it, whoever they connect as
    expect(prefixOf({ DATABASE_URL: 'postgresql://other:two@db/shop?sslmode=require' })).toBe(shop);
    // another database, on the same server or another, does not
    expect(prefixOf({ DATABASE_URL: 'postgres://app:one@db:5432/shop_staging' })).not.toBe(shop);
    expect(prefixOf({ DATABASE_URL: 'postgres://app:one@db2:5432/shop' })).not.toBe(shop);
    // embedded databases are told apart by their data directory
    expect(prefixOf({ ATELIER_DATA_DIR: '/srv/a' })).not.toBe(prefixOf({ ATELIER_DATA_DIR: '/srv/b' }));
    expect(prefixOf({ ATELIER_DATA_DIR: '/srv/a' })).toBe(
      redisKeyPrefixFor(undefined, path.resolve('/srv/a')),
    );
    expect(prefixOf({ REDIS_KEY_PREFIX: 'shop-prod' })).toBe('shop-prod:');
    expect(prefixOf({ REDIS_KEY_PREFIX: 'shop:prod:' })).toBe('shop:prod:');
    expect(() => loadConfig({ REDIS_KEY_PREFIX: 'has space' })).toThrow(/REDIS_KEY_PREFIX/);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(path.resolve(here, '../../../.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]));
    expect(CONFIG_VARIABLES.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('reads every variable it declares, and no other file reads process.env', () => {
    const source = readFileSync(path.join(here, 'config.ts'), 'utf8');
    for (const name of CONFIG_VARIABLES) expect(source).toContain(`'${name}'`);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (
          /\.ts$/.test(entry.name) &&
          !/(\.test|testing)\.ts$/.test(entry.name) &&
          full !== path.join(here, 'config.ts')
        ) {
          if (readFileSync(full, 'utf8').includes('process.env')) offenders.push(path.relative(here, full));
        }
      }
    };
    walk(here);
    expect(offenders).toEqual([]);
  });
});
