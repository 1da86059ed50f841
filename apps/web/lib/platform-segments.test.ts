import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORM_SEGMENTS, studioSlugFromPath } from '../i18n/locales';

describe('platform pages are never read as a studio', () => {
  it('lists every top-level page folder of app/ (the API reserves the same names as slugs)', () => {
    const folders = readdirSync(path.resolve(import.meta.dirname, '../app'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && /^[a-z0-9-]+$/.test(entry.name))
      .map((entry) => entry.name)
      .sort();
    expect(folders).toContain('sign-in');
    expect([...PLATFORM_SEGMENTS].sort()).toEqual(folders);
    for (const folder of folders) expect(studioSlugFromPath(`/${folder}/x`)).toBeUndefined();
    expect(studioSlugFromPath('/qr-studios/p/kit')).toBe('qr-studios');
  });
});
