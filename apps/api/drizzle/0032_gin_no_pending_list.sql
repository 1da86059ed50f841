-- GIN indexes without a pending list (platform/db/columns.ts GIN_WITH): PGlite has no autovacuum, so the
-- entries the demo seed and imports wrote stayed unmerged and every search read through them. Rebuilt
-- rather than altered: a fresh build has no pending list, where ALTER … SET (fastupdate = off) keeps the
-- one there is.
DROP INDEX "catalog_items_tags_idx";--> statement-breakpoint
DROP INDEX "catalog_items_search_idx";--> statement-breakpoint
DROP INDEX "catalog_search_words_trgm_idx";--> statement-breakpoint
CREATE INDEX "catalog_items_tags_idx" ON "catalog_items" USING gin ("tags") WITH (fastupdate=off);--> statement-breakpoint
CREATE INDEX "catalog_items_search_idx" ON "catalog_items" USING gin ("search_vector") WITH (fastupdate=off);--> statement-breakpoint
CREATE INDEX "catalog_search_words_trgm_idx" ON "catalog_search_words" USING gin ("word" gin_trgm_ops) WITH (fastupdate=off);