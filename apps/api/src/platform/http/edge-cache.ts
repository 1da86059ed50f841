import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest, onRequestHookHandler, onSendHookHandler } from 'fastify';
import type { Cache } from '../cache/index.js';
import { createNearCache } from '../cache/index.js';

/**
 * Whole public answers replayed at the door, like a CDN edge in this process.
 *
 * A storefront read that is already kept ready (see the catalog's answers) still paid for the whole
 * request lifecycle on every hit: security headers worked out again, CORS, the rate-limit counter,
 * overload checks, the actor, query validation. For an answer that is the same for every anonymous
 * caller none of that changes the bytes sent, so the first answer through the full lifecycle is recorded
 * with its headers, and later requests for the same URL are answered from the first onRequest hook with
 * those bytes: one map lookup and a version lookup per cache namespace it depends on.
 *
 * What keeps it right:
 * - An entry is only recorded for a route that asked for it (`keep`), with the versions of the cache
 *   namespaces the answer was made under (the studio's catalog, the studios lookup) and its own deadline.
 *   A write anywhere moves a namespace version (shared cache), so the next request misses and takes the
 *   full path; the deadline covers clock-driven changes (a flash sale starting) and the cache lifetime.
 * - Only GETs without an Origin header are recorded or replayed: CORS headers depend on the caller's
 *   origin, and a same-origin page or a server render sends none. A reply that sets a cookie is never
 *   recorded. Per-request headers (request id, rate-limit counters, date) are not replayed; the request id
 *   is the new request's own.
 * - Replayed answers skip the rate limiter on purpose: they cost less than the limiter itself. A caller
 *   walking new URLs misses and is limited as usual.
 * Metrics and the access log still see every request (they hang on the response's finish).
 */
export interface EdgeCache {
  /** Register before every other onRequest hook (after the request id). */
  readonly onRequest: onRequestHookHandler;
  /** Register on the routes' plugin, after hooks that set headers: records replies marked by keep(). */
  readonly onSend: onSendHookHandler;
  /** Marks this request's 200 answer as replayable while every namespace stays at its version. */
  keep(request: FastifyRequest, validity: EdgeValidity): void;
  readonly size: number;
}

export interface EdgeValidity {
  /**
   * Every cache namespace the answer depends on, with the version read BEFORE the data it was made from
   * (read after, a write in between would label old data with the new version).
   */
  versions: ReadonlyArray<readonly [namespace: string, version: number]>;
  /** Epoch ms after which the answer must be made again. */
  expiresAt: number;
}

interface Entry extends EdgeValidity {
  /** The recorded headers as a flat [name, value, name, value, ...] list, ready for writeHead. */
  head: Array<string | number | string[]>;
  body: Buffer;
}

/** Headers that belong to one request or connection, never to a recorded answer. */
const PER_REQUEST = new Set([
  'x-request-id',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
]);

/**
 * Answers larger than this are sent the usual way (still from the catalog's own near cache). With the
 * entry bound below, what the edge holds stays under 64 MB (a storefront list or detail is 10-40 KB).
 */
const MAX_BODY_BYTES = 64 * 1024;

export function createEdgeCache(cache: Cache, { maxEntries = 1_000 } = {}): EdgeCache {
  const entries = createNearCache<Entry>({ maxEntries });
  const pending = new WeakMap<FastifyRequest, EdgeValidity>();
  const recordable = (request: FastifyRequest) =>
    request.method === 'GET' && request.headers.origin === undefined;

  const replay = (request: FastifyRequest, reply: FastifyReply, entry: Entry) => {
    reply.hijack();
    // A flat list rather than an object: nothing to spread or walk key by key per request.
    reply.raw.writeHead(200, [
      ...entry.head,
      'x-request-id',
      request.id,
      'content-length',
      entry.body.length,
    ]);
    reply.raw.end(entry.body);
  };

  return {
    onRequest(request, reply, done) {
      if (!recordable(request)) return done();
      const entry = entries.get(request.url);
      if (entry === undefined) return done();
      Promise.all(entry.versions.map(([namespace]) => cache.namespaceVersion(namespace))).then(
        (versions) => {
          if (versions.some((version, i) => version !== entry.versions[i]?.[1])) return done();
          // The reply is sent: later hooks and the handler never run (done is not called).
          replay(request, reply, entry);
        },
        // The shared cache is down: take the full path, which knows how to answer without it.
        () => done(),
      );
    },

    onSend(request, reply, payload, done) {
      const validity = pending.get(request);
      if (
        validity !== undefined &&
        reply.statusCode === 200 &&
        typeof payload === 'string' &&
        Buffer.byteLength(payload) <= MAX_BODY_BYTES &&
        recordable(request) &&
        !reply.hasHeader('set-cookie')
      ) {
        const head: Entry['head'] = [];
        for (const [name, value] of Object.entries(reply.getHeaders() as OutgoingHttpHeaders)) {
          if (value !== undefined && !PER_REQUEST.has(name.toLowerCase())) head.push(name, value);
        }
        entries.set(request.url, { ...validity, head, body: Buffer.from(payload) }, validity.expiresAt);
      }
      done(null, payload);
    },

    keep(request, validity) {
      if (recordable(request)) pending.set(request, validity);
    },

    get size() {
      return entries.size;
    },
  };
}
