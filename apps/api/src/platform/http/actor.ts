import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Actor, ANONYMOUS, type UserActor } from '../context.js';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

/** Turns a request's credentials into an actor; `via` says which credential proved it. */
export type ActorResolver = (
  request: FastifyRequest,
) => Promise<{ actor: Actor; via: 'cookie' | 'bearer' } | null>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sets `request.actor` on every request (anonymous unless a credential proves otherwise). Resolvers are
 * tried in order and the first that recognises a credential wins (e.g. API key, then session cookie); a
 * resolver may throw 401 for a credential it owns but refuses (a revoked key), so it never falls through
 * to anonymous. A write that is authenticated by a cookie must come from our own origin: browsers attach
 * cookies to cross-site requests, so without this check another site could act as the signed-in person
 * (CSRF).
 */
export function registerActor(
  app: FastifyInstance,
  options: { resolvers: readonly ActorResolver[]; publicUrl: string },
) {
  const ownOrigin = new URL(options.publicUrl).origin;
  // null, not an object: Fastify refuses shared reference types as request decorations.
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    if (!request.headers.cookie && !request.headers.authorization) return;
    let resolved: Awaited<ReturnType<ActorResolver>> = null;
    for (const resolve of options.resolvers) {
      resolved = await resolve(request);
      if (resolved) break;
    }
    if (!resolved) return;
    if (
      resolved.via === 'cookie' &&
      !SAFE_METHODS.has(request.method) &&
      request.url.startsWith('/api/v1/')
    ) {
      const origin = request.headers.origin ?? refererOrigin(request.headers.referer);
      if (origin !== ownOrigin)
        throw new AppError('forbidden', 'Cross-site request refused: missing or foreign Origin');
    }
    request.actor = resolved.actor;
  });
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** The signed-in person, or 401. */
export function requireUser(request: FastifyRequest): UserActor {
  if (request.actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to do this');
  return request.actor;
}

/** A platform administrator, or 401 (anonymous) / 403 (anyone else). */
export function requirePlatformAdmin(request: FastifyRequest): UserActor {
  const user = requireUser(request);
  if (user.platformRole !== 'admin')
    throw new AppError('forbidden', 'Only platform administrators may do this');
  return user;
}
