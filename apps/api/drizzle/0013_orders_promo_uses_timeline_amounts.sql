ALTER TABLE "promo_codes" DROP CONSTRAINT "promo_codes_used_nonnegative";--> statement-breakpoint
DROP INDEX "promo_redemptions_client_idx";--> statement-breakpoint
ALTER TABLE "order_events" ADD COLUMN "amount_minor" bigint;--> statement-breakpoint
ALTER TABLE "order_events" ADD COLUMN "currency" text;--> statement-breakpoint
CREATE INDEX "promo_redemptions_live_idx" ON "promo_redemptions" USING btree ("promo_code_id","client_key") WHERE "promo_redemptions"."released_at" is null;--> statement-breakpoint
ALTER TABLE "promo_codes" DROP COLUMN "used_count";