import { describe, expect, it } from 'vitest';
import { readMoneyFilters } from './money-query';

describe('readMoneyFilters: provider and studio days from a money list URL', () => {
  it('turns the days into the studio midnights the API filters by, "to" including its whole day', () => {
    const filters = readMoneyFilters(
      { provider: 'promptpay', from: '2026-05-01', to: ' 2026-05-03 ' },
      'Asia/Bangkok',
    );
    expect(filters).toEqual({
      provider: 'promptpay',
      fromDay: '2026-05-01',
      toDay: '2026-05-03',
      from: '2026-04-30T17:00:00.000Z',
      to: '2026-05-03T17:00:00.000Z',
      reversed: false,
    });
  });

  it('follows the studio zone across a daylight-saving change', () => {
    const filters = readMoneyFilters({ from: '2026-03-08', to: '2026-03-08' }, 'America/New_York');
    expect(filters.from).toBe('2026-03-08T05:00:00.000Z');
    expect(filters.to).toBe('2026-03-09T04:00:00.000Z');
  });

  it('drops a provider the filter does not offer and a day that is not one, keeping the day as typed', () => {
    const filters = readMoneyFilters({ provider: 'bitcoin', from: 'yesterday', to: ['2026-13-45'] }, 'UTC');
    expect(filters.provider).toBeUndefined();
    expect(filters.from).toBeNull();
    expect(filters.fromDay).toBe('yesterday');
    expect(filters.toDay).toBe('2026-13-45');
  });

  it('reads nothing from an empty URL', () => {
    expect(readMoneyFilters({}, 'UTC')).toEqual({
      provider: undefined,
      fromDay: '',
      toDay: '',
      from: null,
      to: null,
      reversed: false,
    });
  });

  it('marks "until" before "from" as reversed and filters by "from" alone; one day twice is one day', () => {
    const reversed = readMoneyFilters({ from: '2026-12-01', to: '2026-11-01' }, 'America/Los_Angeles');
    expect(reversed.reversed).toBe(true);
    expect(reversed.from).toBe('2026-12-01T08:00:00.000Z');
    expect(reversed.to).toBeNull();
    expect(reversed.toDay).toBe('2026-11-01');
    const oneDay = readMoneyFilters({ from: '2026-12-01', to: '2026-12-01' }, 'UTC');
    expect(oneDay.reversed).toBe(false);
    expect(oneDay.to).toBe('2026-12-02T00:00:00.000Z');
  });
});
