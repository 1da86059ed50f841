import type { Cache, ErrorReporter } from './cache.js';
import { createMemoryCache } from './memory-cache.js';
import { createRedisCache } from './redis-cache.js';

export type { Cache, ErrorReporter, MessageHandler, Unsubscribe, WindowCount } from './cache.js';
export { namespacedKey, versionedKey } from './cache.js';
export { createNearCache, type NearCache } from './near-cache.js';
export { redisClient } from './redis-cache.js';

export interface CacheOptions {
  /** Redis when set (config.redisUrl), process memory otherwise. */
  redisUrl: string | undefined;
  /** Redis only: prepended to keys and channels; defaults to `atelier:`. */
  keyPrefix?: string;
  /** Memory only: entries kept before the least recently used are dropped; defaults to 10,000. */
  maxEntries?: number;
  /** Receives Redis connection errors and failures of subscription handlers; defaults to console.error. */
  onError?: ErrorReporter;
}

export function createCache({ redisUrl, keyPrefix, maxEntries, onError }: CacheOptions): Cache {
  return redisUrl
    ? createRedisCache({ url: redisUrl, keyPrefix, onError })
    : createMemoryCache({ maxEntries, onError });
}
