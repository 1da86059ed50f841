import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/index.js';
import { AppError } from './errors.js';
import { idempotencyKeys } from './idempotency.tables.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Opt a POST into Idempotency-Key handling (required for anything creating money or bookings). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyScope?: string;
  }
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** How long a first request may run before a retry with the same key is allowed to take over. */
const LOCK_SECONDS = 60;
const REPLAYED_HEADER = 'idempotent-replayed';

function hashRequest(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

/**
 * Who the key belongs to: the signed-in person or API key that `registerActor` resolved (an onRequest
 * hook, so before this preHandler), else the caller's address for a guest. Keys are only unique per
 * caller, so two people behind one address (an office, a mobile carrier's NAT) sending the same key
 * and body must not be replayed each other's answers; and one person retrying from a new address (a
 * phone moving from Wi-Fi to mobile data) must get the first answer back, not a second order.
 */
function scopeOf(request: FastifyRequest, key: string): string {
  const actor = request.actor;
  const caller =
    actor?.kind === 'user'
      ? `user:${actor.userId}`
      : actor?.kind === 'apiKey'
        ? `key:${actor.keyId}`
        : request.headers.authorization
          ? createHash('sha256').update(request.headers.authorization).digest('hex')
          : `ip:${request.ip}`;
  return createHash('sha256')
    .update(`${caller}\n${request.method}\n${request.routeOptions.url ?? request.url}\n${key}`)
    .digest('hex');
}

/**
 * Idempotency-Key support (IETF draft semantics): the first answer to a key is stored and replayed for
 * the same request; the same key with a different request is 422; a retry while the first is still
 * running is 409. Answers of 5xx are not stored, so the client may retry them.
 */
export function registerIdempotency(app: FastifyInstance, database: Database) {
  const claim = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw AppError.invalid('headers.idempotency-key', 'must be 1-255 visible ASCII characters');
    }
    const scopeKey = scopeOf(request, key);
    const requestHash = hashRequest(request);
    const lockedUntil = new Date(Date.now() + LOCK_SECONDS * 1000);
    const claimed = await database.db
      .insert(idempotencyKeys)
      .values({ scopeKey, requestHash, state: 'in_progress', lockedUntil })
      .onConflictDoNothing()
      .returning({ scopeKey: idempotencyKeys.scopeKey });
    if (claimed.length > 0) {
      request.idempotencyScope = scopeKey;
      return;
    }
    const [existing] = await database.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.scopeKey, scopeKey));
    if (!existing) throw new AppError('idempotency_in_progress', undefined, { retryAfter: 1 });
    if (existing.requestHash !== requestHash) throw new AppError('idempotency_key_reused');
    if (existing.state === 'completed') {
      reply.header(REPLAYED_HEADER, 'true');
      for (const [name, value] of Object.entries(existing.responseHeaders ?? {})) reply.header(name, value);
      return reply.status(existing.responseStatus ?? 200).send(existing.responseBody ?? '');
    }
    // The first attempt died or hangs past its lock: let this retry take over, atomically.
    const takenOver = await database.db
      .update(idempotencyKeys)
      .set({ lockedUntil })
      .where(and(eq(idempotencyKeys.scopeKey, scopeKey), lt(idempotencyKeys.lockedUntil, new Date())))
      .returning({ scopeKey: idempotencyKeys.scopeKey });
    if (takenOver.length === 0) throw new AppError('idempotency_in_progress', undefined, { retryAfter: 1 });
    request.idempotencyScope = scopeKey;
  };

  const record = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const scopeKey = request.idempotencyScope;
    if (!scopeKey || reply.getHeader(REPLAYED_HEADER)) return payload;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await database.db.delete(idempotencyKeys).where(eq(idempotencyKeys.scopeKey, scopeKey));
      return payload;
    }
    const contentType = reply.getHeader('content-type');
    await database.db
      .update(idempotencyKeys)
      .set({
        state: 'completed',
        responseStatus: reply.statusCode,
        responseHeaders: typeof contentType === 'string' ? { 'content-type': contentType } : {},
        responseBody: payload,
      })
      .where(eq(idempotencyKeys.scopeKey, scopeKey));
    return payload;
  };

  // Only routes marked `config: { idempotent: true }` get the two hooks: every other request (the
  // storefront's reads above all) skips them instead of entering and leaving two async hooks.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    route.preHandler = [...hooksOf(route.preHandler), claim];
    route.onSend = [...hooksOf(route.onSend), record];
  });
}

/** A route's own hooks of one kind as a list (Fastify takes one function or an array). */
function hooksOf<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}
