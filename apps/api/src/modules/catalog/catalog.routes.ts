import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import {
  BrandListSchema,
  CatalogItemDetailSchema,
  CatalogListQuery,
  CatalogListSchema,
  CategoryTreeSchema,
  SearchQuery,
  SearchResultSchema,
  SitemapSchema,
} from './catalog.schemas.js';
import type { CatalogService } from './catalog.service.js';

interface CatalogRoutesOptions {
  studios: StudiosService;
  catalog: CatalogService;
}

const StudioParams = Type.Object({ studio: SlugParam });
const ItemParams = Type.Object({ studio: SlugParam, slug: Type.String({ minLength: 1, maxLength: 200 }) });

/**
 * The route's own 200 serializer (its response schema: only documented fields leave), so the text
 * kept by the near cache is exactly what Fastify would have sent.
 */
const serializer =
  (reply: FastifyReply) =>
  (value: unknown): string =>
    String(reply.serialize(value));

/** Sends JSON text as it is: Fastify skips serialisation for a string with a JSON content type. */
function sendJson(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}

/**
 * The storefront's reads: anonymous, published items only, one studio's data only. Answers may be
 * cached by browsers for a few seconds; the server-side cache is dropped on every catalog write.
 */
export const catalogRoutes: FastifyPluginAsyncTypebox<CatalogRoutesOptions> = async (
  app,
  { studios, catalog },
) => {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.method === 'GET' && reply.statusCode === 200)
      reply.header('cache-control', 'public, max-age=5');
    done(null, payload);
  });

  app.get(
    '/api/v1/studios/:studio/catalog/items',
    {
      schema: {
        tags: ['catalog'],
        summary: "A studio's published catalog: filters, search, sort, cursor pages and facet counts",
        operationId: 'listCatalogItems',
        params: StudioParams,
        querystring: CatalogListQuery,
        response: { 200: CatalogListSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      return sendJson(reply, await catalog.answers.list(studio.id, request.query, serializer(reply)));
    },
  );

  app.get(
    '/api/v1/studios/:studio/catalog/items/:slug',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One published item: variants with prices in force, images, breadcrumbs, related items',
        operationId: 'getCatalogItem',
        params: ItemParams,
        response: { 200: CatalogItemDetailSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      return sendJson(reply, await catalog.answers.detail(studio.id, request.params.slug, serializer(reply)));
    },
  );

  app.get(
    '/api/v1/studios/:studio/catalog/search',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Instant search: top results with highlights; similar spellings when words do not match',
        operationId: 'searchCatalog',
        params: StudioParams,
        querystring: SearchQuery,
        response: { 200: SearchResultSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      return sendJson(reply, await catalog.answers.search(studio.id, request.query, serializer(reply)));
    },
  );

  app.get(
    '/api/v1/studios/:studio/catalog/categories',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The category tree (depth-first) with published-item counts',
        operationId: 'listCatalogCategories',
        params: StudioParams,
        response: { 200: CategoryTreeSchema, ...problemResponses(404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return catalog.categories(studio.id);
    },
  );

  app.get(
    '/api/v1/studios/:studio/catalog/brands',
    {
      schema: {
        tags: ['catalog'],
        summary: "A studio's brands with published-item counts",
        operationId: 'listCatalogBrands',
        params: StudioParams,
        response: { 200: BrandListSchema, ...problemResponses(404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return catalog.brands(studio.id);
    },
  );

  app.get(
    '/api/v1/studios/:studio/catalog/sitemap',
    {
      schema: {
        tags: ['catalog'],
        summary:
          "Slugs and last changes of published items and categories (for the storefront's sitemap.xml)",
        operationId: 'getCatalogSitemap',
        params: StudioParams,
        response: { 200: SitemapSchema, ...problemResponses(404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return catalog.sitemap(studio.id);
    },
  );
};
