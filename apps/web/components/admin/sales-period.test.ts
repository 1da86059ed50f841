import { describe, expect, it } from 'vitest';
import { changePercent, salesPeriod } from './sales-period';

describe('the dashboard sales period', () => {
  it('takes the periods offered from the URL and 30 days otherwise', () => {
    expect(salesPeriod('7')).toBe(7);
    expect(salesPeriod('90')).toBe(90);
    expect(salesPeriod(undefined)).toBe(30);
    expect(salesPeriod('365')).toBe(30);
    expect(salesPeriod('soon')).toBe(30);
    expect(salesPeriod(['7', '90'])).toBe(30);
  });

  it('compares with the period before in whole percent, and not at all against nothing', () => {
    expect(changePercent(150, 100)).toBe(50);
    expect(changePercent(50, 200)).toBe(-75);
    expect(changePercent(100, 300)).toBe(-67);
    expect(changePercent(100, 0)).toBeNull();
    expect(changePercent(0, 0)).toBeNull();
  });
});
