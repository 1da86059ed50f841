CREATE TABLE "catalog_search_words" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"word" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_search_words_studio_word_key" ON "catalog_search_words" USING btree ("studio_id","word");--> statement-breakpoint
CREATE INDEX "catalog_search_words_trgm_idx" ON "catalog_search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint

-- The words of every published item's search document, for correcting mistyped query words (catalog.search.ts).
INSERT INTO "catalog_search_words" ("id", "studio_id", "word")
SELECT gen_random_uuid(), w.studio_id, w.word
FROM (
  SELECT DISTINCT i.studio_id, t.lexeme AS word FROM catalog_items i, unnest(i.search_vector) AS t
  WHERE i.status = 'published'
) w
ON CONFLICT DO NOTHING;
--> statement-breakpoint

-- Up to `per_word` words of the current studio's vocabulary like each given word (pg_trgm `%`, threshold
-- pg_trgm.similarity_threshold of the caller's transaction), most similar first. SECURITY DEFINER for the
-- same reason as the functions of 0011: under the tenant policy `%` cannot use the trigram index. It reads
-- only the studio of the current transaction (`app.studio_id`, the setting the tenant policy reads).
CREATE OR REPLACE FUNCTION catalog_similar_words(words text[], per_word integer)
RETURNS TABLE (query_word text, word text, score real)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  select q.w, s.word, s.score
  from unnest(words) as q(w)
  cross join lateral (
    select v.word, similarity(v.word, q.w) as score from catalog_search_words v
    where v.studio_id = nullif(current_setting('app.studio_id', true), '')::uuid and v.word % q.w
    order by 2 desc, 1
    limit per_word
  ) s
$$;--> statement-breakpoint

-- Typo matching now corrects words against the vocabulary and then uses the full-text index.
DROP FUNCTION IF EXISTS catalog_match_similar(text[]);
