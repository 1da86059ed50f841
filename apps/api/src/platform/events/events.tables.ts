import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidPrimaryKey } from '../db/columns.js';

/**
 * The transactional outbox: a domain event is inserted in the same transaction as the change it
 * describes, so it exists if and only if the change committed. The dispatcher hands unpublished rows
 * to the queue. studio_id is null for platform-wide events; otherwise RLS scopes the row.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: uuidPrimaryKey(),
    studioId: uuid('studio_id'),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (table) => [index('outbox_events_unpublished_idx').on(table.id).where(sql`published_at is null`)],
);

/** One row per (handler, event) that completed: makes at-least-once delivery act exactly once. */
export const eventReceipts = pgTable(
  'event_receipts',
  {
    handler: text('handler').notNull(),
    eventId: uuid('event_id').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.handler, table.eventId] })],
);

/** Jobs that failed every retry, kept for a person to read and replay. */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: uuidPrimaryKey(),
    queue: text('queue').notNull(),
    jobId: text('job_id').notNull(),
    eventId: uuid('event_id'),
    payload: jsonb('payload').notNull(),
    error: text('error').notNull(),
    attempts: integer('attempts').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('dead_letters_failed_at_idx').on(table.failedAt)],
);
