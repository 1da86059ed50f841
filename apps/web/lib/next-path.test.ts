import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath: where sign-in sends the visitor', () => {
  it('keeps a same-origin path with its query', () => {
    expect(safeNextPath('/qr-studios/account/orders?page=2')).toBe('/qr-studios/account/orders?page=2');
    expect(safeNextPath(['/electric-muse/admin', '/ignored'])).toBe('/electric-muse/admin');
  });

  it('sends anything that could leave the site to the fallback', () => {
    for (const attempt of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/.//evil.example',
      'evil.example',
      '',
    ]) {
      expect(safeNextPath(attempt), JSON.stringify(attempt)).toBe('/account');
    }
    expect(safeNextPath(undefined, '/qr-studios')).toBe('/qr-studios');
    expect(safeNextPath(null)).toBe('/account');
  });
});
