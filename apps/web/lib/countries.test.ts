import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, countryOptions } from './countries';

describe('countries', () => {
  it('lists each ISO code once, two capital letters, the demo studios’ countries among them', () => {
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
    expect(COUNTRY_CODES.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
    expect(COUNTRY_CODES).toEqual(expect.arrayContaining(['TH', 'US', 'GB', 'DE', 'JP']));
    // Withdrawn codes and groupings are not places to ship to.
    for (const code of ['UK', 'EU', 'UN', 'SU', 'YU', 'ZZ']) expect(COUNTRY_CODES).not.toContain(code);
  });

  it('names them in the reader’s language and sorts by name there', () => {
    const english = countryOptions('en');
    expect(english.find((c) => c.code === 'TH')?.name).toBe('Thailand');
    const names = english.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(countryOptions('th').find((c) => c.code === 'TH')?.name).toBe('ไทย');
  });
});
