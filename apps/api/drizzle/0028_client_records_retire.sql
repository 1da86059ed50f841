-- A client record can retire from its address (studio_clients.retired_at): its person moved to another
-- address, deleted their account, or someone else proved the address since. The address is then free
-- for a new record, so only live records need be unique per address.
DROP INDEX "studio_clients_studio_email_key";--> statement-breakpoint
ALTER TABLE "studio_clients" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "studio_clients_studio_email_key" ON "studio_clients" USING btree ("studio_id",lower("email")) WHERE "studio_clients"."retired_at" is null;--> statement-breakpoint
-- Records of accounts deleted before now: their people will never sign in to move them along.
UPDATE "studio_clients" SET "retired_at" = now()
FROM "users"
WHERE "studio_clients"."user_id" = "users"."id" AND "users"."deleted_at" IS NOT NULL
  AND "studio_clients"."retired_at" IS NULL;
