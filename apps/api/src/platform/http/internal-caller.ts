import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/**
 * The web server's server-side renders call this API over loopback (or from a web host), so by address
 * every visitor's page would count against one rate-limit bucket and a busy storefront would answer 429
 * to everyone. Instead the web server proves who it is and names the visitor it renders for:
 *
 * - `x-atelier-web-token`: HMAC-SHA256 of a fixed label keyed with APP_SECRET (never the secret itself);
 *   apps/web/lib/server-api.ts derives the same value from the same APP_SECRET.
 * - `x-atelier-visitor-ip`: the visitor's address, which `setVisitorHeader` writes on every request the
 *   API process hands to Next (overwriting whatever the client sent).
 *
 * The rate limit then keys such a call by the visitor, so SSR and the visitor's own browser calls share
 * that visitor's budget. Without a valid token the visitor header is ignored: a client that sends it
 * itself is still keyed by its own address, so spoofing it gains nothing.
 */
export const WEB_TOKEN_HEADER = 'x-atelier-web-token';
export const VISITOR_IP_HEADER = 'x-atelier-visitor-ip';

// Versioned so the token can be rotated apart from APP_SECRET; must match apps/web/lib/server-api.ts.
const WEB_TOKEN_LABEL = 'atelier:web-server-caller:v1';

/** The token the web server sends; derived, so seeing it never reveals APP_SECRET. */
export function webCallerToken(appSecret: string): string {
  return createHmac('sha256', appSecret).update(WEB_TOKEN_LABEL).digest('base64url');
}

/** True when `headers` carry the web server's token for this APP_SECRET (constant-time comparison). */
export function isWebCaller(headers: IncomingHttpHeaders, expected: Buffer): boolean {
  const sent = headers[WEB_TOKEN_HEADER];
  if (typeof sent !== 'string') return false;
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The rate-limit key: the visitor a valid web-server call renders for, else the caller's own address
 * (`request.ip`, which already follows TRUST_PROXY). A malformed visitor address counts as absent.
 */
export function rateLimitKey(appSecret: string): (request: FastifyRequest) => string {
  const expected = Buffer.from(webCallerToken(appSecret));
  return (request) => {
    const visitor = request.headers[VISITOR_IP_HEADER];
    if (typeof visitor === 'string' && isIP(visitor) !== 0 && isWebCaller(request.headers, expected)) {
      return visitor;
    }
    return request.ip;
  };
}

/**
 * Names the visitor on a request about to be handed to Next, from Fastify's `request.ip`. Any value the
 * client sent is replaced: only the API process may say who the visitor is.
 */
export function setVisitorHeader(headers: IncomingHttpHeaders, visitorIp: string): void {
  headers[VISITOR_IP_HEADER] = visitorIp;
}

// Read by apps/web/lib/server-api.ts (same process, so the same globalThis): a standalone `next start`
// has nobody overwriting the visitor header, so there the web must not pass on what a client sent.
const VISITOR_HEADER_SET = Symbol.for('atelier.web.visitorHeaderSetByApi');

/** Tells the in-process web app that every request it gets went through `setVisitorHeader`. */
export function announceVisitorHeader(): void {
  (globalThis as Record<symbol, unknown>)[VISITOR_HEADER_SET] = true;
}
