import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Cache } from '../../platform/cache/index.js';
import type { Actor } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { Page } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, type StudioPermission, type StudiosService } from '../studios/index.js';
import { originOf } from './payments.audit.js';
import { withoutPayerSecrets } from './payments.payer.js';
import {
  MarkPaidSchema,
  PaymentListItemSchema,
  PaymentListQuery,
  PaymentMethodSchema,
  PaymentSettingsChangesSchema,
  PaymentSettingsViewSchema,
  PaymentViewSchema,
  RefundRequestSchema,
  RejectSlipSchema,
  SandboxConfirmSchema,
  UploadSchema,
} from './payments.schemas.js';
import type { PaymentsService } from './payments.service.js';
import { createStripeWebhookHandler } from './payments.webhooks.js';

interface PaymentsRoutesOptions {
  database: Database;
  studios: StudiosService;
  payments: PaymentsService;
  /** The studios module's check: 401 anonymous, 404 strangers, 403 lacking the permission. */
  authorize: (actor: Actor, studioId: string, permission: StudioPermission) => Promise<unknown>;
  /** Lets the webhook drop cached studio lookups after a billing event changed a plan. */
  cache?: Cache | undefined;
}

const StudioParams = Type.Object({ studio: SlugParam });
const PaymentParams = Type.Object({ studio: SlugParam, id: Type.String({ format: 'uuid' }) });
const PayerQuery = Type.Object({
  token: Type.Optional(
    Type.String({ maxLength: 100, description: 'The accessToken issued with the payment (guests).' }),
  ),
});
/** Slips and proofs arrive base64 in JSON; a 5 MiB file is about 6.7 MB of base64. */
const UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;

