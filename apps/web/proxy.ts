import { type NextRequest, NextResponse } from 'next/server';
import { PATHNAME_HEADER } from './i18n/locales';
import { SEARCH_HEADER } from './lib/return-path';

// Server components cannot see the URL. The locale rules need the path to find the studio a page
// belongs to; the 429 redirect (lib/outcome.ts) needs the path and query to bring the visitor back to
// the very page, filters included. Both are always set, so a visitor cannot send their own. (Next has
// already taken its internal `_rsc` parameter out of nextUrl here.)
export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATHNAME_HEADER, request.nextUrl.pathname);
  requestHeaders.set(SEARCH_HEADER, request.nextUrl.search);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ['/((?!api/|_next/|icon.svg|favicon.ico).*)'],
};
