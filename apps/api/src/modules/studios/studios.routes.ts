import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Page, PageQuery } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, StudioSchema } from './studios.schemas.js';
import type { StudiosService } from './studios.service.js';

export const studiosRoutes: FastifyPluginAsyncTypebox<{ studios: StudiosService }> = async (
  app,
  { studios },
) => {
  app.get(
    '/api/v1/studios',
    {
      schema: {
        tags: ['studios'],
        summary: 'List the studios on this deployment',
        operationId: 'listStudios',
        querystring: PageQuery,
        response: { 200: Page(StudioSchema), ...problemResponses() },
      },
    },
    async (request) => studios.list(request.query),
  );

  app.get(
    '/api/v1/studios/:studio',
    {
      schema: {
        tags: ['studios'],
        summary: 'One studio: name, currency, time zone and brand',
        operationId: 'getStudio',
        params: Type.Object({ studio: SlugParam }),
        response: { 200: StudioSchema, ...problemResponses(404) },
      },
    },
    async (request) => studios.getBySlug(request.params.studio),
  );
};
