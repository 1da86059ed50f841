import path from 'node:path';
import { fileURLToPath } from 'node:url';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TOTP_SECRET } from './demo/people.js';
import { seedDemo } from './demo/seed.js';
import { DEMO_STUDIOS } from './demo/studios.js';
import { auditEventHandlers } from './modules/audit/index.js';
import {
  CATALOG_IMPORT_JOB,
  catalogImportWorker,
  createCatalogCheckout,
  registerFlashSaleWorkers,
  thaiTypoCorrectionWorks,
} from './modules/catalog/index.js';
import { createOrderEventHandlers, createOrderLifecycle, scheduleOrderJobs } from './modules/orders/index.js';
import {
  billingEventHandlers,
  createPlansService,
  createStripeClient,
  paymentsEventHandlers,
  paymentsFromConfig,
  planEventHandlers,
  registerPaymentsJobs,
  scheduleBillingJobs,
  schedulePlanJobs,
  walletEventHandlers,
} from './modules/payments/index.js';
import { createCache } from './platform/cache/index.js';
import { DATABASE_UPKEEP_JOB, migrate, openDatabase, upkeepWhereDue } from './platform/db/index.js';
import { createEventBus } from './platform/events/index.js';
import { createMailer, startMailWorker } from './platform/mailer/index.js';
import { createQueue } from './platform/queue/index.js';
import { createStorage } from './platform/storage/index.js';
import { registerWeb } from './platform/web.js';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

