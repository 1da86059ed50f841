import { type NextRequest, NextResponse } from 'next/server';
import { PATHNAME_HEADER } from './i18n/locales';

// Server components cannot see the URL; the locale rules need it to find the studio a page belongs to.
export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATHNAME_HEADER, request.nextUrl.pathname);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ['/((?!api/|_next/|icon.svg|favicon.ico).*)'],
};
