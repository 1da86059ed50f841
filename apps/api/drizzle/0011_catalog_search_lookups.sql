-- Search index lookups that work under row-level security.
--
-- Under the tenant policy (role atelier_app) Postgres may only use a condition as an index condition when
-- its operator is LEAKPROOF, and neither full-text `@@` nor pg_trgm's `<%` is: the GIN indexes were never
-- used and every search scanned the whole catalog (~150 ms for a typo on 5,000 items). These functions
-- run as their owner (the migrating role, whose platform policy is `true`), so the GIN indexes apply, and
-- return only the published items of the studio of the current transaction (`app.studio_id`, the same
-- setting the tenant policy reads), so they can show nothing the policy would hide. (EXECUTE is granted
-- to PUBLIC by default, so the app role may call them.)

-- Items whose search document matches a tsquery (catalog_items_search_idx).
CREATE OR REPLACE FUNCTION catalog_match_words(query tsquery) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  select i.id from catalog_items i
  where i.studio_id = nullif(current_setting('app.studio_id', true), '')::uuid
    and i.status = 'published' and i.search_vector @@ query
$$;--> statement-breakpoint

-- Items whose search_text has a word like every given word (`word <% search_text`, threshold
-- pg_trgm.word_similarity_threshold of the caller's transaction; catalog_items_search_trgm_idx).
CREATE OR REPLACE FUNCTION catalog_match_similar(words text[]) RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  matches text;
BEGIN
  SELECT string_agg(format('$1[%s] <%% i.search_text', k), ' and ') INTO matches
  FROM generate_subscripts(words, 1) AS k;
  IF matches IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY EXECUTE format(
    'select i.id from catalog_items i
     where i.studio_id = nullif(current_setting(''app.studio_id'', true), '''')::uuid
       and i.status = ''published'' and %s', matches)
  USING words;
END
$$;
