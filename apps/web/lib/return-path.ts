/**
 * The page a visitor is sent back to after the 429 page (lib/too-many-requests.ts): the path they asked
 * for WITH its query string, so a filtered category page or a search comes back as it was. Pure (no
 * Next imports): proxy.ts, lib/outcome.ts and app/too-many-requests/route.ts share it, and it has tests.
 */

/**
 * The request's query string ("" or "?color=red"), forwarded by proxy.ts next to the path
 * (i18n/locales.ts PATHNAME_HEADER, which stays a bare path: the locale rules read its first segment).
 */
export const SEARCH_HEADER = 'x-atelier-search';

// The way back rides in the 429 page's own URL, percent-encoded again; past this it would risk the
// server's header limits, so an absurdly long query is dropped and the bare path kept.
const MAX_RETURN_PATH = 2000;

// Only used to resolve a path; a path that resolves to any other origin is not ours.
const BASE = 'http://return-path.invalid';

// A backslash, a space or a control character: never in a path the request gave us (it is
// percent-encoded there), and each is something a browser rewrites or drops while resolving.
const unsafeCharacter = (character: string) => {
  const code = character.codePointAt(0) ?? 0;
  return character === '\\' || code <= 0x20 || code === 0x7f;
};

/** The path and query a page render was asked for, as proxy.ts forwards them. */
export function returnPathOf(pathname: string | null | undefined, search: string | null | undefined): string {
  const path = pathname ?? '/';
  const query = search && search !== '?' ? (search.startsWith('?') ? search : `?${search}`) : '';
  return path.length + query.length > MAX_RETURN_PATH ? path : `${path}${query}`;
}

/**
 * A same-origin relative path (with its query) that is safe to send a visitor to, else `fallback`.
 *
 * Browsers resolve a Location or href with the WHATWG URL parser, which drops tabs and newlines and
 * reads `\` as `/`, so `/\evil.example` or `/<TAB>/evil.example` would become `//evil.example`: another
 * site. Hence: a single leading `/`, no backslash, no control characters or spaces (a real path from
 * the request is percent-encoded), and the path as the parser itself resolves it must still be ours
 * and still not start with `//` (`/.//evil.example` resolves to `//evil.example`). The answer is that
 * resolved path and query, so it is ASCII and fit for a Location header; a fragment is dropped (the
 * server never sees one).
 */
export function safeReturnPath(value: string | null | undefined, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return fallback;
  if (value.length > MAX_RETURN_PATH || [...value].some(unsafeCharacter)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}`;
  if (url.origin !== BASE || path.startsWith('//')) return fallback;
  return path;
}
