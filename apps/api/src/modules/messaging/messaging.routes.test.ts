import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';

describe('the mail log', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof identityTesting.signUpVerified>>;
  let stranger: Awaited<ReturnType<typeof identityTesting.signUpVerified>>;
  let studioId = '';

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await identityTesting.signUpVerified(t, 'owner@mail-log.test', 'Olive Owner');
    stranger = await identityTesting.signUpVerified(t, 'stranger@mail-log.test', 'Sam Stranger');
    studioId = (await openStudio(t, owner, { slug: 'mail-log', name: 'Mail Log Studio' })).id;
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
    const list = await requestAs(t, owner)('GET', '/api/v1/studios/mail-log/mail');
    expect(list.statusCode).toBe(200);
    const [first] = list.json().items;
    expect(first).toMatchObject({
      to: 'client@example.com',
      subject: 'Your gallery is ready',
      transport: 'kept',
      status: 'kept',
    });
    const one = await requestAs(t, owner)('GET', `/api/v1/studios/mail-log/mail/${first.id}`);
    expect(one.json()).toMatchObject({ text: 'Hi', html: '<p>Hi</p>' });
  });

  it('hides a studio’s mail from strangers (404) and anonymous callers (401)', async () => {
    const asStranger = await requestAs(t, stranger)('GET', '/api/v1/studios/mail-log/mail');
    expect(asStranger.statusCode).toBe(404);
    expect((await requestAs(t, null)('GET', '/api/v1/studios/mail-log/mail')).statusCode).toBe(401);
  });

  it('shows platform mail (verification links) to platform admins only', async () => {
    const refused = await requestAs(t, stranger)('GET', '/api/v1/platform/mail');
    expect(refused.statusCode).toBe(403);
    await identityTesting.makePlatformAdmin(t, stranger.userId);
    const list = await requestAs(t, stranger)('GET', '/api/v1/platform/mail?limit=100');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { to: string; template: string | null; studioId: string | null }[];
    expect(items.some((mail) => mail.to === 'owner@mail-log.test' && mail.template === 'verify-email')).toBe(
      true,
    );
    expect(items.every((mail) => mail.studioId === null)).toBe(true);
  });
});
