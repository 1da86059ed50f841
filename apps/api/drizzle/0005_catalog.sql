CREATE TABLE "catalog_brands" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"parent_id" uuid,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"path" text NOT NULL,
	"depth" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_flash_sales" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"percent_off" integer,
	"sale_price_minor" bigint,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_flash_sales_window" CHECK ("catalog_flash_sales"."ends_at" > "catalog_flash_sales"."starts_at"),
	CONSTRAINT "catalog_flash_sales_one_rule" CHECK (("catalog_flash_sales"."percent_off" is null) <> ("catalog_flash_sales"."sale_price_minor" is null)),
	CONSTRAINT "catalog_flash_sales_percent_range" CHECK ("catalog_flash_sales"."percent_off" is null or ("catalog_flash_sales"."percent_off" between 1 and 99))
);
--> statement-breakpoint
CREATE TABLE "catalog_images" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"alt" text DEFAULT '' NOT NULL,
	"width" integer,
	"height" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"file_name" text DEFAULT '' NOT NULL,
	"storage_key" text NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"rejected_count" integer DEFAULT 0 NOT NULL,
	"rejected" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_by" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_options" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"values" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_variants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"sku" text,
	"title" text DEFAULT '' NOT NULL,
	"option_values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"price_minor" bigint NOT NULL,
	"compare_at_minor" bigint,
	"track_stock" boolean DEFAULT false NOT NULL,
	"stock" integer DEFAULT 0 NOT NULL,
	"min_order_quantity" integer DEFAULT 1 NOT NULL,
	"weight_grams" integer,
	"image_id" uuid,
	"pod_product_id" text,
	"pod_variant_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_variants_stock_nonnegative" CHECK ("catalog_variants"."stock" >= 0),
	CONSTRAINT "catalog_variants_price_nonnegative" CHECK ("catalog_variants"."price_minor" >= 0),
	CONSTRAINT "catalog_variants_min_order_positive" CHECK ("catalog_variants"."min_order_quantity" >= 1)
);
--> statement-breakpoint
DROP INDEX "catalog_items_studio_list_idx";--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "description_html" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "status" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "category_id" uuid;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "brand_id" uuid;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "featured" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "is_new" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "seo_title" text;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "seo_description" text;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "price_from_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "compare_at_from_minor" bigint;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "popularity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "catalog_categories" ADD CONSTRAINT "catalog_categories_parent_id_catalog_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."catalog_categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_flash_sales" ADD CONSTRAINT "catalog_flash_sales_item_id_catalog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalog_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_images" ADD CONSTRAINT "catalog_images_item_id_catalog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalog_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_options" ADD CONSTRAINT "catalog_options_item_id_catalog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalog_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_variants" ADD CONSTRAINT "catalog_variants_item_id_catalog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalog_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_brands_studio_slug_key" ON "catalog_brands" USING btree ("studio_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_categories_studio_slug_key" ON "catalog_categories" USING btree ("studio_id","slug");--> statement-breakpoint
CREATE INDEX "catalog_categories_studio_parent_idx" ON "catalog_categories" USING btree ("studio_id","parent_id","position");--> statement-breakpoint
CREATE INDEX "catalog_categories_path_idx" ON "catalog_categories" USING btree ("studio_id","path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "catalog_flash_sales_item_idx" ON "catalog_flash_sales" USING btree ("studio_id","item_id","ends_at");--> statement-breakpoint
CREATE INDEX "catalog_flash_sales_window_idx" ON "catalog_flash_sales" USING btree ("studio_id","ends_at","starts_at");--> statement-breakpoint
CREATE INDEX "catalog_images_item_idx" ON "catalog_images" USING btree ("item_id","position");--> statement-breakpoint
CREATE INDEX "catalog_imports_studio_idx" ON "catalog_imports" USING btree ("studio_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_options_item_name_key" ON "catalog_options" USING btree ("item_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_variants_studio_sku_key" ON "catalog_variants" USING btree ("studio_id","sku") WHERE "catalog_variants"."sku" is not null;--> statement-breakpoint
CREATE INDEX "catalog_variants_item_idx" ON "catalog_variants" USING btree ("item_id","position");--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_category_id_catalog_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."catalog_categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_brand_id_catalog_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."catalog_brands"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_items_studio_category_idx" ON "catalog_items" USING btree ("studio_id","category_id");--> statement-breakpoint
CREATE INDEX "catalog_items_studio_brand_idx" ON "catalog_items" USING btree ("studio_id","brand_id");--> statement-breakpoint
CREATE INDEX "catalog_items_studio_price_idx" ON "catalog_items" USING btree ("studio_id","status","price_from_minor");--> statement-breakpoint
CREATE INDEX "catalog_items_studio_popularity_idx" ON "catalog_items" USING btree ("studio_id","status","popularity");--> statement-breakpoint
CREATE INDEX "catalog_items_tags_idx" ON "catalog_items" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "catalog_items_search_idx" ON "catalog_items" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "catalog_items_search_trgm_idx" ON "catalog_items" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "catalog_items_studio_list_idx" ON "catalog_items" USING btree ("studio_id","status","id");--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_price_nonnegative" CHECK ("catalog_items"."price_from_minor" >= 0);--> statement-breakpoint
-- Carry items from the foundation's one-table catalog over: status from the old flag, and a default variant
-- holding the old price so every item has something a cart can point at.
UPDATE "catalog_items" SET "status" = CASE WHEN "published" THEN 'published' ELSE 'draft' END, "price_from_minor" = "price_minor", "published_at" = CASE WHEN "published" THEN "created_at" END;--> statement-breakpoint
INSERT INTO "catalog_variants" ("id", "studio_id", "item_id", "price_minor") SELECT gen_random_uuid(), "studio_id", "id", "price_minor" FROM "catalog_items";
