import { and, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import type { Actor, UserActor } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import type { AuditEvent, AuditListQuery } from './audit.schemas.js';
import { auditEvents } from './audit.tables.js';

/** Any actor; for a person only the id is needed (event handlers know no more). */
export type AuditActor = Exclude<Actor, UserActor> | Pick<UserActor, 'kind' | 'userId'>;

export interface AuditEntry {
  /** The studio the event belongs to; omit (or null) for platform events. */
  studioId?: string | null;
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string };
  ip?: string | null;
  userAgent?: string | null;
  data?: Record<string, unknown>;
}

/** The user behind an actor, if any: API keys and the system act for a studio, not a person. */
function actorUserId(actor: AuditActor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/**
 * Appends one entry. Pass the caller's transaction so the entry commits with the change it describes;
 * a studio event written inside `withStudio` must carry that studio's id (RLS checks it).
 */
export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    studioId: entry.studioId ?? null,
    actorUserId: actorUserId(entry.actor),
    actorKind: entry.actor.kind,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent?.slice(0, 512) ?? null,
    data: { ...(entry.actor.kind === 'apiKey' ? { apiKeyId: entry.actor.keyId } : {}), ...entry.data },
  });
}

function toAuditEvent(row: typeof auditEvents.$inferSelect): AuditEvent {
  return {
    id: row.id,
    studioId: row.studioId,
    actorUserId: row.actorUserId,
    actorKind: row.actorKind,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    userAgent: row.userAgent,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
  };
}

function parseTime(field: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw AppError.invalid(field, 'is not a date-time');
  return time;
}

/**
 * A page of entries, newest first. `scope` is a studio id (run inside that studio's `withStudio`
 * transaction) or 'platform' for every entry (platform admins, owner role).
 */
export async function listAudit(
  db: Db | Tx,
  scope: { studioId: string } | 'platform',
  query: AuditListQuery,
): Promise<PageResult<AuditEvent>> {
  const limit = query.limit ?? 20;
  const before = decodeCursor(query.cursor);
  const from = parseTime('query.from', query.from);
  const to = parseTime('query.to', query.to);
  if (from && to && from >= to) throw AppError.invalid('query.to', 'must be after query.from');
  const conditions: (SQL | undefined)[] = [
    scope === 'platform' ? undefined : eq(auditEvents.studioId, scope.studioId),
    query.action?.endsWith('*')
      ? like(auditEvents.action, `${query.action.slice(0, -1)}%`)
      : query.action
        ? eq(auditEvents.action, query.action)
        : undefined,
    query.actor ? eq(auditEvents.actorUserId, query.actor) : undefined,
    from ? gte(auditEvents.createdAt, from) : undefined,
    to ? lt(auditEvents.createdAt, to) : undefined,
    before ? lt(auditEvents.id, before) : undefined,
  ];
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  return toPage(rows.map(toAuditEvent), limit);
}

/** Every entry a person made or that targets them (account export). Platform-level read. */
export async function listAuditAboutUser(db: Db | Tx, userId: string): Promise<AuditEvent[]> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.actorUserId, userId))
    .orderBy(desc(auditEvents.id))
    .limit(1000);
  const targeted = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, 'user'), eq(auditEvents.targetId, userId)))
    .orderBy(desc(auditEvents.id))
    .limit(1000);
  const seen = new Set(rows.map((row) => row.id));
  return [...rows, ...targeted.filter((row) => !seen.has(row.id))]
    .sort((a, b) => (a.id < b.id ? 1 : -1))
    .map(toAuditEvent);
}
