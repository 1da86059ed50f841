import { describe, expect, it } from 'vitest';
import {
  readTooManyRequests,
  TOO_MANY_REQUESTS_PATH,
  tooManyRequestsHeadline,
  tooManyRequestsHtml,
  tooManyRequestsLocale,
  tooManyRequestsLocation,
} from './too-many-requests';

const NOW = Date.UTC(2026, 10, 22, 17, 0, 0);
const params = (location: string) => new URL(location, 'http://web.test').searchParams;

describe('tooManyRequestsLocation: where a render that got a 429 sends the visitor', () => {
  it('carries the moment the limit lifts (from Retry-After) and the path asked for', () => {
    const location = tooManyRequestsLocation(42, '/qr-studios/search', NOW);
    expect(location.startsWith(`${TOO_MANY_REQUESTS_PATH}?`)).toBe(true);
    expect(params(location).get('until')).toBe(String(NOW + 42_000));
    expect(params(location).get('from')).toBe('/qr-studios/search');
  });

  it('waits the API window (60 s) when the API sent no usable Retry-After', () => {
    for (const retryAfter of [undefined, 0, -5, Number.NaN]) {
      expect(params(tooManyRequestsLocation(retryAfter, '/', NOW)).get('until')).toBe(String(NOW + 60_000));
    }
  });

  it('never sends the visitor off-site afterwards', () => {
    for (const from of ['//evil.example/x', 'https://evil.example', '/\\evil', null, undefined, '']) {
      expect(params(tooManyRequestsLocation(10, from, NOW)).get('from')).toBe('/');
    }
  });
});

describe('readTooManyRequests: what the 429 page answers', () => {
  it('counts the seconds still to wait, rounded up', () => {
    const page = readTooManyRequests(params(tooManyRequestsLocation(42, '/electric-muse', NOW)), NOW + 500);
    expect(page).toEqual({ over: false, secondsLeft: 42, from: '/electric-muse' });
    const last = readTooManyRequests(
      params(tooManyRequestsLocation(42, '/electric-muse', NOW)),
      NOW + 41_999,
    );
    expect(last).toEqual({ over: false, secondsLeft: 1, from: '/electric-muse' });
  });

  it('is over once the moment has passed, or when there was no moment at all', () => {
    const location = tooManyRequestsLocation(42, '/electric-muse', NOW);
    expect(readTooManyRequests(params(location), NOW + 42_000)).toEqual({
      over: true,
      from: '/electric-muse',
    });
    expect(readTooManyRequests(new URLSearchParams(''), NOW)).toEqual({ over: true, from: '/' });
    expect(readTooManyRequests(new URLSearchParams('until=soon&from=/a'), NOW)).toEqual({
      over: true,
      from: '/a',
    });
  });

  it('caps a hand-edited wait at an hour', () => {
    const page = readTooManyRequests(new URLSearchParams(`until=${NOW + 10 * 86_400_000}`), NOW);
    expect(page).toEqual({ over: false, secondsLeft: 3600, from: '/' });
  });
});

describe('the page itself', () => {
  it('picks the language from the switcher cookie, then Accept-Language, then English', () => {
    expect(tooManyRequestsLocale('th', 'en-US')).toBe('th');
    expect(tooManyRequestsLocale(undefined, 'th-TH,th;q=0.9,en;q=0.8')).toBe('th');
    expect(tooManyRequestsLocale('klingon', 'fr-FR')).toBe('en');
  });

  it('says how long to wait, in seconds, or in minutes when it is long', () => {
    expect(tooManyRequestsHeadline('en', 42)).toBe('Too many requests — try again in 42 seconds.');
    expect(tooManyRequestsHeadline('en', 1)).toBe('Too many requests — try again in 1 second.');
    expect(tooManyRequestsHeadline('en', 900)).toBe('Too many requests — try again in 15 minutes.');
    expect(tooManyRequestsHeadline('th', 42)).toContain('42 วินาที');
  });

  it('is one h1 with the wait, a skip link to main#main and a link back to the page asked for', () => {
    const html = tooManyRequestsHtml({ locale: 'en', secondsLeft: 42, from: '/qr-studios/search' });
    expect(html).toContain('<html lang="en">');
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h1>Too many requests — try again in 42 seconds.</h1>');
    expect(html).toContain('<a class="skip" href="#main">Skip to content</a>');
    expect(html).toContain('<main id="main" tabindex="-1">');
    expect(html).toContain('<a class="primary" href="/qr-studios/search">Try again</a>');
    expect(html).toContain('<meta name="robots" content="noindex">');
  });

  it('escapes the path it links back to', () => {
    const html = tooManyRequestsHtml({ locale: 'th', secondsLeft: 5, from: '/a"><script>alert(1)</script>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="/a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('<html lang="th">');
  });
});
