-- The similarity a vocabulary word needs to count as a correction of a query word (catalog.search.ts
-- CORRECTION_THRESHOLD; a test checks the two agree). Set on the function, which Postgres applies for
-- the call and restores after, instead of a set_config statement before each call: one round trip less
-- per typo search.
ALTER FUNCTION catalog_similar_words(text[], integer) SET pg_trgm.similarity_threshold = '0.4';
