-- Trigram similarity for typo-tolerant search (catalog). Ships with PGlite (loaded in platform/db)
-- and with every mainstream Postgres distribution (contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
