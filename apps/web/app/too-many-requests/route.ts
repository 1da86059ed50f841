import type { NextRequest } from 'next/server';
import { LOCALE_COOKIE } from '@/i18n/locales';
import { safeReturnPath } from '@/lib/return-path';
import { readTooManyRequests, tooManyRequestsHtml, tooManyRequestsLocale } from '@/lib/too-many-requests';

// Per request: the answer depends on the clock and the visitor's language.
export const dynamic = 'force-dynamic';

/**
 * The 429 page a server render redirects to when the API says the visitor is over its rate limit
 * (lib/outcome.ts; why a route handler: lib/too-many-requests.ts). While the wait lasts it answers 429
 * with Retry-After; once it is over (a reload, or the "Try again" link later) it sends the visitor back
 * to the page they asked for, query string included. It calls no API, so it cannot be limited itself.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const page = readTooManyRequests(request.nextUrl.searchParams);
  // `from` is whatever the URL says: only a same-origin path (query kept) is followed or linked, in the
  // form the browser itself will resolve it (lib/return-path.ts).
  const from = safeReturnPath(page.from);
  if (page.over) {
    // 303: whatever the method was, go and GET the page again.
    return new Response(null, {
      status: 303,
      headers: { location: from, 'cache-control': 'no-store' },
    });
  }
  const locale = tooManyRequestsLocale(
    request.cookies.get(LOCALE_COOKIE)?.value,
    request.headers.get('accept-language'),
  );
  return new Response(tooManyRequestsHtml({ locale, secondsLeft: page.secondsLeft, from }), {
    status: 429,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'retry-after': String(page.secondsLeft),
      'cache-control': 'no-store',
      'content-language': locale,
      'x-robots-tag': 'noindex',
    },
  });
}
