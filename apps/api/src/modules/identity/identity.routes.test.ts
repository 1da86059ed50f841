import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireUser } from '../../platform/http/actor.js';
import { getMail, listMail } from '../../platform/mailer/index.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import { Jar } from './testing.js';

const PASSWORD = 'correct horse battery';

async function latestMailTo(t: TestApp, to: string) {
  const page = await listMail(t.database, { limit: 100 });
  const summary = page.items.find((mail) => mail.toAddress === to);
  if (!summary) throw new Error(`no mail to ${to}`);
  return getMail(t.database, summary.id);
}

function linkIn(text: string): URL {
  const match = /https?:\/\/\S+/.exec(text);
  if (!match) throw new Error('no link in mail');
  return new URL(match[0]);
}

describe('identity: sign-up, verification, sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      prepare: (app) => {
        app.post('/api/v1/test/whoami', { schema: { body: Type.Object({}) } }, async (request) => ({
          userId: requireUser(request).userId,
        }));
      },
    });
  });
  afterAll(async () => t.close());

  const signUp = (email: string, extra: Record<string, unknown> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin: t.config.publicUrl },
      payload: { name: 'Ada Lovelace', email, password: PASSWORD, ...extra },
    });
  const signIn = (email: string, password = PASSWORD, remoteAddress = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      remoteAddress,
      url: '/api/auth/sign-in/email',
      headers: { origin: t.config.publicUrl },
      payload: { email, password },
    });

  it('signs up, mails a verification link, and signs in once the link is followed', async () => {
    const email = 'ada@example.com';
    const created = await signUp(email);
    expect(created.statusCode).toBe(200);

    const refused = await signIn(email);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');

    const mail = await latestMailTo(t, email);
    expect(mail.subject).toBe('Confirm your email address');
    const link = linkIn(mail.text);
    const jar = new Jar();
    const verified = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect([200, 302]).toContain(verified.statusCode);
    jar.take(verified.headers['set-cookie']);

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: jar.header() } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      email,
      emailVerified: true,
      name: 'Ada Lovelace',
      platformRole: 'user',
    });

    const signedIn = await signIn(email);
    expect(signedIn.statusCode).toBe(200);
    const cookie = [signedIn.headers['set-cookie']].flat().join('\n');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('answers /api/v1/me without a session with 401 problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses bad sign-up input with a 4xx problem', async () => {
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin: t.config.publicUrl },
      payload: { name: 'No Email', password: PASSWORD },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const malformed = await signUp('not-an-email');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toContainEqual(expect.objectContaining({ field: 'body.email' }));
    const shortPassword = await signUp('short@example.com', { password: 'short' });
    expect(shortPassword.statusCode).toBe(400);
    const oversized = await signUp('long@example.com', { name: 'x'.repeat(5000) });
    expect(oversized.statusCode).toBe(400);
    expect(oversized.json().errors).toContainEqual(expect.objectContaining({ field: 'body.name' }));
    expect(missing.json().errors).toContainEqual(expect.objectContaining({ field: 'body.email' }));
  });

  it('answers the sixth wrong password in a row with 429 and Retry-After', async () => {
    const email = 'grace@example.com';
    await signUp(email);
    const statuses: number[] = [];
    // From an address of its own, so the address counter does not spill into other tests.
    const attacker = '203.0.113.9';
    for (let attempt = 0; attempt < 6; attempt++) {
      statuses.push((await signIn(email, 'wrong password!', attacker)).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // The account is locked for its right password too, from anywhere, until the window ends.
    const blocked = await signIn(email, PASSWORD, '198.51.100.7');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json().code).toBe('rate_limited');
  });

  it('resets a password through a single-use emailed link', async () => {
    const email = 'katherine@example.com';
    await signUp(email);
    const verifyLink = linkIn((await latestMailTo(t, email)).text);
    await t.app.inject({ method: 'GET', url: `${verifyLink.pathname}${verifyLink.search}` });

    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/request-password-reset',
      headers: { origin: t.config.publicUrl },
      payload: { email, redirectTo: `${t.config.publicUrl}/reset-password` },
    });
    expect(asked.statusCode).toBe(200);
    const mail = await latestMailTo(t, email);
    expect(mail.subject).toBe('Reset your password');
    const resetLink = linkIn(mail.text);
    // The emailed link goes through the API, which redirects to the page with the token.
    const followed = await t.app.inject({ method: 'GET', url: `${resetLink.pathname}${resetLink.search}` });
    const token = new URL(String(followed.headers.location), t.config.publicUrl).searchParams.get('token');
    expect(token).toBeTruthy();

    const newPassword = 'a brand new passphrase';
    const reset = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/reset-password',
        headers: { origin: t.config.publicUrl },
        payload: { newPassword, token },
      });
    expect((await reset()).statusCode).toBe(200);
    expect((await signIn(email, newPassword)).statusCode).toBe(200);
    expect((await signIn(email, PASSWORD)).statusCode).toBe(401);
    const reused = await reset();
    expect(reused.statusCode).toBeGreaterThanOrEqual(400);
    expect(reused.statusCode).toBeLessThan(500);
  });

  it('refuses a cookie-authenticated write from another origin (CSRF)', async () => {
    const email = 'margaret@example.com';
    await signUp(email);
    const link = linkIn((await latestMailTo(t, email)).text);
    const jar = new Jar();
    jar.take(
      (await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` })).headers['set-cookie'],
    );
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/whoami',
      headers: { cookie: jar.header(), origin: 'https://evil.example' },
      payload: {},
    });
    expect(foreign.statusCode).toBe(403);
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/whoami',
      headers: { cookie: jar.header(), origin: t.config.publicUrl },
      payload: {},
    });
    expect(own.statusCode).toBe(200);
  });
});
