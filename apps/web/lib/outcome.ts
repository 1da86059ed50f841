import 'server-only';
import { AtelierApiError } from '@atelier/sdk';
import { headers } from 'next/headers';
import { RedirectType, redirect } from 'next/navigation';
import { PATHNAME_HEADER } from '@/i18n/locales';
import { tooManyRequestsLocation } from '@/lib/too-many-requests';

/** What a page needs to choose between content, a 404 and an honest "API unavailable" state. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AtelierApiError };

/**
 * The failed Outcome of an API error, except a 429: a visitor over the API's rate limit is sent to the
 * 429 page (lib/too-many-requests.ts explains why a redirect), with the API's Retry-After and the path
 * they asked for, so they get a real 429 and the wait instead of this page's "API unavailable" state.
 * Every server-side read goes through here (lib/api.ts, lib/catalog.ts, lib/session.ts).
 */
export async function failed(error: AtelierApiError): Promise<{ ok: false; error: AtelierApiError }> {
  if (error.status === 429) {
    // proxy.ts forwards the path on every page request (the query is not forwarded, so it is not kept).
    const from = (await headers()).get(PATHNAME_HEADER);
    // Throws Next's redirect (307), which must not be caught by whoever awaits this.
    redirect(tooManyRequestsLocation(error.retryAfter, from), RedirectType.replace);
  }
  return { ok: false, error };
}

/** Runs one API read as an Outcome: API errors come back as values (a 429 redirects, see `failed`). */
export async function attempt<T>(pending: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await pending };
  } catch (error) {
    if (error instanceof AtelierApiError) return failed(error);
    throw error;
  }
}
