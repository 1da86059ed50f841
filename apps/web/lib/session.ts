import 'server-only';
import {
  AtelierApiError,
  createAtelierClient,
  type JsonBody,
  listDocumentedRoutes,
  type RawRequestOptions,
  rawRequest,
  unwrap,
} from '@atelier/sdk';
import { cookies } from 'next/headers';
import { cache } from 'react';
import type { Outcome } from '@/lib/api';

// better-auth's session cookie (prefix `atelier`); its `__Secure-` twin is used over HTTPS.
const SESSION_COOKIES = ['atelier.session_token', '__Secure-atelier.session_token'];
const API_TIMEOUT_MS = 10_000;

export type Me = JsonBody<'getMe', 200>;

function apiBaseUrl(): string {
  return process.env.ATELIER_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
}

/** The incoming request's cookies, forwarded so the API sees the same session as the browser. */
async function cookieHeader(): Promise<string> {
  const store = await cookies();
  return store
    .getAll()
    .map(({ name, value }) => `${name}=${encodeURIComponent(value)}`)
    .join('; ');
}

/** A client acting as the person behind this request (reads only: writes go from the browser). */
export async function sessionApi() {
  const cookie = await cookieHeader();
  return createAtelierClient({
    baseUrl: apiBaseUrl(),
    headers: cookie ? { cookie } : {},
    fetch: (request) => fetch(request, { cache: 'no-store', signal: AbortSignal.timeout(API_TIMEOUT_MS) }),
  });
}

/**
 * The signed-in person: `null` when signed out (no cookie, or the API says 401), an error outcome when
 * the API could not answer. Shared by the header and the page of one request.
 */
export const getMe = cache(async (): Promise<Outcome<Me | null>> => {
  const store = await cookies();
  if (!SESSION_COOKIES.some((name) => store.has(name))) return { ok: true, value: null };
  try {
    return { ok: true, value: await unwrap((await sessionApi()).GET('/api/v1/me')) };
  } catch (error) {
    if (error instanceof AtelierApiError) {
      if (error.status === 401) return { ok: true, value: null };
      return { ok: false, error };
    }
    throw error;
  }
});

/**
 * Routes the API documents right now (`GET /api/v1/me/sessions`, ...), from its OpenAPI document, so a
 * page can say honestly that a feature is not available yet instead of failing or inventing data.
 */
export const documentedRoutes = cache(async (): Promise<Set<string>> => {
  try {
    return await listDocumentedRoutes(rawOptions(''));
  } catch {
    return new Set();
  }
});

function rawOptions(cookie: string): RawRequestOptions {
  return {
    baseUrl: apiBaseUrl(),
    headers: cookie ? { cookie } : {},
    fetch: (request) => fetch(request, { cache: 'no-store', signal: AbortSignal.timeout(API_TIMEOUT_MS) }),
  };
}

/** A GET as the signed-in person for routes newer than this build's generated types. */
export async function getAsSession<T>(path: string): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await rawRequest<T>(rawOptions(await cookieHeader()), 'GET', path) };
  } catch (error) {
    if (error instanceof AtelierApiError) return { ok: false, error };
    throw error;
  }
}
