import { describe, expect, it } from 'vitest';
import { defaultTimeZone, offeredTimeZones } from './time-zones';

describe('the new studio time zone', () => {
  it('offers the browser list sorted, with UTC once', () => {
    expect(offeredTimeZones(['Europe/Paris', 'UTC', 'Asia/Bangkok'])).toEqual([
      'Asia/Bangkok',
      'Europe/Paris',
      'UTC',
    ]);
    expect(offeredTimeZones([])).toEqual(['UTC']);
  });

  it("preselects the browser's own zone when it is offered", () => {
    const offered = offeredTimeZones(['Asia/Bangkok', 'America/New_York']);
    expect(defaultTimeZone('Asia/Bangkok', offered)).toBe('Asia/Bangkok');
  });

  it('falls back to UTC for a zone the list does not have, or none', () => {
    const offered = offeredTimeZones(['Asia/Bangkok']);
    expect(defaultTimeZone('Etc/Unknown', offered)).toBe('UTC');
    expect(defaultTimeZone(undefined, offered)).toBe('UTC');
    // A browser that cannot list zones offers UTC only, so its own zone is not preselected.
    expect(defaultTimeZone('Asia/Bangkok', offeredTimeZones([]))).toBe('UTC');
  });
});
