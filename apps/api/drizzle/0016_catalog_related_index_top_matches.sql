DROP INDEX "catalog_items_studio_category_idx";--> statement-breakpoint
DROP INDEX "catalog_items_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "catalog_imports" ADD COLUMN "reactivated_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "catalog_items_studio_category_popular_idx" ON "catalog_items" USING btree ("studio_id","category_id","status","popularity","id");--> statement-breakpoint
ALTER TABLE "catalog_items" DROP COLUMN "search_text";--> statement-breakpoint

-- The instant search's best rows, ranked where the matches are found. Through catalog_match_words the
-- outer query fetched every match by primary key (~1,000 for "circuit breaker" at the supplier) only to
-- rank them and keep 8; here the GIN index finds them, ts_rank orders them, and only `max_rows` ids leave.
-- SECURITY DEFINER for the same reason as catalog_match_words (migration 0011: `@@` is not LEAKPROOF, so
-- under the tenant policy the GIN index is never used); it returns only the published items of the
-- studio of the current transaction (`app.studio_id`, the setting the tenant policy reads).
CREATE OR REPLACE FUNCTION catalog_top_matches(query tsquery, max_rows integer)
RETURNS TABLE (id uuid, rank double precision)
-- ROWS: what the planner expects back (the default 1,000 made it hash-join the studio's whole catalog).
LANGUAGE sql STABLE SECURITY DEFINER ROWS 10 SET search_path = public, pg_temp AS $$
  select i.id, ts_rank(i.search_vector, query)::float8 as rank from catalog_items i
  where i.studio_id = nullif(current_setting('app.studio_id', true), '')::uuid
    and i.status = 'published' and i.search_vector @@ query
  order by 2 desc, i.id desc
  limit max_rows
$$;
