import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { uuidv7 } from 'uuidv7';
import type { Cache } from '../../platform/cache/index.js';
import type { StudioContext } from '../../platform/context.js';
import type { Database, Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageQuery, type PageResult, toPage } from '../../platform/http/pagination.js';
import type { JobContext, JobHandler, Queue } from '../../platform/queue/index.js';
import type { Storage } from '../../platform/storage/index.js';
import { invalidateCatalog } from './catalog.cache.js';
import {
  type CsvHeader,
  currencyExponent,
  type ProductRow,
  parseHeader,
  parseProductRow,
  type RejectedRow,
} from './catalog.csv.js';
import { writeProductRows } from './catalog.import.write.js';
import { catalogImports } from './catalog.tables.js';

/**
 * CSV import of products (the supplier's thousands): the upload stores the file and enqueues a job; the
 * job streams the file, validates row by row, writes batches of BATCH_SIZE rows (each its own
 * transaction, so progress is visible and a crash loses at most one batch; re-running is safe because
 * rows are keyed by SKU), and keeps a report of the rejected rows.
 */

export const CATALOG_IMPORT_JOB = 'catalog.import';
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const BATCH_SIZE = 500;
/**
 * A run that wrote at least this many rows refreshes the planner's statistics of the tables it wrote
 * (ANALYZE), as the demo seed does after its bulk inserts: until autovacuum gets there, a fresh or
 * suddenly much larger catalog is planned from stale numbers (an uncached category page ran 3-5x slower).
 */
export const ANALYZE_AFTER_ROWS = 500;
/** What the import writes (items, variants, the category tree, brands, the search vocabulary). */
const WRITTEN_TABLES = sql.raw(
  'catalog_items, catalog_variants, catalog_categories, catalog_brands, catalog_search_words',
);
/** Rejected rows kept in the report; the count stays exact beyond it. */
export const MAX_REPORTED_REJECTIONS = 1000;

export interface CatalogImportJob {
  studioId: string;
  importId: string;
  currency: string;
}

export type CatalogImport = ReturnType<typeof toImport>;

