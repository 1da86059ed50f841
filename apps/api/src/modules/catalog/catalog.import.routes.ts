import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { Page, PageQuery } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import type { Queue } from '../../platform/queue/index.js';
import type { Storage } from '../../platform/storage/index.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import { exportCatalogCsv } from './catalog.export.js';
import { createCatalogImports, MAX_IMPORT_BYTES, MAX_REPORTED_REJECTIONS } from './catalog.import.js';

interface CatalogImportRoutesOptions {
  database: Database;
  studios: StudiosService;
  storage: Storage;
  /** Absent in processes without a queue: uploads answer 503 there. */
  queue?: Queue | undefined;
}

const RejectedRowSchema = Type.Object(
  {
    row: Type.Integer({ description: 'Row number as a spreadsheet shows it (the header is row 1).' }),
    field: Type.String({ description: 'The column at fault, e.g. "price" or "spec:Voltage".' }),
    message: Type.String(),
  },
  { title: 'CatalogImportRejectedRow' },
);

export const CatalogImportSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    status: Type.Union([
      Type.Literal('queued'),
      Type.Literal('running'),
      Type.Literal('completed'),
      Type.Literal('failed'),
    ]),
    fileName: Type.String(),
    totalRows: Type.Integer({ description: 'Data rows in the file (known once the job starts).' }),
    processedRows: Type.Integer({
      description: 'Rows handled so far: progress is processedRows / totalRows.',
    }),
    createdCount: Type.Integer(),
    updatedCount: Type.Integer(),
    reactivatedCount: Type.Integer({
      description: 'Retired variants a row named by SKU put back on sale (also counted in updatedCount).',
    }),
    rejectedCount: Type.Integer({ description: 'Exact, even beyond the rows listed in `rejected`.' }),
    rejected: Type.Array(RejectedRowSchema, {
      description: `Why each rejected row was refused, by row (the first ${MAX_REPORTED_REJECTIONS}); empty in lists.`,
    }),
    error: Type.Union([Type.String(), Type.Null()], {
      description: 'Why the whole import failed, if it did.',
    }),
    createdAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { title: 'CatalogImport' },
);

const StudioParams = Type.Object({ studio: SlugParam });

export const catalogImportRoutes: FastifyPluginAsyncTypebox<CatalogImportRoutesOptions> = async (
  app,
  { database, studios, storage, queue },
) => {
  // The upload is the CSV itself (text/csv), kept as text: at most 20 MB, stored before the job reads it.
  app.addContentTypeParser(
    ['text/csv', 'application/csv'],
    { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES },
    (_request, body, done) => done(null, body),
  );
  const imports = queue ? createCatalogImports({ database, storage, queue }) : undefined;

  app.post(
    '/api/v1/studios/:studio/admin/catalog/imports',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      config: { idempotent: true },
      schema: {
        tags: ['catalog'],
        summary: 'Import products from CSV (text/csv body); runs in the background, poll the import',
        description:
          'Columns: sku (required, the update key), name, slug, kind, status, category ("A > B > C"), brand, ' +
          'price ("12.50"), compare_at_price, stock (blank = not tracked), min_order_quantity, unit, ' +
          'pack_size, weight_grams, tags ("a|b"), summary, description (HTML, sanitised), spec:<Name> ' +
          'or spec:<Name> (<unit>). Re-importing a SKU updates its product; columns the file lacks are left as ' +
          'they are. Unknown columns are refused (400).',
        operationId: 'startCatalogImport',
        params: StudioParams,
        querystring: Type.Object({
          fileName: Type.Optional(Type.String({ maxLength: 200, description: 'Shown in the import list.' })),
        }),
        body: {
          content: {
            'text/csv': { schema: Type.String({ description: 'The CSV file, header first.' }) },
          },
        },
        response: { 202: CatalogImportSchema, ...problemResponses(401, 403, 404, 413, 415, 503) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      await studios.requireStudioPermission(request.actor, studio.id, 'catalog.manage');
      if (!imports)
        throw new AppError('service_unavailable', 'Imports need the job queue, which is not running');
      const csv = request.body;
      if (typeof csv !== 'string') throw AppError.invalid('body', 'must be a CSV file sent as text/csv');
      const started = await imports.start(studio, request.actor, {
        csv,
        fileName: request.query.fileName ?? 'import.csv',
      });
      return reply.status(202).send(started);
    },
  );

  app.get(
    '/api/v1/studios/:studio/admin/catalog/imports',
    {
      schema: {
        tags: ['catalog'],
        summary: "A studio's CSV imports, newest first (open one for its report)",
        operationId: 'listCatalogImports',
        params: StudioParams,
        querystring: PageQuery,
        response: { 200: Page(CatalogImportSchema), ...problemResponses(401, 403, 404, 503) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      await studios.requireStudioPermission(request.actor, studio.id, 'catalog.manage');
      if (!imports)
        throw new AppError('service_unavailable', 'Imports need the job queue, which is not running');
      return database.withStudio(studio.id, (tx) =>
        imports.list({ studioId: studio.id, actor: request.actor, tx }, request.query),
      );
    },
  );

  app.get(
    '/api/v1/studios/:studio/admin/catalog/imports/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One CSV import: progress while it runs, then counts and the rejected rows',
        operationId: 'getCatalogImport',
        params: Type.Object({ studio: SlugParam, id: Type.String({ format: 'uuid' }) }),
        response: { 200: CatalogImportSchema, ...problemResponses(401, 403, 404, 503) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      await studios.requireStudioPermission(request.actor, studio.id, 'catalog.manage');
      if (!imports)
        throw new AppError('service_unavailable', 'Imports need the job queue, which is not running');
      return database.withStudio(studio.id, (tx) =>
        imports.get({ studioId: studio.id, actor: request.actor, tx }, request.params.id),
      );
    },
  );

  app.get(
    '/api/v1/studios/:studio/admin/catalog/export.csv',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The catalog as CSV (the import format; one row per variant), streamed',
        operationId: 'exportCatalogCsv',
        params: StudioParams,
        response: {
          200: {
            description: 'text/csv',
            content: { 'text/csv': { schema: Type.String() } },
          },
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      await studios.requireStudioPermission(request.actor, studio.id, 'catalog.manage');
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${studio.slug}-catalog.csv"`)
        .header('cache-control', 'no-store');
      // A stream, not a string: the response schema documents the text, Fastify pipes the stream.
      return reply.send(exportCatalogCsv(database, studio.id, studio.currency) as unknown as string);
    },
  );
};
