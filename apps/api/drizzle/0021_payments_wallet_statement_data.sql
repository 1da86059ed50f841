-- Wallet statements carry what each entry is as data (kind, the payment, its order, a person's note) and
-- the pages word them in the reader's language; until now they showed the ledger's English `reason`.
-- Entries written before are filled in here from what they say, so old and new read alike.
CREATE TABLE "wallet_order_numbers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"number" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wallet_entries" ADD COLUMN "payment_id" uuid;--> statement-breakpoint
ALTER TABLE "wallet_entries" ADD COLUMN "note" text;--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_order_numbers_order_key" ON "wallet_order_numbers" USING btree ("studio_id","order_id");--> statement-breakpoint
-- Payments, top-ups and bonuses were always referenced by their payment's id.
UPDATE "wallet_entries" SET "payment_id" = "reference"::uuid
WHERE "kind" IN ('payment', 'topup', 'bonus')
  AND "reference" ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';--> statement-breakpoint
-- Refunds by their refund's id, which names the payment.
UPDATE "wallet_entries" SET "payment_id" = "payment_refunds"."payment_id"
FROM "payment_refunds"
WHERE "wallet_entries"."kind" = 'refund' AND "payment_refunds"."id"::text = "wallet_entries"."reference";--> statement-breakpoint
-- A person's words: an adjustment's reason, and the reason staff gave a refund to the wallet (the system
-- wrote "Refund of payment <id>" when none was given).
UPDATE "wallet_entries" SET "note" = "reason"
WHERE "kind" = 'adjustment' OR ("kind" = 'refund' AND "reason" NOT LIKE 'Refund of payment %' AND "reason" <> '');--> statement-breakpoint
-- The numbers of orders clients paid for, which the wallet now learns from orders.order.placed.
INSERT INTO "wallet_order_numbers" ("id", "studio_id", "order_id", "number")
SELECT gen_random_uuid(), "orders"."studio_id", "orders"."id", "orders"."number"
FROM "orders"
WHERE "orders"."number" NOT LIKE 'unnumbered:%'
  AND EXISTS (
    SELECT 1 FROM "payments"
    WHERE "payments"."studio_id" = "orders"."studio_id" AND "payments"."payable_type" = 'order'
      AND "payments"."payable_id" = "orders"."id" AND "payments"."client_id" IS NOT NULL
  )
ON CONFLICT DO NOTHING;
