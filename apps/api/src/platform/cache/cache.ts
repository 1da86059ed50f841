/** A JSON cache with window counters and pub/sub, kept in process memory or in Redis (see README.md). */
export interface Cache {
  readonly kind: 'memory' | 'redis';
  /** The value stored under key, or undefined when missing or expired. T is the caller's word, unchecked. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores value as JSON for ttlSeconds (fractions allowed); every entry expires. */
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /** Read-through: returns the cached value or loads, stores and returns it; one load per key at a time. */
  wrap<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T>;
  /** The current version of a namespace; build keys with namespacedKey(). */
  namespaceVersion(namespace: string): Promise<number>;
  /** The current versions of several namespaces, in their order, in one round trip. */
  namespaceVersions(namespaces: readonly string[]): Promise<number[]>;
  /** Moves the namespace to a new version, so every key built on the old one is unreachable. */
  invalidate(namespace: string): Promise<number>;
  /** Counts a hit in a fixed window that starts with the first hit and lasts windowSeconds. */
  increment(key: string, windowSeconds: number): Promise<WindowCount>;
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once messages published from now on are delivered to handler. */
  subscribe(channel: string, handler: MessageHandler): Promise<Unsubscribe>;
  /** Rejects when the backend cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface WindowCount {
  count: number;
  resetInSeconds: number;
}

export type MessageHandler = (message: string) => void | Promise<void>;
export type Unsubscribe = () => Promise<void>;
export type ErrorReporter = (error: unknown) => void;

/** `${namespace}:v${version}:${key}`: the key to use for a read that invalidate(namespace) must drop. */
export async function namespacedKey(cache: Cache, namespace: string, key: string): Promise<string> {
  return versionedKey(namespace, await cache.namespaceVersion(namespace), key);
}

/** namespacedKey() for a version already read (when the caller also needs the version itself). */
export function versionedKey(namespace: string, version: number, key: string): string {
  return `${namespace}:v${version}:${key}`;
}

export function ttlMilliseconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new RangeError(`cache ttl must be a positive number of seconds (got ${seconds})`);
  }
  return Math.max(1, Math.ceil(seconds * 1000));
}

export function encode(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined)
    throw new TypeError('cache values must have a JSON form (got undefined or a function)');
  return json;
}

export function decode<T>(json: string | null | undefined): T | undefined {
  return json === null || json === undefined ? undefined : (JSON.parse(json) as T);
}

/** Runs a handler after the publisher has moved on, and reports its failures instead of throwing them. */
export function deliver(handler: MessageHandler, message: string, onError: ErrorReporter): void {
  Promise.resolve()
    .then(() => handler(message))
    .catch(onError);
}

/** wrap() for any get/set pair: concurrent misses for a key in this process share one load. */
export function readThrough(cache: Pick<Cache, 'get' | 'set'>): Cache['wrap'] {
  const loading = new Map<string, Promise<unknown>>();
  return <T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> => {
    const pending = loading.get(key);
    if (pending) return pending as Promise<T>;
    const result = (async () => {
      const cached = await cache.get<T>(key);
      if (cached !== undefined) return cached;
      const value = await load();
      // undefined has no JSON form: hand it back uncached and load again next time
      if (value === undefined) return value;
      // the first caller gets the same JSON-shaped value that later callers read back
      const stored = decode<T>(encode(value)) as T;
      await cache.set(key, stored, ttlSeconds);
      return stored;
    })().finally(() => loading.delete(key));
    loading.set(key, result);
    return result;
  };
}
