import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyRequest, onSendHookHandler } from 'fastify';
import type { Cache } from '../cache/index.js';
import { createNearCache } from '../cache/index.js';

/**
 * Whole public answers replayed at the door, like a CDN edge in this process.
 *
 * A storefront read that is already kept ready (see the catalog's answers) still paid for the whole
 * request lifecycle on every hit: routing, a request and reply object with a child logger, security
 * headers worked out again, CORS, the rate-limit counter, overload checks, the actor, query validation.
 * For an answer that is the same for every anonymous caller none of that changes the bytes sent, so the
 * first answer through the full lifecycle is recorded with its headers, and later requests for the same
 * URL are answered by Node's request listener in front of Fastify's (`front`) with those bytes: one map
 * lookup and a version lookup per cache namespace the answer depends on.
 *
 * What keeps it right:
 * - An entry is only recorded for a route that asked for it (`keep`), with the versions of the cache
 *   namespaces the answer was made under (the studio's catalog, the studios lookup) and its own deadline.
 *   A write anywhere moves a namespace version (shared cache), so the next request misses and takes the
 *   full path; the deadline covers clock-driven changes (a flash sale starting) and the cache lifetime.
 * - Only GETs without an Origin header are recorded or replayed: CORS headers depend on the caller's
 *   origin, and a same-origin page or a server render sends none. A reply that sets a cookie is never
 *   recorded. Per-request headers (request id, rate-limit counters, date) are not replayed; the request id
 *   is the new request's own, made by the same rule as Fastify's.
 * - Replayed answers skip the rate limiter on purpose: they cost less than the limiter itself. A caller
 *   walking new URLs misses and is limited as usual.
 * - Every replay is reported to `answered` (the request metrics and the access log), as Fastify reports
 *   the requests it answers itself.
 * Requests injected into Fastify (tests' app.inject) never pass the front door: they take the full path.
 */
export interface EdgeCache {
  /** Node's request listener for the HTTP server: replays kept answers, hands the rest to `next`. */
  front(next: RequestListener): RequestListener;
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

/** One replayed answer, for metrics and the access log. */
export interface EdgeAnswered {
  requestId: string;
  method: string;
  url: string;
  /** The route's template ("/api/v1/studios/:studio/catalog/items/:slug"), as Fastify reports it. */
  route: string;
  statusCode: number;
  /** Milliseconds from arrival to the answer handed to the socket. */
  elapsedMs: number;
}

export interface EdgeCacheOptions {
  maxEntries?: number;
  /** The request id for a replay: the same rule as the app's genReqId. */
  requestId(request: IncomingMessage): string;
  answered?(answer: EdgeAnswered): void;
}

interface Entry extends EdgeValidity {
  /** The recorded headers as a flat [name, value, name, value, ...] list, ready for writeHead. */
  head: Array<string | number | string[]>;
  body: Buffer;
  route: string;
  /** The namespaces of `versions`, in order, as namespaceVersions() takes them. */
  namespaces: string[];
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
 * entry bound below, what the edge holds stays under 64 MB (a storefront list or detail is 5-40 KB).
 */
const MAX_BODY_BYTES = 64 * 1024;

export function createEdgeCache(cache: Cache, options: EdgeCacheOptions): EdgeCache {
  const { maxEntries = 1_000, requestId, answered } = options;
  const entries = createNearCache<Entry>({ maxEntries });
  const pending = new WeakMap<FastifyRequest, EdgeValidity>();
  const recordable = (method: string | undefined, origin: string | undefined) =>
    method === 'GET' && origin === undefined;

  /** True while every namespace the entry was made under is still at that version (one round trip). */
  const current = async (entry: Entry) => {
    const now = await cache.namespaceVersions(entry.namespaces);
    return entry.versions.every(([, version], index) => now[index] === version);
  };

  const replay = (request: IncomingMessage, response: ServerResponse, entry: Entry, started: number) => {
    const id = requestId(request);
    // A flat list rather than an object: nothing to spread or walk key by key per request.
    response.writeHead(200, [...entry.head, 'x-request-id', id, 'content-length', entry.body.length]);
    response.end(entry.body);
    answered?.({
      requestId: id,
      method: 'GET',
      url: request.url ?? '',
      route: entry.route,
      statusCode: 200,
      elapsedMs: performance.now() - started,
    });
  };

  return {
    front(next) {
      return (request, response) => {
        if (!recordable(request.method, request.headers.origin)) return next(request, response);
        const entry = entries.get(request.url ?? '');
        if (entry === undefined) return next(request, response);
        const started = performance.now();
        current(entry).then(
          (fresh) => (fresh ? replay(request, response, entry, started) : next(request, response)),
          // The shared cache is down: take the full path, which knows how to answer without it.
          () => next(request, response),
        );
      };
    },

    onSend(request, reply, payload, done) {
      const validity = pending.get(request);
      if (
        validity !== undefined &&
        reply.statusCode === 200 &&
        typeof payload === 'string' &&
        Buffer.byteLength(payload) <= MAX_BODY_BYTES &&
        recordable(request.method, request.headers.origin) &&
        !reply.hasHeader('set-cookie')
      ) {
        const head: Entry['head'] = [];
        for (const [name, value] of Object.entries(reply.getHeaders() as OutgoingHttpHeaders)) {
          if (value !== undefined && !PER_REQUEST.has(name.toLowerCase())) head.push(name, value);
        }
        const route = request.routeOptions.url ?? request.url;
        entries.set(
          request.url,
          {
            ...validity,
            head,
            body: Buffer.from(payload),
            route,
            namespaces: validity.versions.map(([namespace]) => namespace),
          },
          validity.expiresAt,
        );
      }
      done(null, payload);
    },

    keep(request, validity) {
      if (recordable(request.method, request.headers.origin)) pending.set(request, validity);
    },

    get size() {
      return entries.size;
    },
  };
}
