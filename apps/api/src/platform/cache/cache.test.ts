import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, redisKeyPrefixFor } from '../../config.js';
import { type Cache, createCache, type ErrorReporter, namespacedKey, redisClient } from './index.js';

const { redisUrl } = loadConfig({ ...process.env, NODE_ENV: 'test' });

// memory always; Redis too when REDIS_URL is set, each test under a prefix of its own
const implementations: { kind: Cache['kind']; open: (onError?: ErrorReporter) => Cache }[] = [
  { kind: 'memory', open: (onError) => createCache({ redisUrl: undefined, onError }) },
];
if (redisUrl) {
  implementations.push({
    kind: 'redis',
    open: (onError) => createCache({ redisUrl, keyPrefix: `atelier-test:${randomUUID()}:`, onError }),
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port assigned');
  return address.port;
}

/** Deletes what a test left in Redis; keyPrefix is not applied to KEYS results, so strip it for DEL. */
async function removeTestKeys(cache: Cache): Promise<void> {
  const client = redisClient(cache);
  if (client === undefined) return;
  const prefix = client.options.keyPrefix ?? '';
  const keys = await client.keys(`${prefix}*`);
  if (keys.length > 0) await client.del(...keys.map((key) => key.slice(prefix.length)));
}

describe.each(implementations)('$kind cache', ({ kind, open }) => {
  let cache: Cache;

  beforeEach(() => {
    cache = open();
  });

  afterEach(async () => {
    await removeTestKeys(cache);
    await cache.close();
  });

  it('answers ping and is the kind it says', async () => {
    await expect(cache.ping()).resolves.toBeUndefined();
    expect(cache.kind).toBe(kind);
    expect(redisClient(cache) !== undefined).toBe(kind === 'redis');
  });

  it('returns what was set as JSON, and undefined for a missing key', async () => {
    const product = { id: 'p1', priceMinor: 125_000, tags: ['print'], releasedAt: new Date(0) };
    await cache.set('product:p1', product, 60);
    expect(await cache.get('product:p1')).toEqual({ ...product, releasedAt: '1970-01-01T00:00:00.000Z' });
    expect(await cache.get('product:missing')).toBeUndefined();
  });

  it('forgets a value once its ttl has passed', async () => {
    await cache.set('short', 'lived', 0.2);
    expect(await cache.get('short')).toBe('lived');
    await sleep(300);
    expect(await cache.get('short')).toBeUndefined();
  });

  it('refuses a ttl that would keep a value forever or not at all', async () => {
    await expect(cache.set('key', 1, 0)).rejects.toThrow(RangeError);
    await expect(cache.set('key', 1, Number.POSITIVE_INFINITY)).rejects.toThrow(RangeError);
  });

  it('deletes one or many keys, and accepts none', async () => {
    await Promise.all(['a', 'b', 'c'].map((key) => cache.set(key, key, 60)));
    await cache.delete('a', 'b');
    await cache.delete();
    expect([await cache.get('a'), await cache.get('b'), await cache.get('c')]).toEqual([
      undefined,
      undefined,
      'c',
    ]);
  });

  it('wrap loads once for concurrent misses, then serves the cached value', async () => {
    let loads = 0;
    let finishLoad: (value: { total: number }) => void = () => {};
    const load = () => {
      loads += 1;
      return new Promise<{ total: number }>((resolve) => {
        finishLoad = resolve;
      });
    };
    const readers = Array.from({ length: 5 }, () => cache.wrap('report', 60, load));
    await vi.waitFor(() => expect(loads).toBe(1));
    finishLoad({ total: 42 });
    expect(await Promise.all(readers)).toEqual(Array(5).fill({ total: 42 }));
    expect(await cache.wrap('report', 60, load)).toEqual({ total: 42 });
    expect(loads).toBe(1);
  });

  it('wrap caches nothing when the load fails', async () => {
    const failing = () => Promise.reject(new Error('catalog unavailable'));
    await expect(
      Promise.all([cache.wrap('page', 60, failing), cache.wrap('page', 60, failing)]),
    ).rejects.toThrow('catalog unavailable');
    expect(await cache.get('page')).toBeUndefined();
    expect(await cache.wrap('page', 60, async () => 'fresh')).toBe('fresh');
  });

  it('invalidate makes every key of a namespace unreachable, and leaves other namespaces alone', async () => {
    const before = await namespacedKey(cache, 'catalog:s1', 'products');
    const neighbour = await namespacedKey(cache, 'catalog:s2', 'products');
    expect(before).toMatch(/^catalog:s1:v\d+:products$/);
    await cache.set(before, ['old'], 60);
    await cache.set(neighbour, ['s2'], 60);

    await cache.invalidate('catalog:s1');

    const after = await namespacedKey(cache, 'catalog:s1', 'products');
    expect(after).not.toBe(before);
    expect(await cache.get(after)).toBeUndefined();
    expect(await namespacedKey(cache, 'catalog:s2', 'products')).toBe(neighbour);
    expect(await cache.get(neighbour)).toEqual(['s2']);
  });

  it('namespaceVersions reads several versions in order, the same as one by one, and sees an invalidate', async () => {
    const one = await cache.namespaceVersion('studios');
    const [studios, catalog, fresh] = await cache.namespaceVersions(['studios', 'catalog:s1', 'catalog:new']);
    expect(studios).toBe(one);
    expect(catalog).toBe(await cache.namespaceVersion('catalog:s1'));
    // A namespace never read before gets a version there and then, and keeps it.
    expect(fresh).toBe(await cache.namespaceVersion('catalog:new'));
    expect(await cache.namespaceVersions([])).toEqual([]);

    const bumped = await cache.invalidate('catalog:s1');
    expect(await cache.namespaceVersions(['studios', 'catalog:s1'])).toEqual([one, bumped]);
    expect(bumped).not.toBe(catalog);
  });

  it('increment counts hits in a fixed window and starts again after it', async () => {
    expect(await cache.increment('login:ada', 0.3)).toEqual({ count: 1, resetInSeconds: 1 });
    expect(await cache.increment('login:ada', 0.3)).toEqual({ count: 2, resetInSeconds: 1 });
    expect((await cache.increment('login:bob', 0.3)).count).toBe(1);
    await sleep(400);
    expect(await cache.increment('login:ada', 0.3)).toEqual({ count: 1, resetInSeconds: 1 });

    const first = await cache.increment('api:key1', 60);
    const second = await cache.increment('api:key1', 60);
    expect(first.resetInSeconds).toBe(60);
    expect(second.resetInSeconds).toBeLessThanOrEqual(first.resetInSeconds);
  });

  it('delivers a message to every subscriber of its channel until each unsubscribes', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const elsewhere: string[] = [];
    const stopFirst = await cache.subscribe('orders', (message) => {
      first.push(message);
    });
    const stopSecond = await cache.subscribe('orders', (message) => {
      second.push(message);
    });
    const stopElsewhere = await cache.subscribe('bookings', (message) => {
      elsewhere.push(message);
    });

    await cache.publish('orders', 'EM-2026-0042 paid');
    await vi.waitFor(() => expect([first, second]).toEqual([['EM-2026-0042 paid'], ['EM-2026-0042 paid']]));

    await stopFirst();
    await cache.publish('orders', 'EM-2026-0043 paid');
    // one connection delivers in order: once the second subscriber has the message, the first would have too
    await vi.waitFor(() => expect(second).toEqual(['EM-2026-0042 paid', 'EM-2026-0043 paid']));
    expect(first).toEqual(['EM-2026-0042 paid']);
    expect(elsewhere).toEqual([]);

    await stopSecond();
    await stopElsewhere();
  });

  it('reports a failing subscriber without affecting the publisher', async () => {
    const errors: unknown[] = [];
    const reporting = open((error) => errors.push(error));
    try {
      await reporting.subscribe('orders', () => {
        throw new Error('handler broke');
      });
      await expect(reporting.publish('orders', 'paid')).resolves.toBeUndefined();
      await vi.waitFor(() => expect(errors).toEqual([new Error('handler broke')]));
    } finally {
      await reporting.close();
    }
  });
});

describe('memory cache', () => {
  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const cache = createCache({ redisUrl: undefined, maxEntries: 3 });
    await cache.set('a', 1, 60);
    await cache.set('b', 2, 60);
    await cache.set('c', 3, 60);
    await cache.get('a');
    await cache.set('d', 4, 60);
    expect([await cache.get('a'), await cache.get('b'), await cache.get('c'), await cache.get('d')]).toEqual([
      1,
      undefined,
      3,
      4,
    ]);
    await cache.close();
  });

  it('never hands a namespace dropped by eviction an old version back', async () => {
    const cache = createCache({ redisUrl: undefined, maxEntries: 2 });
    const before = await namespacedKey(cache, 'catalog:s1', 'products');
    await cache.namespaceVersion('catalog:s2');
    await cache.namespaceVersion('catalog:s3');
    expect(await namespacedKey(cache, 'catalog:s1', 'products')).not.toBe(before);
    await cache.close();
  });
});

