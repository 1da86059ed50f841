import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

describe('api-keys: studio integration keys', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let otherOwner: { jar: Jar; userId: string };

  const withKey = (key: string, url: string) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  beforeAll(async () => {
    t = await buildTestApp();
    owner = await signUpVerified(t, 'owner-a@example.com');
    otherOwner = await signUpVerified(t, 'owner-b@example.com');
    await openStudio(t, owner, { slug: 'studio-a' });
    await openStudio(t, otherOwner, { slug: 'studio-b' });
  });
  afterAll(async () => t.close());

  it('shows a new key once, lists it by prefix only, and refuses bad input naming the field', async () => {
    const created = await requestAs(t, owner)('POST', '/api/v1/studios/studio-a/api-keys', {
      name: 'Zapier',
    });
    expect(created.statusCode).toBe(201);
    const { key, prefix, id } = created.json();
    expect(key).toMatch(/^atk_[a-z0-9]{8}_[A-Za-z0-9]{32}$/);
    expect(key.slice(4, 12)).toBe(prefix);
    const listed = await requestAs(t, owner)('GET', '/api/v1/studios/studio-a/api-keys');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([
      expect.objectContaining({ id, prefix, name: 'Zapier', lastUsedAt: null }),
    ]);
    expect(listed.body).not.toContain(key.slice(13));
    const bad = await requestAs(t, owner)('POST', '/api/v1/studios/studio-a/api-keys', { name: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toContainEqual(expect.objectContaining({ field: 'body.name' }));
    expect((await requestAs(t, owner)('DELETE', '/api/v1/studios/studio-a/api-keys/nope')).statusCode).toBe(
      400,
    );
  });

  it("lets only the studio's admins manage keys", async () => {
    const stranger = await requestAs(t, otherOwner)('GET', '/api/v1/studios/studio-a/api-keys');
    expect([403, 404]).toContain(stranger.statusCode);
    expect((await requestAs(t, new Jar())('GET', '/api/v1/studios/studio-a/api-keys')).statusCode).toBe(401);
  });

  it("authenticates as its studio, is refused on another studio's routes, and is 401 once revoked", async () => {
    const { key, id } = (
      await requestAs(t, owner)('POST', '/api/v1/studios/studio-a/api-keys', { name: 'Reporting' })
    ).json();
    const own = await withKey(key, '/api/v1/studios/studio-a/audit');
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((e: { action: string }) => e.action)).toContain('api_key.created');
    const foreign = await withKey(key, '/api/v1/studios/studio-b/audit');
    expect([403, 404]).toContain(foreign.statusCode);
    // A key cannot mint keys: that needs a person.
    const mint = await t.app.inject({
      method: 'POST',
      url: '/api/v1/studios/studio-a/api-keys',
      headers: { authorization: `Bearer ${key}` },
      payload: { name: 'escalate' },
    });
    expect(mint.statusCode).toBe(403);

    const wrongSecret = `${key.slice(0, 13)}${'x'.repeat(32)}`;
    expect((await withKey(wrongSecret, '/api/v1/studios/studio-a/audit')).statusCode).toBe(401);

    const revoked = await requestAs(t, owner)('DELETE', `/api/v1/studios/studio-a/api-keys/${id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const after = await withKey(key, '/api/v1/studios/studio-a/audit');
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
    // Even on a public route: a revoked key is refused, never treated as anonymous.
    expect((await withKey(key, '/api/v1/studios/studio-a')).statusCode).toBe(401);

    const audit = await requestAs(t, owner)('GET', '/api/v1/studios/studio-a/audit?action=api_key.*');
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['api_key.revoked', 'api_key.used', 'api_key.created']),
    );
  });

  it('writes last_used_at at most once a minute, not once per request', async () => {
    const { key } = (
      await requestAs(t, owner)('POST', '/api/v1/studios/studio-a/api-keys', { name: 'Busy' })
    ).json();
    for (let i = 0; i < 5; i++)
      expect((await withKey(key, '/api/v1/studios/studio-a/audit')).statusCode).toBe(200);
    const listed = await requestAs(t, owner)('GET', '/api/v1/studios/studio-a/api-keys');
    const busy = listed.json().items.find((k: { name: string }) => k.name === 'Busy');
    expect(busy.lastUsedAt).not.toBeNull();
    const uses = await requestAs(t, owner)(
      'GET',
      '/api/v1/studios/studio-a/audit?action=api_key.used&limit=100',
    );
    const forBusy = uses.json().items.filter((e: { targetId: string }) => e.targetId === busy.id);
    expect(forBusy).toHaveLength(1);
  });
});
