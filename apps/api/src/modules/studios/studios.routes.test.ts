import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMail, listMail } from '../../platform/mailer/index.js';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { BILLING_CURRENCY, PLAN_PRICES } from '../payments/index.js';
import type { PlanId } from './studios.plans.js';
import type { NewStudio } from './studios.schemas.js';

const { Jar } = identityTesting;

interface Person {
  email: string;
  userId: string;
  jar: InstanceType<typeof Jar>;
}

describe('studios: creation, team, invitations, clients (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const latestMailTo = async (to: string) => {
    const page = await listMail(t.database, { limit: 100 });
    const summary = page.items.find((mail) => mail.toAddress === to);
    if (!summary) throw new Error(`no mail to ${to}`);
    return getMail(t.database, summary.id);
  };

  /** Signs a person up, follows the verification link and keeps the session cookie. */
  const signUp = async (handle: string): Promise<Person> => {
    const email = `${handle}@example.com`;
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-up/email',
        headers: { origin: t.config.publicUrl },
        payload: { name: handle, email, password: 'correct horse battery' },
      });
    let created = await send();
    // Start-up (migrations on PGlite) and password hashing block the event loop; on a busy machine that
    // trips load shedding (503 + Retry-After), which a real client waits out too.
    for (let attempt = 0; created.statusCode === 503 && attempt < 5; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      created = await send();
    }
    expect(created.statusCode, created.body).toBe(200);
    const link = new URL(/https?:\/\/\S+/.exec((await latestMailTo(email)).text)![0]);
    const jar = new Jar();
    jar.take(
      (await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` })).headers['set-cookie'],
    );
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: jar.header() } });
    return { email, userId: me.json().id, jar };
  };

  /**
   * Opens a Thai studio over HTTP (it starts on starter) and, like a paid subscription would, puts it on
   * `plan` (default studio, room for the teams below).
   */
  const open = (
    owner: Person,
    slug: string,
    { plan = 'studio', ...extra }: Partial<NewStudio> & { plan?: PlanId } = {},
  ) =>
    openStudio(
      t,
      owner,
      { slug, name: `Studio ${slug}`, currency: 'THB', timezone: 'Asia/Bangkok', locale: 'th', ...extra },
      { plan },
    );

  const invitationToken = async (email: string) =>
    /\/invitations\/([A-Za-z0-9_-]+)/.exec((await latestMailTo(email)).text)![1]!;

  /** Invites `person` to `slug` as `role` (by `inviter`) and accepts as them. */
  const join = async (inviter: Person, slug: string, person: Person, role: string) => {
    const invited = await requestAs(t, inviter)('POST', `/api/v1/studios/${slug}/invitations`, {
      email: person.email,
      role,
    });
    expect(invited.statusCode).toBe(201);
    const accepted = await requestAs(t, person)(
      'POST',
      `/api/v1/invitations/${await invitationToken(person.email)}/accept`,
    );
    expect(accepted.statusCode).toBe(200);
  };

  let owner: Person;
  let admin: Person;
  let staff: Person;
  let moderator: Person;
  let stranger: Person;

  beforeAll(async () => {
    owner = await signUp('owner');
    admin = await signUp('admin');
    staff = await signUp('staff');
    moderator = await signUp('moderator');
    stranger = await signUp('stranger');
    await open(owner, 'lumen');
    await join(owner, 'lumen', admin, 'admin');
    await join(owner, 'lumen', staff, 'staff');
    await join(admin, 'lumen', moderator, 'moderator');
  });

  it('opens a studio for a verified person and makes them its owner', async () => {
    const studio = await open(owner, 'north-star', {
      currency: 'USD',
      timezone: 'America/New_York',
      locale: 'en',
      plan: 'starter',
      contactEmail: 'hello@northstar.example',
      brand: { primaryColor: '#112233' },
    });
    const mine = await requestAs(t, owner)('GET', '/api/v1/me/studios');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toContainEqual(
      expect.objectContaining({
        role: 'owner',
        studio: expect.objectContaining({ id: studio.id, plan: 'starter' }),
      }),
    );
    const publicView = await requestAs(t, null)('GET', '/api/v1/studios/north-star');
    expect(publicView.json()).toMatchObject({
      currency: 'USD',
      contactEmail: 'hello@northstar.example',
      brand: { primaryColor: '#112233', logoText: 'SN' },
    });
  });

  it('asks a signed-out caller to sign in before opening a studio', async () => {
    const res = await requestAs(t, null)('POST', '/api/v1/studios', {
      slug: 'anon',
      name: 'Anon',
      currency: 'USD',
      timezone: 'UTC',
      locale: 'en',
    });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a taken slug with 409 naming slug', async () => {
    const res = await requestAs(t, stranger)('POST', '/api/v1/studios', {
      slug: 'lumen',
      name: 'Copycat',
      currency: 'USD',
      timezone: 'UTC',
      locale: 'en',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ field: 'slug' }));
  });

  it("refuses the platform's own page names as slugs with 409 naming slug", async () => {
    for (const slug of ['sign-in', 'too-many-requests', 'api']) {
      const res = await requestAs(t, stranger)('POST', '/api/v1/studios', {
        slug,
        name: 'Squatter',
        currency: 'USD',
        timezone: 'UTC',
        locale: 'en',
      });
      expect({ slug, status: res.statusCode }).toEqual({ slug, status: 409 });
      expect(res.json().errors).toContainEqual(expect.objectContaining({ field: 'slug' }));
    }
  });

  it('refuses an unknown time zone, an unsupported currency and a bad slug, naming each field', async () => {
    const base = { slug: 'fine-slug', name: 'Fine', currency: 'USD', timezone: 'UTC', locale: 'en' };
    const zone = await requestAs(t, stranger)('POST', '/api/v1/studios', {
      ...base,
      timezone: 'Mars/Olympus',
    });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().errors).toContainEqual(expect.objectContaining({ field: 'timezone' }));
    const offset = await requestAs(t, stranger)('POST', '/api/v1/studios', { ...base, timezone: '+07:00' });
    expect(offset.statusCode).toBe(400);
    const currency = await requestAs(t, stranger)('POST', '/api/v1/studios', { ...base, currency: 'XYZ' });
    expect(currency.statusCode).toBe(400);
    expect(currency.json().errors[0].field).toBe('body.currency');
    const slug = await requestAs(t, stranger)('POST', '/api/v1/studios', { ...base, slug: 'Not A Slug!' });
    expect(slug.json().errors[0].field).toBe('body.slug');
    const locale = await requestAs(t, stranger)('POST', '/api/v1/studios', { ...base, locale: 'fr' });
    expect(locale.statusCode).toBe(400);
  });

  it('opens a studio on starter whatever plan was asked for, and points the owner to billing', async () => {
    const founder = await signUp('founder');
    const res = await requestAs(t, founder)('POST', '/api/v1/studios', {
      slug: 'paid-wish',
      name: 'Paid Wish',
      currency: 'THB',
      timezone: 'Asia/Bangkok',
      locale: 'en',
      plan: 'professional',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      slug: 'paid-wish',
      plan: 'starter',
      next: { billing: { requestedPlan: 'professional' } },
    });
    expect((await requestAs(t, null)('GET', '/api/v1/studios/paid-wish')).json().plan).toBe('starter');
    const free = await requestAs(t, founder)('POST', '/api/v1/studios', {
      slug: 'free-wish',
      name: 'Free Wish',
      currency: 'THB',
      timezone: 'Asia/Bangkok',
      locale: 'en',
      plan: 'starter',
    });
    expect(free.json().plan).toBe('starter');
    expect(free.json()).not.toHaveProperty('next');
  });

  it('lists the plans with their limits', async () => {
    const res = await requestAs(t, null)('GET', '/api/v1/plans');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((plan: { id: string }) => plan.id)).toEqual([
      'starter',
      'professional',
      'studio',
      'enterprise',
    ]);
    expect(res.json().items[0]).toMatchObject({ teamSeats: 2, transactionFeeBasisPoints: 200 });
    // Each with what changing to it charges (the billing's own prices), enterprise agreed per studio.
    const byId = Object.fromEntries(
      res.json().items.map((plan: { id: string }) => [plan.id, plan]),
    ) as Record<string, { monthlyPriceMinor: number | null; currency: string }>;
    for (const id of ['starter', 'professional', 'studio'] as const)
      expect(byId[id]).toMatchObject({ monthlyPriceMinor: PLAN_PRICES[id], currency: BILLING_CURRENCY });
    expect(byId.professional!.monthlyPriceMinor).toBeGreaterThan(0);
    expect(byId.enterprise).toMatchObject({ monthlyPriceMinor: null, currency: BILLING_CURRENCY });
  });

  it('lets owners and admins change settings and serves the change at once (cache dropped)', async () => {
    expect((await requestAs(t, null)('GET', '/api/v1/studios/lumen')).json().name).toBe('Studio lumen');
    const changed = await requestAs(t, admin)('PATCH', '/api/v1/studios/lumen', {
      name: 'Lumen Photography',
      // (requireStaffTwoFactor is enforced: studios.two-factor.test.ts)
      tagline: 'Portraits and weddings',
      contactPhone: '+66 2 123 4567',
    });
    expect(changed.statusCode).toBe(200);
    expect((await requestAs(t, null)('GET', '/api/v1/studios/lumen')).json()).toMatchObject({
      name: 'Lumen Photography',
      tagline: 'Portraits and weddings',
      contactPhone: '+66 2 123 4567',
    });
    expect(
      (await requestAs(t, staff)('PATCH', '/api/v1/studios/lumen', { name: 'Staff Was Here' })).statusCode,
    ).toBe(403);
    expect(
      (await requestAs(t, stranger)('PATCH', '/api/v1/studios/lumen', { name: 'Hijacked' })).statusCode,
    ).toBe(404);
  });

  it("leaves the plan to billing and refuses fields that can't change", async () => {
    for (const who of [admin, owner]) {
      const res = await requestAs(t, who)('PATCH', '/api/v1/studios/lumen', { plan: 'enterprise' });
      expect(res.statusCode).toBe(403);
      expect(res.json().errors).toContainEqual(expect.objectContaining({ field: 'plan' }));
    }
    const currency = await requestAs(t, owner)('PATCH', '/api/v1/studios/lumen', { currency: 'USD' });
    expect(currency.statusCode).toBe(400);
    expect(currency.json().errors[0].field).toBe('body.currency');
    const zone = await requestAs(t, owner)('PATCH', '/api/v1/studios/lumen', { timezone: 'Nowhere/Land' });
    expect(zone.json().errors).toContainEqual(expect.objectContaining({ field: 'timezone' }));
  });

  it('shows the team to staff and up, 403 to a moderator, 404 to a stranger, 401 signed out', async () => {
    const team = await requestAs(t, staff)('GET', '/api/v1/studios/lumen/members');
    expect(team.statusCode).toBe(200);
    expect(
      team.json().items.map((member: { email: string; role: string }) => [member.email, member.role]),
    ).toEqual([
      [moderator.email, 'moderator'],
      [staff.email, 'staff'],
      [admin.email, 'admin'],
      [owner.email, 'owner'],
    ]);
    expect((await requestAs(t, moderator)('GET', '/api/v1/studios/lumen/members')).statusCode).toBe(403);
    const hidden = await requestAs(t, stranger)('GET', '/api/v1/studios/lumen/members');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toContain('application/problem+json');
    expect((await requestAs(t, null)('GET', '/api/v1/studios/lumen/members')).statusCode).toBe(401);
  });

  it("lets a platform admin read any studio's team but not change it", async () => {
    const platformAdmin = await signUp('platform-admin');
    await t.database.db.execute(sql`update users set role = 'admin' where id = ${platformAdmin.userId}`);
    expect((await requestAs(t, platformAdmin)('GET', '/api/v1/studios/lumen/members')).statusCode).toBe(200);
    const change = await requestAs(t, platformAdmin)(
      'PATCH',
      `/api/v1/studios/lumen/members/${staff.userId}`,
      {
        role: 'admin',
      },
    );
    expect(change.statusCode).toBe(403);
  });

  it('refuses an invitation for a role above the inviter', async () => {
    const res = await requestAs(t, admin)('POST', '/api/v1/studios/lumen/invitations', {
      email: 'boss@example.com',
      role: 'owner',
    });
    expect(res.statusCode).toBe(403);
    // The rule by name, with the inviter's own role, so the team page can word it.
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ field: 'role', reason: 'team.role_above_own', params: { role: 'admin' } }),
    );
    expect(
      (
        await requestAs(t, staff)('POST', '/api/v1/studios/lumen/invitations', {
          email: 'x@example.com',
          role: 'staff',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('mails the invitation in the studio language and refuses a second pending one with 409', async () => {
    const first = await requestAs(t, owner)('POST', '/api/v1/studios/lumen/invitations', {
      email: 'Twice@Example.com',
      role: 'staff',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ email: 'twice@example.com', role: 'staff', expired: false });
    const mail = await latestMailTo('twice@example.com');
    expect(mail.subject).toBe('คำเชิญเข้าร่วมทีม Lumen Photography');
    expect(mail.text).toContain(`${t.config.publicUrl}/invitations/`);

    const second = await requestAs(t, owner)('POST', '/api/v1/studios/lumen/invitations', {
      email: 'twice@example.com',
      role: 'admin',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().errors).toContainEqual(
      expect.objectContaining({
        field: 'email',
        reason: 'team.already_invited',
        params: { email: 'twice@example.com' },
      }),
    );
    const bad = await requestAs(t, owner)('POST', '/api/v1/studios/lumen/invitations', {
      email: 'nope',
      role: 'chief',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['body.email', 'body.role']),
    );
  });

  it('accepts an invitation only for the verified address it was sent to', async () => {
    const invitee = await signUp('invitee');
    await requestAs(t, owner)('POST', '/api/v1/studios/lumen/invitations', {
      email: invitee.email,
      role: 'staff',
    });
    const token = await invitationToken(invitee.email);
    const wrongPerson = await requestAs(t, stranger)('POST', `/api/v1/invitations/${token}/accept`);
    expect(wrongPerson.statusCode).toBe(403);
    expect(wrongPerson.json().errors).toContainEqual(
      expect.objectContaining({ field: 'email', reason: 'invitation.other_email' }),
    );
    expect((await requestAs(t, null)('POST', `/api/v1/invitations/${token}/accept`)).statusCode).toBe(401);
    expect(
      (await requestAs(t, invitee)('POST', '/api/v1/invitations/not-a-real-token-at-all-000/accept'))
        .statusCode,
    ).toBe(404);

    const accepted = await requestAs(t, invitee)('POST', `/api/v1/invitations/${token}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ role: 'staff', studio: { slug: 'lumen' } });
    const used = await requestAs(t, invitee)('POST', `/api/v1/invitations/${token}/accept`);
    expect(used.statusCode).toBe(422);
    expect(used.json()).toMatchObject({
      code: 'rule_broken',
      errors: [{ field: 'invitationUsed', reason: 'invitation.used' }],
    });
  });

  it('refuses a withdrawn invitation with 422 naming the reason', async () => {
    const late = await signUp('late');
    const invited = await requestAs(t, owner)('POST', '/api/v1/studios/lumen/invitations', {
      email: late.email,
      role: 'staff',
    });
    const pending = await requestAs(t, staff)('GET', '/api/v1/studios/lumen/invitations');
    expect(pending.json().items.map((i: { email: string }) => i.email)).toContain(late.email);
    const revoked = await requestAs(t, admin)(
      'DELETE',
      `/api/v1/studios/lumen/invitations/${invited.json().id}`,
    );
    expect(revoked.statusCode).toBe(204);
    const res = await requestAs(t, late)(
      'POST',
      `/api/v1/invitations/${await invitationToken(late.email)}/accept`,
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ field: 'invitationRevoked', reason: 'invitation.revoked' }),
    );
    const after = await requestAs(t, staff)('GET', '/api/v1/studios/lumen/invitations');
    expect(after.json().items.map((i: { email: string }) => i.email)).not.toContain(late.email);
  });

  it("enforces the plan's team seats when inviting (422 naming teamSeats) and shows them with the team", async () => {
    const solo = await signUp('solo');
    await open(solo, 'small-room', { plan: 'starter' });
    const seats = async () =>
      (await requestAs(t, solo)('GET', '/api/v1/studios/small-room/members?limit=1')).json().seats;
    // Starter has two seats; the owner takes one.
    expect(await seats()).toEqual({ taken: 1, allowed: 2 });
    const one = await requestAs(t, solo)('POST', '/api/v1/studios/small-room/invitations', {
      email: 'seat-one@example.com',
      role: 'staff',
    });
    expect(one.statusCode).toBe(201);
    // A pending invitation holds its seat: the team page now says full, as the API will refuse.
    expect(await seats()).toEqual({ taken: 2, allowed: 2 });
    const two = await requestAs(t, solo)('POST', '/api/v1/studios/small-room/invitations', {
      email: 'seat-two@example.com',
      role: 'staff',
    });
    expect(two.statusCode).toBe(422);
    expect(two.json()).toMatchObject({
      code: 'rule_broken',
      errors: [{ field: 'teamSeats', reason: 'team.seats_full', params: { allowed: 2, plan: 'starter' } }],
    });
    expect(await seats()).toEqual({ taken: 2, allowed: 2 });

    // An expired invitation frees its seat, for the count and for the refusal alike.
    await t.database.db.execute(
      sql`update studio_invitations set expires_at = now() - interval '1 minute' where id = ${one.json().id}`,
    );
    expect(await seats()).toEqual({ taken: 1, allowed: 2 });
    const three = await requestAs(t, solo)('POST', '/api/v1/studios/small-room/invitations', {
      email: 'seat-three@example.com',
      role: 'staff',
    });
    expect(three.statusCode).toBe(201);
    expect(await seats()).toEqual({ taken: 2, allowed: 2 });
    // So does a withdrawn one.
    await requestAs(t, solo)('DELETE', `/api/v1/studios/small-room/invitations/${three.json().id}`);
    expect(await seats()).toEqual({ taken: 1, allowed: 2 });
  });

  it('only an owner makes or unmakes owners', async () => {
    const res = await requestAs(t, admin)('PATCH', `/api/v1/studios/lumen/members/${staff.userId}`, {
      role: 'owner',
    });
    expect(res.statusCode).toBe(403);
    const demoteOwner = await requestAs(t, admin)('PATCH', `/api/v1/studios/lumen/members/${owner.userId}`, {
      role: 'staff',
    });
    expect(demoteOwner.statusCode).toBe(403);
    const removeOwner = await requestAs(t, admin)('DELETE', `/api/v1/studios/lumen/members/${owner.userId}`);
    expect(removeOwner.statusCode).toBe(403);
    for (const refused of [res, demoteOwner, removeOwner])
      expect(refused.json().errors[0]).toMatchObject({ reason: 'team.owners_only' });
  });

  it('changes a role for owners and admins, within their own rank', async () => {
    const res = await requestAs(t, admin)('PATCH', `/api/v1/studios/lumen/members/${moderator.userId}`, {
      role: 'staff',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ userId: moderator.userId, role: 'staff' });
    const back = await requestAs(t, owner)('PATCH', `/api/v1/studios/lumen/members/${moderator.userId}`, {
      role: 'moderator',
    });
    expect(back.json().role).toBe('moderator');
    const bad = await requestAs(t, owner)('PATCH', `/api/v1/studios/lumen/members/${moderator.userId}`, {
      role: 'boss',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.role');
  });

  it('keeps the last owner: they cannot leave, be demoted or be removed (422 lastOwner)', async () => {
    const leave = await requestAs(t, owner)('DELETE', `/api/v1/studios/lumen/members/${owner.userId}`);
    expect(leave.statusCode).toBe(422);
    expect(leave.json()).toMatchObject({
      code: 'rule_broken',
      errors: [{ field: 'lastOwner', reason: 'team.last_owner' }],
    });
    const demote = await requestAs(t, owner)('PATCH', `/api/v1/studios/lumen/members/${owner.userId}`, {
      role: 'admin',
    });
    expect(demote.statusCode).toBe(422);
    expect(demote.json().errors[0].field).toBe('lastOwner');
  });

  it('lets a member leave a studio', async () => {
    const leaver = await signUp('leaver');
    await join(owner, 'lumen', leaver, 'moderator');
    const left = await requestAs(t, leaver)('DELETE', `/api/v1/studios/lumen/members/${leaver.userId}`);
    expect(left.statusCode).toBe(204);
    const mine = await requestAs(t, leaver)('GET', '/api/v1/me/studios');
    expect(mine.json().items).toEqual([]);
  });

  it("answers 404 for another studio's member or invitation, and 400 for a malformed id", async () => {
    const other = await signUp('other-owner');
    await open(other, 'elsewhere');
    const invited = await requestAs(t, other)('POST', '/api/v1/studios/elsewhere/invitations', {
      email: 'theirs@example.com',
      role: 'staff',
    });
    const foreignInvitation = await requestAs(t, owner)(
      'DELETE',
      `/api/v1/studios/lumen/invitations/${invited.json().id}`,
    );
    expect(foreignInvitation.statusCode).toBe(404);
    const foreignMember = await requestAs(t, owner)(
      'PATCH',
      `/api/v1/studios/lumen/members/${other.userId}`,
      {
        role: 'staff',
      },
    );
    expect(foreignMember.statusCode).toBe(404);
    const malformed = await requestAs(t, owner)('DELETE', '/api/v1/studios/lumen/members/not-a-uuid');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('params.userId');
  });

  it('lists clients to staff and up, a page at a time', async () => {
    const empty = await requestAs(t, staff)('GET', '/api/v1/studios/lumen/clients?limit=1');
    expect(empty.statusCode).toBe(200);
    expect((await requestAs(t, moderator)('GET', '/api/v1/studios/lumen/clients')).statusCode).toBe(403);
    expect((await requestAs(t, stranger)('GET', '/api/v1/studios/lumen/clients')).statusCode).toBe(404);
    expect((await requestAs(t, staff)('GET', '/api/v1/studios/lumen/clients?limit=500')).statusCode).toBe(
      400,
    );
  });
});
