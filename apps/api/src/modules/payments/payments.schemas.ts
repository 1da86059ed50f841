import { type Static, Type } from 'typebox';
import { PageQuery } from '../../platform/http/pagination.js';
import { MANUAL_METHODS, PAYMENT_PROVIDERS, PAYMENT_STATUSES } from './payments.types.js';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const ProviderSchema = Type.Enum(PAYMENT_PROVIDERS, { description: 'Who moves the money.' });
export const ManualMethodSchema = Type.Enum(MANUAL_METHODS);
export const PaymentStatusSchema = Type.Enum(PAYMENT_STATUSES);
const PAYABLE_TYPES = [
  'order',
  'wallet_topup',
  'plan_instalment',
  'booking',
  'project',
  'studio_plan',
] as const;
const UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'] as const;

const TestCard = Type.Object({
  number: Type.String(),
  outcome: Type.Union([Type.Literal('succeeds'), Type.Literal('declines'), Type.Literal('requires_action')]),
});

export const NextActionSchema = Type.Union(
  [
    Type.Object({ type: Type.Literal('none') }),
    Type.Object(
      {
        type: Type.Literal('stripe_confirm'),
        clientSecret: Type.String({ description: "The PaymentIntent's client secret (payer only)." }),
        publishableKey: Type.String({ description: 'For Stripe.js in the browser (payer only).' }),
      },
      { description: 'Confirm with Stripe.js; both keys are empty for anyone but the payer.' },
    ),
    Type.Object({ type: Type.Literal('redirect'), url: Type.String() }),
    Type.Object({
      type: Type.Literal('promptpay_qr'),
      payload: Type.String({ description: 'EMVCo payload the QR encodes.' }),
      svg: Type.String({ description: 'The QR code as an SVG document.' }),
      amountMinor: Type.Integer(),
      promptPayId: Type.String(),
    }),
    Type.Object({
      type: Type.Literal('bank_transfer'),
      instructions: Type.String({
        description:
          "The studio's own words (bank, account); empty when it wrote none: say it generally, in the payer's language.",
      }),
      reference: Type.String({ description: 'Quote this with the transfer.' }),
    }),
    Type.Object({
      type: Type.Literal('pay_at_studio'),
      instructions: Type.String({ description: "The studio's own words; empty when it wrote none." }),
    }),
    Type.Object({ type: Type.Literal('sandbox_card'), testCards: Type.Array(TestCard) }),
  ],
  { title: 'NextAction', description: 'What the payer must do next, if anything.' },
);

export const PaymentViewSchema = Type.Object(
  {
    id: Uuid,
    payable: Type.Object({
      type: Type.Enum(PAYABLE_TYPES),
      id: Uuid,
    }),
    provider: ProviderSchema,
    manualMethod: Nullable(ManualMethodSchema),
    status: PaymentStatusSchema,
    amountMinor: Type.Integer(),
    refundedMinor: Type.Integer(),
    currency: Type.String(),
    nextAction: NextActionSchema,
    createdAt: DateTime,
    paidAt: Nullable(DateTime),
    sandbox: Type.Boolean({ description: 'True for the test provider: no real money moves.' }),
    failureReason: Nullable(
      Type.String({
        description:
          "Why it is not going through: the provider's decline (cards), or for a transfer the studio's words on a turned-down slip (also slipRejectedReason).",
      }),
    ),
    hasProof: Type.Boolean({ description: 'A slip or proof of payment is attached.' }),
    hasSlip: Type.Boolean({
      description:
        'A transfer (PromptPay, bank transfer, invoice) with a slip attached, waiting or accepted.',
    }),
    slipRejectedReason: Nullable(
      Type.String({
        description:
          "The studio's words when it turned the payer's slip down; null once another slip is attached or it is paid.",
      }),
    ),
  },
  { title: 'Payment' },
);

/** What staff see in the list: the view plus who is paying. */
export const PaymentListItemSchema = Type.Object(
  { ...PaymentViewSchema.properties, email: Type.String(), clientId: Nullable(Uuid) },
  { title: 'PaymentListItem' },
);
export type PaymentListItem = Static<typeof PaymentListItemSchema>;

