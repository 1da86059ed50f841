import { desc, eq, lt } from 'drizzle-orm';
import { type Cache, namespacedKey } from '../../platform/cache/index.js';
import type { Database } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import type { NewStudio, Studio } from './studios.schemas.js';
import { studios } from './studios.tables.js';

const CACHE_NAMESPACE = 'studios';
const CACHE_SECONDS = 300;

function toStudio(row: typeof studios.$inferSelect): Studio {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    tagline: row.tagline,
    currency: row.currency,
    timezone: row.timezone,
    locale: row.locale,
    brand: row.brand,
  };
}

function isValidTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

export type StudiosService = ReturnType<typeof createStudiosService>;

/**
 * The tenants. Every tenant route resolves its `{studio}` slug here first, so the lookup is cached
 * and the cache is dropped on every write to a studio.
 */
export function createStudiosService({ database, cache }: { database: Database; cache: Cache }) {
  return {
    async list(query: {
      limit?: number | undefined;
      cursor?: string | undefined;
    }): Promise<PageResult<Studio>> {
      const limit = query.limit ?? 20;
      const after = decodeCursor(query.cursor);
      const rows = await database.db
        .select()
        .from(studios)
        .where(after ? lt(studios.id, after) : undefined)
        .orderBy(desc(studios.id))
        .limit(limit + 1);
      return toPage(rows.map(toStudio), limit);
    },

    /** The studio with this slug; 404 when there is none. */
    async getBySlug(slug: string): Promise<Studio> {
      const key = await namespacedKey(cache, CACHE_NAMESPACE, `slug:${slug}`);
      const studio = await cache.wrap(key, CACHE_SECONDS, async () => {
        const [row] = await database.db.select().from(studios).where(eq(studios.slug, slug));
        return row ? toStudio(row) : null;
      });
      if (!studio) throw new AppError('not_found', `No studio called "${slug}"`);
      return studio;
    },

    async create(input: NewStudio): Promise<Studio> {
      if (!isValidTimeZone(input.timezone)) throw AppError.invalid('timezone', 'is not an IANA time zone');
      const studio = await database.transaction(async (tx) => {
        const [row] = await tx
          .insert(studios)
          .values({ ...input, tagline: input.tagline ?? '' })
          .onConflictDoNothing({ target: studios.slug })
          .returning();
        if (!row) throw AppError.conflictOn('slug', `The slug "${input.slug}" is taken`);
        await emit(tx, { type: 'studios.studio.created', studioId: row.id, payload: { slug: row.slug } });
        return toStudio(row);
      });
      await cache.invalidate(CACHE_NAMESPACE);
      return studio;
    },
  };
}
