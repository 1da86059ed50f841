import { type Static, Type } from 'typebox';
import { MANUAL_METHODS, PAYMENT_PROVIDERS } from '../payments/index.js';
import { ORDER_STATUSES, PAYMENT_STATES, SHIPPING_KINDS, TIMELINE_REASONS } from './orders.model.js';
import { PROMO_KINDS, PROMO_SCOPES } from './orders.tables.js';

const Uuid = Type.String({ format: 'uuid' });
const Minor = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Country = Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' });

// ---- Studio commerce settings --------------------------------------------------------------------

export const TaxRateSchema = Type.Object(
  {
    country: Country,
    region: Type.Optional(Type.String({ maxLength: 100 })),
    rateBps: Type.Integer({ minimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);

export const ShippingMethodSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    kind: Type.Enum(SHIPPING_KINDS),
    priceMinor: Minor,
    bands: Type.Optional(
      Type.Array(
        Type.Object({ upToGrams: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }), priceMinor: Minor }),
        {
          maxItems: 20,
        },
      ),
    ),
    freeOverMinor: Type.Optional(Nullable(Minor)),
    countries: Type.Optional(Type.Array(Country, { maxItems: 250 })),
  },
  { additionalProperties: false },
);

export const CommerceSettingsSchema = Type.Object(
  {
    orderNumberPrefix: Type.String({
      pattern: '^[A-Z0-9]{1,8}$',
      description: '"QR" numbers orders QR-2026-000042.',
    }),
    pricesIncludeTax: Type.Boolean(),
    defaultTaxRateBps: Type.Integer({ minimum: 0, maximum: 10_000, description: 'Basis points: 700 = 7%.' }),
    taxRates: Type.Array(TaxRateSchema, { maxItems: 300 }),
    taxShipping: Type.Boolean(),
    shippingMethods: Type.Array(ShippingMethodSchema, { maxItems: 20 }),
    holdMinutesInstant: Type.Integer({ minimum: 5, maximum: 1440 }),
    holdMinutesManual: Type.Integer({ minimum: 60, maximum: 43_200 }),
    depositPercent: Type.Integer({ minimum: 1, maximum: 99 }),
  },
  { title: 'CommerceSettings', additionalProperties: false },
);
export type CommerceSettings = Static<typeof CommerceSettingsSchema>;
export const CommerceSettingsPatch = Type.Partial(CommerceSettingsSchema, { additionalProperties: false });
export type CommerceSettingsPatch = Static<typeof CommerceSettingsPatch>;

// ---- Promo codes ---------------------------------------------------------------------------------

const PromoFields = {
  code: Type.String({ pattern: '^[A-Za-z0-9_-]{3,32}$' }),
  description: Type.Optional(Type.String({ maxLength: 300 })),
  kind: Type.Enum(PROMO_KINDS),
  percentOff: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100 }))),
  amountOffMinor: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }))),
  minPurchaseMinor: Type.Optional(Nullable(Minor)),
  maxDiscountMinor: Type.Optional(Nullable(Minor)),
  // Kept in integer columns: a larger limit would be refused by the database, not by the schema.
  usageLimit: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000_000 }))),
  perClientLimit: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000_000 }))),
  startsAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  expiresAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  appliesTo: Type.Optional(Type.Enum(PROMO_SCOPES)),
  targetIds: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
  active: Type.Optional(Type.Boolean()),
};
export const NewPromoSchema = Type.Object(PromoFields, { additionalProperties: false });
export type NewPromo = Static<typeof NewPromoSchema>;
export const PromoPatchSchema = Type.Partial(Type.Object(PromoFields), { additionalProperties: false });
export type PromoPatch = Static<typeof PromoPatchSchema>;

