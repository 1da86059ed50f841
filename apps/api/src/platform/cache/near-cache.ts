/**
 * A bounded map of ready values in this process, in front of the shared cache, for the hottest reads
 * (a studio by slug, a storefront answer already serialised). A hit costs a map lookup: no JSON
 * decoding, no round trip to Redis.
 *
 * It has no invalidation of its own, on purpose: key entries with `namespacedKey(cache, ns, key)`, which
 * carries the namespace's version, so `cache.invalidate(ns)` in any process makes every older entry
 * unreachable here too (the version is read from the shared cache on every request). Each entry also
 * has its own deadline, so something that goes stale by the clock (a flash sale starting) is never served
 * late. Values are handed out as stored: keep strings or frozen objects in it.
 */
export interface NearCache<V> {
  /** The value stored under key, or undefined when missing or past its deadline. */
  get(key: string, now?: number): V | undefined;
  /** Stores value until expiresAt (epoch ms); a deadline already past stores nothing. */
  set(key: string, value: V, expiresAt: number, now?: number): void;
  readonly size: number;
}

export function createNearCache<V>({ maxEntries = 2_000 }: { maxEntries?: number } = {}): NearCache<V> {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer (got ${maxEntries})`);
  }
  const entries = new Map<string, { value: V; expiresAt: number }>();
  return {
    get(key, now = Date.now()) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= now) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value, expiresAt, now = Date.now()) {
      if (expiresAt <= now) return;
      entries.delete(key);
      entries.set(key, { value, expiresAt });
      // Oldest first (Map keeps insertion order): entries under old namespace versions go first.
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
