import { describe, expect, it } from 'vitest';
import { tierFor } from './topup-tiers';

const TIERS = [
  { minTopupMinor: 300_000, bonusMinor: 40_000 },
  { minTopupMinor: 100_000, bonusMinor: 10_000 },
];

describe('tierFor', () => {
  it('finds the highest tier an amount reaches, as the API does, and the next one up', () => {
    expect(tierFor(TIERS, 50_000)).toEqual({ reached: null, next: TIERS[1] });
    expect(tierFor(TIERS, 100_000)).toEqual({ reached: TIERS[1], next: TIERS[0] });
    expect(tierFor(TIERS, 299_999)).toEqual({ reached: TIERS[1], next: TIERS[0] });
    expect(tierFor(TIERS, 300_000)).toEqual({ reached: TIERS[0], next: null });
    expect(tierFor(TIERS, 9_000_000)).toEqual({ reached: TIERS[0], next: null });
  });
  it('has nothing to say without tiers, and points to the first tier before an amount is typed', () => {
    expect(tierFor([], 100_000)).toEqual({ reached: null, next: null });
    expect(tierFor(TIERS, null)).toEqual({ reached: null, next: TIERS[1] });
    expect(tierFor(TIERS, Number.NaN)).toEqual({ reached: null, next: TIERS[1] });
  });
});
