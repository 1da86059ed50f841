import { type Cache, createNearCache, namespacedKey, versionedKey } from '../../platform/cache/index.js';

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

/** A read with the moment it stops being right on its own (epoch ms; null: no sale scheduled). */
export interface CatalogRead<T> {
  data: T;
  staleAt: number | null;
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
): Promise<CatalogRead<T>> {
  const fullKey = await namespacedKey(cache, catalogNamespace(studioId), key);
  const loadAndShape = async (): Promise<Cached<T>> => {
    const { data, staleAt } = await load();
    return { data, staleAt: staleAt ? staleAt.toISOString() : null };
  };
  const cached = await cache.wrap(fullKey, ttlSeconds, loadAndShape);
  const staleAt = cached.staleAt === null ? null : Date.parse(cached.staleAt);
  if (staleAt === null || staleAt > now.getTime()) return { data: cached.data, staleAt };
  const fresh = await loadAndShape();
  await cache.set(fullKey, fresh, ttlSeconds);
  return { data: fresh.data, staleAt: fresh.staleAt === null ? null : Date.parse(fresh.staleAt) };
}

/**
 * An answer as the route sends it. `kept` says it is held ready: the catalog namespace version it was
 * made under and the moment it stops being right (so the HTTP edge may replay it under the same rules).
 */
export interface CatalogAnswer {
  body: string;
  kept?: { version: number; expiresAt: number };
}

/**
 * The storefront's hottest answers, already serialised, kept in this process (a near cache). An answer
 * is the JSON text the route sends: prices in force and image links decided when it was made. So it
 * lives no longer than any of: the catalog namespace version it was made under (every catalog write
 * moves it, in any process), the next flash-sale boundary, the cache lifetime (image links live an
 * hour or more; config caps CATALOG_CACHE_SECONDS at 3,600). A hit is one version lookup and a map lookup:
 * no JSON decoding, no pricing, no link signing, no serialisation.
 */
export function createCatalogAnswers(cache: Cache, ttlSeconds: number, maxEntries = 2_000) {
  const answers = createNearCache<Readonly<{ body: string; expiresAt: number }>>({ maxEntries });
  return async function answer(
    studioId: string,
    key: string,
    produce: () => Promise<CatalogRead<unknown>>,
    serialize: (value: unknown) => string,
    now: Date = new Date(),
  ): Promise<CatalogAnswer> {
    // Read before producing: a write while producing then leaves this answer under the older version.
    const version = await cache.namespaceVersion(catalogNamespace(studioId));
    const fullKey = versionedKey(catalogNamespace(studioId), version, `answer:${key}`);
    const at = now.getTime();
    const ready = answers.get(fullKey, at);
    if (ready !== undefined) return { body: ready.body, kept: { version, expiresAt: ready.expiresAt } };
    const { data, staleAt } = await produce();
    const body = serialize(data);
    const expiresAt = Math.min(at + ttlSeconds * 1000, staleAt ?? Number.POSITIVE_INFINITY);
    // Made under fullKey's version: if a write moved the version meanwhile, this entry is unreachable.
    answers.set(fullKey, Object.freeze({ body, expiresAt }), expiresAt, at);
    return expiresAt > at ? { body, kept: { version, expiresAt } } : { body };
  };
}
