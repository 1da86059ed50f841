CREATE TABLE "studio_clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"user_id" uuid,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "plan" text DEFAULT 'starter' NOT NULL;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "require_staff_two_factor" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "studio_clients_studio_email_key" ON "studio_clients" USING btree ("studio_id",lower("email"));--> statement-breakpoint
CREATE INDEX "studio_clients_email_idx" ON "studio_clients" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "studio_clients_user_idx" ON "studio_clients" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "studio_invitations_token_hash_key" ON "studio_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "studio_invitations_pending_email_key" ON "studio_invitations" USING btree ("studio_id",lower("email")) WHERE "studio_invitations"."accepted_at" is null and "studio_invitations"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "studio_members_studio_user_key" ON "studio_members" USING btree ("studio_id","user_id");--> statement-breakpoint
CREATE INDEX "studio_members_user_idx" ON "studio_members" USING btree ("user_id");