function toImport(row: typeof catalogImports.$inferSelect) {
  return {
    id: row.id,
    status: row.status,
    fileName: row.fileName,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    createdCount: row.createdCount,
    updatedCount: row.updatedCount,
    reactivatedCount: row.reactivatedCount,
    rejectedCount: row.rejectedCount,
    rejected: row.rejected,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

const PARSE_OPTIONS = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
  // A spreadsheet may save rows of empty cells after the data.
  skip_records_with_empty_values: true,
} as const;

/** The header's problems as one 400, so a wrong file is refused at upload instead of in the report. */
function assertHeader(csv: string): void {
  let first: string[] | undefined;
  try {
    [first] = parseSync(csv, { ...PARSE_OPTIONS, to: 1 }) as string[][];
  } catch (error) {
    throw AppError.invalid('body', `is not readable CSV: ${(error as Error).message}`);
  }
  if (!first)
    throw AppError.invalid('body', 'is empty: the first row must be the header (sku, name, price, ...)');
  const parsed = parseHeader(first);
  if ('errors' in parsed)
    throw new AppError('validation_failed', parsed.errors.map((e) => `${e.field} ${e.message}`).join('; '), {
      fields: parsed.errors,
    });
}

export interface CatalogImportsDeps {
  database: Database;
  storage: Storage;
  queue: Queue;
}

export type CatalogImports = ReturnType<typeof createCatalogImports>;

export function createCatalogImports({ database, storage, queue }: CatalogImportsDeps) {
  return {
    /** Stores the file, records the import and enqueues its job; the caller answers 202. */
    async start(
      studio: { id: string; currency: string },
      actor: StudioContext['actor'],
      input: { csv: string; fileName: string },
    ): Promise<CatalogImport> {
      assertHeader(input.csv);
      const id = uuidv7();
      const storageKey = `studios/${studio.id}/catalog-imports/${id}.csv`;
      await storage.put(storageKey, Buffer.from(input.csv, 'utf8'), { contentType: 'text/csv' });
      // Recorded first, enqueued after the commit. Not one transaction: the app role has no rights on
      // pg-boss's schema, and on PGlite pg-boss's first send of a queue looks it up outside the caller's
      // transaction, which waits for that transaction forever. If the send fails the import says so.
      const [row] = await database.withStudio(studio.id, (tx) =>
        tx
          .insert(catalogImports)
          .values({
            id,
            studioId: studio.id,
            fileName: input.fileName,
            storageKey,
            createdBy:
              actor.kind === 'user' ? actor.userId : actor.kind === 'apiKey' ? `apiKey:${actor.keyId}` : null,
          })
          .returning(),
      );
      try {
        await queue.send<CatalogImportJob>(
          CATALOG_IMPORT_JOB,
          { studioId: studio.id, importId: id, currency: studio.currency },
          { singletonKey: id },
        );
      } catch (error) {
        await database.withStudio(studio.id, (tx) =>
          tx
            .update(catalogImports)
            .set({
              status: 'failed',
              error: 'The import could not be queued; upload it again',
              finishedAt: new Date(),
            })
            .where(eq(catalogImports.id, id)),
        );
        throw error;
      }
      if (!row) throw new AppError('internal', 'The import was not recorded');
      return toImport(row);
    },

    async get(ctx: StudioContext, id: string): Promise<CatalogImport> {
      const [row] = await ctx.tx
        .select()
        .from(catalogImports)
        .where(and(eq(catalogImports.studioId, ctx.studioId), eq(catalogImports.id, id)));
      if (!row) throw new AppError('not_found', 'No such import');
      return toImport(row);
    },

    /** Newest first; the rejected-row lists are left out (open one import for its report). */
    async list(ctx: StudioContext, query: PageQuery): Promise<PageResult<CatalogImport>> {
      const limit = query.limit ?? 20;
      const before = decodeCursor(query.cursor);
      const rows = await ctx.tx
        .select()
        .from(catalogImports)
        .where(
          and(eq(catalogImports.studioId, ctx.studioId), before ? lt(catalogImports.id, before) : undefined),
        )
        .orderBy(desc(catalogImports.id))
        .limit(limit + 1);
      return toPage(
        rows.map((row) => ({ ...toImport(row), rejected: [] })),
        limit,
      );
    },
  };
}

export interface CatalogImportRunDeps {
  database: Database;
  storage: Storage;
  cache: Cache;
  logger?: Logger;
}

async function countRecords(body: Readable): Promise<number> {
  let count = 0;
  const parser = body.pipe(parse(PARSE_OPTIONS));
  for await (const _record of parser) count++;
  return Math.max(0, count - 1);
}

/**
 * The job: what the worker runs for one import (tests call it directly too). Safe to run again after a
 * crash: it starts over, and rows already written are updated by SKU rather than duplicated.
 */
export async function runCatalogImport(
  { database, storage, cache, logger }: CatalogImportRunDeps,
  { studioId, importId, currency }: CatalogImportJob,
  job?: Pick<JobContext, 'retryCount' | 'retryLimit'>,
): Promise<void> {
  const inStudio = <T>(fn: (tx: Tx) => Promise<T>) => database.withStudio(studioId, fn);
  const update = (values: Partial<typeof catalogImports.$inferInsert>) =>
    inStudio((tx) =>
      tx
        .update(catalogImports)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(catalogImports.studioId, studioId), eq(catalogImports.id, importId))),
    );

  const [record] = await inStudio((tx) =>
    tx
      .select()
      .from(catalogImports)
      .where(and(eq(catalogImports.studioId, studioId), eq(catalogImports.id, importId))),
  );
  if (!record || record.status === 'completed' || record.status === 'failed') return;

  const counts = { processed: 0, created: 0, updated: 0, reactivated: 0, rejectedCount: 0 };
  const rejected: RejectedRow[] = [];
  const reject = (row: RejectedRow) => {
    counts.rejectedCount++;
    if (rejected.length < MAX_REPORTED_REJECTIONS) rejected.push(row);
  };

  try {
    const totalRows = await countRecords((await storage.get(record.storageKey)).body);
    await update({
      status: 'running',
      totalRows,
      processedRows: 0,
      createdCount: 0,
      updatedCount: 0,
      reactivatedCount: 0,
      rejectedCount: 0,
      rejected: [],
      error: null,
    });

    const exponent = currencyExponent(currency);
    const parser = (await storage.get(record.storageKey)).body.pipe(parse(PARSE_OPTIONS));
    let header: CsvHeader | undefined;
    let batch: ProductRow[] = [];
    let rowsInBatch = 0;
    const firstRowOfSku = new Map<string, number>();

    const flush = async () => {
      const written = await inStudio(async (tx) => {
        const result = await writeProductRows(tx, studioId, currency, header as CsvHeader, batch);
        for (const row of result.rejected) reject(row);
        counts.created += result.created;
        counts.updated += result.updated;
        counts.reactivated += result.reactivated;
        counts.processed += rowsInBatch;
        await tx
          .update(catalogImports)
          .set({
            processedRows: counts.processed,
            createdCount: counts.created,
            updatedCount: counts.updated,
            reactivatedCount: counts.reactivated,
            rejectedCount: counts.rejectedCount,
            rejected: [...rejected].sort((a, b) => a.row - b.row),
            updatedAt: new Date(),
          })
          .where(and(eq(catalogImports.studioId, studioId), eq(catalogImports.id, importId)));
        return result;
      });
      // After the commit: a read racing the invalidation must not cache the old rows again.
      if (written.itemIds.length > 0) await invalidateCatalog(cache, studioId);
      batch = [];
      rowsInBatch = 0;
    };

    let index = 0;
    for await (const cells of parser as AsyncIterable<string[]>) {
      index++;
      if (!header) {
        const parsed = parseHeader(cells);
        if ('errors' in parsed)
          throw new ImportFileError(parsed.errors.map((e) => `${e.field} ${e.message}`).join('; '));
        header = parsed.header;
        continue;
      }
      // Row numbers as a spreadsheet shows them: the header is row 1.
      const row = index;
      rowsInBatch++;
      const parsed = parseProductRow(cells, row, header, exponent);
      if ('rejected' in parsed) reject(parsed.rejected);
      else {
        const first = firstRowOfSku.get(parsed.product.sku);
        if (first !== undefined) reject({ row, field: 'sku', message: `repeats the SKU of row ${first}` });
        else {
          firstRowOfSku.set(parsed.product.sku, row);
          batch.push(parsed.product);
        }
      }
      if (rowsInBatch >= BATCH_SIZE) await flush();
    }
    if (!header) throw new ImportFileError('The file is empty: the first row must be the header');
    if (rowsInBatch > 0) await flush();
    await update({
      status: 'completed',
      totalRows: counts.processed,
      processedRows: counts.processed,
      rejected: [...rejected].sort((a, b) => a.row - b.row),
      finishedAt: new Date(),
    });
    logger?.info({ studioId, importId, ...counts }, 'catalog import completed');
    if (counts.created + counts.updated >= ANALYZE_AFTER_ROWS)
      await analyzeWrittenTables(database, logger, { studioId, importId });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A broken file fails for good; anything else (database away) is retried by the queue while it can.
    const final =
      error instanceof ImportFileError ||
      error instanceof CsvError ||
      !job ||
      job.retryCount >= job.retryLimit;
    await update({
      ...(final ? { status: 'failed' as const, finishedAt: new Date() } : {}),
      error: error instanceof CsvError ? `The file is not valid CSV: ${message}` : message,
    }).catch(() => undefined);
    if (counts.created + counts.updated > 0) await invalidateCatalog(cache, studioId).catch(() => undefined);
    if (!final) throw error;
    logger?.warn({ err: error, studioId, importId }, 'catalog import failed');
  }
}

class ImportFileError extends Error {}

/**
 * ANALYZE through the owner connection (`database.db`), like the demo seed: inside `withStudio` the app
 * role is not the tables' owner, and Postgres then skips every table with a warning and no error. The
 * import has already succeeded, so a failure here is only logged.
 */
async function analyzeWrittenTables(
  database: Database,
  logger: Logger | undefined,
  context: { studioId: string; importId: string },
): Promise<void> {
  try {
    await database.db.execute(sql`analyze ${WRITTEN_TABLES}`);
  } catch (error) {
    logger?.warn({ err: error, ...context }, 'catalog import: refreshing planner statistics failed');
  }
}

/** The queue handler main.ts registers: `queue.work(CATALOG_IMPORT_JOB, catalogImportWorker(deps))`. */
export function catalogImportWorker(deps: CatalogImportRunDeps): JobHandler<CatalogImportJob> {
  return (data, job) => runCatalogImport(deps, data, job);
}
