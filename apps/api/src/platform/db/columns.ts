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

/**
 * Storage options for every GIN index (`.using('gin', …).with(GIN_WITH)`): no pending list. With
 * fastupdate on (Postgres's default), new entries wait in an unsorted list that every search reads
 * through until a VACUUM merges it into the index. PGlite runs no autovacuum (before upkeep.ts, nothing
 * ever merged it): after the demo seed the typo search's trigram lookup measured 80-100 ms instead of
 * 2 ms, the planner, costing the list, scanning the whole vocabulary instead. Without the list a search
 * never depends on when a vacuum last ran, on either engine. Writes go straight into the index instead:
 * a bulk update of 5,000 items' search documents took 2.0 s instead of 1.0 s.
 * migrate.test.ts checks every GIN index of the schema has it.
 */
export const GIN_WITH = { fastupdate: 'off' } as const;
