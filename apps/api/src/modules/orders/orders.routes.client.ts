import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Page, PageQuery } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import { ORDER_STATUSES } from './orders.model.js';
import { OrderDetailSchema, OrderSchema } from './orders.schemas.js';
import type { OrdersService } from './orders.service.js';

const OrderParams = Type.Object({ studio: SlugParam, orderId: Type.String({ format: 'uuid' }) });
const TokenQuery = Type.Object({
  token: Type.Optional(
    Type.String({
      minLength: 10,
      maxLength: 100,
      description: 'The access token from the order email (guests).',
    }),
  ),
});

const MyOrdersQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(
    Type.Enum(ORDER_STATUSES, { description: 'Only orders in this state (pending: placed, not paid yet).' }),
  ),
});

const MyOrderCountsSchema = Type.Object(
  {
    byStatus: Type.Object(
      Object.fromEntries(ORDER_STATUSES.map((status) => [status, Type.Integer({ minimum: 0 })])) as Record<
        (typeof ORDER_STATUSES)[number],
        ReturnType<typeof Type.Integer>
      >,
      { description: 'Every state, 0 when none of their orders is in it (pending: placed, not paid yet).' },
    ),
    total: Type.Integer({ minimum: 0 }),
  },
  { title: 'MyOrderCounts' },
);

/** A client's own orders (signed in), or one order by its emailed access token (guests). */
export const orderClientRoutes: FastifyPluginAsyncTypebox<{
  studios: StudiosService;
  orders: OrdersService;
}> = async (app, { studios, orders }) => {
  app.get(
    '/api/v1/studios/:studio/my/orders',
    {
      schema: {
        tags: ['orders'],
        summary: "The signed-in client's orders here, newest first",
        operationId: 'listMyOrders',
        params: Type.Object({ studio: SlugParam }),
        querystring: MyOrdersQuery,
        response: { 200: Page(OrderSchema), ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return orders.myOrders(studio.id, request.actor, request.query);
    },
  );

  app.get(
    '/api/v1/studios/:studio/my/orders/counts',
    {
      schema: {
        tags: ['orders'],
        summary: "How many of the signed-in client's orders here are in each state, however far back",
        operationId: 'countMyOrders',
        params: Type.Object({ studio: SlugParam }),
        response: { 200: MyOrderCountsSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return orders.myOrderCounts(studio.id, request.actor);
    },
  );

  app.get(
    '/api/v1/studios/:studio/orders/:orderId',
    {
      schema: {
        tags: ['orders'],
        summary: "One order with its timeline and payments: the client's own, or a guest's with ?token=",
        operationId: 'getMyOrder',
        params: OrderParams,
        querystring: TokenQuery,
        response: { 200: OrderDetailSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      const { orderId } = request.params;
      return request.query.token
        ? orders.guestOrder(studio.id, orderId, request.query.token)
        : orders.myOrder(studio.id, request.actor, orderId);
    },
  );

  app.post(
    '/api/v1/studios/:studio/orders/:orderId/cancel',
    {
      config: { idempotent: true },
      schema: {
        tags: ['orders'],
        summary:
          "Cancels the client's order while allowed (unpaid, or paid and not yet in progress); refunds what was paid",
        operationId: 'cancelMyOrder',
        params: OrderParams,
        querystring: TokenQuery,
        response: { 200: OrderDetailSchema, ...problemResponses(401, 404, 409) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return orders.cancelOwn(studio.id, request.actor, request.params.orderId, request.query.token);
    },
  );

  app.get(
    '/api/v1/studios/:studio/orders/:orderId/receipt.pdf',
    {
      schema: {
        tags: ['orders'],
        summary: "The order's receipt (paid) or invoice (unpaid) as PDF",
        operationId: 'downloadOrderReceipt',
        params: OrderParams,
        querystring: TokenQuery,
        produces: ['application/pdf'],
        response: {
          200: Type.Unknown({ description: 'application/pdf' }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      const { number, pdf } = await orders.pdf(
        studio.id,
        request.actor,
        request.params.orderId,
        request.query.token,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${number}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
};
