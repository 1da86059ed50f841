-- A client record can retire from its address (studio_clients.retired_at): its person moved to another
-- address, deleted their account, or someone else proved the address since. The address is then free
-- for a new record, so only live records need be unique per address.
DROP INDEX "studio_clients_studio_email_key";--> statement-breakpoint
ALTER TABLE "studio_clients" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "studio_clients_studio_email_key" ON "studio_clients" USING btree ("studio_id",lower("email")) WHERE "studio_clients"."retired_at" is null;--> statement-breakpoint
-- Records attached to someone whose address has changed since (an email change, or a deleted account's
-- placeholder address) are brought in line as linkClientAccounts does at every sign-in from now on, so that
-- nobody has to sign in again before their old address is free. First, a guest record for a person's
-- current address, in a studio where they have a record of their own, joins them retired.
UPDATE "studio_clients" AS "guest" SET "user_id" = "users"."id", "retired_at" = now(), "updated_at" = now()
FROM "studio_clients" AS "mine", "users"
WHERE "mine"."user_id" = "users"."id" AND "mine"."retired_at" IS NULL
  AND lower("mine"."email") <> lower("users"."email")
  AND "users"."deleted_at" IS NULL AND "users"."email_verified"
  AND "guest"."studio_id" = "mine"."studio_id" AND "guest"."retired_at" IS NULL AND "guest"."user_id" IS NULL
  AND lower("guest"."email") = lower("users"."email");--> statement-breakpoint
-- Then the person's oldest such record per studio takes their current address, if the studio has no live
-- record for it: their history and wallet carry on under it.
UPDATE "studio_clients" AS "c" SET "email" = "users"."email", "updated_at" = now()
FROM "users"
WHERE "c"."user_id" = "users"."id" AND "c"."retired_at" IS NULL
  AND lower("c"."email") <> lower("users"."email")
  AND "users"."deleted_at" IS NULL AND "users"."email_verified"
  AND NOT EXISTS (
    SELECT 1 FROM "studio_clients" AS "taken"
    WHERE "taken"."studio_id" = "c"."studio_id" AND "taken"."retired_at" IS NULL
      AND lower("taken"."email") = lower("users"."email")
  )
  AND "c"."id" = (
    SELECT "m"."id" FROM "studio_clients" AS "m"
    WHERE "m"."studio_id" = "c"."studio_id" AND "m"."user_id" = "c"."user_id" AND "m"."retired_at" IS NULL
      AND lower("m"."email") <> lower("users"."email")
    ORDER BY "m"."id" LIMIT 1
  );--> statement-breakpoint
-- The rest, deleted accounts' records among them, retire: their addresses are free.
UPDATE "studio_clients" SET "retired_at" = now()
FROM "users"
WHERE "studio_clients"."user_id" = "users"."id" AND "studio_clients"."retired_at" IS NULL
  AND lower("studio_clients"."email") <> lower("users"."email");
