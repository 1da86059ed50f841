import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../../platform/http/actor.js';
import { problemResponses } from '../../platform/http/schemas.js';
import {
  AccountExportSchema,
  DeleteMeSchema,
  MeSchema,
  SessionSchema,
  UpdateMeSchema,
} from './identity.schemas.js';
import type { IdentityService } from './identity.service.js';
import { parseOptionalBody } from './optional-body.js';

/** The signed-in person's own account: profile, sessions, export, deletion. */
export const accountRoutes: FastifyPluginAsyncTypebox<{ identity: IdentityService }> = async (
  app,
  { identity },
) => {
  app.patch(
    '/api/v1/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'Change your name, phone, marketing consent or picture',
        operationId: 'updateMe',
        body: UpdateMeSchema,
        response: { 200: MeSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => identity.updateMe(requireUser(request), request.body),
  );

  app.get(
    '/api/v1/me/sessions',
    {
      schema: {
        tags: ['identity'],
        summary: 'Where you are signed in (sign out everywhere: POST /api/auth/revoke-sessions)',
        operationId: 'listMySessions',
        response: { 200: Type.Object({ items: Type.Array(SessionSchema) }), ...problemResponses(401) },
      },
    },
    async (request) => ({ items: await identity.listSessions(requireUser(request)) }),
  );

  app.delete(
    '/api/v1/me/sessions/:id',
    {
      schema: {
        tags: ['identity'],
        summary: 'Sign out one of your sessions',
        operationId: 'revokeMySession',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await identity.revokeSession(requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/export',
    {
      schema: {
        tags: ['identity'],
        summary: 'Everything we hold about you, as JSON (profile, sign-in methods, sessions, audit)',
        operationId: 'exportMe',
        response: { 200: AccountExportSchema, ...problemResponses(401) },
      },
    },
    async (request, reply) => {
      const archive = await identity.exportMe(requireUser(request));
      reply.header('content-disposition', 'attachment; filename="atelier-account.json"');
      reply.header('cache-control', 'no-store');
      return archive;
    },
  );

  app.delete(
    '/api/v1/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'Delete your account (anonymised; studios keep their records of orders and bookings)',
        description:
          'Optional JSON body `{ "password": "..." }`: needed unless the session is under 15 minutes old.',
        operationId: 'deleteMe',
        response: { 204: Type.Null(), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await identity.deleteMe(requireUser(request), parseOptionalBody(DeleteMeSchema, request.body), {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      return reply.status(204).send(null);
    },
  );
};
