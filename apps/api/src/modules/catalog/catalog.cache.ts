import { type Cache, namespacedKey } from '../../platform/cache/index.js';

/** How long a public catalog read may be served from cache by default (config CATALOG_CACHE_SECONDS). */
export const CATALOG_CACHE_SECONDS = 60;

/** The cache namespace of one studio's public catalog reads. */
export function catalogNamespace(studioId: string): string {
  return `catalog:${studioId}`;
}

/**
 * Drops every cached public read of the studio's catalog. Call it after the transaction that changed
 * the catalog commits (calling it before would let a concurrent read cache the old rows again).
 */
export async function invalidateCatalog(cache: Cache, studioId: string): Promise<void> {
  await cache.invalidate(catalogNamespace(studioId));
}

/** What a cached read stores: the raw rows plus the moment they stop being right on their own. */
interface Cached<T> {
  data: T;
  /** ISO time of the next flash-sale start or end after the read (null: none scheduled). */
  staleAt: string | null;
}

/**
 * Read-through cache for a public catalog read. The cached data never holds a decided price: callers
 * cache raw rows with their flash-sale windows and apply the price in force after reading. Reads whose
 * membership depends on the clock (the "on sale" filter, sorting by price) are also right: an entry
 * stops being served at the next flash-sale boundary (`staleAt`) even if the scheduled job that
 * invalidates the namespace is late or lost.
 */
export async function cachedCatalogRead<T>(
  cache: Cache,
  studioId: string,
  key: string,
  load: () => Promise<{ data: T; staleAt: Date | null }>,
  now: Date = new Date(),
  ttlSeconds: number = CATALOG_CACHE_SECONDS,
): Promise<T> {
  const fullKey = await namespacedKey(cache, catalogNamespace(studioId), key);
  const loadAndShape = async (): Promise<Cached<T>> => {
    const { data, staleAt } = await load();
    return { data, staleAt: staleAt ? staleAt.toISOString() : null };
  };
  const cached = await cache.wrap(fullKey, ttlSeconds, loadAndShape);
  if (cached.staleAt === null || Date.parse(cached.staleAt) > now.getTime()) return cached.data;
  const fresh = await loadAndShape();
  await cache.set(fullKey, fresh, ttlSeconds);
  return fresh.data;
}
