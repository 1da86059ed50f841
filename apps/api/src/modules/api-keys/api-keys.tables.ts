import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { studioId, uuidPrimaryKey } from '../../platform/db/columns.js';

/**
 * A studio's integration credentials. The key itself (`atk_<prefix>_<secret>`) is shown once; only the
 * prefix (to recognise it in lists and look it up) and the SHA-256 of the secret are kept. The secret
 * is 190 random bits, so a fast hash is enough: nobody can brute-force it the way they could a password.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdBy: uuid('created_by'),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Globally unique: a bearer key is looked up by prefix before its studio is known.
    uniqueIndex('api_keys_prefix_key').on(table.prefix),
    index('api_keys_studio_idx').on(table.studioId, table.id),
  ],
);
