import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * The only reader of process.env. Every setting is declared once below with its default and a line
 * of documentation; `.env.example` lists the same names (a test keeps the two in step).
 */

export type AtelierRole = 'all' | 'api' | 'worker';

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  role: AtelierRole;
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  appSecret: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Prepended to every Redis key and channel of this deployment (see redisKeyPrefixFor). */
  redisKeyPrefix: string;
  s3:
    | {
        bucket: string;
        region: string;
        endpoint: string | undefined;
        accessKeyId: string | undefined;
        secretAccessKey: string | undefined;
        forcePathStyle: boolean;
      }
    | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  /** Event-loop delay (ms) above which requests are shed with 503; 0 turns load shedding off. */
  maxEventLoopDelayMs: number;
  /** Seconds a public catalog read may be served from cache (writes drop it sooner); 0 turns it off. */
  catalogCacheSeconds: number;
  seedDemo: boolean;
  serveWeb: boolean;
  trustProxy: boolean;
  /** OAuth sign-in providers; each is present only when its client id and secret are both set. */
  oauth: {
    discord:
      | {
          clientId: string;
          clientSecret: string;
          authorizationUrl: string;
          tokenUrl: string;
          userInfoUrl: string;
        }
      | undefined;
    google: { clientId: string; clientSecret: string; discoveryUrl: string } | undefined;
  };
  /** PAYMENTS_SANDBOX: the test-card provider (demo, e2e). On by default outside production; in production only with SEED_DEMO. */
  paymentsSandbox: boolean;
  /** Stripe, present when STRIPE_SECRET_KEY is set. `apiUrl` points the SDK elsewhere (the stand-in). */
  stripe:
    | {
        secretKey: string;
        publishableKey: string;
        webhookSecret: string | undefined;
        apiUrl: string | undefined;
      }
    | undefined;
}

/** A secret that is fine on a laptop and refused in production. */
export const DEFAULT_APP_SECRET = 'atelier-development-secret-change-me-0000000000';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * The default Redis key prefix: one per database. Processes of one deployment share a database, so they
 * share cached answers, invalidations and rate-limit counters; two deployments (or a developer's two
 * local apps) on one Redis but different databases must not, or one reads the other's cached studio ids
 * and serves "No such studio" or an empty catalog. The database is named by host, port and name (not the
 * user or password, which may rotate), or by the PGlite data directory.
 */
