import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { AtelierApiError } from '@atelier/sdk';
import { headers } from 'next/headers';
import { RedirectType, redirect } from 'next/navigation';
// Relative, not '@/…': the root test runner has no '@/' alias and outcome.test.ts imports this file.
import { PATHNAME_HEADER } from '../i18n/locales';
import { returnPathOf, SEARCH_HEADER, safeReturnPath } from './return-path';
import { tooManyRequestsLocation, waitSeconds } from './too-many-requests';

/** What a page needs to choose between content, a 404 and an honest "API unavailable" state. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AtelierApiError };

/**
 * The failed Outcome of an API error, except a 429. A page render over the API's rate limit is sent to
 * the 429 page (lib/too-many-requests.ts explains why a redirect), with the API's Retry-After and the
 * path and query they asked for, so they get a real 429 and the wait instead of this page's "API
 * unavailable" state. Inside a route handler wrapped in `answersTooManyRequestsItself` there is no
 * redirect: the handler answers the 429 on its own URL. Every server-side read goes through here
 * (lib/api.ts, lib/catalog.ts, lib/session.ts).
 */
export async function failed(error: AtelierApiError): Promise<{ ok: false; error: AtelierApiError }> {
  if (error.status === 429) {
    if (answeringItself.getStore()) throw new OverTheLimit(error.retryAfter);
    // proxy.ts forwards the path and the query string on every page request.
    const forwarded = await headers();
    const from = safeReturnPath(returnPathOf(forwarded.get(PATHNAME_HEADER), forwarded.get(SEARCH_HEADER)));
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

// Set while a wrapped route handler runs; `failed` reads it, however deep the read is.
const answeringItself = new AsyncLocalStorage<true>();

/** Thrown by `failed` inside `answersTooManyRequestsItself`, caught there. */
class OverTheLimit extends Error {
  constructor(readonly retryAfter: number | undefined) {
    super('over the API rate limit');
  }
}

/** The plain 429 a machine-read resource answers on its own URL: Retry-After, nothing to render. */
export function plainTooManyRequests(retryAfterSeconds: number | undefined): Response {
  return new Response('Too many requests\n', {
    status: 429,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'retry-after': String(waitSeconds(retryAfterSeconds)),
      'cache-control': 'no-store',
    },
  });
}

/**
 * Wraps a route handler that answers machines (sitemap.xml, robots.txt): an API 429 anywhere in it
 * becomes a plain 429 with Retry-After on the URL that was asked for. A crawler understands that
 * ("come back later", the same URL); a redirect to the HTML 429 page would look like the file moved.
 * The redirect exists only because a page render cannot answer 429; a route handler can.
 */
export function answersTooManyRequestsItself<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return (...args) =>
    answeringItself.run(true, async () => {
      try {
        return await handler(...args);
      } catch (error) {
        if (error instanceof OverTheLimit) return plainTooManyRequests(error.retryAfter);
        throw error;
      }
    });
}
