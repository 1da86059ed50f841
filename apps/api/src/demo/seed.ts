import type { Logger } from 'pino';
import { createCatalogService, createStudiosService } from '../modules/index.js';
import type { Cache } from '../platform/cache/index.js';
import { ANONYMOUS } from '../platform/context.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/http/errors.js';
import { DEMO_STUDIOS } from './studios.js';

/**
 * Creates the five demo studios through the same services the API uses. Idempotent: a studio that
 * exists is left as it is (the studio owner may have edited it), so it is safe on every start.
 */
export async function seedDemoStudios({
  database,
  cache,
  logger,
}: {
  database: Database;
  cache: Cache;
  logger: Logger;
}) {
  const studios = createStudiosService({ database, cache });
  const catalog = createCatalogService();
  let created = 0;
  for (const demo of DEMO_STUDIOS) {
    try {
      const studio = await studios.create(demo.studio);
      await database.withStudio(studio.id, async (tx) => {
        for (const item of demo.items) {
          await catalog.create(
            { studioId: studio.id, actor: ANONYMOUS, tx },
            { ...item, currency: studio.currency },
          );
        }
      });
      created++;
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') continue;
      throw error;
    }
  }
  if (created > 0) logger.info({ created }, 'demo studios created');
  return created;
}
