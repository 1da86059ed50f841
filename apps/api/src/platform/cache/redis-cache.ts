import { Redis } from 'ioredis';
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

export interface RedisCacheOptions {
  url: string;
  /** Prepended to every key and channel, so deployments can share one Redis. */
  keyPrefix?: string;
  onError?: ErrorReporter;
}

// a dead Redis must fail a request within seconds, not hold it open
const CONNECT_TIMEOUT_MS = 2_000;
const COMMAND_TIMEOUT_MS = 2_000;
const MAX_RETRIES_PER_REQUEST = 2;
// a lost or expired version restarts at the server's clock, never at an old number: expiry costs only misses
const NAMESPACE_VERSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const NOW_MS = `local time = redis.call('TIME')
local now = time[1] * 1000 + math.floor(time[2] / 1000)`;

const NAMESPACE_VERSION = `local version = redis.call('GET', KEYS[1])
if version then return tonumber(version) end
${NOW_MS}
redis.call('SET', KEYS[1], now, 'PX', ARGV[1])
return now`;

// NAMESPACE_VERSION for every key given, in one script: one round trip for a reader that depends on
// several namespaces (a kept storefront answer depends on its studio's and the catalog's).
const NAMESPACE_VERSIONS = `local versions = {}
for i, key in ipairs(KEYS) do
  local version = redis.call('GET', key)
  if version then
    versions[i] = tonumber(version)
  else
    ${NOW_MS}
    redis.call('SET', key, now, 'PX', ARGV[1])
    versions[i] = now
  end
end
return versions`;

const INVALIDATE = `${NOW_MS}
local version = math.max(tonumber(redis.call('GET', KEYS[1]) or 0) + 1, now)
redis.call('SET', KEYS[1], version, 'PX', ARGV[1])
return version`;

// the window starts with the first hit and is not extended by later ones
const INCREMENT = `local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

const clients = new WeakMap<Cache, Redis>();

/** The ioredis client behind a Redis cache (for @fastify/rate-limit's `redis` option); undefined for memory. */
export function redisClient(cache: Cache): Redis | undefined {
  return clients.get(cache);
}

/** The shared cache: one command connection, plus a subscriber connection opened on first subscribe. */
export function createRedisCache({
  url,
  keyPrefix = 'atelier:',
  onError = console.error,
}: RedisCacheOptions): Cache {
  const client = new Redis(url, {
    keyPrefix,
    // connect at once, so a wrong REDIS_URL shows in the logs at boot rather than on the first request
    lazyConnect: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: MAX_RETRIES_PER_REQUEST,
  });
  client.on('error', onError);
  // ioredis applies keyPrefix to keys only; channels get it here
  const channelName = (channel: string): string => `${keyPrefix}${channel}`;
  const channels = new Map<string, { listeners: Set<(message: string) => void>; ready: Promise<unknown> }>();
  let subscriber: Redis | undefined;

  const openSubscriber = (): Redis => {
    const connection = client.duplicate();
    connection.on('error', onError);
    connection.on('message', (channel: string, message: string) => {
      for (const listener of channels.get(channel)?.listeners ?? []) listener(message);
    });
    return connection;
  };
  const versionKey = (namespace: string): string => `_version:${namespace}`;
  const get = async <T>(key: string): Promise<T | undefined> => decode<T>(await client.get(key));
  const set = async (key: string, value: unknown, ttlSeconds: number): Promise<void> => {
    await client.set(key, encode(value), 'PX', ttlMilliseconds(ttlSeconds));
  };

  const cache: Cache = {
    kind: 'redis',
    get,
    set,
    async delete(...keys) {
      if (keys.length > 0) await client.del(...keys);
    },
    wrap: readThrough({ get, set }),
    async namespaceVersion(namespace) {
      return Number(await client.eval(NAMESPACE_VERSION, 1, versionKey(namespace), NAMESPACE_VERSION_TTL_MS));
    },
    async namespaceVersions(namespaces) {
      if (namespaces.length === 0) return [];
      const keys = namespaces.map(versionKey);
      const versions = (await client.eval(
        NAMESPACE_VERSIONS,
        keys.length,
        ...keys,
        NAMESPACE_VERSION_TTL_MS,
      )) as number[];
      return versions.map(Number);
    },
    async invalidate(namespace) {
      return Number(await client.eval(INVALIDATE, 1, versionKey(namespace), NAMESPACE_VERSION_TTL_MS));
    },
    async increment(key, windowSeconds): Promise<WindowCount> {
      const [count, ttlMs] = (await client.eval(INCREMENT, 1, key, ttlMilliseconds(windowSeconds))) as [
        number,
        number,
      ];
      return { count, resetInSeconds: Math.ceil(ttlMs / 1000) };
    },
    async publish(channel, message) {
      await client.publish(channelName(channel), message);
    },
    async subscribe(channel, handler) {
      const name = channelName(channel);
      subscriber ??= openSubscriber();
      const connection = subscriber;
      let subscription = channels.get(name);
      if (subscription === undefined) {
        subscription = { listeners: new Set(), ready: connection.subscribe(name) };
        channels.set(name, subscription);
      }
      const { listeners, ready } = subscription;
      const listener = (message: string) => deliver(handler, message, onError);
      listeners.add(listener);
      // true when this was the channel's last listener, so the channel is no longer ours to keep
      const remove = (): boolean => {
        listeners.delete(listener);
        const last = listeners.size === 0 && channels.get(name) === subscription;
        if (last) channels.delete(name);
        return last;
      };
      try {
        await ready;
      } catch (error) {
        remove();
        throw error;
      }
      return async () => {
        if (remove()) await connection.unsubscribe(name);
      };
    },
    async ping() {
      await client.ping();
    },
    async close() {
      channels.clear();
      await Promise.all([quit(client), subscriber && quit(subscriber)]);
    },
  };
  clients.set(cache, client);
  return cache;
}

/** QUIT waits for pending replies when connected; a client still (re)connecting is just dropped. */
async function quit(connection: Redis): Promise<void> {
  if (connection.status === 'ready') await connection.quit();
  else connection.disconnect();
}
