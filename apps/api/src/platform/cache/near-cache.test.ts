import { describe, expect, it } from 'vitest';
import { createNearCache } from './near-cache.js';

describe('near cache', () => {
  it('serves a value until its deadline and nothing after', () => {
    const near = createNearCache<string>();
    near.set('a', 'A', 1_000, 0);
    expect(near.get('a', 999)).toBe('A');
    expect(near.get('a', 1_000)).toBeUndefined();
    expect(near.size).toBe(0);
  });

  it('stores nothing whose deadline has passed', () => {
    const near = createNearCache<string>();
    near.set('a', 'A', 10, 10);
    expect(near.get('a', 0)).toBeUndefined();
  });

  it('drops the oldest entries beyond its bound', () => {
    const near = createNearCache<number>({ maxEntries: 2 });
    near.set('a', 1, 100, 0);
    near.set('b', 2, 100, 0);
    near.set('a', 3, 100, 0); // re-stored: now the newest
    near.set('c', 4, 100, 0);
    expect(near.get('b', 1)).toBeUndefined();
    expect(near.get('a', 1)).toBe(3);
    expect(near.get('c', 1)).toBe(4);
    expect(() => createNearCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