describe('redis cache', () => {
  it('rejects ping within a few seconds when nothing listens, and reports the connection error', async () => {
    const errors: unknown[] = [];
    const cache = createCache({
      redisUrl: `redis://127.0.0.1:${await unusedPort()}`,
      onError: (error) => errors.push(error),
    });
    const started = Date.now();
    try {
      await expect(cache.ping()).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await cache.close();
    }
  });
});

// Only with Redis (CI's second run): memory caches are per process, so there is nothing to share.
if (redisUrl) {
  describe('two deployments on one Redis', () => {
    it("never see each other's keys, versions or messages", async () => {
      const run = randomUUID();
      const [first, second] = [`/srv/${run}/a`, `/srv/${run}/b`].map((dataDir) =>
        createCache({ redisUrl, keyPrefix: redisKeyPrefixFor(undefined, dataDir) }),
      ) as [Cache, Cache];
      try {
        await first.set('studio-by-slug:demo', { id: 'first' }, 60);
        await second.set('studio-by-slug:demo', { id: 'second' }, 60);
        expect(await first.get('studio-by-slug:demo')).toEqual({ id: 'first' });
        expect(await second.get('studio-by-slug:demo')).toEqual({ id: 'second' });

        const before = await second.namespaceVersion('catalog:demo');
        await first.invalidate('catalog:demo');
        expect(await second.namespaceVersion('catalog:demo')).toBe(before);

        const heard: string[] = [];
        await second.subscribe('catalog-changed', (message) => {
          heard.push(message);
        });
        await first.publish('catalog-changed', 'from first');
        await second.publish('catalog-changed', 'from second');
        await vi.waitFor(() => expect(heard).toEqual(['from second']));
        await sleep(50);
        expect(heard).toEqual(['from second']);
      } finally {
        for (const cache of [first, second]) {
          await removeTestKeys(cache);
          await cache.close();
        }
      }
    });
  });
}
