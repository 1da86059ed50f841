import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing.js';
import { identityTesting } from '../identity/index.js';

describe('the mail log', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof identityTesting.signUpVerified>>;
  let stranger: Awaited<ReturnType<typeof identityTesting.signUpVerified>>;
  let studioId = '';

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await identityTesting.signUpVerified(t, 'owner@mail-log.test', 'Olive Owner');
    stranger = await identityTesting.signUpVerified(t, 'stranger@mail-log.test', 'Sam Stranger');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/studios',
      headers: { cookie: owner.jar.header(), origin: t.config.publicUrl },
      payload: { slug: 'mail-log', name: 'Mail Log Studio', currency: 'USD', timezone: 'UTC', locale: 'en' },
    });
    expect(created.statusCode).toBe(201);
    studioId = created.json().id;
    await t.mailer.send({
      to: 'client@example.com',
      subject: 'Your gallery is ready',
      html: '<p>Hi</p>',
      text: 'Hi',
      studioId,
    });
  });
  afterAll(async () => t.close());

  it("lets the studio's staff read its kept mail, newest first, with bodies", async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/studios/mail-log/mail',
      headers: { cookie: owner.jar.header() },
    });
    expect(list.statusCode).toBe(200);
    const [first] = list.json().items;
    expect(first).toMatchObject({
      to: 'client@example.com',
      subject: 'Your gallery is ready',
      transport: 'kept',
      status: 'kept',
    });
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/v1/studios/mail-log/mail/${first.id}`,
      headers: { cookie: owner.jar.header() },
    });
    expect(one.json()).toMatchObject({ text: 'Hi', html: '<p>Hi</p>' });
  });

  it('hides a studio’s mail from strangers (404) and anonymous callers (401)', async () => {
    const asStranger = await t.app.inject({
      method: 'GET',
      url: '/api/v1/studios/mail-log/mail',
      headers: { cookie: stranger.jar.header() },
    });
    expect(asStranger.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/studios/mail-log/mail' })).statusCode).toBe(
      401,
    );
  });

  it('shows platform mail (verification links) to platform admins only', async () => {
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/v1/platform/mail',
      headers: { cookie: stranger.jar.header() },
    });
    expect(refused.statusCode).toBe(403);
    await identityTesting.makePlatformAdmin(t, stranger.userId);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/platform/mail?limit=100',
      headers: { cookie: stranger.jar.header() },
    });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { to: string; template: string | null; studioId: string | null }[];
    expect(items.some((mail) => mail.to === 'owner@mail-log.test' && mail.template === 'verify-email')).toBe(
      true,
    );
    expect(items.every((mail) => mail.studioId === null)).toBe(true);
  });
});
