import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

/** A dependency the readiness probe checks: its name, which driver serves it, and a cheap ping. */
export interface ReadinessCheck {
  name: 'database' | 'queue' | 'storage' | 'mail' | 'redis';
  driver: string;
  ping: () => Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

const CheckResult = Type.Object({
  status: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('not_configured')]),
  driver: Type.String(),
  latencyMs: Type.Number(),
  error: Type.Optional(Type.String()),
});

async function run(check: ReadinessCheck) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return {
      status: 'up' as const,
      driver: check.driver,
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return {
      status: 'down' as const,
      driver: check.driver,
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * /api/health says the process is alive (for restarts); /api/ready says it can serve (for the load
 * balancer): every dependency answered. Redis reports not_configured when the memory driver is in use.
 */
export const healthRoutes: FastifyPluginAsyncTypebox<{ checks: ReadinessCheck[]; version: string }> = async (
  app,
  { checks, version },
) => {
  const startedAt = Date.now();
  app.get(
    '/api/health',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up',
        operationId: 'health',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            version: Type.String(),
            uptimeSeconds: Type.Integer(),
          }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      version,
      uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
    }),
  );

  const names = ['database', 'queue', 'storage', 'mail', 'redis'] as const;
  const Checks = Type.Object(
    Object.fromEntries(names.map((name) => [name, CheckResult])) as Record<
      (typeof names)[number],
      typeof CheckResult
    >,
  );
  const Readiness = Type.Object({
    status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
    checks: Checks,
  });

  app.get(
    '/api/ready',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: database, queue, storage, mail and redis each answer',
        operationId: 'ready',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const results = await Promise.all(checks.map(async (check) => [check.name, await run(check)] as const));
      const byName = Object.fromEntries(results);
      const report = Object.fromEntries(
        names.map((name) => [
          name,
          byName[name] ?? { status: 'not_configured' as const, driver: 'none', latencyMs: 0 },
        ]),
      ) as Record<
        (typeof names)[number],
        { status: 'up' | 'down' | 'not_configured'; driver: string; latencyMs: number }
      >;
      const down = Object.values(report).some((result) => result.status === 'down');
      return reply.status(down ? 503 : 200).send({ status: down ? 'unavailable' : 'ready', checks: report });
    },
  );
};
