import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Page, PageQuery } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import { originOf } from './payments.audit.js';
import { PaymentViewSchema } from './payments.schemas.js';
import type { createWalletService } from './wallet.service.js';

type WalletService = ReturnType<typeof createWalletService>;

const Minor = (description: string) => Type.Integer({ minimum: 1, maximum: 1_000_000_000, description });

export const WalletEntrySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Union(
      [
        Type.Literal('topup'),
        Type.Literal('bonus'),
        Type.Literal('refund'),
        Type.Literal('adjustment'),
        Type.Literal('payment'),
        Type.Literal('transfer'),
      ],
      {
        description:
          "transfer: a balance carried between two records of the same person (after an email change): out of the earlier record's wallet (negative), into the current one (positive).",
      },
    ),
    amountMinor: Type.Integer({ description: 'Signed: credits positive, debits negative.' }),
    balanceAfterMinor: Type.Integer(),
    currency: Type.String(),
    paymentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
      description:
        'The payment this entry paid (payment), was credited for (topup, bonus) or refunded (refund); null for adjustments.',
    }),
    order: Type.Union(
      [
        Type.Object({
          id: Type.String({ format: 'uuid' }),
          number: Type.Union([Type.String(), Type.Null()], {
            description: "The order's number, e.g. QR-2026-0042; null for the moment before it is known.",
          }),
        }),
        Type.Null(),
      ],
      { description: 'The order that payment was for, when it was for an order.' },
    ),
    note: Type.Union([Type.String(), Type.Null()], {
      description:
        "Words a person wrote for this entry, to show as written: a staff adjustment's reason, the reason staff gave for a refund to the wallet. Null for the entries the system writes.",
    }),
    reason: Type.String({
      deprecated: true,
      description:
        "The ledger's own description, in English (for system entries the payment's description). Show kind, order and note instead.",
    }),
    reference: Type.Union([Type.String(), Type.Null()], {
      description: 'What makes the entry happen at most once: a payment id, refund id or adjustment key.',
    }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  {
    title: 'WalletEntry',
    description:
      'A statement line as data: pages word `kind` with `order` (e.g. "Order QR-2026-0042", "Refund for order ...") in the reader\'s language and show `note` as written.',
  },
);

export const WalletSchema = Type.Object(
  {
    ...Page(WalletEntrySchema).properties,
    clientId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    currency: Type.String(),
    balanceMinor: Type.Integer({ minimum: 0 }),
  },
  { title: 'Wallet', description: 'Balance and statement (newest entries first, cursor-paginated).' },
);

const BonusTierSchema = Type.Object({
  minTopupMinor: Minor('A top-up of at least this much...'),
  bonusMinor: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: '...earns this bonus.' }),
});

export const WalletSettingsSchema = Type.Object(
  {
    topupsEnabled: Type.Boolean(),
    minTopupMinor: Minor('Smallest top-up.'),
    maxTopupMinor: Minor('Largest top-up.'),
    bonusTiers: Type.Array(BonusTierSchema, {
      maxItems: 20,
      description: 'The highest threshold a top-up reaches decides its bonus.',
    }),
  },
  { title: 'WalletSettings' },
);

export const MyWalletSchema = Type.Object(
  {
    ...WalletSchema.properties,
    topups: Type.Object(
      {
        enabled: Type.Boolean(),
        minTopupMinor: Type.Integer(),
        maxTopupMinor: Type.Integer(),
        bonusTiers: Type.Array(BonusTierSchema, {
          description: 'Sorted by threshold; a top-up earns the bonus of the highest threshold it reaches.',
        }),
      },
      { description: "This studio's top-up rules, shown before paying." },
    ),
  },
  {
    title: 'MyWallet',
    description: "The signed-in client's balance and statement, and what a top-up earns in this studio.",
  },
);

