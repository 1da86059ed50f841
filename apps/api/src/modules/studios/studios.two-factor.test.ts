import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMail, listMail } from '../../platform/mailer/index.js';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';

const { Jar, signUpVerified, makePlatformAdmin, totpCode, TEST_PASSWORD } = identityTesting;
type Jar = InstanceType<typeof Jar>;

describe('studios: a studio that requires two-factor of its staff', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string; email: string };
  let staff: { jar: Jar; userId: string; email: string };
  let moderator: { jar: Jar; userId: string; email: string };

  /** Turns TOTP on through the account routes, as the settings page does. */
  const enableTwoFactor = async (jar: Jar) => {
    const enabled = await requestAs(t, jar)('POST', '/api/auth/two-factor/enable', {
      password: TEST_PASSWORD,
    });
    expect(enabled.statusCode, enabled.body).toBe(200);
    const confirmed = await requestAs(t, jar)('POST', '/api/auth/two-factor/verify-totp', {
      code: totpCode(enabled.json().totpURI),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    jar.take(confirmed.headers['set-cookie']);
  };

  const join = async (inviter: Jar, person: { jar: Jar; email: string }, role: string) => {
    const invited = await requestAs(t, inviter)('POST', '/api/v1/studios/guarded/invitations', {
      email: person.email,
      role,
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const page = await listMail(t.database, { limit: 100 });
    const mail = page.items.find((m) => m.toAddress === person.email && m.subject.length > 0);
    const text = (await getMail(t.database, mail!.id)).text;
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(text)![1]!;
    const accepted = await requestAs(t, person)('POST', `/api/v1/invitations/${token}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
  };

  const expectTwoFactorRefusal = (res: { statusCode: number; body: string; json: () => unknown }) => {
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(/two-factor/i) });
  };

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await signUpVerified(t, 'owner-2fa@example.com');
    staff = await signUpVerified(t, 'staff-2fa@example.com');
    moderator = await signUpVerified(t, 'mod-2fa@example.com');
    // The studio plan: room for the team here, as billing sets it once paid.
    await openStudio(
      t,
      owner,
      { slug: 'guarded', name: 'Guarded', requireStaffTwoFactor: true },
      { plan: 'studio' },
    );
  });
  afterAll(async () => t.close());

  it('refuses an owner without TOTP on studio work, but not their account or the studio page', async () => {
    expectTwoFactorRefusal(await requestAs(t, owner)('GET', '/api/v1/studios/guarded/members'));
    expectTwoFactorRefusal(await requestAs(t, owner)('GET', '/api/v1/studios/guarded/clients'));
    expectTwoFactorRefusal(await requestAs(t, owner)('GET', '/api/v1/studios/guarded/audit'));
    expectTwoFactorRefusal(await requestAs(t, owner)('GET', '/api/v1/studios/guarded/api-keys'));
    expectTwoFactorRefusal(
      await requestAs(t, owner)('PATCH', '/api/v1/studios/guarded', { name: 'Renamed' }),
    );
    // What they need to turn it on: their account, the studio itself, their studio list.
    expect((await requestAs(t, owner)('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await requestAs(t, owner)('GET', '/api/v1/studios/guarded')).statusCode).toBe(200);
    const mine = await requestAs(t, owner)('GET', '/api/v1/me/studios');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toEqual([
      expect.objectContaining({ role: 'owner', studio: expect.objectContaining({ slug: 'guarded' }) }),
    ]);
  });

  it('lets the owner in once TOTP is on, and applies to every staff role', async () => {
    await enableTwoFactor(owner.jar);
    expect((await requestAs(t, owner)('GET', '/api/v1/studios/guarded/members')).statusCode).toBe(200);
    expect((await requestAs(t, owner)('GET', '/api/v1/studios/guarded/audit')).statusCode).toBe(200);

    await join(owner.jar, staff, 'staff');
    await join(owner.jar, moderator, 'moderator');
    expectTwoFactorRefusal(await requestAs(t, staff)('GET', '/api/v1/studios/guarded/clients'));
    expectTwoFactorRefusal(await requestAs(t, staff)('GET', '/api/v1/studios/guarded/members'));
    // A role without the permission still hears about the role first.
    const modClients = await requestAs(t, moderator)('GET', '/api/v1/studios/guarded/clients');
    expect(modClients.statusCode).toBe(403);
    expect(modClients.json().detail).toMatch(/role/);

    await enableTwoFactor(staff.jar);
    expect((await requestAs(t, staff)('GET', '/api/v1/studios/guarded/clients')).statusCode).toBe(200);
  });

  it('does not touch other studios, platform admins outside the studio, or API keys', async () => {
    const other = await signUpVerified(t, 'relaxed-owner@example.com');
    await openStudio(t, other, { slug: 'relaxed', name: 'Relaxed' });
    expect((await requestAs(t, other)('GET', '/api/v1/studios/relaxed/members')).statusCode).toBe(200);

    const admin = await signUpVerified(t, 'platform-2fa@example.com');
    await makePlatformAdmin(t, admin.userId);
    expect((await requestAs(t, admin)('GET', '/api/v1/studios/guarded/members')).statusCode).toBe(200);

    const created = await requestAs(t, owner)('POST', '/api/v1/studios/guarded/api-keys', { name: 'Sync' });
    expect(created.statusCode, created.body).toBe(201);
    const withKey = await t.app.inject({
      method: 'GET',
      url: '/api/v1/studios/guarded/clients',
      headers: { authorization: `Bearer ${created.json().key}` },
    });
    expect(withKey.statusCode).toBe(200);
  });

  it('lets a member without TOTP leave, and lifts the refusal when the studio drops the rule', async () => {
    const late = await signUpVerified(t, 'late-2fa@example.com');
    await join(owner.jar, late, 'staff');
    expectTwoFactorRefusal(await requestAs(t, late)('GET', '/api/v1/studios/guarded/clients'));
    const relaxed = await requestAs(t, owner)('PATCH', '/api/v1/studios/guarded', {
      requireStaffTwoFactor: false,
    });
    expect(relaxed.statusCode, relaxed.body).toBe(200);
    expect((await requestAs(t, late)('GET', '/api/v1/studios/guarded/clients')).statusCode).toBe(200);
    const strict = await requestAs(t, owner)('PATCH', '/api/v1/studios/guarded', {
      requireStaffTwoFactor: true,
    });
    expect(strict.statusCode).toBe(200);
    expectTwoFactorRefusal(await requestAs(t, late)('GET', '/api/v1/studios/guarded/clients'));

    const left = await requestAs(t, late)('DELETE', `/api/v1/studios/guarded/members/${late.userId}`);
    expect(left.statusCode, left.body).toBeLessThan(300);
    expect((await requestAs(t, late)('GET', '/api/v1/studios/guarded/clients')).statusCode).toBe(404);
  });
});

describe('studios: turning on the two-factor requirement', () => {
  it('refuses it to a person without two-factor (they would lock themselves out), allows it once they have it', async () => {
    const t = await buildTestApp();
    try {
      const owner = await signUpVerified(t, 'careful-owner@example.com');
      const asOwner = requestAs(t, owner);
      await openStudio(t, owner, { slug: 'careful', name: 'Careful' });

      const refused = await asOwner('PATCH', '/api/v1/studios/careful', { requireStaffTwoFactor: true });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().errors).toContainEqual(
        expect.objectContaining({ field: 'requireStaffTwoFactor' }),
      );

      const enabled = await asOwner('POST', '/api/auth/two-factor/enable', { password: TEST_PASSWORD });
      const confirmed = await asOwner('POST', '/api/auth/two-factor/verify-totp', {
        code: totpCode(enabled.json().totpURI),
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      owner.jar.take(confirmed.headers['set-cookie']);

      const allowed = await asOwner('PATCH', '/api/v1/studios/careful', { requireStaffTwoFactor: true });
      expect(allowed.statusCode, allowed.body).toBe(200);
      expect(allowed.json().requireStaffTwoFactor).toBe(true);
    } finally {
      await t.close();
    }
  });
});
