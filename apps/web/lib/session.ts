import 'server-only';
import { AtelierApiError, type AtelierClient, type JsonBody, rawRequest, unwrap } from '@atelier/sdk';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { attempt, failed, type Outcome } from '@/lib/outcome';
import { serverApiOptions, visitorApi } from '@/lib/server-api';

// better-auth's session cookie (prefix `atelier`); its `__Secure-` twin is used over HTTPS.
const SESSION_COOKIES = ['atelier.session_token', '__Secure-atelier.session_token'];

export type Me = JsonBody<'getMe', 200>;
export type MyStudio = JsonBody<'listMyStudios', 200>['items'][number];
export type StudioRole = MyStudio['role'];

/**
 * The signed-in person: `null` when signed out (no cookie, or the API says 401), an error outcome when
 * the API could not answer. Shared by the header and the page of one request.
 */
export const getMe = cache(async (): Promise<Outcome<Me | null>> => {
  const store = await cookies();
  if (!SESSION_COOKIES.some((name) => store.has(name))) return { ok: true, value: null };
  try {
    return { ok: true, value: await unwrap((await visitorApi()).GET('/api/v1/me')) };
  } catch (error) {
    if (error instanceof AtelierApiError) {
      if (error.status === 401) return { ok: true, value: null };
      return failed(error);
    }
    throw error;
  }
});

/** A GET as the signed-in person for routes newer than this build's generated types. */
export async function getAsSession<T>(path: string): Promise<Outcome<T>> {
  return attempt(
    serverApiOptions({ asVisitor: true }).then((options) => rawRequest<T>(options, 'GET', path)),
  );
}

/** A GET as the signed-in person through the typed client, as an Outcome (never throws API errors). */
export async function asSession<T>(call: (api: AtelierClient) => Promise<T>): Promise<Outcome<T>> {
  return attempt(visitorApi().then(call));
}

/** The studios the signed-in person works in, with their role (first 100: the switcher and account). */
export const getMyStudios = cache(
  async (): Promise<Outcome<MyStudio[]>> =>
    asSession(
      async (api) =>
        (await unwrap(api.GET('/api/v1/me/studios', { params: { query: { limit: 100 } } }))).items,
    ),
);

/**
 * Who is looking at a studio's admin: signed out, not a member (the API answers strangers 404), or a
 * member with a role. Shared by the admin layout and its pages within one request.
 */
export type Membership =
  | { kind: 'signed-out' }
  | { kind: 'error'; error: AtelierApiError }
  | { kind: 'stranger' }
  | { kind: 'member'; role: StudioRole; me: Me; studios: MyStudio[] };

export const getMembership = cache(async (slug: string): Promise<Membership> => {
  const me = await getMe();
  if (!me.ok) return { kind: 'error', error: me.error };
  if (!me.value) return { kind: 'signed-out' };
  const studios = await getMyStudios();
  if (!studios.ok) {
    if (studios.error.status === 401) return { kind: 'signed-out' };
    return { kind: 'error', error: studios.error };
  }
  const mine = studios.value.find((entry) => entry.studio.slug === slug);
  if (!mine) return { kind: 'stranger' };
  return { kind: 'member', role: mine.role, me: me.value, studios: studios.value };
});

const RANK: Record<StudioRole, number> = { owner: 4, admin: 3, staff: 2, moderator: 1 };

/** True when `role` is `least` or above (owner > admin > staff > moderator), as the API's policy ranks them. */
export function roleAtLeast(role: StudioRole, least: StudioRole): boolean {
  return RANK[role] >= RANK[least];
}
