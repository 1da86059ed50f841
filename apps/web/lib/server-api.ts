import 'server-only';
import { createHmac } from 'node:crypto';
import { type AtelierClient, createAtelierClient, type RawRequestOptions } from '@atelier/sdk';
import { cookies, headers } from 'next/headers';

/**
 * The one way server components, route handlers and server actions reach the API. Every call says it
 * comes from this web server (a token derived from APP_SECRET) and which visitor it renders for, so the
 * API rate-limits renders per visitor instead of counting every visitor against the web server's own
 * address (apps/api/src/platform/http/internal-caller.ts explains the headers).
 */

// A hung API must not hang the page; the page then shows its "API unavailable" state instead.
const API_TIMEOUT_MS = 10_000;

// Must match apps/api/src/platform/http/internal-caller.ts.
const WEB_TOKEN_HEADER = 'x-atelier-web-token';
const VISITOR_IP_HEADER = 'x-atelier-visitor-ip';
const WEB_TOKEN_LABEL = 'atelier:web-server-caller:v1';
const VISITOR_HEADER_SET = Symbol.for('atelier.web.visitorHeaderSetByApi');

/** Loopback to the API process that also serves this app, unless ATELIER_API_URL points elsewhere. */
function apiBaseUrl(): string {
  return process.env.ATELIER_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
}

let token: { secret: string; value: string } | undefined;

/** HMAC-SHA256 of a fixed label keyed with APP_SECRET: the API checks it, the secret never travels. */
function webToken(): string | undefined {
  const secret = process.env.APP_SECRET;
  if (!secret) return undefined;
  if (token?.secret !== secret) {
    token = { secret, value: createHmac('sha256', secret).update(WEB_TOKEN_LABEL).digest('base64url') };
  }
  return token.value;
}

/**
 * The visitor this request renders for. Only trusted when the API process serves this app: it
 * overwrites the header on every request it hands over. A standalone `next start` has nobody doing
 * that, so a client could pick any address; there renders stay keyed by this server's address.
 */
async function visitorIp(): Promise<string | undefined> {
  if ((globalThis as Record<symbol, unknown>)[VISITOR_HEADER_SET] !== true) return undefined;
  return (await headers()).get(VISITOR_IP_HEADER) ?? undefined;
}

/** The incoming request's cookies, forwarded so the API sees the same session as the browser. */
async function cookieHeader(): Promise<string> {
  const store = await cookies();
  return store
    .getAll()
    .map(({ name, value }) => `${name}=${encodeURIComponent(value)}`)
    .join('; ');
}

/** Headers, base URL and fetch for one request's API calls; `asVisitor` forwards the session cookie. */
export async function serverApiOptions(
  options: { asVisitor?: boolean } = {},
): Promise<RawRequestOptions & { headers: Record<string, string> }> {
  const sent: Record<string, string> = {};
  const tokenValue = webToken();
  const visitor = tokenValue ? await visitorIp() : undefined;
  if (tokenValue && visitor) {
    sent[WEB_TOKEN_HEADER] = tokenValue;
    sent[VISITOR_IP_HEADER] = visitor;
  }
  if (options.asVisitor) {
    const cookie = await cookieHeader();
    if (cookie) sent.cookie = cookie;
  }
  return {
    baseUrl: apiBaseUrl(),
    headers: sent,
    fetch: (request) => fetch(request, { cache: 'no-store', signal: AbortSignal.timeout(API_TIMEOUT_MS) }),
  };
}

/** A typed client for public reads (no cookie: the answer is the same for everyone). */
export async function publicApi(): Promise<AtelierClient> {
  return createAtelierClient(await serverApiOptions());
}

/** A typed client acting as the person behind this request (reads only: writes go from the browser). */
export async function visitorApi(): Promise<AtelierClient> {
  return createAtelierClient(await serverApiOptions({ asVisitor: true }));
}