export const PromoSchema = Type.Object(
  {
    id: Uuid,
    code: Type.String(),
    description: Type.String(),
    kind: Type.Enum(PROMO_KINDS),
    percentOff: Nullable(Type.Integer()),
    amountOffMinor: Nullable(Type.Integer()),
    minPurchaseMinor: Nullable(Type.Integer()),
    maxDiscountMinor: Nullable(Type.Integer()),
    usageLimit: Nullable(Type.Integer()),
    perClientLimit: Nullable(Type.Integer()),
    usedCount: Type.Integer(),
    startsAt: Nullable(Type.String({ format: 'date-time' })),
    expiresAt: Nullable(Type.String({ format: 'date-time' })),
    appliesTo: Type.Enum(PROMO_SCOPES),
    targetIds: Type.Array(Type.String()),
    active: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'PromoCode' },
);
export type Promo = Static<typeof PromoSchema>;

// ---- Cart ----------------------------------------------------------------------------------------

export const CartLineInput = Type.Object(
  { variantId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 10_000 }) },
  { additionalProperties: false },
);
export const CartQuantityInput = Type.Object(
  { quantity: Type.Integer({ minimum: 0, maximum: 10_000, description: '0 removes the line.' }) },
  { additionalProperties: false },
);

const NoticeSchema = Type.Object({
  code: Type.Enum([
    'price_changed',
    'flash_sale_ended',
    'unavailable',
    'insufficient_stock',
    'below_minimum',
  ] as const),
  message: Type.String(),
  previousUnitPriceMinor: Type.Optional(Type.Integer()),
});
export type CartNotice = Static<typeof NoticeSchema>;

export const CartLineSchema = Type.Object({
  id: Uuid,
  variantId: Uuid,
  itemId: Nullable(Uuid),
  itemSlug: Nullable(Type.String()),
  name: Type.String(),
  variantTitle: Type.String(),
  sku: Nullable(Type.String()),
  imageUrl: Nullable(Type.String()),
  quantity: Type.Integer(),
  unitPriceMinor: Type.Integer(),
  listPriceMinor: Type.Integer(),
  lineTotalMinor: Type.Integer(),
  flashSale: Nullable(Type.Object({ id: Type.String(), endsAt: Type.String() })),
  stockAvailable: Nullable(Type.Integer()),
  minOrderQuantity: Type.Integer(),
  requiresShipping: Type.Boolean(),
  purchasable: Type.Boolean(),
  notices: Type.Array(NoticeSchema),
});
export type CartLine = Static<typeof CartLineSchema>;

export const CartSchema = Type.Object(
  {
    id: Nullable(Uuid),
    currency: Type.String(),
    lines: Type.Array(CartLineSchema),
    itemCount: Type.Integer(),
    subtotalMinor: Type.Integer(),
    requiresShipping: Type.Boolean(),
    hasNotices: Type.Boolean({
      description: 'Some line changed price, ended its sale or cannot be bought as is.',
    }),
  },
  { title: 'Cart' },
);
export type Cart = Static<typeof CartSchema>;

// ---- Checkout ------------------------------------------------------------------------------------