export const TopupSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    clientId: Type.String({ format: 'uuid' }),
    amountMinor: Type.Integer(),
    bonusMinor: Type.Integer({ description: 'Credited with the amount when the payment succeeds.' }),
    currency: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('credited'), Type.Literal('failed')]),
    payment: Type.Union([PaymentViewSchema, Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'WalletTopup' },
);

const NewTopupSchema = Type.Object({
  amountMinor: Minor('How much to add, in minor units of the studio currency.'),
  provider: Type.Union([Type.Literal('stripe'), Type.Literal('promptpay'), Type.Literal('sandbox')]),
  sandboxCard: Type.Optional(Type.String({ maxLength: 32 })),
  returnUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 2000 })),
  locale: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('th')])),
});

const AdjustmentSchema = Type.Object({
  amountMinor: Type.Integer({
    minimum: -1_000_000_000,
    maximum: 1_000_000_000,
    description: 'Positive adds, negative takes away (never below zero); not 0.',
  }),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  reference: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Makes a retry land once.' }),
  ),
});

const StudioParams = Type.Object({ studio: SlugParam });
const ClientParams = Type.Object({ studio: SlugParam, clientId: Type.String({ format: 'uuid' }) });

export const walletRoutes: FastifyPluginAsyncTypebox<{
  studios: StudiosService;
  wallet: WalletService;
}> = async (app, { studios, wallet }) => {
  app.get(
    '/api/v1/studios/:studio/wallet',
    {
      schema: {
        tags: ['payments'],
        summary: "The signed-in client's wallet in this studio: balance, statement and top-up bonus tiers",
        operationId: 'getMyWallet',
        params: StudioParams,
        querystring: PageQuery,
        response: { 200: MyWalletSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return wallet.myWallet(request.actor, studio, request.query);
    },
  );

  app.post(
    '/api/v1/studios/:studio/wallet/top-ups',
    {
      config: { idempotent: true },
      schema: {
        tags: ['payments'],
        summary: 'Top up the wallet; credited (with any bonus) when the payment succeeds',
        operationId: 'startWalletTopup',
        params: StudioParams,
        body: NewTopupSchema,
        response: { 201: TopupSchema, ...problemResponses(401, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      return reply.status(201).send(await wallet.startTopup(request.actor, studio, request.body));
    },
  );

  app.get(
    '/api/v1/studios/:studio/wallet/settings',
    {
      schema: {
        tags: ['payments'],
        summary: 'Wallet rules: top-up limits and bonus tiers (owner, admin)',
        operationId: 'getWalletSettings',
        params: StudioParams,
        response: { 200: WalletSettingsSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return wallet.getSettings(request.actor, studio.id);
    },
  );

  app.put(
    '/api/v1/studios/:studio/wallet/settings',
    {
      schema: {
        tags: ['payments'],
        summary: 'Change the wallet rules (owner, admin)',
        operationId: 'updateWalletSettings',
        params: StudioParams,
        body: WalletSettingsSchema,
        response: { 200: WalletSettingsSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return wallet.updateSettings(request.actor, studio.id, request.body);
    },
  );

  app.get(
    '/api/v1/studios/:studio/clients/:clientId/wallet',
    {
      schema: {
        tags: ['payments'],
        summary: "A client's wallet (staff)",
        operationId: 'getClientWallet',
        params: ClientParams,
        querystring: PageQuery,
        response: { 200: WalletSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return wallet.clientWallet(request.actor, studio, request.params.clientId, request.query);
    },
  );

  app.post(
    '/api/v1/studios/:studio/clients/:clientId/wallet/adjustments',
    {
      config: { idempotent: true },
      schema: {
        tags: ['payments'],
        summary: "Correct a client's wallet by hand (owner, admin); recorded in the ledger",
        operationId: 'adjustClientWallet',
        params: ClientParams,
        body: AdjustmentSchema,
        response: { 201: WalletSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      return reply
        .status(201)
        .send(
          await wallet.adjust(
            request.actor,
            studio,
            request.params.clientId,
            request.body,
            originOf(request),
          ),
        );
    },
  );
};
