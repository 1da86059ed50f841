import { describe, expect, it } from 'vitest';
import { returnPathOf, safeReturnPath } from './return-path';
import { readTooManyRequests, tooManyRequestsLocation } from './too-many-requests';

// How a browser would follow the path as a Location or href from one of our pages.
const followed = (path: string) => new URL(path, 'https://atelier.test/qr-studios/c/prints');

describe('returnPathOf: the page a render was asked for, as proxy.ts forwards it', () => {
  it('keeps the query string, so a filtered page comes back filtered', () => {
    expect(returnPathOf('/qr-studios/c/scripts', '?tag=garage&sort=newest')).toBe(
      '/qr-studios/c/scripts?tag=garage&sort=newest',
    );
    expect(returnPathOf('/qr-studios/search', 'q=garage')).toBe('/qr-studios/search?q=garage');
  });

  it('is the bare path without a query, and / without a path', () => {
    expect(returnPathOf('/electric-muse', '')).toBe('/electric-muse');
    expect(returnPathOf('/electric-muse', '?')).toBe('/electric-muse');
    expect(returnPathOf('/electric-muse', null)).toBe('/electric-muse');
    expect(returnPathOf(null, null)).toBe('/');
  });

  it('drops an absurdly long query rather than the way back', () => {
    expect(returnPathOf('/qr-studios/search', `?q=${'x'.repeat(5000)}`)).toBe('/qr-studios/search');
  });
});

describe('safeReturnPath: only a same-origin path is ever followed', () => {
  it('accepts our own paths with their query', () => {
    for (const path of ['/', '/qr-studios', '/qr-studios/c/scripts?tag=garage&sort=newest&page=2']) {
      expect(safeReturnPath(path)).toBe(path);
    }
  });

  it('gives the form the browser resolves: ASCII for a Location header, no fragment', () => {
    expect(safeReturnPath('/qr-studios/search?q=สคริปต์')).toBe(
      '/qr-studios/search?q=%E0%B8%AA%E0%B8%84%E0%B8%A3%E0%B8%B4%E0%B8%9B%E0%B8%95%E0%B9%8C',
    );
    expect(safeReturnPath('/a/../qr-studios#top')).toBe('/qr-studios');
  });

  it('refuses everything a browser would take to another site', () => {
    const attempts = [
      '//evil.example',
      '//evil.example/qr-studios?x=1',
      '/\\evil.example',
      '/\\/evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      ' //evil.example',
      '/./\\evil.example',
      '/.//evil.example',
      '/%2e//evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      'evil.example',
      '',
      null,
      undefined,
    ];
    for (const attempt of attempts) {
      expect(safeReturnPath(attempt), JSON.stringify(attempt)).toBe('/');
    }
  });

  it('never answers anything that leaves the origin when followed', () => {
    for (const attempt of ['/.//evil.example', '/\t/evil.example', '/ok?next=//evil.example']) {
      expect(followed(safeReturnPath(attempt)).origin).toBe('https://atelier.test');
    }
    // A query may mention another site; it is still our page.
    expect(safeReturnPath('/ok?next=//evil.example')).toBe('/ok?next=//evil.example');
  });

  it('answers the fallback it is given', () => {
    expect(safeReturnPath('//evil.example', '/qr-studios')).toBe('/qr-studios');
  });
});

describe('the round trip through the 429 page keeps the query string', () => {
  it('from a filtered category page to the 429 page and back', () => {
    const asked = safeReturnPath(returnPathOf('/qr-studios/c/scripts', '?tag=garage&sort=newest'));
    const now = Date.UTC(2026, 10, 22, 20, 0, 0);
    const location = tooManyRequestsLocation(30, asked, now);
    const back = readTooManyRequests(new URL(location, 'https://atelier.test').searchParams, now + 30_000);
    expect(back).toEqual({ over: true, from: '/qr-studios/c/scripts?tag=garage&sort=newest' });
    expect(safeReturnPath(back.from)).toBe('/qr-studios/c/scripts?tag=garage&sort=newest');
  });
});
