import { EventEmitter } from 'node:events';
import {
  type Cache,
  decode,
  deliver,
  type ErrorReporter,
  encode,
  readThrough,
  ttlMilliseconds,
  type WindowCount,
} from './cache.js';

export interface MemoryCacheOptions {
  /** Entries kept before the least recently used are dropped; namespace versions have the same bound. */
  maxEntries?: number;
  onError?: ErrorReporter;
}

interface Entry {
  json: string;
  expiresAt: number;
}

const SWEEP_INTERVAL_MS = 30_000;

// EventEmitter throws on an unheard 'error' event; a prefix keeps every channel name an ordinary event
const eventName = (channel: string): string => `message:${channel}`;

/** The single-process cache: a bounded map of JSON strings, so it behaves like Redis (copies, expiry). */
export function createMemoryCache({
  maxEntries = 10_000,
  onError = console.error,
}: MemoryCacheOptions = {}): Cache {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer (got ${maxEntries})`);
  }
  // Map keeps insertion order: re-inserting on use makes the first key the least recently used
  const entries = new Map<string, Entry>();
  const versions = new Map<string, number>();
  // every version handed out is new, so a namespace forgotten by eviction never revives old keys
  let lastVersion = 0;
  const channels = new EventEmitter();
  // one listener per live subscription (SSE clients), so no count is a leak
  channels.setMaxListeners(0);

  const remember = <V>(map: Map<string, V>, key: string, value: V): void => {
    map.delete(key);
    map.set(key, value);
    for (const oldest of map.keys()) {
      if (map.size <= maxEntries) break;
      map.delete(oldest);
    }
  };
  const live = (key: string, now: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  }, SWEEP_INTERVAL_MS);
  // the sweeper alone must not keep the process alive
  sweeper.unref();

  const get = async <T>(key: string): Promise<T | undefined> => {
    const entry = live(key, Date.now());
    if (entry === undefined) return undefined;
    remember(entries, key, entry);
    return decode<T>(entry.json);
  };
  const set = async (key: string, value: unknown, ttlSeconds: number): Promise<void> => {
    remember(entries, key, { json: encode(value), expiresAt: Date.now() + ttlMilliseconds(ttlSeconds) });
  };
  const nextVersion = (namespace: string): number => {
    lastVersion += 1;
    remember(versions, namespace, lastVersion);
    return lastVersion;
  };

  const versionOf = (namespace: string): number => {
    const version = versions.get(namespace);
    if (version === undefined) return nextVersion(namespace);
    remember(versions, namespace, version);
    return version;
  };

  return {
    kind: 'memory',
    get,
    set,
    async delete(...keys) {
      for (const key of keys) entries.delete(key);
    },
    wrap: readThrough({ get, set }),
    async namespaceVersion(namespace) {
      return versionOf(namespace);
    },
    async namespaceVersions(namespaces) {
      return namespaces.map(versionOf);
    },
    async invalidate(namespace) {
      return nextVersion(namespace);
    },
    async increment(key, windowSeconds): Promise<WindowCount> {
      const windowMs = ttlMilliseconds(windowSeconds);
      const now = Date.now();
      const entry = live(key, now);
      const count = entry === undefined ? 1 : Number(entry.json) + 1;
      if (!Number.isInteger(count)) throw new TypeError(`cache key ${key} does not hold a counter`);
      const expiresAt = entry?.expiresAt ?? now + windowMs;
      remember(entries, key, { json: String(count), expiresAt });
      return { count, resetInSeconds: Math.ceil((expiresAt - now) / 1000) };
    },
    async publish(channel, message) {
      channels.emit(eventName(channel), message);
    },
    async subscribe(channel, handler) {
      const listener = (message: string) => deliver(handler, message, onError);
      channels.on(eventName(channel), listener);
      return async () => {
        channels.off(eventName(channel), listener);
      };
    },
    async ping() {},
    async close() {
      clearInterval(sweeper);
      entries.clear();
      versions.clear();
      channels.removeAllListeners();
    },
  };
}
