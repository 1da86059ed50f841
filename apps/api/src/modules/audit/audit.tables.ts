import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidPrimaryKey } from '../../platform/db/columns.js';

/**
 * Who did what, when, from where. Append-only for the app role (UPDATE and DELETE are revoked in
 * platform/db/tenancy.ts). `studio_id` is null for platform events (sign-ins, bans); row-level security
 * hides those from every studio's transaction, and shows a studio only its own entries.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuidPrimaryKey(),
    studioId: uuid('studio_id'),
    actorUserId: uuid('actor_user_id'),
    /** user, apiKey, system or anonymous (a failed sign-in has no proven actor). */
    actorKind: text('actor_kind').notNull(),
    /** Dotted, past tense: `auth.sign_in.succeeded`, `api_key.revoked`, `studios.member.added`. */
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    data: jsonb('data').notNull().default({}).$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_events_studio_idx').on(table.studioId, table.id),
    index('audit_events_action_idx').on(table.action, table.id),
    // "Audit entries about a person" (export) and "by actor" filters.
    index('audit_events_actor_idx').on(table.actorUserId, table.id),
  ],
);
