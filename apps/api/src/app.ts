import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { AjvCompiler } from '@fastify/ajv-compiler';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyInstance, type FastifyServerFactory } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { apiKeyResolver, apiKeysRoutes, createApiKeysService } from './modules/api-keys/index.js';
import { auditRoutes } from './modules/audit/index.js';
import {
  catalogAdminRoutes,
  catalogImportRoutes,
  catalogRoutes,
  createCatalogAdminService,
  createCatalogCheckout,
  createCatalogService,
  createFlashSalesService,
  flashSalesRoutes,
} from './modules/catalog/index.js';
import {
  assertTwoFactorSatisfied,
  createAuth,
  createIdentityService,
  createLoginProtection,
  identityRoutes,
} from './modules/identity/index.js';
import { messagingRoutes } from './modules/messaging/index.js';
import {
  createOrdersService,
  orderAdminRoutes,
  orderClientRoutes,
  orderShopRoutes,
} from './modules/orders/index.js';
import {
  billingRoutes,
  carryOverBalances,
  createBillingService,
  createPlansService,
  createStripeClient,
  createWalletService,
  paymentsFromConfig,
  paymentsRoutes,
  plansRoutes,
  walletRoutes,
} from './modules/payments/index.js';
import { createStudiosService, studiosRoutes } from './modules/studios/index.js';
import { type Cache, redisClient } from './platform/cache/index.js';
import type { UserActor } from './platform/context.js';
import type { Database } from './platform/db/index.js';
import { registerActor } from './platform/http/actor.js';
import { createEdgeCache, type EdgeAnswered, type EdgeCache } from './platform/http/edge-cache.js';
import { registerErrorHandling, sendProblem } from './platform/http/error-handler.js';
import { AppError } from './platform/http/errors.js';
import { registerIdempotency } from './platform/http/idempotency.js';
import { rateLimitKey } from './platform/http/internal-caller.js';
import { ProblemSchema } from './platform/http/schemas.js';
import { type CompiledValidator, refusingUnstorable } from './platform/http/storable-input.js';
import type { Mailer } from './platform/mailer/index.js';
import { healthRoutes, type ReadinessCheck } from './platform/observability/health.js';
import { registerMetrics } from './platform/observability/metrics.js';
import type { Queue } from './platform/queue/index.js';
import type { Storage } from './platform/storage/index.js';
import storageRoutes from './platform/storage/routes.js';
import { version } from './version.js';

/** Everything the HTTP app needs, built by main.ts (or a test) and passed in: no globals. */
export interface AppDeps {
  config: Config;
  database: Database;
  cache: Cache;
  storage: Storage;
  mailer: Mailer;
  /** Present where this process talks to the queue (always, except in narrow unit tests). */
  queue?: Queue;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's request id when it is sane (so logs join up across services); otherwise makes one. */
function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Query strings, params and headers are text, so their values are coerced to the schema's types ("5" ->
 * 5, "a" -> ["a"]). A JSON body already has types and is never coerced: coercion inside a nullable union
 * would turn a client's `null` into 0 (Ajv tries the integer branch first and mutates the value).
 */
type PartValidatorBuilder = (route: { schema: unknown; httpPart?: string }) => unknown;
type ValidatorPool = (externalSchemas: unknown, options: { customOptions?: object }) => PartValidatorBuilder;

function validatorsByPart(
  externalSchemas: unknown,
  options: { customOptions?: object },
): PartValidatorBuilder {
  // The package's types describe a plain Ajv compile; at runtime it builds from Fastify's route schemas.
  const pool = (): ValidatorPool => AjvCompiler() as unknown as ValidatorPool;
  const coercing = pool()(externalSchemas, options);
  const exact = pool()(externalSchemas, {
    ...options,
    customOptions: { ...options.customOptions, coerceTypes: false },
  });
  // Then, for every part, what the schema allows but the database cannot store (storable-input.ts).
  return (route) =>
    refusingUnstorable((route.httpPart === 'body' ? exact(route) : coercing(route)) as CompiledValidator);
}

/**
 * The HTTP server Fastify would make (same timeouts, from its options with their defaults), with the
 * edge cache's request listener in front of Fastify's.
 */
function serverInFrontOf(edge: EdgeCache): FastifyServerFactory<Server> {
  return (handler, options) => {
    const server = createServer(edge.front(handler));
    server.keepAliveTimeout = Number(options.keepAliveTimeout);
    server.requestTimeout = Number(options.requestTimeout);
    server.setTimeout(Number(options.connectionTimeout));
    if (Number(options.maxRequestsPerSocket) > 0)
      server.maxRequestsPerSocket = Number(options.maxRequestsPerSocket);
    return server;
  };
}