/** Process entry: config -> database -> migrations -> services -> HTTP and/or workers. */
async function main() {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const started = performance.now();

  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'pgdata'),
  });
  await migrate(database);
  // A Postgres created under the plain C locale serves everything, but no mistyped Thai word is ever
  // corrected; said here, where whoever deploys reads, since nothing else would show it.
  // Advisory only: a database that cannot even take the Thai probe (a non-UTF-8 encoding) still boots.
  const thai = await thaiTypoCorrectionWorks(database.db).catch((error: Error) => ({
    works: false,
    ctype: `unknown (${error.message})`,
  }));
  if (!thai.works) {
    logger.warn(
      { lcCtype: thai.ctype },
      'This database does not see Thai letters as letters (LC_CTYPE %s), so search cannot correct mistyped Thai words. Create the database with a UTF-8 locale such as C.UTF-8 (docs/operations.md).',
      thai.ctype,
    );
  }
  const cache = createCache({
    redisUrl: config.redisUrl,
    keyPrefix: config.redisKeyPrefix,
    onError: (error) => logger.warn({ err: error }, 'cache error'),
  });
  const storage = createStorage(config);
  const mailer = createMailer({ config, database });
  // Only the processes that run workers fire cron schedules.
  const queue = createQueue({ database, logger, schedule: config.role !== 'api' });
  await queue.start();
  // Declared in every role (request code and handlers queue mail inside transactions); sent where workers run.
  await startMailWorker(queue, mailer, { work: config.role !== 'api' });
  const events = createEventBus({ database, queue, logger });
  for (const handler of auditEventHandlers) events.subscribe(handler);
  for (const handler of paymentsEventHandlers({ queue })) events.subscribe(handler);
  const plans = createPlansService({ database, payments: paymentsFromConfig(config, { database, storage }) });
  for (const handler of walletEventHandlers({ queue, publicUrl: config.publicUrl }))
    events.subscribe(handler);
  for (const handler of planEventHandlers({ plans, queue, publicUrl: config.publicUrl }))
    events.subscribe(handler);
  // Studio plan billing: owners hear of failed charges and of a plan that ended.
  for (const handler of billingEventHandlers({ queue, publicUrl: config.publicUrl }))
    events.subscribe(handler);
  // Orders follow their payments (paid, failed, refunded) and send the client's order emails.
  const orderPayments = paymentsFromConfig(config, { database, storage });
  const orderLifecycle = createOrderLifecycle({
    catalog: createCatalogCheckout({ storage }),
    payments: orderPayments,
  });
  for (const handler of createOrderEventHandlers({
    lifecycle: orderLifecycle,
    getPayment: (ctx, paymentId) => orderPayments.getPayment(ctx, paymentId),
    queue,
    publicUrl: config.publicUrl,
    appSecret: config.appSecret,
  }))
    events.subscribe(handler);

  if (config.seedDemo) await seedDemo({ config, database, cache, mailer, logger, storage });

  let app: FastifyInstance | undefined;
  let webServed = false;
  if (config.role !== 'worker') {
    app = await buildApp({ config, database, cache, storage, mailer, queue });
    if (config.serveWeb) {
      webServed = await registerWeb(app, { webDir: WEB_DIR, port: config.port });
      if (!webServed) logger.warn('The web app is not built (npm run build); serving the API only.');
    }
    await app.listen({ host: config.host, port: config.port });
  }
  if (config.role !== 'api') {
    await events.start();
    await registerFlashSaleWorkers({ database, cache, queue });
    // CSV imports of the catalog: stream, validate and write in batches (catalog.import.ts).
    await queue.work(CATALOG_IMPORT_JOB, catalogImportWorker({ database, storage, cache, logger }));
    // Lost Stripe webhooks: converge open payments with what Stripe says, every five minutes.
    const payments = paymentsFromConfig(config, { database, storage });
    await registerPaymentsJobs(queue, { database, registry: payments.registry, logger });
    // Payment plans: reminders and due instalments every minute; wallet and plan emails.
    await schedulePlanJobs(queue, plans);
    // Studio plans unpaid past the grace fall back to starter, hourly.
    await scheduleBillingJobs(queue, {
      database,
      cache,
      stripe: config.stripe ? createStripeClient(config.stripe) : undefined,
    });
    // Unpaid orders: reminders for manual payers, cancel (stock and promo back) after the hold.
    await scheduleOrderJobs(queue, { database, lifecycle: orderLifecycle });
    // PGlite has no autovacuum: dead rows and stale planner statistics are seen to here (platform/db).
    if (database.engine.kind === 'pglite') {
      await queue.schedule(DATABASE_UPKEEP_JOB, '*/5 * * * *', async () => {
        const done = await upkeepWhereDue(database);
        const failed = done.filter((entry) => entry.error);
        if (failed.length) logger.warn({ tables: failed }, 'database upkeep failed on some tables');
        if (done.length) logger.info({ tables: done }, 'database upkeep (vacuum / analyze)');
      });
    }
  }

  // Ctrl-C / SIGTERM: stop taking requests, let in-flight ones finish, let running jobs finish (or return
  // them to the queue), then close the database so PGlite flushes its files.
  closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await app?.close();
    await events.stop();
    await queue.stop(10_000);
    await mailer.close();
    await cache.close();
    await database.close();
  });

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  printBanner({ url: config.publicUrl, seconds, role: config.role, webServed, engine: database.engine.kind });
}

function printBanner(info: {
  url: string;
  seconds: string;
  role: string;
  webServed: boolean;
  engine: string;
}) {
  const lines = [
    '',
    `  Atelier is running (${info.role}, ${info.engine}, ready in ${info.seconds} s)`,
    '',
    `  ${info.webServed ? 'Web + API' : 'API'}:  ${info.url}`,
    `  API docs:   ${info.url}/api/docs`,
    `  Health:     ${info.url}/api/ready`,
    '',
    '  Demo studios:',
    ...DEMO_STUDIOS.map(({ studio }) => `    ${studio.name.padEnd(28)} ${info.url}/${studio.slug}`),
    '',
    `  Demo sign-ins (password: ${DEMO_PASSWORD}) at ${info.url}/sign-in`,
    ...DEMO_PEOPLE.map(
      (person) =>
        `    ${person.email.padEnd(28)} ${person.role}${person.studio ? ` of ${person.studio}` : ''}${person.totp ? ' (2FA)' : ''}`,
    ),
    `  2FA code: add the secret ${DEMO_TOTP_SECRET} to an authenticator app (time-based)`,
    '  Sign in with Discord (QR Studios players): run `npm run demo:oauth` and start with what it prints.',
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Atelier failed to start:', error);
  }
  process.exit(1);
});
