import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Cache } from '../../platform/cache/index.js';
import type { Actor } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { Page } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import { invalidateCatalog } from './catalog.cache.js';
import {
  FlashSaleChangesSchema,
  FlashSaleListQuery,
  FlashSaleSchema,
  type FlashSalesService,
  NewFlashSaleSchema,
} from './catalog.flash-sales.js';

interface FlashSalesRoutesOptions {
  database: Database;
  cache: Cache;
  studios: StudiosService;
  flashSales: FlashSalesService;
  /** The studios module's check: 401 anonymous, 404 strangers, 403 lacking the permission. */
  authorize: (actor: Actor, studioId: string, permission: 'catalog.manage') => Promise<unknown>;
}

const BASE = '/api/v1/studios/:studio/admin/catalog/flash-sales';
const StudioParams = Type.Object({ studio: SlugParam });
const SaleParams = Type.Object({ studio: SlugParam, id: Type.String({ format: 'uuid' }) });

/** Flash-sale scheduler (catalog.manage). Every change drops the studio's cached storefront pages. */
export const flashSalesRoutes: FastifyPluginAsyncTypebox<FlashSalesRoutesOptions> = async (
  app,
  { database, cache, studios, flashSales, authorize },
) => {
  await flashSales.prepare();
  const inStudio = async <T>(
    slug: string,
    actor: Actor,
    work: (ctx: {
      studioId: string;
      actor: Actor;
      tx: Parameters<Parameters<Database['withStudio']>[1]>[0];
    }) => Promise<T>,
    mode: 'read' | 'write' | 'schedule',
  ): Promise<T> => {
    const studio = await studios.getBySlug(slug);
    await authorize(actor, studio.id, 'catalog.manage');
    // The sale and its boundary jobs commit together, in the studio's RLS scope (the app role may
    // enqueue: platform/queue grants it the pg-boss tables).
    const result = await database.withStudio(studio.id, (tx) => work({ studioId: studio.id, actor, tx }));
    // After commit: a read racing the write cannot cache the old rows under the new version.
    if (mode !== 'read') await invalidateCatalog(cache, studio.id);
    return result;
  };

  app.get(
    BASE,
    {
      schema: {
        tags: ['catalog'],
        summary: "A studio's flash sales, newest first (filter by item or state)",
        operationId: 'listFlashSales',
        params: StudioParams,
        querystring: FlashSaleListQuery,
        response: { 200: Page(FlashSaleSchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      inStudio(request.params.studio, request.actor, (ctx) => flashSales.list(ctx, request.query), 'read'),
  );

  app.post(
    BASE,
    {
      schema: {
        tags: ['catalog'],
        summary: 'Schedule a flash sale (percentOff, or salePriceMinor for a single-variant item)',
        operationId: 'createFlashSale',
        params: StudioParams,
        body: NewFlashSaleSchema,
        response: { 201: FlashSaleSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const sale = await inStudio(
        request.params.studio,
        request.actor,
        (ctx) => flashSales.create(ctx, request.body),
        'schedule',
      );
      return reply.status(201).send(sale);
    },
  );

  app.get(
    `${BASE}/:id`,
    {
      schema: {
        tags: ['catalog'],
        summary: 'One flash sale',
        operationId: 'getFlashSale',
        params: SaleParams,
        response: { 200: FlashSaleSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      inStudio(request.params.studio, request.actor, (ctx) => flashSales.get(ctx, request.params.id), 'read'),
  );

  app.patch(
    `${BASE}/:id`,
    {
      schema: {
        tags: ['catalog'],
        summary: "Change a flash sale's rule or dates",
        operationId: 'updateFlashSale',
        params: SaleParams,
        body: FlashSaleChangesSchema,
        response: { 200: FlashSaleSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      inStudio(
        request.params.studio,
        request.actor,
        (ctx) => flashSales.update(ctx, request.params.id, request.body),
        'schedule',
      ),
  );

  app.delete(
    `${BASE}/:id`,
    {
      schema: {
        tags: ['catalog'],
        summary: 'Cancel a flash sale (prices return to the list price at once)',
        operationId: 'deleteFlashSale',
        params: SaleParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await inStudio(
        request.params.studio,
        request.actor,
        (ctx) => flashSales.remove(ctx, request.params.id),
        'write',
      );
      return reply.status(204).send(null);
    },
  );
};
