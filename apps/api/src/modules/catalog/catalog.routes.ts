import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ANONYMOUS } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { Page } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import { CatalogItemSchema, CatalogListQuery } from './catalog.schemas.js';
import type { CatalogService } from './catalog.service.js';

interface CatalogRoutesOptions {
  database: Database;
  studios: StudiosService;
  catalog: CatalogService;
}

export const catalogRoutes: FastifyPluginAsyncTypebox<CatalogRoutesOptions> = async (
  app,
  { database, studios, catalog },
) => {
  app.get(
    '/api/v1/studios/:studio/catalog/items',
    {
      schema: {
        tags: ['catalog'],
        summary: "A studio's published catalog, newest first",
        operationId: 'listCatalogItems',
        params: Type.Object({ studio: SlugParam }),
        querystring: CatalogListQuery,
        response: { 200: Page(CatalogItemSchema), ...problemResponses(404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return database.withStudio(studio.id, (tx) =>
        catalog.listPublished({ studioId: studio.id, actor: ANONYMOUS, tx }, request.query),
      );
    },
  );
};