export function redisKeyPrefixFor(databaseUrl: string | undefined, dataDir: string): string {
  let identity = `pglite:${path.join(dataDir, 'pgdata')}`;
  if (databaseUrl !== undefined) {
    const parsed = new URL(databaseUrl);
    identity = `postgres:${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  }
  return `atelier:${createHash('sha256').update(identity).digest('hex').slice(0, 12)}:`;
}

/** Reads and validates the environment. Throws ConfigError listing every bad value at once. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = read(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const value = read(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return parsed;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const value = read(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const value = read(name);
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must start with ${protocols.join(' or ')} (got "${parsed.protocol}")`);
      }
      return value;
    } catch {
      problems.push(`${name} is not a valid URL`);
      return undefined;
    }
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = integer('PORT', 3000, 0, 65535);
  const publicUrl = url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const appSecret = read('APP_SECRET') ?? DEFAULT_APP_SECRET;
  if (appSecret.length < 32) problems.push('APP_SECRET must be at least 32 characters long');
  if (nodeEnv === 'production' && appSecret === DEFAULT_APP_SECRET) {
    problems.push('APP_SECRET is the development default; set a secret of your own in production');
  }

  const s3Bucket = read('S3_BUCKET');
  const s3 = s3Bucket
    ? {
        bucket: s3Bucket,
        region: read('S3_REGION') ?? 'us-east-1',
        endpoint: url('S3_ENDPOINT', ['http:', 'https:']),
        accessKeyId: read('S3_ACCESS_KEY_ID'),
        secretAccessKey: read('S3_SECRET_ACCESS_KEY'),
        forcePathStyle: flag('S3_FORCE_PATH_STYLE', true),
      }
    : undefined;
  if (s3 && nodeEnv === 'production' && (!s3.accessKeyId || !s3.secretAccessKey)) {
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required with S3_BUCKET in production');
  }

  /** Both halves of a client credential, or neither; one without the other is a mistake worth refusing. */
  const clientCredentials = (idName: string, secretName: string) => {
    const clientId = read(idName);
    const clientSecret = read(secretName);
    if (Boolean(clientId) !== Boolean(clientSecret))
      problems.push(`${idName} and ${secretName} must be set together`);
    return clientId && clientSecret ? { clientId, clientSecret } : undefined;
  };
  const discordClient = clientCredentials('OAUTH_DISCORD_CLIENT_ID', 'OAUTH_DISCORD_CLIENT_SECRET');
  const discordUrls = {
    authorizationUrl:
      url('OAUTH_DISCORD_AUTHORIZATION_URL', ['http:', 'https:']) ?? 'https://discord.com/oauth2/authorize',
    tokenUrl: url('OAUTH_DISCORD_TOKEN_URL', ['http:', 'https:']) ?? 'https://discord.com/api/oauth2/token',
    userInfoUrl:
      url('OAUTH_DISCORD_USERINFO_URL', ['http:', 'https:']) ?? 'https://discord.com/api/users/@me',
  };
  const googleClient = clientCredentials('OAUTH_GOOGLE_CLIENT_ID', 'OAUTH_GOOGLE_CLIENT_SECRET');
  const googleDiscoveryUrl =
    url('OAUTH_GOOGLE_DISCOVERY_URL', ['http:', 'https:']) ??
    'https://accounts.google.com/.well-known/openid-configuration';

  // Test cards "pay" orders. Outside production that is the point (development, e2e); in production it
  // is allowed only on a demo deployment, where every studio and client is seeded and fictional.
  const demoDeployment = flag('SEED_DEMO', nodeEnv !== 'production');
  const paymentsSandbox = flag('PAYMENTS_SANDBOX', nodeEnv !== 'production');
  if (paymentsSandbox && nodeEnv === 'production' && !demoDeployment) {
    problems.push(
      'PAYMENTS_SANDBOX may be on in production only for a demo deployment (SEED_DEMO=true): test cards would "pay" real orders',
    );
  }
  const stripeSecretKey = read('STRIPE_SECRET_KEY');
  const stripe = stripeSecretKey
    ? {
        secretKey: stripeSecretKey,
        publishableKey: read('STRIPE_PUBLISHABLE_KEY') ?? '',
        webhookSecret: read('STRIPE_WEBHOOK_SECRET'),
        apiUrl: url('STRIPE_API_URL', ['http:', 'https:']),
      }
    : undefined;
  if (stripe && !stripe.publishableKey)
    problems.push('STRIPE_PUBLISHABLE_KEY is required with STRIPE_SECRET_KEY');

  const config: Config = {
    nodeEnv,
    role: oneOf('ATELIER_ROLE', ['all', 'api', 'worker'] as const, 'all'),
    host: read('HOST') ?? '0.0.0.0',
    port,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    dataDir: path.resolve(read('ATELIER_DATA_DIR') ?? '.atelier'),
    logLevel: oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    appSecret,
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: '',
    s3,
    smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: read('MAIL_FROM') ?? 'Atelier <no-reply@atelier.localhost>',
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    // Off in tests: a test runner loading the machine is not a reason to refuse requests.
    maxEventLoopDelayMs: integer('MAX_EVENT_LOOP_DELAY_MS', nodeEnv === 'test' ? 0 : 1000, 0, 60_000),
    catalogCacheSeconds: integer('CATALOG_CACHE_SECONDS', 60, 0, 3600),
    seedDemo: flag('SEED_DEMO', nodeEnv !== 'production'),
    serveWeb: flag('SERVE_WEB', true),
    trustProxy: flag('TRUST_PROXY', false),
    oauth: {
      discord: discordClient ? { ...discordClient, ...discordUrls } : undefined,
      google: googleClient ? { ...googleClient, discoveryUrl: googleDiscoveryUrl } : undefined,
    },
    paymentsSandbox,
    stripe,
  };

  const prefix = read('REDIS_KEY_PREFIX');
  if (prefix !== undefined && !/^[\w.:-]{1,64}$/.test(prefix))
    problems.push(`REDIS_KEY_PREFIX may use letters, digits and _ . : - only, up to 64 (got "${prefix}")`);
  // keys read `<prefix>:<key>` whether or not the setting ends with the colon
  config.redisKeyPrefix = prefix
    ? prefix.replace(/:?$/, ':')
    : redisKeyPrefixFor(config.databaseUrl, config.dataDir);

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Names of every variable loadConfig reads; `.env.example` must document each of them. */
export const CONFIG_VARIABLES = [
  'NODE_ENV',
  'ATELIER_ROLE',
  'HOST',
  'PORT',
  'PUBLIC_URL',
  'ATELIER_DATA_DIR',
  'LOG_LEVEL',
  'APP_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_KEY_PREFIX',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ENDPOINT',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
  'SMTP_URL',
  'MAIL_FROM',
  'BODY_LIMIT_BYTES',
  'RATE_LIMIT_PER_MINUTE',
  'MAX_EVENT_LOOP_DELAY_MS',
  'CATALOG_CACHE_SECONDS',
  'SEED_DEMO',
  'SERVE_WEB',
  'TRUST_PROXY',
  'OAUTH_DISCORD_CLIENT_ID',
  'OAUTH_DISCORD_CLIENT_SECRET',
  'OAUTH_DISCORD_AUTHORIZATION_URL',
  'OAUTH_DISCORD_TOKEN_URL',
  'OAUTH_DISCORD_USERINFO_URL',
  'OAUTH_GOOGLE_CLIENT_ID',
  'OAUTH_GOOGLE_CLIENT_SECRET',
  'OAUTH_GOOGLE_DISCOVERY_URL',
  'PAYMENTS_SANDBOX',
  'STRIPE_SECRET_KEY',
  'STRIPE_PUBLISHABLE_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'STRIPE_API_URL',
] as const;

/** A config for tests: defaults, silent logs, and whatever the caller overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ ...process.env, NODE_ENV: 'test' }), ...overrides };
}
