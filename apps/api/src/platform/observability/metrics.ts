import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics: process defaults plus request duration by route template (never by raw URL, so
 * the label set stays bounded). One registry per app instance keeps test apps independent.
 */
export interface RequestMetrics {
  registry: Registry;
  /** Counts an answer Fastify did not send itself (the edge cache's replays). */
  observe(method: string, route: string, statusCode: number, seconds: number): void;
}

export function registerMetrics(app: FastifyInstance): RequestMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'atelier_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const observe = (method: string, route: string, statusCode: number, seconds: number) =>
    duration.observe({ method, route, status: String(statusCode) }, seconds);
  // A plain callback: no promise per request.
  app.addHook('onResponse', (request, reply, done) => {
    observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return { registry, observe };
}
