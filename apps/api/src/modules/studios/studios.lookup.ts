import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Cache } from '../../platform/cache/index.js';
import type { Db, Tx } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { PlanId } from './studios.plans.js';
import { type StudioBrand, studioClients, studioMembers, studios } from './studios.tables.js';

/**
 * Small reads (and the one plan write) other modules need from the studios module's tables. Each runs
 * on the handle it is given, so a caller inside a transaction passes its `tx` (on PGlite a second
 * connection from inside a transaction would wait on it forever); none opens a transaction of its own.
 */

/** The cache namespace the studios service keeps its slug lookups under. */
export const STUDIOS_CACHE_NAMESPACE = 'studios';

/**
 * Drops the cached studio lookups. Call it after the transaction that changed a studio commits
 * (before the commit, a concurrent read could cache the old row again).
 */
export async function invalidateStudios(cache: Cache): Promise<void> {
  await cache.invalidate(STUDIOS_CACHE_NAMESPACE);
}

/** What other modules show of a studio: its name and look in emails, its currency, its plan. */
export interface StudioProfile {
  id: string;
  slug: string;
  name: string;
  currency: string;
  locale: string;
  timezone: string;
  brand: StudioBrand;
  plan: PlanId;
  contactEmail: string | null;
}

/** The studio's profile, or null when there is no such studio. Studios is a platform table (no RLS). */
export async function studioProfile(db: Db | Tx, studioId: string): Promise<StudioProfile | null> {
  const [row] = await db
    .select({
      id: studios.id,
      slug: studios.slug,
      name: studios.name,
      currency: studios.currency,
      locale: studios.locale,
      timezone: studios.timezone,
      brand: studios.brand,
      plan: studios.plan,
      contactEmail: studios.contactEmail,
    })
    .from(studios)
    .where(eq(studios.id, studioId));
  return row ?? null;
}

/** The addresses of the studio's owners (who hear about billing and failed payment plans). */
export async function studioOwnerEmails(tx: Db | Tx, studioId: string): Promise<string[]> {
  const rows = await tx
    .select({ email: studioMembers.email })
    .from(studioMembers)
    .where(and(eq(studioMembers.studioId, studioId), eq(studioMembers.role, 'owner')));
  return rows.map((row) => row.email);
}

/** How many people are in the studio's team (members; pending invitations not counted). */
export async function countMembers(tx: Db | Tx, studioId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(studioMembers)
    .where(eq(studioMembers.studioId, studioId));
  return row?.n ?? 0;
}

/** A studio's client as other modules need it: who to write to, and whose account it is linked to. */
export interface ClientAccount {
  id: string;
  /** The person's id once they have an account with the client's address; null for a guest. */
  userId: string | null;
  email: string;
  name: string;
  /** When the record stopped answering for its address (studio_clients.retired_at); null while live. */
  retiredAt: Date | null;
}

/**
 * The client with this id, or null. Pass the studio's RLS-scoped transaction: a client of another
 * studio is then invisible, so a foreign id reads as "no such client".
 */
export async function clientAccount(
  tx: Tx,
  clientId: string,
  options: { lock?: 'share' } = {},
): Promise<ClientAccount | null> {
  const query = tx
    .select({
      id: studioClients.id,
      userId: studioClients.userId,
      email: studioClients.email,
      name: studioClients.name,
      retiredAt: studioClients.retiredAt,
    })
    .from(studioClients)
    .where(eq(studioClients.id, clientId));
  // `share`: the record cannot retire (linkClientAccounts) until the caller's transaction ends, so money
  // the caller puts in its wallet is there when the retirement carries the balance over.
  const [row] = options.lock ? await query.for(options.lock) : await query;
  return row ?? null;
}

/**
 * The record that answers for this one's person now: itself while it is live; for a retired record of a
 * person, their live record in the studio (after an email change). Money that arrives for a record after
 * it retired (a top-up paid meanwhile) goes there, where the person can spend it. A record with no
 * person, or whose person has no live record (a deleted account), answers for itself.
 */
export async function currentClientIdOf(tx: Tx, studioId: string, clientId: string): Promise<string> {
  // Both reads lock their row against retiring (see `clientAccount`'s `share`) until the caller commits
  // what it credits, so a retirement running meanwhile waits and then carries the credit over.
  const record = await clientAccount(tx, clientId, { lock: 'share' });
  if (!record?.retiredAt || !record.userId) return clientId;
  const [live] = await tx
    .select({ id: studioClients.id })
    .from(studioClients)
    .where(
      and(
        eq(studioClients.studioId, studioId),
        eq(studioClients.userId, record.userId),
        isNull(studioClients.retiredAt),
      ),
    )
    .orderBy(asc(studioClients.id))
    .limit(1)
    .for('share');
  return live?.id ?? clientId;
}

/**
 * Every client record of the studio linked to the person: one per address of theirs the studio has seen
 * and that they have proved (`linkClientAccounts` on a verified email, or a checkout with their own),
 * retired ones included: their history stays theirs after an email change.
 */
export async function clientIdsOfUser(tx: Tx, studioId: string, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: studioClients.id })
    .from(studioClients)
    .where(and(eq(studioClients.studioId, studioId), eq(studioClients.userId, userId)));
  return rows.map((row) => row.id);
}

/**
 * The id of the person's client record in the studio, or null when they are not its client yet. Someone
 * who has proved two addresses the studio has seen (an email change) can have two records: the one for
 * `preferEmail` (their current address, which a wallet top-up files under) wins, then a live one over a
 * retired one, then the oldest, so the same record is picked every time.
 */
export async function clientIdOfUser(
  tx: Tx,
  studioId: string,
  userId: string,
  preferEmail?: string,
): Promise<string | null> {
  const [row] = await tx
    .select({ id: studioClients.id })
    .from(studioClients)
    .where(and(eq(studioClients.studioId, studioId), eq(studioClients.userId, userId)))
    .orderBy(
      ...(preferEmail ? [sql`lower(${studioClients.email}) = lower(${preferEmail.trim()}) desc`] : []),
      sql`${studioClients.retiredAt} desc nulls first`,
      asc(studioClients.id),
    )
    .limit(1);
  return row?.id ?? null;
}

/**
 * Puts a studio on a plan without the owner's permission check: for platform billing (a platform
 * admin's manual plan), which has checked its own rights and that the studio fits the plan. Emits
 * `studios.studio.updated`; the caller calls invalidateStudios after its transaction commits.
 */
export async function setStudioPlan(
  tx: Tx,
  studioId: string,
  plan: PlanId,
  by: { actorUserId: string; reason: string },
): Promise<void> {
  const updated = await tx
    .update(studios)
    .set({ plan })
    .where(eq(studios.id, studioId))
    .returning({ id: studios.id });
  if (updated.length === 0) throw new AppError('not_found', 'No such studio');
  await emit(tx, {
    type: 'studios.studio.updated',
    studioId,
    payload: { actorUserId: by.actorUserId, changed: ['plan'], by: by.reason },
  });
}
