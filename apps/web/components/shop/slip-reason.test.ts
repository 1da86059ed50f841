import { describe, expect, it } from 'vitest';
import { slipTurnDownReason } from './slip-reason';

describe('slipTurnDownReason', () => {
  it("keeps the studio's words without the API's English lead", () => {
    expect(slipTurnDownReason('Slip not accepted: the amount is 100 baht short')).toBe(
      'the amount is 100 baht short',
    );
  });

  it('passes other reasons through and says nothing when there is none', () => {
    expect(slipTurnDownReason('Wrong account')).toBe('Wrong account');
    expect(slipTurnDownReason(null)).toBeNull();
    expect(slipTurnDownReason('')).toBeNull();
  });
});