export const AddressSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    line1: Type.String({ minLength: 1, maxLength: 300 }),
    line2: Type.Optional(Type.String({ maxLength: 300 })),
    city: Type.String({ minLength: 1, maxLength: 200 }),
    region: Type.Optional(Type.String({ maxLength: 200 })),
    postalCode: Type.String({ minLength: 1, maxLength: 20 }),
    country: Country,
    phone: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const CheckoutInput = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    locale: Type.Optional(Type.Enum(['en', 'th'] as const)),
    /**
     * Optional explicit lines (API clients, benchmarks); without them the caller's cart is used.
     * Any price sent here is ignored: the server prices everything.
     */
    lines: Type.Optional(
      Type.Array(
        Type.Object({
          variantId: Uuid,
          quantity: Type.Integer({ minimum: 1, maximum: 10_000 }),
          unitPriceMinor: Type.Optional(
            Type.Integer({ description: 'Ignored: the server prices every line.' }),
          ),
        }),
        { minItems: 1, maxItems: 100 },
      ),
    ),
    shippingAddress: Type.Optional(AddressSchema),
    billingAddress: Type.Optional(AddressSchema),
    shippingMethodId: Type.Optional(Type.String({ maxLength: 40 })),
    promoCode: Type.Optional(Type.String({ maxLength: 32 })),
    walletAmountMinor: Type.Optional(Minor),
    paymentProvider: Type.Optional(Type.Enum(['stripe', 'manual', 'promptpay', 'sandbox'] as const)),
    manualMethod: Type.Optional(Type.Enum(MANUAL_METHODS)),
    sandboxCard: Type.Optional(Type.String({ maxLength: 30 })),
    paymentPlan: Type.Optional(
      Type.Union([
        Type.Object({ kind: Type.Literal('deposit') }, { additionalProperties: false }),
        Type.Object(
          { kind: Type.Literal('instalments'), count: Type.Integer({ minimum: 2, maximum: 4 }) },
          { additionalProperties: false },
        ),
      ]),
    ),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    returnUrl: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 2000 })),
    expectedTotalMinor: Type.Optional(
      Type.Integer({
        description: 'The total the client showed; a different server total is 409 (prices changed).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CheckoutInput = Static<typeof CheckoutInput>;

const ShippingOptionSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Enum(SHIPPING_KINDS),
  priceMinor: Type.Integer(),
  moreForFreeMinor: Nullable(
    Type.Integer({
      minimum: 1,
      description:
        'How much more the order needs (its subtotal after discount) for this method to ship free; ' +
        'null when it ships free already or never does.',
    }),
  ),
});

export const SummaryLineSchema = Type.Object({
  variantId: Uuid,
  itemId: Uuid,
  name: Type.String(),
  variantTitle: Type.String(),
  sku: Nullable(Type.String()),
  quantity: Type.Integer(),
  unitPriceMinor: Type.Integer(),
  listPriceMinor: Type.Integer(),
  discountMinor: Type.Integer(),
  taxMinor: Type.Integer(),
  totalMinor: Type.Integer(),
  requiresShipping: Type.Boolean(),
});

export const CheckoutSummarySchema = Type.Object(
  {
    currency: Type.String(),
    lines: Type.Array(SummaryLineSchema),
    subtotalMinor: Type.Integer(),
    discountMinor: Type.Integer(),
    shippingMinor: Type.Integer(),
    taxMinor: Type.Integer(),
    taxRateBps: Type.Integer(),
    pricesIncludeTax: Type.Boolean(),
    taxByAddress: Type.Boolean({
      description:
        'The studio taxes by country or region, so the tax waits for an address. When false, an order ' +
        'that ships nothing needs no address at all.',
    }),
    totalMinor: Type.Integer(),
    walletMinor: Type.Integer({ description: 'Paid from the wallet balance.' }),
    dueNowMinor: Type.Integer({
      description: 'Charged by the chosen provider now (after wallet, deposit or first instalment).',
    }),
    promoCode: Nullable(Type.String()),
    requiresShipping: Type.Boolean(),
    shippingOptions: Type.Array(ShippingOptionSchema),
    notices: Type.Array(Type.Object({ variantId: Uuid, code: Type.String(), message: Type.String() })),
  },
  { title: 'CheckoutSummary' },
);
export type CheckoutSummary = Static<typeof CheckoutSummarySchema>;

// ---- Orders --------------------------------------------------------------------------------------

const AddressOut = Nullable(AddressSchema);

export const OrderEventSchema = Type.Object({
  id: Uuid,
  kind: Type.String({
    description:
      'status, payment (money received), refund, payment_refused, tracking, email. Pages render each from its data; the API writes no display text.',
  }),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  note: Nullable(
    Type.String({
      description:
        "Words a person wrote: a staff member's note on a status change, a refund's reason. Null for the system's own steps (see reason).",
    }),
  ),
  reason: Nullable(
    Type.Enum(TIMELINE_REASONS, { description: 'Why the system took this step, as a code pages translate.' }),
  ),
  amountMinor: Nullable(
    Type.Integer({ description: 'The amount the entry is about (payment received, refunded), minor units' }),
  ),
  currency: Nullable(Type.String()),
  paymentId: Nullable(Uuid),
  method: Nullable(
    Type.String({ description: "The payment's provider (promptpay, manual, wallet, stripe...)." }),
  ),
  manualMethod: Nullable(
    Type.String({ description: 'For a manual payment: bank_transfer, cash or invoice.' }),
  ),
  refundTo: Nullable(Type.Enum(['original', 'wallet'] as const)),
  actorKind: Type.String({
    description:
      'user (a studio member: on a payment entry, staff confirmed it by hand), client, guest, system.',
  }),
  actorUserId: Nullable(
    Type.String({
      format: 'uuid',
      description: "A staff member's id in the staff view only (null for the buyer).",
    }),
  ),
  actorName: Nullable(Type.String({ description: "The staff member's name, in the staff view only." })),
  at: Type.String({ format: 'date-time' }),
});

export const OrderPaymentSchema = Type.Object({
  id: Uuid,
  provider: Type.String(),
  manualMethod: Nullable(Type.String()),
  status: Type.String(),
  amountMinor: Type.Integer(),
  refundedMinor: Type.Integer(),
  nextAction: Type.Unknown(),
  createdAt: Type.String(),
  paidAt: Nullable(Type.String()),
  hasSlip: Type.Boolean({
    description: 'A transfer (PromptPay, bank transfer, invoice) with a slip attached, waiting or accepted.',
  }),
  slipRejectedReason: Nullable(
    Type.String({
      description:
        "The studio's own words when it turned the payer's slip down (no prefix); null once another slip is attached or it is paid.",
    }),
  ),
  accessToken: Type.Optional(
    Type.String({
      description:
        "Open payments, in the buyer's view only: pass as ?token= to the payment's slip and confirm routes.",
    }),
  ),
});

export const OrderSchema = Type.Object(
  {
    id: Uuid,
    number: Type.String(),
    status: Type.Enum(ORDER_STATUSES),
    paymentStatus: Type.Enum(PAYMENT_STATES),
    email: Type.String(),
    name: Type.String(),
    currency: Type.String(),
    lines: Type.Array(SummaryLineSchema),
    subtotalMinor: Type.Integer(),
    discountMinor: Type.Integer(),
    shippingMinor: Type.Integer(),
    taxMinor: Type.Integer(),
    totalMinor: Type.Integer(),
    paidMinor: Type.Integer(),
    refundedMinor: Type.Integer(),
    walletMinor: Type.Integer(),
    pricesIncludeTax: Type.Boolean(),
    promoCode: Nullable(Type.String()),
    shippingMethod: Nullable(Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() })),
    shippingAddress: AddressOut,
    billingAddress: AddressOut,
    paymentProvider: Type.String(),
    manualMethod: Nullable(Type.String()),
    plan: Nullable(Type.Unknown()),
    trackingNumbers: Type.Array(
      Type.Object({
        carrier: Type.String(),
        number: Type.String(),
        url: Nullable(Type.String()),
        addedAt: Type.String(),
      }),
    ),
    note: Nullable(Type.String()),
    holdUntil: Nullable(Type.String({ format: 'date-time' })),
    canCancel: Type.Boolean(),
    fulfilment: Type.Enum(['shipping', 'no_shipping'] as const, {
      description:
        'shipping: a physical product is posted (shipped, delivered, tracking). no_shipping: digital goods, services, or pickup (fulfilled, completed).',
    }),
    nextStatuses: Type.Array(Type.Enum(ORDER_STATUSES), {
      description: 'The statuses staff may move the order to now (others answer 409 naming status).',
    }),
    createdAt: Type.String({ format: 'date-time' }),
    paidAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { title: 'Order' },
);

