import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../platform/db/index.js';
import { requireUser } from '../../platform/http/actor.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, encodeCursor, Page, PageQuery } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { getMail, listMail, type MailMessage } from '../../platform/mailer/index.js';
import { SlugParam, type StudiosService } from '../studios/index.js';

const MailSummarySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    studioId: Type.Union([Type.String(), Type.Null()]),
    to: Type.String(),
    from: Type.String(),
    subject: Type.String(),
    template: Type.Union([Type.String(), Type.Null()]),
    transport: Type.Union([Type.Literal('smtp'), Type.Literal('kept')]),
    status: Type.Union([Type.Literal('kept'), Type.Literal('sent'), Type.Literal('failed')]),
    error: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'MailSummary' },
);

const MailMessageSchema = Type.Intersect(
  [MailSummarySchema, Type.Object({ html: Type.String(), text: Type.String() })],
  {
    title: 'MailMessage',
  },
);

type Summary = Omit<MailMessage, 'html' | 'text' | 'headers'>;
const toSummary = (mail: Summary) => ({
  id: mail.id,
  studioId: mail.studioId,
  to: mail.toAddress,
  from: mail.fromAddress,
  subject: mail.subject,
  template: mail.template,
  transport: mail.transport,
  status: mail.status,
  error: mail.error,
  createdAt: mail.createdAt.toISOString(),
});

const MailIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/**
 * The mail log: what the platform sent (or, without SMTP, kept instead of sending). Studio staff read
 * their studio's mail; platform admins read platform mail (sign-up verification, password resets).
 */
export const messagingRoutes: FastifyPluginAsyncTypebox<{
  database: Database;
  studios: StudiosService;
}> = async (app, { database, studios }) => {
  const page = async (studioId: string | null, query: PageQuery) => {
    const result = await listMail(database, {
      studioId,
      limit: query.limit ?? 20,
      cursor: decodeCursor(query.cursor) ?? null,
    });
    return {
      items: result.items.map(toSummary),
      nextCursor: result.nextCursor ? encodeCursor(result.nextCursor) : null,
    };
  };
  const requirePlatformAdmin = (actor: ReturnType<typeof requireUser>) => {
    if (actor.platformRole !== 'admin')
      throw new AppError('forbidden', 'Only platform admins read platform mail');
  };

  app.get(
    '/api/v1/studios/:studio/mail',
    {
      schema: {
        tags: ['messaging'],
        summary: "A studio's mail log, newest first (kept mail when SMTP is not configured)",
        operationId: 'listStudioMail',
        params: Type.Object({ studio: SlugParam }),
        querystring: PageQuery,
        response: { 200: Page(MailSummarySchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      await studios.requireStudioPermission(request.actor, studio.id, 'messaging.manage');
      return page(studio.id, request.query);
    },
  );

  app.get(
    '/api/v1/studios/:studio/mail/:id',
    {
      schema: {
        tags: ['messaging'],
        summary: 'One message of the studio with its HTML and text',
        operationId: 'getStudioMail',
        params: Type.Object({ studio: SlugParam, id: Type.String({ format: 'uuid' }) }),
        response: { 200: MailMessageSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      await studios.requireStudioPermission(request.actor, studio.id, 'messaging.manage');
      const mail = await getMail(database, request.params.id, { studioId: studio.id });
      return { ...toSummary(mail), html: mail.html, text: mail.text };
    },
  );

  app.get(
    '/api/v1/platform/mail',
    {
      schema: {
        tags: ['platform'],
        summary: 'Platform mail (verification, password resets), newest first',
        operationId: 'listPlatformMail',
        querystring: PageQuery,
        response: { 200: Page(MailSummarySchema), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      requirePlatformAdmin(requireUser(request));
      return page(null, request.query);
    },
  );

  app.get(
    '/api/v1/platform/mail/:id',
    {
      schema: {
        tags: ['platform'],
        summary: 'One platform message with its HTML and text',
        operationId: 'getPlatformMail',
        params: MailIdParams,
        response: { 200: MailMessageSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      requirePlatformAdmin(requireUser(request));
      const mail = await getMail(database, request.params.id);
      if (mail.studioId !== null) throw new AppError('not_found', 'No such platform message');
      return { ...toSummary(mail), html: mail.html, text: mail.text };
    },
  );
};
