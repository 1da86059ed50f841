import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORM_SEGMENTS, studioSlugFromPath, studioSlugOfPage } from '../i18n/locales';

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

describe('the studio a page takes its language from', () => {
  it("is a studio page's own, or the studio a platform page was reached from", () => {
    expect(studioSlugOfPage('/qr-studios/portal', '?from=volt-supply')).toBe('qr-studios');
    expect(studioSlugOfPage('/account', '?from=qr-studios')).toBe('qr-studios');
    expect(studioSlugOfPage('/sign-in', `?next=${encodeURIComponent('/qr-studios/portal/orders')}`)).toBe(
      'qr-studios',
    );
    expect(studioSlugOfPage('/account', null)).toBeUndefined();
    expect(studioSlugOfPage('/account', '')).toBeUndefined();
    // Nothing that is not a studio's path: another site, a platform page, a malformed slug.
    expect(studioSlugOfPage('/sign-in', '?next=//evil.example/qr-studios')).toBeUndefined();
    expect(studioSlugOfPage('/sign-in', '?next=https://evil.example/x')).toBeUndefined();
    expect(studioSlugOfPage('/sign-in', '?next=/account')).toBeUndefined();
    expect(studioSlugOfPage('/account', '?from=sign-in')).toBeUndefined();
    expect(studioSlugOfPage('/account', '?from=Not_A_Slug')).toBeUndefined();
  });
});
