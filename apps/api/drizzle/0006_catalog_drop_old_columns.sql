ALTER TABLE "catalog_items" DROP COLUMN "published";--> statement-breakpoint
ALTER TABLE "catalog_items" DROP COLUMN "price_minor";