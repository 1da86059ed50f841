import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { studioId, timestamps, uuidPrimaryKey } from '../../platform/db/columns.js';
import type { PlanId } from '../studios/index.js';

/**
 * `past_due`: a charge failed and Stripe is retrying (the plan stays); `unpaid`: Stripe gave up retrying
 * (the plan stays until the grace ends, then the studio falls back to starter); `cancelled`: ended.
 */
export const BILLING_STATUSES = ['active', 'past_due', 'unpaid', 'cancelled', 'incomplete'] as const;
export type BillingStatus = (typeof BILLING_STATUSES)[number];

/**
 * What the platform charges a studio for its plan: one row per studio. Tenant-scoped like everything a
 * studio sees (its owners read it in the studio's scope); platform code (admin, Stripe webhooks) writes
 * through the owner role.
 */
export const billingSubscriptions = pgTable(
  'billing_subscriptions',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    plan: text('plan').$type<PlanId>().notNull(),
    /** 'stripe' bills monthly by card; 'manual' is an invoice the platform sends (enterprise). */
    collection: text('collection').$type<'stripe' | 'manual'>().notNull(),
    status: text('status').$type<BillingStatus>().notNull(),
    stripeCustomerId: text('stripe_customer_id'),
    stripeSubscriptionId: text('stripe_subscription_id'),
    /** Price per month in the billing currency's minor unit (manual: agreed price). */
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    /** When billing first went past_due/unpaid in this episode (cleared once paid): the grace counts from it. */
    pastDueSince: timestamp('past_due_since', { withTimezone: true }),
    /**
     * The `created` time of the newest Stripe event applied to this row's status. Webhooks arrive in any
     * order: an event older than this one is recorded but does not move the status back.
     */
    stripeEventAt: timestamp('stripe_event_at', { withTimezone: true }),
    updatedBy: uuid('updated_by'),
    ...timestamps(),
  },
  (table) => [uniqueIndex('billing_subscriptions_studio_key').on(table.studioId)],
);

export const BILLING_INVOICE_STATUSES = ['open', 'failed', 'paid', 'void'] as const;
export type BillingInvoiceStatus = (typeof BILLING_INVOICE_STATUSES)[number];

/**
 * What a studio was charged for its plan, newest first on the billing page: one row per Stripe invoice
 * (keyed by its id, written by webhooks) or per manual invoice a platform admin raised (enterprise).
 * `number` is Stripe's invoice number or the manual one (ATL-...). Tenant-scoped like the subscription.
 */
export const billingInvoices = pgTable(
  'billing_invoices',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    subscriptionId: uuid('subscription_id').references(() => billingSubscriptions.id),
    collection: text('collection').$type<'stripe' | 'manual'>().notNull().default('manual'),
    /** Stripe's in_... id; null for manual invoices. */
    stripeInvoiceId: text('stripe_invoice_id'),
    number: text('number'),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    status: text('status').$type<BillingInvoiceStatus>().notNull().default('open'),
    /** Stripe's hosted invoice page, where the owner can see and pay it. */
    hostedUrl: text('hosted_url'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('billing_invoices_stripe_invoice_key').on(table.stripeInvoiceId),
    uniqueIndex('billing_invoices_studio_number_key').on(table.studioId, table.number),
    index('billing_invoices_studio_idx').on(table.studioId, table.id),
    check('billing_invoices_amount_nonnegative', sql`${table.amountMinor} >= 0`),
    check('billing_invoices_status_known', sql`${table.status} in ('open', 'failed', 'paid', 'void')`),
  ],
);