/**
 * Staff's view adds the client record the order is filed under (the clients area's page). Clients'
 * views leave it out: a buyer who typed someone else's address would otherwise read that person's id.
 */
const staffOnly = {
  clientId: Type.Union([Uuid, Type.Null()], {
    description: "The studio's client record the order is filed under (the clients area's page).",
  }),
};
export const AdminOrderSchema = Type.Object(
  { ...OrderSchema.properties, ...staffOnly },
  { title: 'AdminOrder' },
);
/** What the service builds: the staff view; the client routes' schema drops `clientId` on the way out. */
export type Order = Static<typeof AdminOrderSchema>;

const detailParts = {
  timeline: Type.Array(OrderEventSchema),
  payments: Type.Array(OrderPaymentSchema),
};
export const OrderDetailSchema = Type.Object(
  { ...OrderSchema.properties, ...detailParts },
  { title: 'OrderDetail' },
);
export const AdminOrderDetailSchema = Type.Object(
  { ...AdminOrderSchema.properties, ...detailParts },
  { title: 'AdminOrderDetail' },
);
export type OrderDetail = Static<typeof AdminOrderDetailSchema>;

export const PlacedOrderSchema = Type.Object(
  {
    order: OrderSchema,
    nextAction: Type.Unknown({ description: "The payment's next step (QR, redirect, bank details...)." }),
    paymentId: Nullable(Uuid),
    accessToken: Type.String({
      description: 'Lets a guest open this order (also in the confirmation email).',
    }),
    notices: Type.Array(Type.Object({ variantId: Uuid, code: Type.String(), message: Type.String() })),
  },
  { title: 'PlacedOrder' },
);

