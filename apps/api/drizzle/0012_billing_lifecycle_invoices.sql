ALTER TABLE "billing_invoices" ALTER COLUMN "subscription_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD COLUMN "collection" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD COLUMN "stripe_invoice_id" text;--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD COLUMN "hosted_url" text;--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD COLUMN "past_due_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD COLUMN "stripe_event_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_invoices_stripe_invoice_key" ON "billing_invoices" USING btree ("stripe_invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_invoices_studio_number_key" ON "billing_invoices" USING btree ("studio_id","number");--> statement-breakpoint
CREATE INDEX "billing_invoices_studio_idx" ON "billing_invoices" USING btree ("studio_id","id");--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD CONSTRAINT "billing_invoices_amount_nonnegative" CHECK ("billing_invoices"."amount_minor" >= 0);--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD CONSTRAINT "billing_invoices_status_known" CHECK ("billing_invoices"."status" in ('open', 'failed', 'paid', 'void'));