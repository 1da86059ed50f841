import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../../platform/cache/index.js';
import { createCatalogAnswers, invalidateCatalog } from './catalog.cache.js';

const STUDIO = '01900000-0000-7000-8000-000000000001';
const OTHER = '01900000-0000-7000-8000-000000000002';
const serialize = (value: unknown) => JSON.stringify(value);

describe('catalog answers kept ready in this process', () => {
  const cache = createCache({ redisUrl: undefined });
  afterEach(async () => {
    await invalidateCatalog(cache, STUDIO);
    await invalidateCatalog(cache, OTHER);
  });

  /** A producer that counts its calls and answers with the count. */
  function counting(staleAt: number | null = null) {
    const calls = { count: 0 };
    const produce = async () => {
      calls.count += 1;
      return { data: { version: calls.count }, staleAt };
    };
    return { calls, produce };
  }

  it('answers from memory until a catalog write of that studio moves the namespace', async () => {
    const answer = createCatalogAnswers(cache, 60);
    const { calls, produce } = counting();
    const now = new Date('2026-11-22T10:00:00Z');
    expect((await answer(STUDIO, 'detail:a', produce, serialize, now)).body).toBe('{"version":1}');
    expect((await answer(STUDIO, 'detail:a', produce, serialize, now)).body).toBe('{"version":1}');
    expect(calls.count).toBe(1);
    // Kept, with the version it was made under and its deadline (what the HTTP edge replays by).
    const kept = (await answer(STUDIO, 'detail:a', produce, serialize, now)).kept;
    expect(kept).toEqual({
      version: await cache.namespaceVersion(`catalog:${STUDIO}`),
      expiresAt: now.getTime() + 60_000,
    });

    // Another studio's write leaves this studio's answers alone.
    await invalidateCatalog(cache, OTHER);
    expect((await answer(STUDIO, 'detail:a', produce, serialize, now)).body).toBe('{"version":1}');
    expect(calls.count).toBe(1);

    await invalidateCatalog(cache, STUDIO);
    expect((await answer(STUDIO, 'detail:a', produce, serialize, now)).body).toBe('{"version":2}');
    expect(calls.count).toBe(2);
  });

  it('stops at the next flash-sale boundary and at the cache lifetime, whichever is first', async () => {
    const answer = createCatalogAnswers(cache, 60);
    const start = Date.parse('2026-11-22T10:00:00Z');
    const sale = counting(start + 10_000);
    await answer(STUDIO, 'detail:sale', sale.produce, serialize, new Date(start));
    await answer(STUDIO, 'detail:sale', sale.produce, serialize, new Date(start + 9_999));
    expect(sale.calls.count).toBe(1);
    await answer(STUDIO, 'detail:sale', sale.produce, serialize, new Date(start + 10_000));
    expect(sale.calls.count).toBe(2);

    const plain = counting(null);
    await answer(STUDIO, 'detail:plain', plain.produce, serialize, new Date(start));
    await answer(STUDIO, 'detail:plain', plain.produce, serialize, new Date(start + 59_999));
    expect(plain.calls.count).toBe(1);
    await answer(STUDIO, 'detail:plain', plain.produce, serialize, new Date(start + 60_000));
    expect(plain.calls.count).toBe(2);
  });

  it('keeps nothing when producing fails, so the next request tries again', async () => {
    const answer = createCatalogAnswers(cache, 60);
    let fail = true;
    const produce = async () => {
      if (fail) throw new Error('database down');
      return { data: { ok: true }, staleAt: null };
    };
    await expect(answer(STUDIO, 'detail:x', produce, serialize)).rejects.toThrow('database down');
    fail = false;
    expect((await answer(STUDIO, 'detail:x', produce, serialize)).body).toBe('{"ok":true}');
  });

  it('does not keep an answer produced while a write moved the namespace', async () => {
    const answer = createCatalogAnswers(cache, 60);
    let produced = 0;
    const produce = async () => {
      produced += 1;
      // A write commits while this (older) answer is being made.
      if (produced === 1) await invalidateCatalog(cache, STUDIO);
      return { data: { produced }, staleAt: null };
    };
    expect((await answer(STUDIO, 'detail:race', produce, serialize)).body).toBe('{"produced":1}');
    expect((await answer(STUDIO, 'detail:race', produce, serialize)).body).toBe('{"produced":2}');
    expect((await answer(STUDIO, 'detail:race', produce, serialize)).body).toBe('{"produced":2}');
  });
});
