import type { Tx } from './db/index.js';

/**
 * Who is acting. Identity (sign-in, API keys, roles) fills in the other kinds; until a request proves
 * who it is, it is anonymous. Services take the actor first and check access on their first line.
 */
export type Actor = { kind: 'anonymous' } | { kind: 'system'; reason: string };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** What a service use case receives for work inside one studio: the tenant, the caller, the transaction. */
export interface StudioContext {
  studioId: string;
  actor: Actor;
  tx: Tx;
}
