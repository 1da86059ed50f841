import { describe, expect, it } from 'vitest';
import { isUuid } from './ids';

describe('isUuid', () => {
  it('takes the API ids in either case and nothing else', () => {
    expect(isUuid('01a20c2c-88b7-755e-bb6b-bd2a0244bd05')).toBe(true);
    expect(isUuid('01A20C2C-88B7-755E-BB6B-BD2A0244BD05')).toBe(true);
    for (const text of [
      '',
      'not-an-id',
      '01a20c2c-88b7-755e-bb6b-bd2a0244bd0',
      ` 01a20c2c-88b7-755e-bb6b-bd2a0244bd05`,
      null,
      undefined,
    ])
      expect(isUuid(text)).toBe(false);
  });
});
