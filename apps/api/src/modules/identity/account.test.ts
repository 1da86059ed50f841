import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Method, requestAs, type TestApp } from '../../testing.js';
import { Jar, makePlatformAdmin, signUpVerified, TEST_PASSWORD } from './testing.js';

describe('identity: your account (profile, sessions, export, deletion)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  /** A signed-in person in one browser, which the session list describes. */
  const call = (method: Method, url: string, jar: Jar, payload?: Record<string, unknown>) =>
    requestAs(t, jar, {
      'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Gecko/20100101 Firefox/128.0',
    })(method, url, payload);
  const signIn = async (email: string, userAgent: string) =>
    new Jar().take(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in/email',
          headers: { origin: t.config.publicUrl, 'user-agent': userAgent },
          payload: { email, password: TEST_PASSWORD },
        })
      ).headers['set-cookie'],
    );

  it('updates name, phone, consent and picture, and refuses bad values naming the field', async () => {
    const { jar } = await signUpVerified(t, 'ada@example.com');
    const ok = await call('PATCH', '/api/v1/me', jar, {
      name: 'Ada King',
      phone: '+44 20 7946 0000',
      marketingConsent: true,
      image: 'https://images.example.com/ada.png',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Ada King', phone: '+44 20 7946 0000', marketingConsent: true });
    for (const [field, value] of [
      ['name', ''],
      ['phone', 'call me maybe'],
      ['image', 'javascript:alert(1)'],
      ['marketingConsent', 'yes please'],
    ] as const) {
      const bad = await call('PATCH', '/api/v1/me', jar, { [field]: value });
      expect(bad.statusCode, field).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(bad.json().errors), field).toContain(`body.${field}`);
    }
    const unknown = await call('PATCH', '/api/v1/me', jar, { email: 'evil@example.com' });
    expect(unknown.statusCode).toBe(400);
    expect((await call('PATCH', '/api/v1/me', new Jar(), { name: 'x' })).statusCode).toBe(401);
  });

  it('lists sessions with device and current flag, and signs one out', async () => {
    const { jar } = await signUpVerified(t, 'grace@example.com');
    const phone = await signIn(
      'grace@example.com',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1',
    );
    const listed = await call('GET', '/api/v1/me/sessions', jar);
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as { id: string; device: string; current: boolean; ip: string }[];
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const other = items.find((s) => !s.current);
    expect(other?.device).toBe('Safari on iOS');
    expect(other?.ip).toBe('127.0.0.1');
    expect((await call('DELETE', `/api/v1/me/sessions/${other?.id}`, jar)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/me', phone)).statusCode).toBe(401);
    expect((await call('DELETE', `/api/v1/me/sessions/${other?.id}`, jar)).statusCode).toBe(404);
    expect((await call('DELETE', '/api/v1/me/sessions/not-a-uuid', jar)).statusCode).toBe(400);
  });

  it('exports profile, sign-in methods, sessions and audit entries, without secrets', async () => {
    const { jar, userId } = await signUpVerified(t, 'katherine@example.com');
    await signIn('katherine@example.com', 'curl/8.0');
    const res = await call('GET', '/api/v1/me/export', jar);
    expect(res.statusCode).toBe(200);
    const archive = res.json();
    expect(archive.profile).toMatchObject({ id: userId, email: 'katherine@example.com' });
    expect(archive.accounts).toEqual([expect.objectContaining({ providerId: 'credential' })]);
    expect(archive.sessions.length).toBeGreaterThanOrEqual(2);
    expect(archive.auditEntries).toContainEqual(
      expect.objectContaining({ action: 'auth.sign_in.succeeded' }),
    );
    const text = res.body;
    expect(text).not.toMatch(/password|token|secret/i);
  });

  it('deletes an account by anonymising it, after checking the password', async () => {
    const { jar, userId } = await signUpVerified(t, 'margaret@example.com');
    const wrong = await call('DELETE', '/api/v1/me', jar, { password: 'not my password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toContainEqual(expect.objectContaining({ field: 'body.password' }));
    const deleted = await call('DELETE', '/api/v1/me', jar, { password: TEST_PASSWORD });
    expect(deleted.statusCode).toBe(204);
    expect((await call('GET', '/api/v1/me', jar)).statusCode).toBe(401);
    const signInAgain = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.config.publicUrl },
      payload: { email: 'margaret@example.com', password: TEST_PASSWORD },
    });
    expect(signInAgain.statusCode).toBe(401);
    const admin = await signUpVerified(t, 'admin@example.com');
    await makePlatformAdmin(t, admin.userId);
    const found = await call(
      'GET',
      `/api/v1/platform/users?search=${encodeURIComponent(`deleted+${userId}`)}`,
      admin.jar,
    );
    expect(found.json().items).toEqual([
      expect.objectContaining({ id: userId, name: 'Deleted user', email: `deleted+${userId}@invalid` }),
    ]);
    expect(found.json().items[0].deletedAt).not.toBeNull();
  });

  it('allows deletion without the password only from a fresh session', async () => {
    const { jar } = await signUpVerified(t, 'hedy@example.com');
    // A session from the sign-up moments ago counts as recent.
    const fresh = await call('DELETE', '/api/v1/me', jar);
    expect(fresh.statusCode, fresh.body).toBe(204);
  });
});

