DROP INDEX "catalog_items_studio_popularity_idx";--> statement-breakpoint
CREATE INDEX "catalog_items_studio_popular_idx" ON "catalog_items" USING btree ("studio_id","status","popularity","id");--> statement-breakpoint
CREATE INDEX "catalog_items_studio_facets_idx" ON "catalog_items" USING btree ("studio_id","status","category_id","brand_id","kind","price_from_minor","id");