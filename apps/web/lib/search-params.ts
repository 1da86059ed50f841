/**
 * Reading a list page's URL. Admin lists keep their filters and their place in the list in the query
 * string (a plain GET form), so a filtered page can be bookmarked, shared and used without JavaScript.
 */

/** A page's `searchParams` as Next hands them over: a key may come once, several times or not at all. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The props Next gives a page under `app/[studio]` that reads its query string. */
export interface StudioListPageProps {
  params: Promise<{ studio: string }>;
  searchParams: Promise<SearchParams>;
}

/** The first value of a query parameter, trimmed; '' when it is missing. */
export function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/**
 * The query parameter when it is one of the choices the filter offers, else undefined: a stale or
 * hand-edited URL shows the unfiltered list rather than an error from the API.
 */
export function oneOf<T extends string>(
  choices: readonly T[],
  value: string | string[] | undefined,
): T | undefined {
  const wanted = one(value);
  return choices.find((choice) => choice === wanted);
}

/** A query string of the entries that have a value, in the order given. */
export function queryOf(entries: Record<string, string | null | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) if (value) query.set(key, value);
  return query;
}

/** `path`, with `?query` only when there is one. */
export function withQuery(path: string, query: URLSearchParams): string {
  return query.size ? `${path}?${query}` : path;
}

/** What to ask the API for: the filters, one page of `limit` rows, from `cursor` when not the first. */
export function pageRequest(filters: URLSearchParams, limit: number, cursor?: string): URLSearchParams {
  const request = new URLSearchParams(filters);
  request.set('limit', String(limit));
  if (cursor) request.set('cursor', cursor);
  return request;
}

/**
 * The links between a list's pages, keeping the filters: back to the first page once past it, and on to
 * the next page while the API says there is one. Null where there is no such page.
 */
export function pageLinks(
  path: string,
  filters: URLSearchParams,
  place: { cursor?: string; nextCursor?: string | null },
): { first: string | null; next: string | null } {
  return {
    first: place.cursor ? withQuery(path, filters) : null,
    next: place.nextCursor
      ? withQuery(path, new URLSearchParams([...filters, ['cursor', place.nextCursor]]))
      : null,
  };
}
