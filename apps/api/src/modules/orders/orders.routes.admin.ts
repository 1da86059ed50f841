import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { Page, PageQuery } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { originOf } from '../payments/index.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import { exportOrdersCsv } from './orders.csv.js';
import {
  AdminOrderDetailSchema,
  AdminOrderQuery,
  AdminOrderSchema,
  CommerceSettingsPatch,
  CommerceSettingsSchema,
  NewPromoSchema,
  PromoPatchSchema,
  PromoSchema,
  RefundInput,
  SalesOverviewSchema,
  SalesQuery,
  StatusChangeInput,
  TrackingInput,
} from './orders.schemas.js';
import type { OrdersService } from './orders.service.js';

const StudioParams = Type.Object({ studio: SlugParam });
const OrderParams = Type.Object({ studio: SlugParam, orderId: Type.String({ format: 'uuid' }) });
const PromoParams = Type.Object({ studio: SlugParam, promoId: Type.String({ format: 'uuid' }) });
const tags = ['orders'];

/** The studio's side: commerce rules, promo codes, and running orders (staff with orders.* permissions). */
/** A UUID's text, for a pattern that lists several (a uuid column refuses anything looser with a 500). */
const UUID_TEXT = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const orderAdminRoutes: FastifyPluginAsyncTypebox<{
  database: Database;
  studios: StudiosService;
  orders: OrdersService;
}> = async (app, { database, studios, orders }) => {
  const studioOf = (slug: string) => studios.getBySlug(slug);

  // ---- commerce settings ------------------------------------------------------------------------
  app.get(
    '/api/v1/studios/:studio/admin/commerce-settings',
    {
      schema: {
        tags,
        summary: 'Order numbering, tax and shipping rules, hold windows',
        operationId: 'getCommerceSettings',
        params: StudioParams,
        response: { 200: CommerceSettingsSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => orders.settings(request.actor, (await studioOf(request.params.studio)).id),
  );
  app.patch(
    '/api/v1/studios/:studio/admin/commerce-settings',
    {
      schema: {
        tags,
        summary: 'Changes commerce rules (only the fields sent)',
        operationId: 'updateCommerceSettings',
        params: StudioParams,
        body: CommerceSettingsPatch,
        response: { 200: CommerceSettingsSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      orders.updateSettings(request.actor, (await studioOf(request.params.studio)).id, request.body),
  );

  // ---- promo codes ------------------------------------------------------------------------------
  app.get(
    '/api/v1/studios/:studio/admin/promo-codes',
    {
      schema: {
        tags,
        summary: 'Promo codes, newest first',
        operationId: 'listPromoCodes',
        params: StudioParams,
        querystring: PageQuery,
        response: { 200: Page(PromoSchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      orders.listPromos(request.actor, (await studioOf(request.params.studio)).id, request.query),
  );
  app.post(
    '/api/v1/studios/:studio/admin/promo-codes',
    {
      schema: {
        tags,
        summary: 'Creates a promo code',
        operationId: 'createPromoCode',
        params: StudioParams,
        body: NewPromoSchema,
        response: { 201: PromoSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await orders.createPromo(request.actor, (await studioOf(request.params.studio)).id, request.body),
        ),
  );
  app.get(
    '/api/v1/studios/:studio/admin/promo-codes/:promoId',
    {
      schema: {
        tags,
        summary: 'One promo code with its usage count',
        operationId: 'getPromoCode',
        params: PromoParams,
        response: { 200: PromoSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      orders.getPromo(request.actor, (await studioOf(request.params.studio)).id, request.params.promoId),
  );
  app.patch(
    '/api/v1/studios/:studio/admin/promo-codes/:promoId',
    {
      schema: {
        tags,
        summary: 'Changes a promo code',
        operationId: 'updatePromoCode',
        params: PromoParams,
        body: PromoPatchSchema,
        response: { 200: PromoSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      orders.updatePromo(
        request.actor,
        (await studioOf(request.params.studio)).id,
        request.params.promoId,
        request.body,
      ),
  );
  app.delete(
    '/api/v1/studios/:studio/admin/promo-codes/:promoId',
    {
      schema: {
        tags,
        summary: 'Deletes an unused code; a used one is deactivated (orders keep referring to it)',
        operationId: 'deletePromoCode',
        params: PromoParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await orders.deletePromo(
        request.actor,
        (await studioOf(request.params.studio)).id,
        request.params.promoId,
      );
      return reply.code(204).send(null);
    },
  );

  // ---- orders -----------------------------------------------------------------------------------
  app.get(
    '/api/v1/studios/:studio/admin/orders',
    {
      schema: {
        tags,
        summary: 'Orders, newest first, filtered by status, payment status, provider, dates or number/email',
        operationId: 'listOrders',
        params: StudioParams,
        querystring: AdminOrderQuery,
        response: { 200: Page(AdminOrderSchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      orders.adminList(request.actor, (await studioOf(request.params.studio)).id, request.query),
  );
  app.get(
    '/api/v1/studios/:studio/admin/orders/export.csv',
    {
      schema: {
        tags,
        summary: 'The filtered orders as CSV (streamed)',
        operationId: 'exportOrdersCsv',
        params: StudioParams,
        querystring: Type.Omit(AdminOrderQuery, ['limit', 'cursor']),
        produces: ['text/csv'],
        response: { 200: Type.Unknown({ description: 'text/csv' }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const studio = await studioOf(request.params.studio);
      await orders.assertCanExport(request.actor, studio.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${studio.slug}-orders.csv"`)
        .send(exportOrdersCsv(database, studio.id, request.query));
    },
  );
  app.get(
    '/api/v1/studios/:studio/admin/orders/sales',
    {
      schema: {
        tags,
        summary:
          "Sales by day in the studio's time zone, against the period before, and the orders waiting on someone",
        operationId: 'getSalesOverview',
        params: StudioParams,
        querystring: SalesQuery,
        response: { 200: SalesOverviewSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      orders.salesOverview(request.actor, await studioOf(request.params.studio), request.query.days ?? 30),
  );
  app.get(
    '/api/v1/studios/:studio/admin/orders/client-totals',
    {
      schema: {
        tags,
        summary:
          'What each of up to 100 clients has ordered: how many orders, paid less refunded, the last one (the clients list)',
        operationId: 'listClientOrderTotals',
        params: StudioParams,
        querystring: Type.Object({
          clientIds: Type.String({
            pattern: `^${UUID_TEXT}(,${UUID_TEXT}){0,99}$`,
            description: 'Client record ids, comma-separated (at most 100).',
          }),
        }),
        response: {
          200: Type.Object(
            {
              items: Type.Array(
                Type.Object({
                  clientId: Type.String({ format: 'uuid' }),
                  orders: Type.Integer({ minimum: 0 }),
                  spentMinor: Type.Integer({ description: 'Paid less refunded, in the studio currency.' }),
                  lastOrderAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
                }),
              ),
            },
            { title: 'ClientOrderTotals' },
          ),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      orders.clientTotals(
        request.actor,
        (await studioOf(request.params.studio)).id,
        // Ids compare as the database writes them (lower case), so "A" and "a" are one client.
        request.query.clientIds.toLowerCase().split(','),
      ),
  );
  app.get(
    '/api/v1/studios/:studio/admin/orders/awaiting-confirmation',
    {
      schema: {
        tags,
        summary:
          'How many unpaid orders wait for staff to confirm a bank transfer or PromptPay payment (the dashboard); list them with awaitingConfirmation=true',
        operationId: 'countOrdersAwaitingConfirmation',
        params: StudioParams,
        response: {
          200: Type.Object({ count: Type.Integer({ minimum: 0 }) }, { title: 'AwaitingConfirmationCount' }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => orders.paymentsToConfirm(request.actor, (await studioOf(request.params.studio)).id),
  );
  app.get(
    '/api/v1/studios/:studio/admin/orders/:orderId',
    {
      schema: {
        tags,
        summary: 'One order with its timeline and payments',
        operationId: 'getOrder',
        params: OrderParams,
        response: { 200: AdminOrderDetailSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      orders.adminDetail(request.actor, (await studioOf(request.params.studio)).id, request.params.orderId),
  );
  app.post(
    '/api/v1/studios/:studio/admin/orders/:orderId/status',
    {
      schema: {
        tags,
        summary: 'Moves an order along (allowed transitions only; others are 409 naming status)',
        operationId: 'changeOrderStatus',
        params: OrderParams,
        body: StatusChangeInput,
        response: { 200: AdminOrderDetailSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      orders.changeStatus(
        request.actor,
        (await studioOf(request.params.studio)).id,
        request.params.orderId,
        request.body.status,
        request.body.note,
      ),
  );
  app.post(
    '/api/v1/studios/:studio/admin/orders/:orderId/tracking',
    {
      schema: {
        tags,
        summary: 'Adds a tracking number (and marks the order shipped unless markShipped is false)',
        operationId: 'addOrderTracking',
        params: OrderParams,
        body: TrackingInput,
        response: { 200: AdminOrderDetailSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      orders.addTracking(
        request.actor,
        (await studioOf(request.params.studio)).id,
        request.params.orderId,
        request.body,
      ),
  );
  app.post(
    '/api/v1/studios/:studio/admin/orders/:orderId/refund',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Refunds part or all of what was paid (Idempotency-Key required)',
        operationId: 'refundOrder',
        params: OrderParams,
        headers: Type.Object({ 'idempotency-key': Type.String({ minLength: 1, maxLength: 255 }) }),
        body: RefundInput,
        response: { 200: AdminOrderDetailSchema, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const key = request.headers['idempotency-key'];
      if (!key) throw AppError.invalid('headers.idempotency-key', 'is required');
      return orders.refund(
        request.actor,
        (await studioOf(request.params.studio)).id,
        request.params.orderId,
        request.body,
        key,
        // The refund's audit entry says where the staff member's request came from.
        originOf(request),
      );
    },
  );
  app.post(
    '/api/v1/studios/:studio/admin/orders/:orderId/resend-confirmation',
    {
      schema: {
        tags,
        summary: 'Sends the order confirmation email again',
        operationId: 'resendOrderConfirmation',
        params: OrderParams,
        response: { 202: Type.Object({ queued: Type.Boolean() }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          await orders.resendConfirmation(
            request.actor,
            (await studioOf(request.params.studio)).id,
            request.params.orderId,
          ),
        ),
  );
};
