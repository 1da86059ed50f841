import { describe, expect, it } from 'vitest';
import { seatsFull, seatUse } from './seats';

describe('team seats', () => {
  it('counts members and pending invitations, not expired ones', () => {
    const seats = seatUse(5, 2, [{ expired: false }, { expired: true }, { expired: false }]);
    expect(seats).toEqual({ taken: 4, allowed: 5 });
    expect(seatsFull(seats)).toBe(false);
  });

  it('is full when members and pending invitations fill the plan', () => {
    expect(seatsFull(seatUse(2, 1, [{ expired: false }]))).toBe(true);
    expect(seatsFull(seatUse(2, 2, []))).toBe(true);
    // A plan moved down can leave more members than seats.
    expect(seatsFull(seatUse(2, 3, []))).toBe(true);
  });

  it('is not full when the plan is unknown (the API decides)', () => {
    expect(seatUse(undefined, 10, [])).toBeNull();
    expect(seatsFull(null)).toBe(false);
  });
});
