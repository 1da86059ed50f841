import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { studioId, timestamps, uuidPrimaryKey } from '../../platform/db/columns.js';
import type {
  ManualMethod,
  NextAction,
  Payable,
  PaymentProviderId,
  PaymentStatus,
  SavedCard,
} from './payments.types.js';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * One attempt to move money for a payable (an order, a top-up, an instalment...). The row is created
 * before the provider is called, so a crash mid-call leaves a pending payment the reconciliation job
 * can converge. `refunded_minor` is the running total of payment_refunds and never exceeds the amount.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    payableType: text('payable_type').$type<Payable['type']>().notNull(),
    payableId: uuid('payable_id').notNull(),
    clientId: uuid('client_id'),
    /**
     * The signed-in person paying (the buyer who placed the order, the owner topping up a wallet). When
     * set, the payment is theirs alone, whatever email they typed; when null (a guest, a past sale), it
     * is the payer's who holds the client record's account (assertPayer).
     */
    payerUserId: uuid('payer_user_id'),
    email: text('email').notNull(),
    provider: text('provider').$type<PaymentProviderId>().notNull(),
    manualMethod: text('manual_method').$type<ManualMethod>(),
    // bigint like the orders, plans and wallets they pay for: an order's total can pass 2^31.
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    refundedMinor: bigint('refunded_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull(),
    status: text('status').$type<PaymentStatus>().notNull().default('pending'),
    description: text('description').notNull().default(''),
    /** The provider's id for this payment: a Stripe PaymentIntent (pi_...) or Checkout Session (cs_...). */
    providerRef: text('provider_ref'),
    nextAction: jsonb('next_action').$type<NextAction>().notNull().default({ type: 'none' }),
    idempotencyKey: text('idempotency_key').notNull(),
    planInstalmentId: uuid('plan_instalment_id'),
    /**
     * The payer, present, lets the provider keep the card they pay with for later charges without them
     * (a Stripe plan's first payment). Such a payment stays open after a decline, like any payment the
     * payer is still in front of, instead of failing the instalment.
     */
    keepsCard: boolean('keeps_card').notNull().default(false),
    /** The card the provider kept when such a payment succeeded (Stripe: its customer and method). */
    savedCard: jsonb('saved_card').$type<SavedCard>(),
    /** A bank slip the client attached, or the proof staff kept when marking it paid (storage key). */
    proofStorageKey: text('proof_storage_key'),
    /** Language of this payment's emails; null means the studio's. */
    locale: text('locale'),
    /** Who marked a manual payment paid, and their note. */
    confirmedBy: uuid('confirmed_by'),
    confirmationNote: text('confirmation_note'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    failureReason: text('failure_reason'),
    ...timestamps(),
  },
  (table) => [
    // The idempotency guarantee itself: a second startPayment with the same key hits this and reads back.
    uniqueIndex('payments_studio_idempotency_key').on(table.studioId, table.idempotencyKey),
    // Webhooks and reconciliation find a payment by the provider's id, before its studio is known.
    uniqueIndex('payments_provider_ref_key')
      .on(table.provider, table.providerRef)
      .where(sql`${table.providerRef} is not null`),
    index('payments_payable_idx').on(table.studioId, table.payableType, table.payableId),
    index('payments_studio_list_idx').on(table.studioId, table.id),
    index('payments_studio_status_idx').on(table.studioId, table.status, table.id),
    index('payments_studio_provider_idx').on(table.studioId, table.provider, table.id),
    // Reconciliation: open Stripe payments by age.
    index('payments_open_idx')
      .on(table.provider, table.createdAt)
      .where(sql`${table.status} in ('pending', 'requires_action')`),
    check('payments_amount_positive', sql`${table.amountMinor} > 0`),
    check(
      'payments_refunded_within_amount',
      sql`${table.refundedMinor} >= 0 and ${table.refundedMinor} <= ${table.amountMinor}`,
    ),
    check(
      'payments_status_known',
      sql`${table.status} in (${inList([
        'pending',
        'requires_action',
        'succeeded',
        'failed',
        'cancelled',
        'refunded',
        'partially_refunded',
      ])})`,
    ),
    check(
      'payments_provider_known',
      sql`${table.provider} in (${inList(['stripe', 'manual', 'promptpay', 'wallet', 'sandbox'])})`,
    ),
    check('payments_currency_code', sql`${table.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** One refund of (part of) a payment. Idempotent per studio and key: a retried refund is not paid twice. */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    refundTo: text('refund_to').$type<'original' | 'wallet'>().notNull(),
    reason: text('reason').notNull().default(''),
    idempotencyKey: text('idempotency_key').notNull(),
    /** Stripe's re_... id when the money went back through Stripe. */
    providerRef: text('provider_ref'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('payment_refunds_studio_idempotency_key').on(table.studioId, table.idempotencyKey),
    index('payment_refunds_payment_idx').on(table.studioId, table.paymentId, table.id),
    check('payment_refunds_amount_positive', sql`${table.amountMinor} > 0`),
    check('payment_refunds_to_known', sql`${table.refundTo} in ('original', 'wallet')`),
  ],
);

/**
 * Every provider webhook we accepted, keyed by the provider's event id: a redelivery finds its row and
 * is not processed again. `studio_id` is null for an event we could not place (parked for review); the
 * webhook runs with platform access because the studio is not known until the payment is found.
 */
export const paymentWebhookEvents = pgTable(
  'payment_webhook_events',
  {
    id: uuidPrimaryKey(),
    studioId: uuid('studio_id'),
    provider: text('provider').$type<PaymentProviderId>().notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    status: text('status').$type<'processed' | 'parked' | 'ignored'>().notNull(),
    /**
     * Why an event was parked: unknown_payment, amount_mismatch, currency_mismatch (payments), or
     * unknown_subscription (a billing event for no studio we know: billing.lifecycle.ts).
     */
    parkedReason: text('parked_reason'),
    paymentId: uuid('payment_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('payment_webhook_events_event_key').on(table.provider, table.eventId),
    index('payment_webhook_events_status_idx').on(table.status, table.receivedAt),
    index('payment_webhook_events_studio_idx').on(table.studioId, table.id),
    check('payment_webhook_events_status_known', sql`${table.status} in ('processed', 'parked', 'ignored')`),
  ],
);

/** How a studio takes money. One row per studio; absent means the defaults in payments.settings.ts. */
export const paymentSettings = pgTable(
  'payment_settings',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    enabledProviders: text('enabled_providers').array().$type<PaymentProviderId[]>().notNull(),
    manualMethods: text('manual_methods').array().$type<ManualMethod[]>().notNull(),
    /** A Thai mobile number (0812345678) or a 13-digit national id / tax id. */
    promptPayId: text('promptpay_id'),
    bankTransferInstructions: text('bank_transfer_instructions').notNull().default(''),
    payAtStudioInstructions: text('pay_at_studio_instructions').notNull().default(''),
    stripeEnabled: boolean('stripe_enabled').notNull().default(false),
    ...timestamps(),
  },
  (table) => [uniqueIndex('payment_settings_studio_key').on(table.studioId)],
);
