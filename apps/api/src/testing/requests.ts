import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { invalidateStudios, type NewStudio, type PlanId, setStudioPlan } from '../modules/studios/index.js';
import type { TestApp } from '../testing.js';

/** Anything that can answer a Cookie header: identity's test Jar, kept up to date by the caller. */
export interface CookieJar {
  header(): string;
}

/** Who a request is from: a signed-in person as `signUpVerified` returns them, a bare browser jar, or nobody. */
export type Who = { jar: CookieJar } | CookieJar | null;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Requests as `who` would send them from the web app: the public Origin (which cookie-authenticated
 * writes need) and their cookies (none when `who` is null). `headers` go on every request;
 * per-request headers (idempotency-key, content-type for a raw CSV or image body) win over them.
 * Queries stay in the URL, as a browser would send them.
 */
export function requestAs(t: TestApp, who: Who, headers: Record<string, string> = {}) {
  const jar = who && 'jar' in who ? who.jar : who;
  return (
    method: Method,
    url: string,
    payload?: InjectOptions['payload'],
    extra: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        origin: t.config.publicUrl,
        ...(jar ? { cookie: jar.header() } : {}),
        ...headers,
        ...extra,
      },
      ...(payload === undefined ? {} : { payload }),
    });
}

/** Requests as one person, e.g. `let asOwner: Requester` set in `beforeAll` once the owner has signed up. */
export type Requester = ReturnType<typeof requestAs>;

/**
 * Opens a studio through the API as `owner` (name from the slug, USD, UTC, English unless overridden)
 * and fails the test with the answer's body unless it is 201. A studio always opens on starter (a
 * `plan` in `studio` is only the plan the owner asks for); `options.plan` then puts it on that plan
 * through the platform's plan write, as a paid subscription would, so that tests needing a team or a
 * bigger catalog get the room without going through billing.
 */
export async function openStudio(
  t: TestApp,
  owner: { jar: CookieJar; userId: string },
  studio: { slug: string } & Partial<NewStudio>,
  { plan = 'starter' }: { plan?: PlanId } = {},
): Promise<{ id: string; slug: string }> {
  const res = await requestAs(t, owner)('POST', '/api/v1/studios', {
    name: studio.slug,
    currency: 'USD',
    timezone: 'UTC',
    locale: 'en',
    ...studio,
  });
  expect(res.statusCode, res.body).toBe(201);
  const { id, slug } = res.json() as { id: string; slug: string };
  if (plan !== 'starter') {
    await t.database.transaction((tx) =>
      setStudioPlan(tx, id, plan, { actorUserId: owner.userId, reason: 'test' }),
    );
    await invalidateStudios(t.cache);
  }
  return { id, slug };
}
