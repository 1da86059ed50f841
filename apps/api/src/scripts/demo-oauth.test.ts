import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as identityTesting from '../modules/identity/testing.js';
import { buildTestApp, type TestApp } from '../testing.js';
import { DEMO_DISCORD_PLAYER, startDemoDiscord } from './demo-oauth.js';

describe('the demo Discord server (npm run demo:oauth)', () => {
  let t: TestApp;
  let demo: Awaited<ReturnType<typeof startDemoDiscord>>;

  beforeAll(async () => {
    demo = await startDemoDiscord({ port: 0 });
    t = await buildTestApp({
      config: {
        oauth: {
          discord: {
            clientId: demo.env.OAUTH_DISCORD_CLIENT_ID,
            clientSecret: demo.env.OAUTH_DISCORD_CLIENT_SECRET,
            authorizationUrl: demo.env.OAUTH_DISCORD_AUTHORIZATION_URL,
            tokenUrl: demo.env.OAUTH_DISCORD_TOKEN_URL,
            userInfoUrl: demo.env.OAUTH_DISCORD_USERINFO_URL,
          },
          google: undefined,
        },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await demo.stop();
  });

  it('signs the demo player in with "Discord" through the printed settings', async () => {
    const providers = await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(JSON.stringify(providers.json())).toContain('discord');
    const jar = new identityTesting.Jar();
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/oauth2',
      headers: { origin: t.config.publicUrl },
      payload: { providerId: 'discord', callbackURL: `${t.config.publicUrl}/qr-studios` },
    });
    jar.take(started.headers['set-cookie']);
    const authorized = await fetch((started.json() as { url: string }).url, { redirect: 'manual' });
    const callback = new URL(authorized.headers.get('location') ?? '');
    const finished = await t.app.inject({
      method: 'GET',
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie: jar.header() },
    });
    jar.take(finished.headers['set-cookie']);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: jar.header() } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      email: DEMO_DISCORD_PLAYER.email,
      name: DEMO_DISCORD_PLAYER.global_name,
      emailVerified: true,
    });
  });
});
