import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';

/** Time-ordered UUID v7 keys: index-friendly, and ordering by id is ordering by creation. */
export const uuidPrimaryKey = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => uuidv7());

/** The tenant column. Any table with it is isolated per studio by row-level security. */
export const studioId = () => uuid('studio_id').notNull();

export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});