describe('identity: platform administration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const call = (method: 'GET' | 'POST', url: string, jar: Jar, payload?: Record<string, unknown>) =>
    t.app.inject({
      method,
      url,
      headers: { origin: t.config.publicUrl, cookie: jar.header() },
      ...(payload === undefined ? {} : { payload }),
    });

  it('is for platform admins only', async () => {
    const { jar } = await signUpVerified(t, 'someone@example.com');
    for (const url of ['/api/v1/platform/users', '/api/v1/platform/studios', '/api/v1/platform/audit']) {
      expect((await call('GET', url, jar)).statusCode, url).toBe(403);
      expect((await call('GET', url, new Jar())).statusCode, url).toBe(401);
    }
  });

  it('searches people by email, bans one (their session ends at once) and unbans', async () => {
    const admin = await signUpVerified(t, 'root@example.com');
    await makePlatformAdmin(t, admin.userId);
    const target = await signUpVerified(t, 'troll@example.com');
    expect((await call('GET', '/api/v1/me', target.jar)).statusCode).toBe(200);

    const search = await call('GET', '/api/v1/platform/users?search=TROLL', admin.jar);
    expect(search.json().items.map((u: { email: string }) => u.email)).toEqual(['troll@example.com']);
    const page = await call('GET', '/api/v1/platform/users?limit=1', admin.jar);
    expect(page.json().items).toHaveLength(1);
    expect(page.json().nextCursor).toBeTruthy();
    expect((await call('GET', '/api/v1/platform/users?cursor=nope', admin.jar)).statusCode).toBe(400);

    const banned = await call('POST', `/api/v1/platform/users/${target.userId}/ban`, admin.jar, {
      reason: 'spam',
    });
    expect(banned.statusCode).toBe(200);
    expect(banned.json()).toMatchObject({ banned: true, banReason: 'spam' });
    expect((await call('GET', '/api/v1/me', target.jar)).statusCode).toBe(401);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.config.publicUrl },
      payload: { email: 'troll@example.com', password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(403);

    // No body at all is a ban without reason or end.
    const self = await call('POST', `/api/v1/platform/users/${admin.userId}/ban`, admin.jar);
    expect(self.statusCode).toBe(422);
    const bad = await call('POST', `/api/v1/platform/users/${target.userId}/ban`, admin.jar, {
      expiresInSeconds: 5,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toContainEqual(expect.objectContaining({ field: 'body.expiresInSeconds' }));
    expect(
      (await call('POST', '/api/v1/platform/users/01900000-0000-7000-8000-000000000000/ban', admin.jar, {}))
        .statusCode,
    ).toBe(404);

    const unbanned = await call('POST', `/api/v1/platform/users/${target.userId}/unban`, admin.jar, {});
    expect(unbanned.json()).toMatchObject({ banned: false });
    const audit = await call('GET', '/api/v1/platform/audit?action=platform.user.*', admin.jar);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual([
      'platform.user.unbanned',
      'platform.user.banned',
    ]);
  });

  it('lists every studio', async () => {
    const admin = await signUpVerified(t, 'ops@example.com');
    await makePlatformAdmin(t, admin.userId);
    const res = await call('GET', '/api/v1/platform/studios', admin.jar);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveProperty('items');
  });
});
