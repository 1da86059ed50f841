import type { Tx } from './db/index.js';

/**
 * Who is acting. A request starts anonymous; the identity module's resolver turns a session cookie
 * into a person or an API key into a studio's integration. Services take the actor first and check
 * access on their first line.
 */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system'; reason: string }
  | {
      kind: 'user';
      userId: string;
      email: string;
      name: string;
      /** 'admin' is a platform administrator; studio roles come from memberships. */
      platformRole: 'user' | 'admin';
      sessionId: string;
    }
  | { kind: 'apiKey'; keyId: string; studioId: string; name: string };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** What a service use case receives for work inside one studio: the tenant, the caller, the transaction. */
export interface StudioContext {
  studioId: string;
  actor: Actor;
  tx: Tx;
}
