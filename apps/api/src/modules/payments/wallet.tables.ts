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

/**
 * Why money entered or left a wallet. Credits are positive rows, debits negative. A 'transfer' is one
 * half of a balance carried between two records of one person (the credit's reference is the debit's id).
 */
export const WALLET_ENTRY_KINDS = ['topup', 'bonus', 'refund', 'adjustment', 'payment', 'transfer'] as const;
export type WalletEntryKind = (typeof WALLET_ENTRY_KINDS)[number];

/**
 * One wallet per studio, client and currency. The row is the lock a debit takes (`for update`) so two
 * debits of the same wallet run one after the other; `balance_minor` is a cache of sum(entries),
 * updated in the same transaction as each entry and never allowed below zero (the check is the last
 * line of defence behind the ledger's own test).
 */
export const walletAccounts = pgTable(
  'wallet_accounts',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    clientId: uuid('client_id').notNull(),
    currency: text('currency').notNull(),
    balanceMinor: bigint('balance_minor', { mode: 'number' }).notNull().default(0),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('wallet_accounts_client_currency_key').on(table.studioId, table.clientId, table.currency),
    check('wallet_accounts_balance_not_negative', sql`${table.balanceMinor} >= 0`),
  ],
);

/**
 * The ledger: every credit and debit is a row, never updated or deleted. `reference` (a payment id, a
 * refund id, an adjustment key) is unique per kind, so the same top-up or refund cannot be credited
 * twice however often its event is delivered.
 */
export const walletEntries = pgTable(
  'wallet_entries',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => walletAccounts.id),
    clientId: uuid('client_id').notNull(),
    currency: text('currency').notNull(),
    /** Signed: credits > 0, debits < 0. */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    /** The balance right after this entry, for statements. */
    balanceAfterMinor: bigint('balance_after_minor', { mode: 'number' }).notNull(),
    kind: text('kind').$type<WalletEntryKind>().notNull(),
    /**
     * The ledger's own description, for people reading the database (English; the system's words, or a
     * person's). Statements never show it: they word `kind` with the payment's order, and show `note`.
     */
    reason: text('reason').notNull(),
    reference: text('reference'),
    /** The payment this entry paid (kind payment), was credited for (topup, bonus) or refunded (refund). */
    paymentId: uuid('payment_id'),
    /**
     * Words a person wrote for this entry, shown as written: a staff adjustment's reason, the reason
     * staff gave for a refund to the wallet. Null for the entries the system words itself.
     */
    note: text('note'),
    /** The person who caused it (staff adjustment, client top-up); null for the system. */
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('wallet_entries_reference_key')
      .on(table.studioId, table.kind, table.reference)
      .where(sql`${table.reference} is not null`),
    index('wallet_entries_account_idx').on(table.accountId, table.id),
  ],
);

/**
 * The numbers of orders clients paid for, so a statement can say "Order QR-2026-0042". A wallet pays
 * during checkout, before the order has its number (taken last in that transaction), and payments never
 * read the orders module's tables: the number arrives with `orders.order.placed` and is kept here by the
 * wallet's handler (wallet.service.ts), for orders with a client's payment (a guest has no wallet).
 */
export const walletOrderNumbers = pgTable(
  'wallet_order_numbers',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    orderId: uuid('order_id').notNull(),
    number: text('number').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('wallet_order_numbers_order_key').on(table.studioId, table.orderId)],
);

/** One bonus step: a top-up of at least `minTopupMinor` earns `bonusMinor` (the highest step that fits wins). */
export interface BonusTier {
  minTopupMinor: number;
  bonusMinor: number;
}

/** A studio's wallet rules. No row means the defaults in wallet.service.ts (top-ups on, no bonus). */
export const walletSettings = pgTable(
  'wallet_settings',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    topupsEnabled: boolean('topups_enabled').notNull().default(true),
    minTopupMinor: bigint('min_topup_minor', { mode: 'number' }).notNull().default(10_000),
    maxTopupMinor: bigint('max_topup_minor', { mode: 'number' }).notNull().default(10_000_000),
    bonusTiers: jsonb('bonus_tiers').$type<BonusTier[]>().notNull().default([]),
    ...timestamps(),
  },
  (table) => [uniqueIndex('wallet_settings_studio_key').on(table.studioId)],
);

export const TOPUP_STATUSES = ['pending', 'credited', 'failed'] as const;
export type TopupStatus = (typeof TOPUP_STATUSES)[number];

/**
 * A client's request to put money in their wallet: the payable of a payment. The bonus is fixed when
 * the top-up starts, so a tier changed while the client pays does not change what they were promised.
 */
export const walletTopups = pgTable(
  'wallet_topups',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    clientId: uuid('client_id').notNull(),
    currency: text('currency').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    bonusMinor: bigint('bonus_minor', { mode: 'number' }).notNull().default(0),
    status: text('status').$type<TopupStatus>().notNull().default('pending'),
    paymentId: uuid('payment_id'),
    locale: text('locale').notNull().default('en'),
    createdBy: uuid('created_by'),
    creditedAt: timestamp('credited_at', { withTimezone: true }),
    ...timestamps(),
  },
  (table) => [index('wallet_topups_client_idx').on(table.clientId, table.id)],
);