export const paymentsRoutes: FastifyPluginAsyncTypebox<PaymentsRoutesOptions> = async (
  app,
  { database, studios, payments, authorize, cache },
) => {
  // The webhook exists when Stripe and its signing secret are configured.
  const stripe = payments.stripe;
  const receiveStripeWebhook = stripe?.settings.webhookSecret
    ? createStripeWebhookHandler({
        database,
        stripe: stripe.client,
        webhookSecret: stripe.settings.webhookSecret,
        publishableKey: stripe.settings.publishableKey,
        logger: app.log,
        cache,
      })
    : undefined;
  const inStudio = async <T>(
    slug: string,
    actor: Actor,
    fn: (ctx: {
      studioId: string;
      actor: Actor;
      tx: Parameters<Parameters<Database['withStudio']>[1]>[0];
    }) => Promise<T>,
  ) => {
    const studio = await studios.getBySlug(slug);
    return database.withStudio(studio.id, (tx) => fn({ studioId: studio.id, actor, tx }));
  };
  const staff = async <T>(
    slug: string,
    actor: Actor,
    permission: StudioPermission,
    fn: Parameters<typeof inStudio<T>>[2],
  ) => {
    const studio = await studios.getBySlug(slug);
    await authorize(actor, studio.id, permission);
    return database.withStudio(studio.id, (tx) => fn({ studioId: studio.id, actor, tx }));
  };

  // --- Payer (client or guest with the payment's access token) ---

  app.get(
    '/api/v1/studios/:studio/payments/:id',
    {
      schema: {
        tags: ['payments'],
        summary: 'A payment, for its payer (signed-in client or guest with its token) or studio staff',
        operationId: 'getPayment',
        params: PaymentParams,
        querystring: PayerQuery,
        response: { 200: PaymentViewSchema, ...problemResponses(404) },
      },
    },
    async (request) => {
      const { studio, id } = request.params;
      const studioRow = await studios.getBySlug(studio);
      const asPayer = await database
        .withStudio(studioRow.id, async (tx) => {
          const ctx = { studioId: studioRow.id, actor: request.actor, tx };
          await payments.assertPayer(ctx, id, request.query.token);
          return payments.getPayment(ctx, id);
        })
        .catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'not_found' && request.actor.kind === 'user')
            return null;
          throw error;
        });
      if (asPayer) return asPayer;
      // Staff see the payment, not the payer's Stripe client secret.
      return staff(studio, request.actor, 'orders.read', async (ctx) =>
        withoutPayerSecrets(await payments.getPayment(ctx, id)),
      );
    },
  );

  app.post(
    '/api/v1/studios/:studio/payments/:id/sandbox/confirm',
    {
      config: { idempotent: true },
      schema: {
        tags: ['payments'],
        summary: 'Sandbox only: pay with a test card, or complete / fail the authentication step',
        operationId: 'confirmSandboxPayment',
        params: PaymentParams,
        querystring: PayerQuery,
        body: Type.Object({
          ...SandboxConfirmSchema.properties,
          card: Type.Optional(Type.String({ maxLength: 30, description: 'A sandbox test card number.' })),
        }),
        response: { 200: PaymentViewSchema, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) =>
      inStudio(request.params.studio, request.actor, async (ctx) => {
        await payments.assertPayer(ctx, request.params.id, request.query.token);
        return payments.confirmSandbox(ctx, request.params.id, request.body);
      }),
  );

  app.post(
    '/api/v1/studios/:studio/payments/:id/slip',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      config: { idempotent: true },
      schema: {
        tags: ['payments'],
        summary: 'Attach a transfer slip (PromptPay or bank transfer) for the studio to check',
        operationId: 'attachPaymentSlip',
        params: PaymentParams,
        querystring: PayerQuery,
        body: UploadSchema,
        response: { 200: PaymentViewSchema, ...problemResponses(400, 404, 409, 413) },
      },
    },
    async (request) =>
      inStudio(request.params.studio, request.actor, async (ctx) => {
        await payments.assertPayer(ctx, request.params.id, request.query.token);
        return payments.attachSlip(ctx, request.params.id, request.body);
      }),
  );

  app.get(
    '/api/v1/studios/:studio/payment-methods',
    {
      schema: {
        tags: ['payments'],
        summary: 'The ways a client can pay this studio (the sandbox is labelled as such)',
        operationId: 'listPaymentMethods',
        params: StudioParams,
        response: { 200: Type.Object({ items: Type.Array(PaymentMethodSchema) }), ...problemResponses(404) },
      },
    },
    async (request) =>
      inStudio(request.params.studio, request.actor, async (ctx) => ({
        items: await payments.availableMethods(ctx),
      })),
  );

  // --- Staff ---

  app.get(
    '/api/v1/studios/:studio/payments',
    {
      schema: {
        tags: ['payments'],
        summary: "The studio's payments, newest first (filters: status, provider, created from/to)",
        operationId: 'listPayments',
        params: StudioParams,
        querystring: PaymentListQuery,
        response: {
          200: Page(
            Type.Object({
              ...PaymentListItemSchema.properties,
              proofUrl: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      staff(request.params.studio, request.actor, 'orders.read', async (ctx) => {
        const page = await payments.list(ctx, request.query);
        return { ...page, items: page.items.map(withoutPayerSecrets) };
      }),
  );

  app.post(
    '/api/v1/studios/:studio/payments/:id/mark-paid',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      config: { idempotent: true },
      schema: {
        tags: ['payments'],
        summary: 'Confirm a bank transfer, cash, invoice or PromptPay payment arrived (optional proof)',
        operationId: 'markPaymentPaid',
        params: PaymentParams,
        body: MarkPaidSchema,
        response: { 200: PaymentViewSchema, ...problemResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) =>
      // Staff at the counter confirm money arrived: orders.manage (settings stay with payments.manage).
      staff(request.params.studio, request.actor, 'orders.manage', async (ctx) =>
        withoutPayerSecrets(await payments.markPaid(ctx, request.params.id, request.body, originOf(request))),
      ),
  );

  app.post(
    '/api/v1/studios/:studio/payments/:id/slip/reject',
    {
      config: { idempotent: true },
      schema: {
        tags: ['payments'],
        summary: "Turn down the payer's transfer slip with a reason; they can attach another",
        description:
          "The slip is detached and the reason (the staff's words as sent) becomes the payment's " +
          'slipRejectedReason; the payment stays open. ' +
          '409 naming hasProof when no slip is attached, naming status when the payment is not open.',
        operationId: 'rejectPaymentSlip',
        params: PaymentParams,
        body: RejectSlipSchema,
        response: { 200: PaymentViewSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      // The same people who accept a slip (mark paid) may turn one down.
      staff(request.params.studio, request.actor, 'orders.manage', async (ctx) =>
        withoutPayerSecrets(
          await payments.rejectSlip(ctx, request.params.id, request.body, originOf(request)),
        ),
      ),
  );

  app.post(
    '/api/v1/studios/:studio/payments/:id/refunds',
    {
      config: { idempotent: true },
      schema: {
        tags: ['payments'],
        summary: 'Refund part or all of a payment, to the way it was paid or to the client wallet',
        description:
          'Send an Idempotency-Key: a retry with the same key refunds once. More than what is left is 409 naming amountMinor.',
        operationId: 'refundPayment',
        params: PaymentParams,
        body: RefundRequestSchema,
        response: { 200: PaymentViewSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const header = request.headers['idempotency-key'];
      const idempotencyKey = typeof header === 'string' && header ? header : randomUUID();
      return staff(request.params.studio, request.actor, 'payments.refund', async (ctx) =>
        withoutPayerSecrets(
          await payments.refund(
            ctx,
            {
              paymentId: request.params.id,
              amountMinor: request.body.amountMinor,
              to: request.body.to ?? 'original',
              reason: request.body.reason ?? '',
              idempotencyKey,
            },
            originOf(request),
          ),
        ),
      );
    },
  );

  app.get(
    '/api/v1/studios/:studio/payment-settings',
    {
      schema: {
        tags: ['payments'],
        summary: 'How the studio takes money (providers, PromptPay id, instructions)',
        operationId: 'getPaymentSettings',
        params: StudioParams,
        response: { 200: PaymentSettingsViewSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      staff(request.params.studio, request.actor, 'payments.manage', (ctx) => payments.getSettings(ctx)),
  );

  app.put(
    '/api/v1/studios/:studio/payment-settings',
    {
      schema: {
        tags: ['payments'],
        summary:
          'Change how the studio takes money; the PromptPay id must be a Thai mobile number or 13-digit id',
        operationId: 'updatePaymentSettings',
        params: StudioParams,
        body: PaymentSettingsChangesSchema,
        response: { 200: PaymentSettingsViewSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      staff(request.params.studio, request.actor, 'studio.settings.update', (ctx) =>
        payments.updateSettings(ctx, request.body, originOf(request)),
      ),
  );

  // --- Stripe webhook: its own encapsulated context, so only this route reads raw bytes ---

  await app.register(async (webhook) => {
    webhook.removeAllContentTypeParsers();
    webhook.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    webhook.post(
      '/api/v1/payments/stripe/webhook',
      {
        config: { rateLimit: false },
        schema: {
          tags: ['payments'],
          summary: "Stripe's webhook (signed; verified against the raw body)",
          operationId: 'stripeWebhook',
          response: {
            200: Type.Object({
              received: Type.Boolean(),
              status: Type.String(),
              reason: Type.Optional(Type.String()),
            }),
            ...problemResponses(400, 404),
          },
        },
      },
      async (request) => {
        if (!receiveStripeWebhook)
          throw new AppError('not_found', 'Stripe is not configured on this deployment');
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const signature = request.headers['stripe-signature'];
        const result = await receiveStripeWebhook(
          body,
          typeof signature === 'string' ? signature : undefined,
        );
        return { received: true, status: result.status, ...(result.reason ? { reason: result.reason } : {}) };
      },
    );
  });
};
