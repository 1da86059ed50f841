CREATE TABLE "payment_refunds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"refund_to" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"idempotency_key" text NOT NULL,
	"provider_ref" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_refunds_amount_positive" CHECK ("payment_refunds"."amount_minor" > 0),
	CONSTRAINT "payment_refunds_to_known" CHECK ("payment_refunds"."refund_to" in ('original', 'wallet'))
);
--> statement-breakpoint
CREATE TABLE "payment_settings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"enabled_providers" text[] NOT NULL,
	"manual_methods" text[] NOT NULL,
	"promptpay_id" text,
	"bank_transfer_instructions" text DEFAULT '' NOT NULL,
	"pay_at_studio_instructions" text DEFAULT '' NOT NULL,
	"stripe_enabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_webhook_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"parked_reason" text,
	"payment_id" uuid,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_webhook_events_status_known" CHECK ("payment_webhook_events"."status" in ('processed', 'parked', 'ignored'))
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"payable_type" text NOT NULL,
	"payable_id" uuid NOT NULL,
	"client_id" uuid,
	"email" text NOT NULL,
	"provider" text NOT NULL,
	"manual_method" text,
	"amount_minor" integer NOT NULL,
	"refunded_minor" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"provider_ref" text,
	"next_action" jsonb DEFAULT '{"type":"none"}'::jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"plan_instalment_id" uuid,
	"proof_storage_key" text,
	"locale" text,
	"confirmed_by" uuid,
	"confirmation_note" text,
	"paid_at" timestamp with time zone,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount_minor" > 0),
	CONSTRAINT "payments_refunded_within_amount" CHECK ("payments"."refunded_minor" >= 0 and "payments"."refunded_minor" <= "payments"."amount_minor"),
	CONSTRAINT "payments_status_known" CHECK ("payments"."status" in ('pending', 'requires_action', 'succeeded', 'failed', 'cancelled', 'refunded', 'partially_refunded')),
	CONSTRAINT "payments_provider_known" CHECK ("payments"."provider" in ('stripe', 'manual', 'promptpay', 'wallet', 'sandbox')),
	CONSTRAINT "payments_currency_code" CHECK ("payments"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "wallet_settings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"topups_enabled" boolean DEFAULT true NOT NULL,
	"min_topup_minor" bigint DEFAULT 10000 NOT NULL,
	"max_topup_minor" bigint DEFAULT 10000000 NOT NULL,
	"bonus_tiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wallet_topups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"bonus_minor" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"payment_id" uuid,
	"locale" text DEFAULT 'en' NOT NULL,
	"created_by" uuid,
	"credited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_refunds_studio_idempotency_key" ON "payment_refunds" USING btree ("studio_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "payment_refunds_payment_idx" ON "payment_refunds" USING btree ("studio_id","payment_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_settings_studio_key" ON "payment_settings" USING btree ("studio_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_webhook_events_event_key" ON "payment_webhook_events" USING btree ("provider","event_id");--> statement-breakpoint
CREATE INDEX "payment_webhook_events_status_idx" ON "payment_webhook_events" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "payment_webhook_events_studio_idx" ON "payment_webhook_events" USING btree ("studio_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_studio_idempotency_key" ON "payments" USING btree ("studio_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_provider_ref_key" ON "payments" USING btree ("provider","provider_ref") WHERE "payments"."provider_ref" is not null;--> statement-breakpoint
CREATE INDEX "payments_payable_idx" ON "payments" USING btree ("studio_id","payable_type","payable_id");--> statement-breakpoint
CREATE INDEX "payments_studio_list_idx" ON "payments" USING btree ("studio_id","id");--> statement-breakpoint
CREATE INDEX "payments_studio_status_idx" ON "payments" USING btree ("studio_id","status","id");--> statement-breakpoint
CREATE INDEX "payments_studio_provider_idx" ON "payments" USING btree ("studio_id","provider","id");--> statement-breakpoint
CREATE INDEX "payments_open_idx" ON "payments" USING btree ("provider","created_at") WHERE "payments"."status" in ('pending', 'requires_action');--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_settings_studio_key" ON "wallet_settings" USING btree ("studio_id");--> statement-breakpoint
CREATE INDEX "wallet_topups_client_idx" ON "wallet_topups" USING btree ("client_id","id");