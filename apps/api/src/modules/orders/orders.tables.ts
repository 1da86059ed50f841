import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
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
import type {
  Address,
  OrderEventDetails,
  OrderPlan,
  OrderStatus,
  PaymentState,
  ShippingMethod,
  StudioSnapshot,
  TaxRate,
} from './orders.model.js';

/**
 * A studio's commerce rules: how orders are numbered, taxed and shipped, and how long an unpaid order
 * holds its stock. One row per studio, made with defaults on first read.
 */
export const commerceSettings = pgTable(
  'commerce_settings',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    orderNumberPrefix: text('order_number_prefix').notNull().default('ORD'),
    /** true: catalog prices already include tax (Thai VAT style); false: tax is added on top. */
    pricesIncludeTax: boolean('prices_include_tax').notNull().default(false),
    /** Basis points (700 = 7%) when no country/region rule matches. */
    defaultTaxRateBps: integer('default_tax_rate_bps').notNull().default(0),
    taxRates: jsonb('tax_rates').$type<TaxRate[]>().notNull().default([]),
    taxShipping: boolean('tax_shipping').notNull().default(true),
    shippingMethods: jsonb('shipping_methods').$type<ShippingMethod[]>().notNull().default([]),
    /** How long an unpaid order keeps its stock: instant methods (card, PromptPay) and manual ones. */
    holdMinutesInstant: integer('hold_minutes_instant').notNull().default(30),
    holdMinutesManual: integer('hold_minutes_manual').notNull().default(4320),
    /** Percent of the total asked as a deposit when a client chooses "deposit now, balance later". */
    depositPercent: integer('deposit_percent').notNull().default(30),
    ...timestamps(),
  },
  (table) => [uniqueIndex('commerce_settings_studio_key').on(table.studioId)],
);

/** Per-studio, per-year order counters: QR-2026-000042. Taken with one atomic upsert ... returning. */
export const orderCounters = pgTable(
  'order_counters',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (table) => [uniqueIndex('order_counters_studio_year_key').on(table.studioId, table.year)],
);

/**
 * A cart belongs to a signed-in person (`userId`) or to a guest browser (the SHA-256 of its cookie
 * token). Lines remember the unit price the client last saw, so a changed price is noticed.
 */
export const carts = pgTable(
  'carts',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    userId: uuid('user_id'),
    guestTokenHash: text('guest_token_hash'),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('carts_studio_user_key')
      .on(table.studioId, table.userId)
      .where(sql`${table.userId} is not null`),
    uniqueIndex('carts_guest_token_key')
      .on(table.studioId, table.guestTokenHash)
      .where(sql`${table.guestTokenHash} is not null`),
  ],
);

export const cartLines = pgTable(
  'cart_lines',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id').notNull(),
    quantity: integer('quantity').notNull(),
    /** The unit price shown when the line was added or last acknowledged (price-changed notices). */
    seenUnitPriceMinor: bigint('seen_unit_price_minor', { mode: 'number' }).notNull().default(0),
    seenFlashSaleId: uuid('seen_flash_sale_id'),
    ...timestamps(),
  },
  (table) => [uniqueIndex('cart_lines_cart_variant_key').on(table.cartId, table.variantId)],
);

export const PROMO_KINDS = ['percentage', 'fixed'] as const;
export type PromoKind = (typeof PROMO_KINDS)[number];
export const PROMO_SCOPES = ['all', 'categories', 'products'] as const;
export type PromoScope = (typeof PROMO_SCOPES)[number];

/**
 * A promo code. Its uses are the live rows of `promo_redemptions` (an order placed with it and not
 * cancelled); there is no counter on this row, so a code without limits is used without touching (or
 * locking) it. Limits are checked under a lock: the row FOR UPDATE for `usageLimit`, an advisory lock on
 * (code, client) for `perClientLimit` alone (orders.promos.ts).
 */