/**
 * Builds the Fastify app in a fixed order: external plugins (docs, security, limits) -> app mechanisms
 * (errors, metrics, idempotency) -> routes. It does not listen; main.ts and tests decide that.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, cache, storage, mailer, queue } = deps;
  // Kept-ready storefront answers are replayed in front of Fastify (see edge-cache.ts); what it replays
  // is reported to the request metrics and the access log once both exist (below).
  let reportReplay: ((answer: EdgeAnswered) => void) | undefined;
  const edgeAnswers =
    config.catalogCacheSeconds > 0
      ? createEdgeCache(cache, { requestId: requestIdOf, answered: (answer) => reportReplay?.(answer) })
      : undefined;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: requestIdOf,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    schemaController: { compilersFactory: { buildValidator: validatorsByPart as never } },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ...(edgeAnswers && { serverFactory: serverInFrontOf(edgeAnswers) }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Set when the request arrives (a plain callback, no promise per request), so every answer carries it,
  // errors and early refusals (rate limit, overload) included.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  // 1. External plugins.
  app.addSchema(ProblemSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Atelier API',
        version,
        description:
          'Run a creative or commerce studio: catalog, bookings, payments, delivery, messaging. ' +
          'Errors are RFC 9457 problem+json with a stable `code`; lists are cursor-paginated.',
      },
      servers: [{ url: config.publicUrl }],
      tags: [
        { name: 'studios', description: 'The tenants of this deployment' },
        { name: 'catalog', description: 'What a studio sells' },
        { name: 'catalog-admin', description: "Editing a studio's catalog (needs catalog.manage)" },
        {
          name: 'identity',
          description: 'People, sessions and sign-in (sign-up, sign-in, 2FA live under /api/auth)',
        },
        { name: 'orders', description: 'Cart, checkout, orders, promo codes and commerce rules' },
        { name: 'payments', description: 'Taking money: payments, refunds, payment settings, webhooks' },
        { name: 'audit', description: 'Who did what, when, from where (append-only)' },
        { name: 'api-keys', description: "A studio's integration keys (Authorization: Bearer atk_...)" },
        { name: 'platform', description: 'Platform administration (platform admins only)' },
        { name: 'operations', description: 'Health and readiness' },
      ],
    },
    // Named schemas (Problem) keep their name in the document instead of def-0.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(helmet, {
    // The API answers JSON; the web app (Next) sets its own CSP. Swagger UI needs inline styles.
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
    // Not helmet's no-referrer: under it a browser sends `Origin: null` with a plain form POST, and Next
    // refuses a server action whose Origin is not its host, so every form submitted before the page's
    // scripts have loaded (a slow phone) failed. same-origin still tells other sites nothing.
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cors, { origin: [config.publicUrl], credentials: true });
  await app.register(cookie, { secret: config.appSecret });
  const redis = redisClient(cache);
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Per visitor: the web server's renders count against the visitor they render for, not loopback.
    keyGenerator: rateLimitKey(config.appSecret),
    // A Redis outage must not take the API down with it: requests pass unlimited until it is back.
    ...(redis ? { redis, nameSpace: 'atelier-rl:', skipOnError: true } : {}),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s`, {
        retryAfter: Math.ceil(context.ttl / 1000),
      }),
  });
  await app.register(underPressure, {
    maxEventLoopDelay: config.maxEventLoopDelayMs,
    retryAfter: 5,
    // Shed load with the same problem+json shape as every other error.
    pressureHandler: (request, reply) => {
      void sendProblem(
        request,
        reply,
        new AppError('service_unavailable', 'The server is overloaded', { retryAfter: 5 }),
      );
    },
  });

  // 2. App mechanisms.
  registerErrorHandling(app);
  const metrics = registerMetrics(app);
  reportReplay = (answer) => {
    metrics.observe(answer.method, answer.route, answer.statusCode, answer.elapsedMs / 1000);
    // The access line Fastify writes for the requests it answers itself.
    app.log.info(
      {
        reqId: answer.requestId,
        req: { method: answer.method, url: answer.url },
        res: { statusCode: answer.statusCode },
        responseTime: answer.elapsedMs,
        replayed: true,
      },
      'request completed',
    );
  };
  const auth = createAuth({
    config,
    database,
    mailer,
    logger: app.log as unknown as Logger,
    // Guest history (client rows with this address, in every studio) follows a proven address.
    onVerifiedEmail: (userId, email) => studios.linkClientAccounts(userId, email),
  });
  const identity = createIdentityService({
    auth,
    database,
    // A deleted person's client records retire: their addresses start afresh for whoever holds them next.
    onAccountDeleted: (tx, userId) => studios.retireClientsOfUser(tx, userId),
  });
  const apiKeys = createApiKeysService({ database });
  registerActor(app, {
    resolvers: [apiKeyResolver(apiKeys), identity.resolveSession],
    publicUrl: config.publicUrl,
  });
  registerIdempotency(app, database);

  // 3. Routes.
  const checks: ReadinessCheck[] = [
    { name: 'database', driver: database.engine.kind, ping: () => database.ping() },
    { name: 'storage', driver: storage.driver, ping: () => storage.ping() },
    { name: 'mail', driver: mailer.transport, ping: () => mailer.ping() },
    ...(queue ? [{ name: 'queue' as const, driver: 'pg-boss', ping: () => queue.ping() }] : []),
    ...(cache.kind === 'redis'
      ? [{ name: 'redis' as const, driver: 'redis', ping: () => cache.ping() }]
      : []),
  ];
  await app.register(healthRoutes, { checks, version });
  if (storage.driver === 'local') await app.register(storageRoutes, { storage, appSecret: config.appSecret });

  // The person's email when they have proved it, else null: what may attach a studio's client record
  // (its history, plans and wallet) to them (team invitations, wallet top-ups).
  const verifiedEmailOf = async (actor: UserActor) => {
    const me = await identity.getMe(actor);
    return me.emailVerified ? me.email : null;
  };
  const studios = createStudiosService({
    database,
    cache,
    mailer,
    publicUrl: config.publicUrl,
    verifiedEmailOf,
    assertTwoFactor: (actor) => assertTwoFactorSatisfied(database.db, actor),
    // A person's retired records (an old address, a guest record for their new one) hand their wallet
    // balances to the live record, in the transaction that retires them.
    onClientRecordsJoined: (tx, joins) => carryOverBalances(tx, joins),
  });
  const catalog = createCatalogService({
    database,
    cache,
    storage,
    cacheSeconds: config.catalogCacheSeconds,
  });
  await app.register(identityRoutes, {
    auth,
    identity,
    loginProtection: createLoginProtection(cache),
    publicUrl: config.publicUrl,
    config,
    database,
    studios,
  });
  await app.register(auditRoutes, { database, studios, authorize: studios.requireStudioPermission });
  await app.register(apiKeysRoutes, {
    database,
    studios,
    apiKeys,
    authorize: studios.requireStudioPermission,
  });
  await app.register(studiosRoutes, { studios });
  await app.register(catalogRoutes, {
    studios,
    catalog,
    ...(edgeAnswers ? { edge: { cache, answers: edgeAnswers } } : {}),
  });
  await app.register(flashSalesRoutes, {
    database,
    cache,
    studios,
    flashSales: createFlashSalesService({ queue }),
    authorize: studios.requireStudioPermission,
  });
  await app.register(catalogAdminRoutes, {
    database,
    studios,
    cache,
    storage,
    catalogAdmin: createCatalogAdminService({ storage }),
  });
  await app.register(catalogImportRoutes, { database, studios, storage, queue });
  await app.register(messagingRoutes, { database, studios });
  // Orders (and later bookings, projects) take money through this one service: payments.startPayment.
  const payments = paymentsFromConfig(config, { database, storage });
  await app.register(paymentsRoutes, {
    database,
    studios,
    payments,
    authorize: studios.requireStudioPermission,
    cache,
  });
  // Wallets (top-ups, adjustments) and payment plans (deposits, instalments), on the same payments service.
  const wallet = createWalletService({
    database,
    studios,
    payments,
    verifiedEmailOf,
  });
  await app.register(walletRoutes, { studios, wallet });
  await app.register(plansRoutes, { studios, plans: createPlansService({ database, payments, studios }) });
  // The platform billing studios for their plan (Stripe subscriptions; manual invoices for enterprise).
  const billingStripe = config.stripe ? createStripeClient(config.stripe) : undefined;
  await app.register(billingRoutes, {
    studios,
    billing: createBillingService({
      database,
      cache,
      studios,
      stripe: billingStripe,
      publicUrl: config.publicUrl,
    }),
  });
  // Cart, checkout and orders: prices from the catalog, money through payments (and plans).
  const orders = createOrdersService({
    database,
    studios,
    catalog: createCatalogCheckout({ storage }),
    payments,
    plans: createPlansService({ database, payments }),
    appSecret: config.appSecret,
    verifiedUserIdOf: (email) => identity.verifiedUserIdOf(email),
  });
  await app.register(orderShopRoutes, {
    studios,
    orders,
    secureCookies: config.publicUrl.startsWith('https:'),
  });
  await app.register(orderClientRoutes, { studios, orders });
  await app.register(orderAdminRoutes, { database, studios, orders });

  return app;
}
