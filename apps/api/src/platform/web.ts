import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AppError } from './http/errors.js';
import { announceVisitorHeader, setVisitorHeader } from './http/internal-caller.js';

type NextFactory = typeof import('next').default;

/**
 * One origin for web and API: Fastify answers /api/* and /metrics itself and hands every other path
 * to the built Next.js app's request handler in this process (see docs/decisions/001-one-origin.md).
 * Returns false when the web app has not been built, so the API can still run on its own.
 */
export async function registerWeb(
  app: FastifyInstance,
  options: { webDir: string; port: number },
): Promise<boolean> {
  if (!existsSync(path.join(options.webDir, '.next', 'BUILD_ID'))) return false;
  // next is CommonJS: depending on the loader its factory is `default` or `default.default`.
  const imported = (await import('next')) as unknown as { default: NextFactory | { default: NextFactory } };
  const next = typeof imported.default === 'function' ? imported.default : imported.default.default;
  const nextApp = next({ dev: false, dir: options.webDir, port: options.port, hostname: 'localhost' });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();
  announceVisitorHeader();

  await app.register(async (web) => {
    // Next reads request bodies itself (server actions, route handlers): Fastify must not consume them.
    web.removeAllContentTypeParsers();
    web.addContentTypeParser('*', (_request, _payload, done) => done(null));
    web.route({
      // No OPTIONS: @fastify/cors answers preflights on every path.
      method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: '/*',
      config: { rateLimit: false },
      schema: { hide: true },
      handler: async (request, reply) => {
        // Unknown API paths stay problem+json 404s, never a web page.
        if (request.url === '/api' || request.url.startsWith('/api/')) {
          throw new AppError(
            'route_not_found',
            `No route for ${request.method} ${request.url.split('?')[0]}`,
          );
        }
        // The page's server-side API calls are rate-limited as this visitor (platform/http/internal-caller.ts).
        setVisitorHeader(request.raw.headers, request.ip);
        reply.hijack();
        await handle(request.raw, reply.raw);
      },
    });
  });
  app.addHook('onClose', async () => {
    await nextApp.close();
  });
  return true;
}