export const promoCodes = pgTable(
  'promo_codes',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    /** Stored upper-case; clients type it in any case. */
    code: text('code').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind').$type<PromoKind>().notNull().default('percentage'),
    /** percentage: 1-100; fixed: ignored. */
    percentOff: integer('percent_off'),
    /** fixed: the amount off in minor units. */
    amountOffMinor: bigint('amount_off_minor', { mode: 'number' }),
    minPurchaseMinor: bigint('min_purchase_minor', { mode: 'number' }),
    maxDiscountMinor: bigint('max_discount_minor', { mode: 'number' }),
    usageLimit: integer('usage_limit'),
    perClientLimit: integer('per_client_limit'),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    appliesTo: text('applies_to').$type<PromoScope>().notNull().default('all'),
    /** Category ids or item ids, depending on appliesTo. */
    targetIds: jsonb('target_ids').$type<string[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (table) => [uniqueIndex('promo_codes_studio_code_key').on(table.studioId, table.code)],
);

/** One use of a promo code by one order; released (not deleted) when the order is cancelled or expires. */
export const promoRedemptions = pgTable(
  'promo_redemptions',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    promoCodeId: uuid('promo_code_id')
      .notNull()
      .references(() => promoCodes.id, { onDelete: 'restrict' }),
    orderId: uuid('order_id').notNull(),
    /** Client email (lower-case): per-client limits count guests by their address. */
    clientKey: text('client_key').notNull(),
    discountMinor: bigint('discount_minor', { mode: 'number' }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('promo_redemptions_order_key').on(table.orderId),
    // Live uses only: "how many uses left" and "how many by this client" are counted here.
    index('promo_redemptions_live_idx')
      .on(table.promoCodeId, table.clientKey)
      .where(sql`${table.releasedAt} is null`),
  ],
);

/**
 * An order: what was bought at which prices (lines are a snapshot, never re-read from the catalog), the
 * totals in minor units, and two separate states: fulfilment (`status`) and money (`paymentStatus`).
 */
export const orders = pgTable(
  'orders',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    number: text('number').notNull(),
    /** SHA-256 of (cart owner, Idempotency-Key): a retried checkout finds its order. */
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status').$type<OrderStatus>().notNull().default('pending'),
    paymentStatus: text('payment_status').$type<PaymentState>().notNull().default('unpaid'),
    clientId: uuid('client_id'),
    userId: uuid('user_id'),
    email: text('email').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    locale: text('locale').notNull().default('en'),
    currency: text('currency').notNull(),
    subtotalMinor: bigint('subtotal_minor', { mode: 'number' }).notNull().default(0),
    discountMinor: bigint('discount_minor', { mode: 'number' }).notNull().default(0),
    shippingMinor: bigint('shipping_minor', { mode: 'number' }).notNull().default(0),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull().default(0),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull().default(0),
    paidMinor: bigint('paid_minor', { mode: 'number' }).notNull().default(0),
    refundedMinor: bigint('refunded_minor', { mode: 'number' }).notNull().default(0),
    pricesIncludeTax: boolean('prices_include_tax').notNull().default(false),
    promoCode: text('promo_code'),
    shippingMethod: jsonb('shipping_method').$type<ShippingMethod | null>(),
    shippingAddress: jsonb('shipping_address').$type<Address | null>(),
    billingAddress: jsonb('billing_address').$type<Address | null>(),
    /** The chosen provider for the non-wallet part ('wallet' when the balance covered it all). */
    paymentProvider: text('payment_provider').notNull().default('manual'),
    manualMethod: text('manual_method'),
    walletMinor: bigint('wallet_minor', { mode: 'number' }).notNull().default(0),
    plan: jsonb('plan').$type<OrderPlan | null>(),
    studio: jsonb('studio')
      .$type<StudioSnapshot>()
      .notNull()
      .default({} as StudioSnapshot),
    trackingNumbers: jsonb('tracking_numbers')
      .$type<{ carrier: string; number: string; url: string | null; addedAt: string }[]>()
      .notNull()
      .default([]),
    note: text('note'),
    /** Unpaid orders are cancelled (stock and promo released) after this. */
    holdUntil: timestamp('hold_until', { withTimezone: true }),
    remindersSent: integer('reminders_sent').notNull().default(0),
    /** Set once each; the conditional update on null makes every side effect happen once. */
    stockReleasedAt: timestamp('stock_released_at', { withTimezone: true }),
    salesRecordedAt: timestamp('sales_recorded_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('orders_studio_number_key').on(table.studioId, table.number),
    uniqueIndex('orders_studio_idempotency_key').on(table.studioId, table.idempotencyKey),
    index('orders_studio_status_idx').on(table.studioId, table.status, table.id),
    index('orders_user_idx').on(table.studioId, table.userId, table.id),
    // A client's orders: "my orders" of a person with guest orders linked, the studio's client view.
    index('orders_client_idx').on(table.studioId, table.clientId, table.id),
    index('orders_email_idx').on(table.studioId, sql`lower(${table.email})`),
    index('orders_hold_idx').on(table.holdUntil).where(sql`${table.status} = 'pending'`),
    // The dashboard's sales by day: orders paid in a date range (orders.sales.ts).
    index('orders_studio_paid_idx').on(table.studioId, table.paidAt).where(sql`${table.paidAt} is not null`),
    check('orders_totals_nonnegative', sql`${table.totalMinor} >= 0 and ${table.paidMinor} >= 0`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    itemId: uuid('item_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    variantTitle: text('variant_title').notNull().default(''),
    sku: text('sku'),
    categoryId: uuid('category_id'),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: bigint('unit_price_minor', { mode: 'number' }).notNull(),
    listPriceMinor: bigint('list_price_minor', { mode: 'number' }).notNull(),
    flashSaleId: uuid('flash_sale_id'),
    discountMinor: bigint('discount_minor', { mode: 'number' }).notNull().default(0),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull().default(0),
    /** quantity x unit price - discount (+ tax when prices exclude it). */
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    requiresShipping: boolean('requires_shipping').notNull().default(false),
  },
  (table) => [index('order_lines_order_idx').on(table.orderId, table.position)],
);

/** Every change to an order: who, when, from what to what. Read as the order's timeline. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /** status, payment, refund, payment_refused, tracking, email. */
    kind: text('kind').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    /**
     * Words a person wrote (a staff note on a status change, a refund's reason); null for steps the
     * system took, which say why in `details.reason` (0019 moved the English sentences written before).
     */
    note: text('note'),
    details: jsonb('details').$type<OrderEventDetails>(),
    /** The amount the entry is about (payment received, refunded), for UIs and reports; null otherwise. */
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    currency: text('currency'),
    actorUserId: uuid('actor_user_id'),
    /** user, system, client, guest. */
    actorKind: text('actor_kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('order_events_order_idx').on(table.orderId, table.id)],
);

/** Payments applied to an order: the unique payment id makes "add to paid" happen once per payment. */
export const orderPayments = pgTable(
  'order_payments',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    paymentId: uuid('payment_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    refundedMinor: bigint('refunded_minor', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('order_payments_payment_key').on(table.studioId, table.paymentId)],
);
