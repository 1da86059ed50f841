import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { studioId, timestamps, uuidPrimaryKey } from '../../platform/db/columns.js';
import type { Payable } from './payments.types.js';

export const PLAN_STATUSES = ['active', 'completed', 'failed', 'cancelled'] as const;
export type PaymentPlanStatus = (typeof PLAN_STATUSES)[number];

export const INSTALMENT_STATUSES = [
  'scheduled',
  'processing',
  'retrying',
  'paid',
  'failed',
  'cancelled',
] as const;
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number];

/**
 * How the jobs charge a plan without the client present: a test card number (sandbox, or Stripe's test
 * cards against the stand-in) or a saved Stripe customer and payment method. A Stripe plan made at
 * checkout starts with both ids null: the client pays its first instalment in Stripe's card form, which
 * keeps that card on a Stripe customer, and the plan takes the ids from that payment when it succeeds.
 */
export type SavedMethod =
  | { kind: 'card'; cardNumber: string }
  | {
      kind: 'stripe';
      customerId: string | null;
      paymentMethodId: string | null;
      /** The card's last digits, as Stripe reports them (filled after the card is kept; see fillCardDigits). */
      last4?: string | null;
    };

/**
 * A deposit-and-balance or instalment plan on a payable (an order today; bookings and projects later).
 * The payable's owner learns about progress from the `payments.plan.*` events.
 */
export const paymentPlans = pgTable(
  'payment_plans',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    payableType: text('payable_type').$type<Payable['type']>().notNull(),
    payableId: uuid('payable_id').notNull(),
    clientId: uuid('client_id'),
    /**
     * The signed-in person the plan is for (the buyer who placed the order). When set, the plan is theirs
     * alone, whatever email they typed; when null (placed as a guest), it is the client record's account
     * holder's, as with payments.payer_user_id.
     */
    payerUserId: uuid('payer_user_id'),
    email: text('email').notNull(),
    locale: text('locale').notNull().default('en'),
    currency: text('currency').notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    provider: text('provider').$type<'sandbox' | 'stripe'>().notNull(),
    savedMethod: jsonb('saved_method').$type<SavedMethod>().notNull(),
    status: text('status').$type<PaymentPlanStatus>().notNull().default('active'),
    /** Days after each failed attempt before the next one, e.g. [1, 3, 5]: three retries. */
    retryDays: jsonb('retry_days').$type<number[]>().notNull().default([1, 3, 5]),
    /** Days before a due date the client is reminded. */
    reminderDays: integer('reminder_days').notNull().default(3),
    createdBy: uuid('created_by'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    ...timestamps(),
  },
  (table) => [
    // One live plan per payable: a second would charge the same order twice.
    uniqueIndex('payment_plans_live_payable_key')
      .on(table.studioId, table.payableType, table.payableId)
      .where(sql`${table.status} in ('active', 'completed')`),
    // The client's list in the portal: their plans in a studio, newest first (plans.mine.ts).
    index('payment_plans_client_idx').on(table.studioId, table.clientId, table.id),
    // ... and the plans a signed-in buyer started.
    index('payment_plans_payer_idx').on(table.studioId, table.payerUserId, table.id),
  ],
);

/** One scheduled charge of a plan. Amounts of a plan's instalments sum exactly to its total. */
export const paymentPlanInstalments = pgTable(
  'payment_plan_instalments',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => paymentPlans.id),
    /** 1 is the deposit, charged when the plan is made. */
    seq: integer('seq').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status').$type<InstalmentStatus>().notNull().default('scheduled'),
    /** Attempts made so far (the first charge counts). */
    attempts: integer('attempts').notNull().default(0),
    /** When the job should charge it next (the due date, then each retry). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('payment_plan_instalments_seq_key').on(table.planId, table.seq),
    index('payment_plan_instalments_next_idx').on(table.status, table.nextAttemptAt),
  ],
);

/** An instalment's state before a client's attempt (payment_plan_attempts.resume). */
export interface AttemptResume {
  status: 'scheduled' | 'retrying';
  nextAttemptAt: string | null;
}

/**
 * Each charge made for an instalment. The outcome is applied once per payment (pending -> succeeded or
 * failed, by a conditional update), whether it arrives in startPayment's answer or by event.
 */
export const paymentPlanAttempts = pgTable(
  'payment_plan_attempts',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    instalmentId: uuid('instalment_id')
      .notNull()
      .references(() => paymentPlanInstalments.id),
    paymentId: uuid('payment_id').notNull(),
    attemptNo: integer('attempt_no').notNull(),
    /** The `now` the charge ran at (the job's clock), from which the next retry is counted. */
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    outcome: text('outcome').$type<'pending' | 'succeeded' | 'failed'>().notNull().default('pending'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    /**
     * Set on the client's own attempts (paying from the portal): where the instalment stood before, and
     * goes back to if the attempt fails (a bank check failed or left). Such a failure uses none of the
     * plan's retries, sends no "declined" email and never ends the plan, as a card declined on the spot
     * changes nothing either. Null on the job's and staff's attempts, which count.
     */
    resume: jsonb('resume').$type<AttemptResume>(),
  },
  (table) => [
    uniqueIndex('payment_plan_attempts_payment_key').on(table.paymentId),
    uniqueIndex('payment_plan_attempts_no_key').on(table.instalmentId, table.attemptNo),
  ],
);
