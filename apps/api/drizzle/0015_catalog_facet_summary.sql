CREATE TABLE "catalog_facet_groups" (
	"studio_id" uuid NOT NULL,
	"category_id" uuid,
	"brand_id" uuid,
	"kind" text NOT NULL,
	"price_bucket" integer NOT NULL,
	"in_stock" boolean NOT NULL,
	"item_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_facet_state" (
	"studio_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"built_version" bigint
);
--> statement-breakpoint
CREATE INDEX "catalog_facet_groups_studio_idx" ON "catalog_facet_groups" USING btree ("studio_id");--> statement-breakpoint
CREATE INDEX "payment_plans_client_idx" ON "payment_plans" USING btree ("studio_id","client_id","id");--> statement-breakpoint

-- Facet summary freshness (catalog.facets.ts). Every transaction that changes something a summary counts
-- (a published item's category, brand, kind, list price or status; whether an item has a sellable
-- variant) adds 1 to its studio's catalog_facet_state.version, in the same commit as the change: a summary
-- built from a snapshot that read version V is exact while the version is still V.
--
-- The triggers are DEFERRABLE INITIALLY DEFERRED constraint triggers, so the bump runs at COMMIT, the
-- transaction's last lock. Bumping when the row changes would hold the studio's one state row from the
-- first stock 1 -> 0 of a checkout to its commit while it locks more variants, and two checkouts could
-- then wait for each other (deadlock). At commit nothing waits behind it but other commits.
--
-- One bump per studio per transaction is enough (the whole transaction commits at once), so a CSV import
-- of 5,000 rows updates the state row once: `atelier.facets_bumped` (transaction-local, and undone with a
-- rolled-back savepoint like the bump itself) remembers the studio already bumped.
--
-- SECURITY INVOKER: the app role writes only its own studio's items (RLS), so it bumps only its own
-- studio's row (tenant policy); owner writes (platform, demo seed) pass the platform policy.
CREATE OR REPLACE FUNCTION catalog_facets_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  studio uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.studio_id ELSE NEW.studio_id END;
BEGIN
  IF current_setting('atelier.facets_bumped', true) IS DISTINCT FROM studio::text THEN
    INSERT INTO catalog_facet_state AS s (studio_id, version) VALUES (studio, 1)
    ON CONFLICT (studio_id) DO UPDATE SET version = s.version + 1;
    PERFORM set_config('atelier.facets_bumped', studio::text, true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint

-- Items: only published ones are counted, so inserting or deleting a draft changes nothing; an update
-- matters when it changes a counted column of an item that is (or was) published. `UPDATE OF` plus WHEN
-- leave popularity, text and search-document writes alone.
CREATE CONSTRAINT TRIGGER catalog_items_facets_insert AFTER INSERT ON catalog_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.status = 'published')
  EXECUTE FUNCTION catalog_facets_changed();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER catalog_items_facets_delete AFTER DELETE ON catalog_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status = 'published')
  EXECUTE FUNCTION catalog_facets_changed();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER catalog_items_facets_update
  AFTER UPDATE OF status, category_id, brand_id, kind, price_from_minor ON catalog_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.status = 'published' OR NEW.status = 'published') AND (
    OLD.status IS DISTINCT FROM NEW.status OR OLD.category_id IS DISTINCT FROM NEW.category_id
    OR OLD.brand_id IS DISTINCT FROM NEW.brand_id OR OLD.kind IS DISTINCT FROM NEW.kind
    OR OLD.price_from_minor IS DISTINCT FROM NEW.price_from_minor))
  EXECUTE FUNCTION catalog_facets_changed();
--> statement-breakpoint

-- Variants: an item is "in stock" when one of its variants is sellable (active, and not counted or with
-- stock left). Only a variant becoming or ceasing to be sellable can change that: stock 5 -> 4 does not
-- bump, 1 -> 0 does.
CREATE CONSTRAINT TRIGGER catalog_variants_facets_insert AFTER INSERT ON catalog_variants
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.active AND (NOT NEW.track_stock OR NEW.stock > 0))
  EXECUTE FUNCTION catalog_facets_changed();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER catalog_variants_facets_delete AFTER DELETE ON catalog_variants
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.active AND (NOT OLD.track_stock OR OLD.stock > 0))
  EXECUTE FUNCTION catalog_facets_changed();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER catalog_variants_facets_update
  AFTER UPDATE OF active, track_stock, stock, item_id ON catalog_variants
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.active AND (NOT OLD.track_stock OR OLD.stock > 0))
      IS DISTINCT FROM (NEW.active AND (NOT NEW.track_stock OR NEW.stock > 0))
    OR OLD.item_id IS DISTINCT FROM NEW.item_id)
  EXECUTE FUNCTION catalog_facets_changed();
--> statement-breakpoint

-- TRUNCATE (owner only; tests, repairs) fires no row trigger: it makes every summary stale.
CREATE OR REPLACE FUNCTION catalog_facets_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalog_facet_state SET version = version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER catalog_items_facets_truncate AFTER TRUNCATE ON catalog_items
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_facets_truncated();
--> statement-breakpoint
CREATE TRIGGER catalog_variants_facets_truncate AFTER TRUNCATE ON catalog_variants
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_facets_truncated();
