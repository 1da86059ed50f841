import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Cache } from '../../platform/cache/index.js';
import type { EdgeCache } from '../../platform/http/edge-cache.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, STUDIOS_CACHE_NAMESPACE, type StudiosService } from '../studios/index.js';
import { type CatalogAnswer, catalogNamespace } from './catalog.cache.js';
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
  /** With the cache the answers are kept in: list, detail and search answers replayed at the door. */
  edge?: { cache: Cache; answers: EdgeCache };
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
  { studios, catalog, edge },
) => {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.method === 'GET' && reply.statusCode === 200)
      reply.header('cache-control', 'public, max-age=5');
    done(null, payload);
  });
  // After the hook above, so a recorded answer carries every header the full path sets.
  if (edge) app.addHook('onSend', edge.answers.onSend);

  /**
   * Sends a kept-ready answer of the studio named in the path, and lets the edge replay it while neither
   * the studio lookups nor the studio's catalog change (the studios version is read before the lookup).
   */
  const sendAnswer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    answerOf: (studioId: string) => Promise<CatalogAnswer>,
  ): Promise<void> => {
    const studiosVersion = edge ? await edge.cache.namespaceVersion(STUDIOS_CACHE_NAMESPACE) : 0;
    const studio = await studios.getBySlug(slug);
    const answer = await answerOf(studio.id);
    if (edge && answer.kept) {
      edge.answers.keep(request, {
        versions: [
          [STUDIOS_CACHE_NAMESPACE, studiosVersion],
          [catalogNamespace(studio.id), answer.kept.version],
        ],
        expiresAt: answer.kept.expiresAt,
      });
    }
    sendJson(reply, answer.body);
  };

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
      await sendAnswer(request, reply, request.params.studio, (studioId) =>
        catalog.answers.list(studioId, request.query, serializer(reply)),
      );
      return reply;
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
      await sendAnswer(request, reply, request.params.studio, (studioId) =>
        catalog.answers.detail(studioId, request.params.slug, serializer(reply)),
      );
      return reply;
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
      await sendAnswer(request, reply, request.params.studio, (studioId) =>
        catalog.answers.search(studioId, request.query, serializer(reply)),
      );
      return reply;
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