export const PaymentListQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(PaymentStatusSchema),
  provider: Type.Optional(ProviderSchema),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Created at or after.' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Created before.' })),
});
export type PaymentListQuery = Static<typeof PaymentListQuery>;

/** A file sent inline (slip, proof): base64 of an image or PDF. */
export const UploadSchema = Type.Object({
  contentType: Type.Enum(UPLOAD_TYPES),
  dataBase64: Type.String({ minLength: 4, maxLength: 7_000_000, description: 'The file, base64.' }),
});
export type Upload = Static<typeof UploadSchema>;

export const MarkPaidSchema = Type.Object({
  note: Type.Optional(Type.String({ maxLength: 1000 })),
  proof: Type.Optional(UploadSchema),
});
export type MarkPaid = Static<typeof MarkPaidSchema>;

export const RejectSlipSchema = Type.Object({
  reason: Type.String({
    minLength: 1,
    maxLength: 500,
    description:
      "Why the slip was not accepted, in the studio's words; the payer sees it as slipRejectedReason.",
  }),
});
export type RejectSlip = Static<typeof RejectSlipSchema>;

export const RefundRequestSchema = Type.Object({
  amountMinor: Type.Integer({ minimum: 1, description: 'Minor units; at most what is left unrefunded.' }),
  to: Type.Union([Type.Literal('original'), Type.Literal('wallet')], { default: 'original' }),
  reason: Type.String({ maxLength: 500, default: '' }),
});
export type RefundRequest = Static<typeof RefundRequestSchema>;

export const SandboxConfirmSchema = Type.Object({
  outcome: Type.Optional(
    Type.Union([Type.Literal('complete'), Type.Literal('fail')], {
      default: 'complete',
      description: 'Pass or fail the simulated authentication step.',
    }),
  ),
});

export const PaymentSettingsSchema = Type.Object(
  {
    enabledProviders: Type.Array(ProviderSchema, { uniqueItems: true }),
    manualMethods: Type.Array(ManualMethodSchema, { uniqueItems: true }),
    promptPayId: Nullable(
      Type.String({ maxLength: 20, description: 'Thai mobile number or 13-digit national id / tax id.' }),
    ),
    bankTransferInstructions: Type.String({ maxLength: 2000 }),
    payAtStudioInstructions: Type.String({ maxLength: 2000 }),
    stripeEnabled: Type.Boolean(),
  },
  { title: 'PaymentSettings' },
);
export type PaymentSettings = Static<typeof PaymentSettingsSchema>;

/**
 * The settings as staff read them: what the studio chose, and which ways of paying this server can run
 * at all. A provider outside `serverProviders` can be switched on but is never offered at checkout:
 * Stripe needs keys in the server's configuration, and test cards run only on test deployments.
 */
export const PaymentSettingsViewSchema = Type.Object(
  {
    ...PaymentSettingsSchema.properties,
    serverProviders: Type.Array(ProviderSchema, {
      uniqueItems: true,
      description: 'The providers this deployment can run; the others need its operator, not the studio.',
    }),
  },
  { title: 'PaymentSettingsView' },
);
export type PaymentSettingsView = Static<typeof PaymentSettingsViewSchema>;

export const PaymentSettingsChangesSchema = Type.Partial(PaymentSettingsSchema);
export type PaymentSettingsChanges = Static<typeof PaymentSettingsChangesSchema>;

export const PaymentMethodSchema = Type.Object(
  {
    provider: ProviderSchema,
    manualMethod: Nullable(ManualMethodSchema),
    label: Type.String(),
    sandbox: Type.Boolean(),
  },
  { title: 'PaymentMethod' },
);
export type PaymentMethod = Static<typeof PaymentMethodSchema>;

export const ReconcileResultSchema = Type.Object({
  checked: Type.Integer(),
  converged: Type.Integer(),
});
