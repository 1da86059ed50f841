import { bigint, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { studioId, timestamps, uuidPrimaryKey } from '../../platform/db/columns.js';
import type { PlanId } from '../studios/index.js';

export const BILLING_STATUSES = ['active', 'past_due', 'cancelled', 'incomplete'] as const;
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
    updatedBy: uuid('updated_by'),
    ...timestamps(),
  },
  (table) => [uniqueIndex('billing_subscriptions_studio_key').on(table.studioId)],
);

/** Invoices the platform raises by hand for manual (enterprise) subscriptions. */
export const billingInvoices = pgTable('billing_invoices', {
  id: uuidPrimaryKey(),
  studioId: studioId(),
  subscriptionId: uuid('subscription_id')
    .notNull()
    .references(() => billingSubscriptions.id),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  currency: text('currency').notNull(),
  periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
  periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
  status: text('status').$type<'open' | 'paid' | 'void'>().notNull().default('open'),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  ...timestamps(),
});
