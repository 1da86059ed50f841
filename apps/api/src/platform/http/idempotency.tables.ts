import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * First answers to requests sent with an Idempotency-Key. The key is scoped by who sent it and to which
 * route, so two clients can never collide; a replay returns the stored answer.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  scopeKey: text('scope_key').primaryKey(),
  requestHash: text('request_hash').notNull(),
  state: text('state', { enum: ['in_progress', 'completed'] }).notNull(),
  responseStatus: integer('response_status'),
  responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
  responseBody: text('response_body'),
  lockedUntil: timestamp('locked_until', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
