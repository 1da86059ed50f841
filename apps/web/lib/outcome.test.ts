import { AtelierApiError } from '@atelier/sdk';
import { describe, expect, it, vi } from 'vitest';

// The `server-only` package throws when imported outside React's server build; this test is server-side.
vi.mock('server-only', () => ({}));

const { answersTooManyRequestsItself, attempt } = await import('./outcome');

const apiError = (status: number, retryAfter?: number) =>
  new AtelierApiError({
    status,
    code: status === 429 ? 'rate_limited' : 'not_found',
    detail: 'x',
    retryAfter,
  });

// A route handler shaped like app/[studio]/sitemap.xml/route.ts: reads through attempt, answers itself.
const sitemap = answersTooManyRequestsItself(async (answer: Promise<string>) => {
  const read = await attempt(answer);
  if (!read.ok) return new Response('Not found', { status: read.error.status === 404 ? 404 : 503 });
  return new Response(read.value, { headers: { 'content-type': 'application/xml' } });
});

describe('answersTooManyRequestsItself: a machine-read route handler over the API rate limit', () => {
  it('answers a plain 429 with the API Retry-After on its own URL, not a redirect', async () => {
    const response = await sitemap(Promise.reject(apiError(429, 42)));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('42');
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it("waits the API's minute without a Retry-After, and never promises more than an hour", async () => {
    expect((await sitemap(Promise.reject(apiError(429)))).headers.get('retry-after')).toBe('60');
    expect((await sitemap(Promise.reject(apiError(429, 1.2)))).headers.get('retry-after')).toBe('2');
    expect((await sitemap(Promise.reject(apiError(429, 86_400)))).headers.get('retry-after')).toBe('3600');
  });

  it('leaves every other answer to the handler', async () => {
    const ok = await sitemap(Promise.resolve('<urlset/>'));
    expect([ok.status, await ok.text()]).toEqual([200, '<urlset/>']);
    expect((await sitemap(Promise.reject(apiError(404)))).status).toBe(404);
    await expect(sitemap(Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });
});

describe('attempt outside such a handler', () => {
  it('answers API errors as values', async () => {
    const read = await attempt(Promise.reject(apiError(404)));
    expect(read.ok ? 'ok' : read.error.status).toBe(404);
  });

  it('never hands a 429 back as a value: a page render is redirected to the 429 page instead', async () => {
    // It goes for the forwarded path and query to build the redirect: outside a Next request `headers`
    // refuses, inside one Next's redirect is thrown. Either way no "API unavailable" render.
    await expect(attempt(Promise.reject(apiError(429, 5)))).rejects.toThrow(/outside a request scope/);
  });
});