export const AdminOrderQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Type.Enum(ORDER_STATUSES)),
  paymentStatus: Type.Optional(Type.Enum(PAYMENT_STATES)),
  paymentProvider: Type.Optional(Type.Enum(PAYMENT_PROVIDERS)),
  awaitingConfirmation: Type.Optional(
    Type.Boolean({
      description:
        'Only unpaid orders paid by bank transfer or PromptPay, waiting for staff to confirm the money.',
    }),
  ),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Order number or email (part of).' }),
  ),
  clientId: Type.Optional(
    Type.String({
      format: 'uuid',
      description: "Only the orders filed under this client record (the clients area's order list).",
    }),
  ),
});
export type AdminOrderQuery = Static<typeof AdminOrderQuery>;

export const StatusChangeInput = Type.Object(
  { status: Type.Enum(ORDER_STATUSES), note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export const TrackingInput = Type.Object(
  {
    carrier: Type.String({ minLength: 1, maxLength: 100 }),
    number: Type.String({ minLength: 1, maxLength: 100 }),
    url: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 2000 })),
    markShipped: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export const RefundInput = Type.Object(
  {
    amountMinor: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Default: everything not yet refunded.' }),
    ),
    to: Type.Optional(Type.Enum(['original', 'wallet'] as const)),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type RefundInput = Static<typeof RefundInput>;

// ---- Sales overview (the owner's dashboard) --------------------------------------------------------

export const SalesQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({
      minimum: 7,
      maximum: 90,
      default: 30,
      description: 'How many days back, today included.',
    }),
  ),
});

const SalesPeriodSchema = Type.Object({
  orders: Type.Integer({ minimum: 0 }),
  salesMinor: Type.Integer({ minimum: 0 }),
  averageOrderMinor: Type.Integer({ minimum: 0 }),
  refundedMinor: Type.Integer({ minimum: 0 }),
});

export const SalesOverviewSchema = Type.Object(
  {
    currency: Type.String(),
    timezone: Type.String(),
    days: Type.Array(
      Type.Object({
        date: Type.String({ format: 'date', description: "The studio's local date." }),
        orders: Type.Integer({ minimum: 0 }),
        salesMinor: Type.Integer({ minimum: 0 }),
      }),
      { description: 'Every day of the period, oldest first, days without sales included.' },
    ),
    period: SalesPeriodSchema,
    previous: Type.Object(SalesPeriodSchema.properties, {
      description: 'The same number of days just before the period, to compare with.',
    }),
    open: Type.Object({
      awaitingPayment: Type.Integer({ minimum: 0, description: 'Orders placed and not paid yet.' }),
      toFulfil: Type.Integer({ minimum: 0, description: 'Orders paid and not yet shipped or handed over.' }),
    }),
  },
  {
    title: 'SalesOverview',
    description:
      "Orders paid (or confirmed by a deposit) on each day in the studio's time zone, worth their total less " +
      'refunds; cancelled orders left out; only orders in the studio currency.',
  },
);
