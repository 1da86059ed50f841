-- A payment or plan started by a signed-in buyer is theirs alone (assertPayer, "my plans"), even when they
-- typed someone else's email at checkout; until now it followed the typed address's client record.
ALTER TABLE "payments" ADD COLUMN "payer_user_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD COLUMN "payer_user_id" uuid;--> statement-breakpoint
CREATE INDEX "payment_plans_payer_idx" ON "payment_plans" USING btree ("studio_id","payer_user_id","id");--> statement-breakpoint
-- Earlier ones: an order's payments and plans are its signed-in buyer's (orders placed signed out have no
-- user and stay with their client record), and a top-up's payment is the person's who started it.
UPDATE "payments" SET "payer_user_id" = "orders"."user_id"
FROM "orders"
WHERE "payments"."payable_type" = 'order' AND "payments"."payable_id" = "orders"."id"
  AND "orders"."user_id" IS NOT NULL;--> statement-breakpoint
UPDATE "payment_plans" SET "payer_user_id" = "orders"."user_id"
FROM "orders"
WHERE "payment_plans"."payable_type" = 'order' AND "payment_plans"."payable_id" = "orders"."id"
  AND "orders"."user_id" IS NOT NULL;--> statement-breakpoint
UPDATE "payments" SET "payer_user_id" = "wallet_topups"."created_by"
FROM "wallet_topups"
WHERE "payments"."payable_type" = 'wallet_topup' AND "payments"."payable_id" = "wallet_topups"."id";
