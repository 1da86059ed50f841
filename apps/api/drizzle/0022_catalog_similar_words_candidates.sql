-- Typo correction now takes candidates at a lower trigram similarity and keeps those within a few edits
-- (catalog.search.ts: CANDIDATE_THRESHOLD here, CORRECTION_THRESHOLD and the edit distance in Node).
-- Trigram similarity alone misses swapped letters in short words: "braeker" ~ "breaker" is 0.33 and
-- "scirpt" ~ "script" 0.27, below the 0.4 a correction needs, though each is one transposition away.
-- A test checks the two values agree.
ALTER FUNCTION catalog_similar_words(text[], integer) SET pg_trgm.similarity_threshold = '0.2';
