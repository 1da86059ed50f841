// The ceiling: bare Fastify with no plugins, answering the same kind of small JSON as /api/health.
// Everything the real app does on top of this (helmet, rate limit, ids, logging, database) shows up as
// the distance from this number.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ status: 'ok' }));

const port = Number(process.env.PORT ?? 0);
await app.listen({ host: '127.0.0.1', port });

// The parent may send SIGTERM; closing lets in-flight requests finish, like the real app.
process.once('SIGTERM', () => {
  app.close().then(() => process.exit(0));
});
