import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing.js';
import { Jar, signUpVerified, TEST_PASSWORD, totpCode } from './testing.js';
import { assertTwoFactorSatisfied } from './two-factor.js';

describe('identity: two-factor authentication (TOTP and backup codes)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const post = (url: string, jar: Jar, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { origin: t.config.publicUrl, cookie: jar.header() },
      payload,
    });

  const signIn = (email: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.config.publicUrl },
      payload: { email, password: TEST_PASSWORD },
    });

  it('enrols with a TOTP code, then asks for a code at sign-in; backup codes work once', async () => {
    const { jar, userId } = await signUpVerified(t, 'ada@example.com');

    const wrongPassword = await post('/api/auth/two-factor/enable', jar, { password: 'not my password' });
    expect(wrongPassword.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrongPassword.statusCode).toBeLessThan(500);

    const enabled = await post('/api/auth/two-factor/enable', jar, { password: TEST_PASSWORD });
    expect(enabled.statusCode).toBe(200);
    const { totpURI, backupCodes } = enabled.json() as { totpURI: string; backupCodes: string[] };
    expect(totpURI).toMatch(/^otpauth:\/\/totp\/.*issuer=Atelier/);
    expect(backupCodes.length).toBeGreaterThan(0);

    // Not on until a code proves the authenticator app holds the secret.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: jar.header() } })).json()
        .twoFactorEnabled,
    ).toBe(false);
    await expect(
      assertTwoFactorSatisfied(t.database.db, {
        kind: 'user',
        userId,
        email: 'ada@example.com',
        name: 'Ada',
        platformRole: 'user',
        sessionId: 'x',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const confirmed = await post('/api/auth/two-factor/verify-totp', jar, { code: totpCode(totpURI) });
    expect(confirmed.statusCode).toBe(200);
    jar.take(confirmed.headers['set-cookie']);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: jar.header() } });
    expect(me.json().twoFactorEnabled).toBe(true);
    await expect(
      assertTwoFactorSatisfied(t.database.db, {
        kind: 'user',
        userId,
        email: 'ada@example.com',
        name: 'Ada',
        platformRole: 'user',
        sessionId: 'x',
      }),
    ).resolves.toBeUndefined();

    jar.take((await post('/api/auth/sign-out', jar, {})).headers['set-cookie']);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: jar.header() } }))
        .statusCode,
    ).toBe(401);

    // The password alone no longer makes a session.
    const first = await signIn('ada@example.com');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ twoFactorRedirect: true });
    const pending = new Jar().take(first.headers['set-cookie']);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: pending.header() } }))
        .statusCode,
    ).toBe(401);
    const wrongCode = await post('/api/auth/two-factor/verify-totp', pending, { code: '000000' });
    expect(wrongCode.statusCode).toBe(401);
    const verified = await post('/api/auth/two-factor/verify-totp', pending, { code: totpCode(totpURI) });
    expect(verified.statusCode).toBe(200);
    pending.take(verified.headers['set-cookie']);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: pending.header() } }))
        .statusCode,
    ).toBe(200);

    // A backup code stands in for the authenticator once.
    const backup = backupCodes[0] ?? '';
    const viaBackup = new Jar().take((await signIn('ada@example.com')).headers['set-cookie']);
    const used = await post('/api/auth/two-factor/verify-backup-code', viaBackup, { code: backup });
    expect(used.statusCode).toBe(200);
    viaBackup.take(used.headers['set-cookie']);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: viaBackup.header() } }))
        .statusCode,
    ).toBe(200);
    const again = new Jar().take((await signIn('ada@example.com')).headers['set-cookie']);
    const reused = await post('/api/auth/two-factor/verify-backup-code', again, { code: backup });
    expect(reused.statusCode).toBeGreaterThanOrEqual(400);
    expect(reused.statusCode).toBeLessThan(500);
  });

  it('lets API keys and the system through the two-factor requirement, and refuses anonymous', async () => {
    await expect(
      assertTwoFactorSatisfied(t.database.db, { kind: 'apiKey', keyId: 'k', studioId: 's', name: 'n' }),
    ).resolves.toBeUndefined();
    await expect(assertTwoFactorSatisfied(t.database.db, { kind: 'anonymous' })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });
});
