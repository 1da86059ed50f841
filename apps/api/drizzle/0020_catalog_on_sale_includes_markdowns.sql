ALTER TABLE "catalog_facet_groups" ADD COLUMN "discounted" boolean DEFAULT false NOT NULL;--> statement-breakpoint

-- "On sale" now also means marked down against the compare-at price (catalog.pricing.ts DISCOUNTED_SQL),
-- and the facet summary groups items by it: a published item whose compare-at price changes must make
-- its studio's summary stale, as a list-price change does (migration 0015).
DROP TRIGGER IF EXISTS catalog_items_facets_update ON catalog_items;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER catalog_items_facets_update
  AFTER UPDATE OF status, category_id, brand_id, kind, price_from_minor, compare_at_from_minor ON catalog_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.status = 'published' OR NEW.status = 'published') AND (
    OLD.status IS DISTINCT FROM NEW.status OR OLD.category_id IS DISTINCT FROM NEW.category_id
    OR OLD.brand_id IS DISTINCT FROM NEW.brand_id OR OLD.kind IS DISTINCT FROM NEW.kind
    OR OLD.price_from_minor IS DISTINCT FROM NEW.price_from_minor
    OR OLD.compare_at_from_minor IS DISTINCT FROM NEW.compare_at_from_minor))
  EXECUTE FUNCTION catalog_facets_changed();
--> statement-breakpoint

-- Every summary built before this migration counted every group as not marked down: stale them all, so
-- the next category page rebuilds its studio's.
UPDATE catalog_facet_state SET version = version + 1;
