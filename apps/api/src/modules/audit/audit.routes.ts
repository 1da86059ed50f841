import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Actor } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { requirePlatformAdmin } from '../../platform/http/actor.js';
import { Page } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import { AuditEventSchema, AuditListQuery } from './audit.schemas.js';
import { listAudit } from './audit.service.js';

interface AuditRoutesOptions {
  database: Database;
  studios: StudiosService;
  /** The studios module's check: 401 anonymous, 404 strangers and other studios' keys, 403 lacking it. */
  authorize: (actor: Actor, studioId: string, permission: 'audit.read') => Promise<unknown>;
}

export const auditRoutes: FastifyPluginAsyncTypebox<AuditRoutesOptions> = async (
  app,
  { database, studios, authorize },
) => {
  app.get(
    '/api/v1/studios/:studio/audit',
    {
      schema: {
        tags: ['audit'],
        summary: "A studio's audit log, newest first (owners)",
        operationId: 'listStudioAudit',
        params: Type.Object({ studio: SlugParam }),
        querystring: AuditListQuery,
        response: { 200: Page(AuditEventSchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      await authorize(request.actor, studio.id, 'audit.read');
      return database.withStudio(studio.id, (tx) => listAudit(tx, { studioId: studio.id }, request.query));
    },
  );

  app.get(
    '/api/v1/platform/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Every audit entry on this deployment, newest first (platform admins)',
        operationId: 'listPlatformAudit',
        querystring: AuditListQuery,
        response: { 200: Page(AuditEventSchema), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      requirePlatformAdmin(request);
      return listAudit(database.db, 'platform', request.query);
    },
  );
};
