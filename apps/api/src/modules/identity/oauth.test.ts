import { sql } from 'drizzle-orm';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../platform/db/index.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import { Jar, signUpVerified } from './testing.js';

/**
 * OAuth sign-in end to end against a real OAuth 2 / OpenID Connect server on 127.0.0.1: the app's
 * providers point at it through config, exactly as they point at Discord and Google in production.
 */
describe('identity: sign-in with Discord and Google (OAuth)', () => {
  let t: TestApp;
  let server: OAuth2Server;
  let discordProfile: Record<string, unknown> = {};
  let googleClaims: Record<string, unknown> = {};

  beforeAll(async () => {
    server = new OAuth2Server();
    await server.issuer.keys.generate('RS256');
    await server.start(0, '127.0.0.1');
    const issuer = server.issuer.url ?? '';
    server.service.on('beforeUserinfo', (userInfo: { body: Record<string, unknown> }) => {
      userInfo.body = discordProfile;
    });
    server.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
      Object.assign(token.payload, googleClaims);
    });
    t = await buildTestApp({
      config: {
        oauth: {
          discord: {
            clientId: 'discord-client',
            clientSecret: 'discord-secret',
            authorizationUrl: `${issuer}/authorize`,
            tokenUrl: `${issuer}/token`,
            userInfoUrl: `${issuer}/userinfo`,
          },
          google: {
            clientId: 'google-client',
            clientSecret: 'google-secret',
            discoveryUrl: `${issuer}/.well-known/openid-configuration`,
          },
        },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  /** Start -> provider's authorize page (it signs the person in at once) -> our callback. */
  async function signInWith(providerId: string) {
    const jar = new Jar();
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/oauth2',
      headers: { origin: t.config.publicUrl },
      payload: { providerId, callbackURL: `${t.config.publicUrl}/welcome` },
    });
    expect(started.statusCode).toBe(200);
    jar.take(started.headers['set-cookie']);
    const { url } = started.json() as { url: string };
    expect(url.startsWith(server.issuer.url ?? '-')).toBe(true);
    const authorized = await fetch(url, { redirect: 'manual' });
    expect(authorized.status).toBe(302);
    const callback = new URL(authorized.headers.get('location') ?? '');
    expect(callback.pathname).toBe(`/api/auth/callback/${providerId}`);
    const finished = await t.app.inject({
      method: 'GET',
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie: jar.header() },
    });
    jar.take(finished.headers['set-cookie']);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: jar.header() } });
    return { finished, me, jar };
  }

  it('lists the enabled providers for the sign-in page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      emailPassword: true,
      oauth: [
        { id: 'discord', name: 'Discord' },
        { id: 'google', name: 'Google' },
      ],
    });
  });

  it('refuses an unknown provider with 400 naming providerId', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/oauth2',
      headers: { origin: t.config.publicUrl },
      payload: { providerId: 'myspace' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ field: 'body.providerId' }));
  });

  it('links Discord to an existing person when both sides verified the email, and signs them in', async () => {
    const { userId } = await signUpVerified(t, 'ada@example.com', 'Ada Lovelace');
    discordProfile = { id: '80351110224678912', username: 'ada', email: 'ada@example.com', verified: true };
    const { finished, me, jar } = await signInWith('discord');
    expect(finished.statusCode).toBe(302);
    expect(finished.headers.location).toBe(`${t.config.publicUrl}/welcome`);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: userId, email: 'ada@example.com' });
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/export',
      headers: { cookie: jar.header() },
    });
    const providers = (exported.json().accounts as { providerId: string; accountId: string }[]).map(
      (account) => `${account.providerId}:${account.accountId}`,
    );
    expect(providers.sort()).toEqual([`credential:${userId}`, 'discord:80351110224678912'].sort());
  });

  it('does not link when the provider has not verified the email (no session, no account)', async () => {
    const { userId } = await signUpVerified(t, 'grace@example.com', 'Grace Hopper');
    discordProfile = { id: '99999', username: 'mallory', email: 'grace@example.com', verified: false };
    const { finished, me } = await signInWith('discord');
    expect(finished.statusCode).toBe(302);
    expect(String(finished.headers.location)).toContain('error=');
    expect(me.statusCode).toBe(401);
    const linked = await selectRows(
      t.database.db,
      sql`select provider_id from accounts where user_id = ${userId}`,
    );
    expect(linked).toEqual([{ provider_id: 'credential' }]);
  });

  it('signs a new person up with Google (OpenID Connect, ID token checked against the JWKS)', async () => {
    googleClaims = {
      sub: 'google-123',
      email: 'katherine@example.com',
      email_verified: true,
      name: 'Katherine',
    };
    const { finished, me } = await signInWith('google');
    expect(finished.statusCode).toBe(302);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      email: 'katherine@example.com',
      emailVerified: true,
      name: 'Katherine',
    });
  });
});
