import { createServer } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Cache, createCache } from '../cache/index.js';
import { createEdgeCache, type EdgeAnswered, type EdgeCache } from './edge-cache.js';

/**
 * A real Fastify app shaped like the API, listening on a port (replays happen in the server's request
 * listener, which injected requests never pass): the edge in front, a header-setting hook (as helmet
 * is), and a route that keeps its answer while namespace "shop" stays at the version it read first.
 */
describe('edge cache: kept answers replayed at the door', () => {
  let cache: Cache;
  let edge: EdgeCache;
  let app: FastifyInstance;
  let made: number;
  let lifetimeMs: number;
  let setCookie: boolean;
  let answered: EdgeAnswered[];
  let base: string;

  beforeEach(async () => {
    cache = createCache({ redisUrl: undefined });
    answered = [];
    base = '';
    let ids = 0;
    edge = createEdgeCache(cache, {
      requestId: (request) => String(request.headers['x-request-id'] ?? `replay-${++ids}`),
      answered: (answer) => answered.push(answer),
    });
    made = 0;
    lifetimeMs = 60_000;
    setCookie = false;
    app = Fastify({ serverFactory: (handler) => createServer(edge.front(handler)) });
    app.addHook('onRequest', (request, reply, done) => {
      reply.header('x-frame-options', 'SAMEORIGIN');
      reply.header('x-request-id', request.id);
      done();
    });
    app.addHook('onSend', edge.onSend);
    app.get('/answer', async (request, reply) => {
      const version = await cache.namespaceVersion('shop');
      made += 1;
      edge.keep(request, { versions: [['shop', version]], expiresAt: Date.now() + lifetimeMs });
      if (setCookie) reply.header('set-cookie', 'session=secret');
      reply.header('cache-control', 'public, max-age=5');
      return reply.type('application/json; charset=utf-8').send(`{"made":${made}}`);
    });
    app.get('/plain', async () => ({ made: ++made }));
    app.post('/answer', async () => ({ posted: true }));
    app.get('/big', async (request, reply) => {
      const version = await cache.namespaceVersion('shop');
      made += 1;
      edge.keep(request, { versions: [['shop', version]], expiresAt: Date.now() + lifetimeMs });
      return reply.type('application/json; charset=utf-8').send(JSON.stringify({ pad: 'x'.repeat(70_000) }));
    });
  });
  afterEach(async () => {
    await app.close();
  });

  const get = async (url: string, headers: Record<string, string> = {}) => {
    base ||= await app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${base}${url}`, { headers });
    return {
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
      status: response.status,
    };
  };

  it('replays the first answer with its headers until the namespace moves', async () => {
    const first = await get('/answer?x=1');
    const second = await get('/answer?x=1');
    expect(second.body).toBe('{"made":1}');
    expect(made).toBe(1);
    // Same headers as the full path, except what belongs to one request.
    for (const header of ['x-frame-options', 'cache-control', 'content-type'])
      expect(second.headers[header]).toBe(first.headers[header]);
    expect(second.headers['content-length']).toBe(String(Buffer.byteLength('{"made":1}')));
    // Reported like the answers Fastify sends itself: by route template, with its own request id.
    expect(answered).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: '/answer?x=1',
        route: '/answer',
        statusCode: 200,
        requestId: 'replay-1',
      }),
    ]);
    expect(answered[0]?.elapsedMs).toBeGreaterThanOrEqual(0);

    // Another URL is another answer.
    expect((await get('/answer?x=2')).body).toBe('{"made":2}');

    await cache.invalidate('shop');
    expect((await get('/answer?x=1')).body).toBe('{"made":3}');
    expect((await get('/answer?x=1')).body).toBe('{"made":3}');
  });

  it('does not replay past the deadline the route gave', async () => {
    lifetimeMs = 50;
    await get('/answer');
    expect((await get('/answer')).body).toBe('{"made":1}');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await get('/answer')).body).toBe('{"made":2}');
  });

  it('never records or replays for a caller with an Origin (CORS answers differ per origin)', async () => {
    await get('/answer', { origin: 'https://elsewhere.example' });
    await get('/answer', { origin: 'https://elsewhere.example' });
    expect(made).toBe(2);
    await get('/answer');
    expect((await get('/answer', { origin: 'https://elsewhere.example' })).body).toBe('{"made":4}');
  });

  it('never records an answer that sets a cookie, one the route did not keep, or a very large one', async () => {
    setCookie = true;
    await get('/answer');
    await get('/answer');
    expect(made).toBe(2);
    await get('/plain');
    await get('/plain');
    expect(made).toBe(4);
    // Too big to hold (the edge's memory stays bounded): sent the usual way every time.
    await get('/big');
    await get('/big');
    expect(made).toBe(6);
    expect(edge.size).toBe(0);
  });

  it("gives every replayed answer its own request id, the caller's when it sent one", async () => {
    await get('/answer');
    const a = await get('/answer');
    const b = await get('/answer');
    const c = await get('/answer', { 'x-request-id': 'from-the-caller' });
    expect(made).toBe(1);
    expect(a.headers['x-request-id']).toBeTruthy();
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    expect(c.headers['x-request-id']).toBe('from-the-caller');
  });

  it('hands every other request to Fastify untouched', async () => {
    await get('/answer');
    const posted = await fetch(`${base}/answer`, { method: 'POST' });
    expect(await posted.json()).toEqual({ posted: true });
    expect((await get('/missing')).status).toBe(404);
    expect(made).toBe(1);
    expect(answered).toEqual([]);
  });
});
