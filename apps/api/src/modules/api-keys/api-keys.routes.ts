import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { Page, PageQuery } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import { ApiKeySchema, CreatedApiKeySchema, NewApiKeySchema } from './api-keys.schemas.js';
import type { ApiKeysService, RequestOrigin } from './api-keys.service.js';

interface ApiKeysRoutesOptions {
  database: Database;
  studios: StudiosService;
  apiKeys: ApiKeysService;
  /** The studios module's check: 401 anonymous, 404 strangers and other studios' keys, 403 lacking it. */
  authorize: (actor: Actor, studioId: string, permission: 'team.manage') => Promise<unknown>;
}

export const originOf = (request: FastifyRequest): RequestOrigin => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
});

const StudioParams = Type.Object({ studio: SlugParam });

export const apiKeysRoutes: FastifyPluginAsyncTypebox<ApiKeysRoutesOptions> = async (
  app,
  { database, studios, apiKeys, authorize },
) => {
  app.post(
    '/api/v1/studios/:studio/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the answer holds the full key, shown this once',
        operationId: 'createApiKey',
        params: StudioParams,
        body: NewApiKeySchema,
        response: { 201: CreatedApiKeySchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      await authorize(request.actor, studio.id, 'team.manage');
      const created = await database.withStudio(studio.id, (tx) =>
        apiKeys.create({ studioId: studio.id, actor: request.actor, tx }, request.body, originOf(request)),
      );
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/studios/:studio/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: "A studio's API keys (prefix, name, last use; never the secret)",
        operationId: 'listApiKeys',
        params: StudioParams,
        querystring: PageQuery,
        response: { 200: Page(ApiKeySchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      await authorize(request.actor, studio.id, 'team.manage');
      return database.withStudio(studio.id, (tx) =>
        apiKeys.list({ studioId: studio.id, actor: request.actor, tx }, request.query),
      );
    },
  );

  app.delete(
    '/api/v1/studios/:studio/api-keys/:id',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key (its next request is refused)',
        operationId: 'revokeApiKey',
        params: Type.Object({ studio: SlugParam, id: Type.String({ format: 'uuid' }) }),
        response: { 200: ApiKeySchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      await authorize(request.actor, studio.id, 'team.manage');
      return database.withStudio(studio.id, (tx) =>
        apiKeys.revoke(
          { studioId: studio.id, actor: request.actor, tx },
          request.params.id,
          originOf(request),
        ),
      );
    },
  );
};
