import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePlatformAdmin } from '../../platform/http/actor.js';
import { Page, PageQuery } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { StudioSchema, type StudiosService } from '../studios/index.js';
import { BanSchema, PlatformUserQuery, PlatformUserSchema } from './identity.schemas.js';
import type { IdentityService } from './identity.service.js';
import { parseOptionalBody } from './optional-body.js';

const UserParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Platform administration (platformRole 'admin' only): people and studios across the deployment. */
export const platformAdminRoutes: FastifyPluginAsyncTypebox<{
  identity: IdentityService;
  studios: StudiosService;
}> = async (app, { identity, studios }) => {
  const origin = (request: { ip: string; headers: { 'user-agent'?: string | undefined } }) => ({
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  });

  app.get(
    '/api/v1/platform/users',
    {
      schema: {
        tags: ['platform'],
        summary: 'Everyone with an account, newest first; search by email',
        operationId: 'listPlatformUsers',
        querystring: PlatformUserQuery,
        response: { 200: Page(PlatformUserSchema), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      requirePlatformAdmin(request);
      return identity.listUsers(request.query);
    },
  );

  app.post(
    '/api/v1/platform/users/:id/ban',
    {
      schema: {
        tags: ['platform'],
        summary: 'Ban a person: their sessions end at once and they cannot sign in',
        description:
          'Optional JSON body `{ "reason": "...", "expiresInSeconds": 86400 }` (60 s to 10 years).',
        operationId: 'banPlatformUser',
        params: UserParams,
        response: { 200: PlatformUserSchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) =>
      identity.ban(
        requirePlatformAdmin(request),
        request.params.id,
        parseOptionalBody(BanSchema, request.body),
        origin(request),
      ),
  );

  app.post(
    '/api/v1/platform/users/:id/unban',
    {
      schema: {
        tags: ['platform'],
        summary: 'Lift a ban',
        operationId: 'unbanPlatformUser',
        params: UserParams,
        response: { 200: PlatformUserSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => identity.unban(requirePlatformAdmin(request), request.params.id, origin(request)),
  );

  app.get(
    '/api/v1/platform/studios',
    {
      schema: {
        tags: ['platform'],
        summary: 'Every studio on this deployment, newest first',
        operationId: 'listPlatformStudios',
        querystring: PageQuery,
        response: { 200: Page(StudioSchema), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      requirePlatformAdmin(request);
      return studios.list(request.query);
    },
  );
};
