import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { auditEventHandlers, recordAudit } from './index.js';

const { Jar, makePlatformAdmin, signUpVerified, TEST_PASSWORD } = identityTesting;
type Jar = InstanceType<typeof Jar>;

describe('audit: the append-only log', () => {
  let t: TestApp;
  let admin: { jar: Jar; userId: string };
  let owner: { jar: Jar; userId: string };
  let studioId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await signUpVerified(t, 'root@example.com');
    await makePlatformAdmin(t, admin.userId);
    owner = await signUpVerified(t, 'owner@example.com');
    studioId = (await openStudio(t, owner, { slug: 'lumen', name: 'Lumen' })).id;
  });
  afterAll(async () => t.close());

  it('records sign-in success and failure with address and user agent', async () => {
    for (const password of ['wrong password!', TEST_PASSWORD]) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        remoteAddress: '203.0.113.7',
        headers: { origin: t.config.publicUrl, 'user-agent': 'AuditTest/1.0' },
        payload: { email: 'owner@example.com', password },
      });
    }
    const res = await requestAs(t, admin)('GET', '/api/v1/platform/audit?action=auth.sign_in.*');
    expect(res.statusCode).toBe(200);
    const [succeeded, failed] = res.json().items;
    expect(succeeded).toMatchObject({
      action: 'auth.sign_in.succeeded',
      actorUserId: owner.userId,
      actorKind: 'user',
      ip: '203.0.113.7',
      userAgent: 'AuditTest/1.0',
      studioId: null,
    });
    expect(failed).toMatchObject({
      action: 'auth.sign_in.failed',
      actorKind: 'anonymous',
      targetId: owner.userId,
      ip: '203.0.113.7',
      data: expect.objectContaining({ reason: 'invalid_credentials' }),
    });
  });

  it("shows a studio's owners only that studio's entries, filtered and paginated", async () => {
    for (let i = 0; i < 3; i++) {
      await recordAudit(t.database.db, {
        studioId,
        actor: { kind: 'user', userId: owner.userId },
        action: 'test.thing.done',
        data: { i },
      });
    }
    await recordAudit(t.database.db, {
      studioId: '01900000-0000-7000-8000-0000000000bb',
      actor: { kind: 'system', reason: 'test' },
      action: 'test.thing.done',
    });
    const first = await requestAs(t, owner)(
      'GET',
      '/api/v1/studios/lumen/audit?action=test.thing.done&limit=2',
    );
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toHaveLength(2);
    expect(first.json().items.map((e: { data: { i: number } }) => e.data.i)).toEqual([2, 1]);
    const second = await requestAs(t, owner)(
      'GET',
      `/api/v1/studios/lumen/audit?action=test.thing.done&limit=2&cursor=${first.json().nextCursor}`,
    );
    expect(second.json().items.map((e: { data: { i: number } }) => e.data.i)).toEqual([0]);
    expect(second.json().nextCursor).toBeNull();
    const byActor = await requestAs(t, owner)(
      'GET',
      `/api/v1/studios/lumen/audit?actor=${owner.userId}&action=test.*`,
    );
    expect(byActor.json().items).toHaveLength(3);
    const future = await requestAs(t, owner)('GET', '/api/v1/studios/lumen/audit?from=2999-01-01T00:00:00Z');
    expect(future.json().items).toEqual([]);
    // Platform entries (sign-ins) never show in a studio's log.
    const signIns = await requestAs(t, owner)('GET', '/api/v1/studios/lumen/audit?action=auth.*');
    expect(signIns.json().items).toEqual([]);
  });

  it('refuses bad filters with 400 naming the field, and strangers', async () => {
    for (const [query, field] of [
      ['cursor=zzz', 'query.cursor'],
      ['actor=not-a-uuid', 'query.actor'],
      ['from=yesterday', 'query.from'],
      ['action=DROP%20TABLE', 'query.action'],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'query.to'],
    ] as const) {
      const res = await requestAs(t, owner)('GET', `/api/v1/studios/lumen/audit?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(JSON.stringify(res.json().errors), query).toContain(field);
    }
    const stranger = await signUpVerified(t, 'stranger@example.com');
    expect([403, 404]).toContain(
      (await requestAs(t, stranger)('GET', '/api/v1/studios/lumen/audit')).statusCode,
    );
    expect((await requestAs(t, new Jar())('GET', '/api/v1/studios/lumen/audit')).statusCode).toBe(401);
  });

  it("records the studios module's membership events in the studio's log, once per event", async () => {
    const handler = auditEventHandlers.find((h) => h.eventType === 'studios.member.role_changed');
    const event = {
      id: '01900000-0000-7000-8000-0000000000e1',
      type: 'studios.member.role_changed',
      studioId,
      payload: { actorUserId: owner.userId, userId: admin.userId, from: 'staff', to: 'admin' },
      occurredAt: new Date().toISOString(),
    };
    await t.database.withStudio(studioId, (tx) => handler?.handle(event, tx) ?? Promise.resolve());
    const res = await requestAs(t, owner)(
      'GET',
      '/api/v1/studios/lumen/audit?action=studios.member.role_changed',
    );
    expect(res.json().items).toEqual([
      expect.objectContaining({
        actorUserId: owner.userId,
        targetType: 'user',
        targetId: admin.userId,
        data: expect.objectContaining({ eventId: event.id, to: 'admin' }),
      }),
    ]);
  });

  it('cannot be rewritten by the app role: UPDATE and DELETE fail', async () => {
    await expect(
      t.database.withStudio(studioId, (tx) => tx.execute(sql`update audit_events set action = 'forged'`)),
    ).rejects.toThrow();
    await expect(
      t.database.withStudio(studioId, (tx) => tx.execute(sql`delete from audit_events`)),
    ).rejects.toThrow();
    await t.database.withStudio(studioId, (tx) =>
      recordAudit(tx, { studioId, actor: { kind: 'system', reason: 'test' }, action: 'test.appended' }),
    );
  });
});
