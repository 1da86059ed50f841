import { describe, expect, it } from 'vitest';
import { bpsToPercent, percentToBps, toMajorText, toMinor } from './amounts';

describe('toMinor', () => {
  it('converts major units exactly, without float error', () => {
    expect(toMinor('0.29', 'USD')).toBe(29);
    expect(toMinor('19.99', 'USD')).toBe(1999);
    expect(toMinor('1,290.5', 'THB')).toBe(129050);
    expect(toMinor('.5', 'USD')).toBe(50);
    expect(toMinor('12', 'USD')).toBe(1200);
    expect(toMinor('500', 'JPY')).toBe(500);
  });
  it('tells empty from wrong', () => {
    expect(toMinor('  ', 'USD')).toBeNull();
    expect(toMinor('1.005', 'USD')).toBeNaN();
    expect(toMinor('-1', 'USD')).toBeNaN();
    expect(toMinor('abc', 'USD')).toBeNaN();
    expect(toMinor('.', 'USD')).toBeNaN();
    expect(toMinor('5.5', 'JPY')).toBeNaN();
    expect(toMinor('99999999999999999999', 'USD')).toBeNaN();
  });
  it('round-trips through the input text', () => {
    for (const minor of [0, 1, 29, 1999, 129050, 100000000]) {
      expect(toMinor(toMajorText(minor, 'USD'), 'USD')).toBe(minor);
    }
    expect(toMajorText(5, 'USD')).toBe('0.05');
    expect(toMajorText(null, 'USD')).toBe('');
  });
});

describe('percentToBps', () => {
  it('reads percentages as basis points', () => {
    expect(percentToBps('7')).toBe(700);
    expect(percentToBps('7.5')).toBe(750);
    expect(percentToBps('0.07')).toBe(7);
    expect(percentToBps('')).toBeNull();
    expect(percentToBps('7.555')).toBeNaN();
    expect(bpsToPercent(750)).toBe('7.5');
    expect(bpsToPercent(700)).toBe('7');
    expect(bpsToPercent(7)).toBe('0.07');
  });
});

describe('studio time zone days', () => {
  it('starts a day at the studio midnight', async () => {
    const { startOfDayIn, toLocalInput, fromLocalInput } = await import('./zoned');
    expect(startOfDayIn('2026-05-01', 'America/Chicago')).toBe('2026-05-01T05:00:00.000Z');
    expect(startOfDayIn('2026-01-15', 'America/Chicago', 1)).toBe('2026-01-16T06:00:00.000Z');
    expect(startOfDayIn('2026-05-01', 'Asia/Bangkok')).toBe('2026-04-30T17:00:00.000Z');
    expect(startOfDayIn('nope', 'UTC')).toBeNull();
    expect(toLocalInput('2026-05-01T05:00:00.000Z', 'America/Chicago')).toBe('2026-05-01T00:00');
    expect(fromLocalInput('2026-05-01T00:00', 'Asia/Bangkok')).toBe('2026-04-30T17:00:00.000Z');
    expect(fromLocalInput('', 'UTC')).toBeNull();
    expect(fromLocalInput('x', 'UTC')).toBeUndefined();
  });
});
