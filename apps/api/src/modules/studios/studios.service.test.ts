import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cache, createCache } from '../../platform/cache/index.js';
import type { Actor, UserActor } from '../../platform/context.js';
import { selectRows } from '../../platform/db/index.js';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing.js';
import { AppError } from '../../platform/http/errors.js';
import { createMailer, getMail, listMail, type Mailer } from '../../platform/mailer/index.js';
import { invalidateStudios, setStudioPlan } from './studios.lookup.js';
import type { ClientInput, NewStudio } from './studios.schemas.js';
import { createStudiosService, type StudiosService } from './studios.service.js';

const PUBLIC_URL = 'http://atelier.test';
const DAY_MS = 24 * 60 * 60 * 1000;

function person(name: string, platformRole: 'user' | 'admin' = 'user'): UserActor {
  const handle = name.toLowerCase().replaceAll(' ', '.');
  return {
    kind: 'user',
    userId: uuidv7(),
    email: `${handle}@example.com`,
    name,
    platformRole,
    sessionId: uuidv7(),
  };
}

const studioInput = (slug: string): NewStudio => ({
  slug,
  name: `Studio ${slug}`,
  currency: 'THB',
  timezone: 'Asia/Bangkok',
  locale: 'en',
});

async function expectError(promise: Promise<unknown>, code: string, field?: string) {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field) expect((error as AppError).fields?.map((f) => f.field)).toContain(field);
}

describe('studios service (real database)', () => {
  let database: TestDatabase;
  let cache: Cache;
  let mailer: Mailer;
  let now = new Date('2026-03-01T09:00:00Z');
  let studios: StudiosService;

  /** The token from the last invitation mailed to `email`. */
  const invitationToken = async (email: string) => {
    const page = await listMail(database, { limit: 100 });
    const summary = page.items.find((mail) => mail.toAddress === email);
    if (!summary) throw new Error(`no mail to ${email}`);
    const mail = await getMail(database, summary.id);
    return /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
  };

  /** Opens a studio for `owner` and adds each [person, role] through an accepted invitation. */
  const studioWithTeam = async (
    slug: string,
    owner: UserActor,
    team: [UserActor, 'admin' | 'staff' | 'moderator'][],
  ) => {
    // Opened on starter; the studio plan (room for the team) as billing would set it once paid.
    const studio = await studios.createForOwner(owner, { ...studioInput(slug), plan: 'studio' });
    expect(studio).toMatchObject({ plan: 'starter', next: { billing: { requestedPlan: 'studio' } } });
    await database.transaction((tx) =>
      setStudioPlan(tx, studio.id, 'studio', { actorUserId: owner.userId, reason: 'test' }),
    );
    await invalidateStudios(cache);
    for (const [member, role] of team) {
      await studios.invite(owner, studio.id, { email: member.email, role });
      await studios.acceptInvitation(member, await invitationToken(member.email));
    }
    return studio;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    cache = createCache({ redisUrl: undefined, keyPrefix: `studios-test-${uuidv7()}:` });
    mailer = createMailer({
      config: { smtpUrl: undefined, mailFrom: 'Atelier <no-reply@atelier.test>' },
      database,
    });
    studios = createStudiosService({
      database,
      cache,
      mailer,
      publicUrl: PUBLIC_URL,
      // Every test person has verified the address on their actor.
      verifiedEmailOf: async (actor) => actor.email,
      clock: () => now,
    });
  });
  afterAll(async () => {
    await mailer.close();
    await cache.close();
    await database.destroy();
  });

  it('grants each permission by the one role table; strangers get 404, members without it 403', async () => {
    const owner = person('Olivia Owner');
    const admin = person('Adam Admin');
    const staff = person('Stella Staff');
    const moderator = person('Mona Moderator');
    const studio = await studioWithTeam('roles', owner, [
      [admin, 'admin'],
      [staff, 'staff'],
      [moderator, 'moderator'],
    ]);
    const check = (actor: Actor, permission: Parameters<StudiosService['requireStudioPermission']>[2]) =>
      studios.requireStudioPermission(actor, studio.id, permission);

    expect((await check(owner, 'billing.manage')).role).toBe('owner');
    await expectError(check(admin, 'billing.manage'), 'forbidden');
    expect((await check(admin, 'team.manage')).role).toBe('admin');
    await expectError(check(staff, 'team.manage'), 'forbidden');
    expect((await check(staff, 'orders.manage')).role).toBe('staff');
    expect((await check(moderator, 'reviews.moderate')).role).toBe('moderator');
    await expectError(check(moderator, 'catalog.manage'), 'forbidden');
    await expectError(check(moderator, 'team.read'), 'forbidden');

    await expectError(check(person('Stranger'), 'studio.read'), 'not_found');
    await expectError(check({ kind: 'anonymous' }, 'studio.read'), 'unauthenticated');

    const platformAdmin = person('Pat Platform', 'admin');
    expect((await check(platformAdmin, 'audit.read')).role).toBeNull();
    await expectError(check(platformAdmin, 'team.manage'), 'forbidden');

    const ownKey: Actor = { kind: 'apiKey', keyId: uuidv7(), studioId: studio.id, name: 'sync' };
    expect((await check(ownKey, 'clients.read')).role).toBeNull();
    await expectError(check(ownKey, 'catalog.manage'), 'forbidden');
    const foreignKey: Actor = { kind: 'apiKey', keyId: uuidv7(), studioId: uuidv7(), name: 'other' };
    await expectError(check(foreignKey, 'clients.read'), 'not_found');
  });

  it('expires an invitation after seven days, and lets the studio invite the address again', async () => {
    const owner = person('Eve Expiry');
    const invitee = person('Ian Invitee');
    const studio = await studios.createForOwner(owner, { ...studioInput('expiry'), plan: 'professional' });
    await studios.invite(owner, studio.id, { email: invitee.email, role: 'staff' });
    const stale = await invitationToken(invitee.email);

    const start = now;
    now = new Date(start.getTime() + 7 * DAY_MS + 1000);
    try {
      const expired = studios.acceptInvitation(invitee, stale);
      await expectError(expired, 'rule_broken', 'invitationExpired');
      // The rule by name too, for the invitation page to word it in the reader's language.
      await expect(expired).rejects.toMatchObject({ fields: [{ reason: 'invitation.expired' }] });
      const [listed] = await studios.listInvitations(owner, studio.id);
      expect(listed).toMatchObject({ email: invitee.email, expired: true });

      const fresh = await studios.invite(owner, studio.id, { email: invitee.email, role: 'staff' });
      expect(fresh.expired).toBe(false);
      const joined = await studios.acceptInvitation(invitee, await invitationToken(invitee.email));
      expect(joined.role).toBe('staff');
    } finally {
      now = start;
    }
  });

  it('undoes an invitation whose email could not be sent, so it holds no seat and blocks no retry', async () => {
    const owner = person('Uma Undo');
    const failingMailer: Mailer = {
      ...mailer,
      send: async () => {
        throw new Error('SMTP server refused the connection');
      },
    };
    const offline = createStudiosService({
      database,
      cache,
      mailer: failingMailer,
      publicUrl: PUBLIC_URL,
      verifiedEmailOf: async (actor) => actor.email,
      clock: () => now,
    });
    const studio = await offline.createForOwner(owner, studioInput('undo'));
    await expectError(
      offline.invite(owner, studio.id, { email: 'late@example.com', role: 'staff' }),
      'service_unavailable',
    );
    expect(await offline.listInvitations(owner, studio.id)).toEqual([]);
    // Starter has two seats: the owner and this retry, which a leftover invitation would have blocked.
    await studios.invite(owner, studio.id, { email: 'late@example.com', role: 'staff' });
  });

  it('keeps one owner when two owners demote each other at the same moment', async () => {
    const first = person('First Owner');
    const second = person('Second Owner');
    const studio = await studioWithTeam('two-owners', first, [[second, 'admin']]);
    await studios.changeRole(first, studio.id, second.userId, 'owner');

    const results = await Promise.allSettled([
      studios.changeRole(first, studio.id, second.userId, 'admin'),
      studios.changeRole(second, studio.id, first.userId, 'admin'),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected && (rejected.reason as AppError).code).toMatch(/rule_broken|forbidden/);
    // Whoever lost the race is an admin now, and admins may read the team.
    const page = await studios.listMembers(first, studio.id, {});
    expect(page.items.filter((member) => member.role === 'owner')).toHaveLength(1);
  });

  it('leaves plan changes to billing, even for the owner', async () => {
    const owner = person('Dora Downgrade');
    const studio = await studioWithTeam('downgrade', owner, [
      [person('Team One'), 'staff'],
      [person('Team Two'), 'staff'],
    ]);
    // Owners change plans through billing (it charges, and refuses a plan the team does not fit: see
    // payments/billing.routes.test.ts); the settings update refuses the plan field outright.
    await expectError(studios.update(owner, studio.id, { plan: 'starter' }), 'forbidden', 'plan');
    await expectError(studios.update(owner, studio.id, { plan: 'professional' }), 'forbidden', 'plan');
  });

  it('keeps one client per address in a studio, whatever its case, filling gaps without overwriting', async () => {
    const owner = person('Cleo Clients');
    const studio = await studios.createForOwner(owner, studioInput('clients'));
    const first = await database.withStudio(studio.id, (tx) =>
      studios.upsertClient(
        { studioId: studio.id, actor: owner, tx },
        { email: 'Guest@Example.com', name: 'Guest One' },
      ),
    );
    const again = await database.withStudio(studio.id, (tx) =>
      studios.upsertClient(
        { studioId: studio.id, actor: owner, tx },
        { email: 'guest@example.com', name: 'Another Name', phone: '+66 81 234 5678' },
      ),
    );
    expect(again).toMatchObject({ id: first.id, name: 'Guest One', phone: '+66 81 234 5678', userId: null });
  });

  it('reads a returning client with nothing to fill in, without writing (so without locking) the row', async () => {
    const owner = person('Rita Returning');
    const studio = await studios.createForOwner(owner, studioInput('returning'));
    const upsert = (input: ClientInput) =>
      database.withStudio(studio.id, (tx) =>
        studios.upsertClient({ studioId: studio.id, actor: owner, tx }, input),
      );
    // xmin is the transaction that last wrote the row: a write (and so a row lock held until the
    // checkout commits) would change it.
    const version = async () =>
      (
        await selectRows<{ xmin: string; updated_at: Date }>(
          database.db,
          sql`select xmin::text, updated_at from studio_clients where studio_id = ${studio.id}`,
        )
      )[0];
    const first = await upsert({ email: 'rita@example.com', name: 'Rita', phone: '+1 555 0100' });
    const before = await version();
    const again = await upsert({ email: 'RITA@example.com', name: 'Rita R.' });
    const withSamePhone = await upsert({ email: 'rita@example.com', name: 'Rita', phone: '+1 555 0199' });
    expect(again).toEqual(first);
    expect(withSamePhone).toEqual(first);
    expect(await version()).toEqual(before);
    // Something to fill in (a person's account) is still written.
    const linked = await upsert({ email: 'rita@example.com', name: 'Rita', userId: owner.userId });
    expect(linked).toMatchObject({ id: first.id, userId: owner.userId, phone: '+1 555 0100' });
    expect((await version())?.xmin).not.toBe(before?.xmin);
  });

  it("links a guest's client rows in every studio to the person who proves the address, keeping history", async () => {
    const ownerA = person('Ann Alpha');
    const ownerB = person('Ben Beta');
    const alpha = await studios.createForOwner(ownerA, studioInput('alpha'));
    const beta = await studios.createForOwner(ownerB, studioInput('beta'));
    const guest = person('Gus Guest');
    for (const [studio, actor] of [
      [alpha, ownerA],
      [beta, ownerB],
    ] as const) {
      await database.withStudio(studio.id, (tx) =>
        studios.upsertClient(
          { studioId: studio.id, actor, tx },
          { email: guest.email.toUpperCase(), name: 'Gus (guest checkout)' },
        ),
      );
    }
    // A record for the address attached to another person elsewhere is stale (an address belongs to one
    // account at a time): it keeps its person and history but retires, freeing the address.
    const other = uuidv7();
    const gamma = await studios.createForOwner(person('Gil Gamma'), studioInput('gamma'));
    await database.withStudio(gamma.id, (tx) =>
      studios.upsertClient(
        { studioId: gamma.id, actor: ownerA, tx },
        { email: guest.email, name: 'Gus', userId: other },
      ),
    );

    expect(await studios.linkClientAccounts(guest.userId, guest.email)).toBe(3);
    const rows = await selectRows<{ studio_id: string; user_id: string; name: string; retired: boolean }>(
      database.db,
      sql`select studio_id, user_id, name, retired_at is not null as retired
          from studio_clients where lower(email) = ${guest.email}`,
    );
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.studio_id === alpha.id)).toMatchObject({
      user_id: guest.userId,
      name: 'Gus (guest checkout)',
    });
    expect(rows.find((row) => row.studio_id === beta.id)?.user_id).toBe(guest.userId);
    expect(rows.find((row) => row.studio_id === gamma.id)).toMatchObject({ user_id: other, retired: true });
    expect(rows.filter((row) => row.retired)).toHaveLength(1);
  });

  it('links client rows when their person accepts an invitation', async () => {
    const owner = person('Lea Link');
    const studio = await studios.createForOwner(owner, {
      ...studioInput('link-on-accept'),
      plan: 'professional',
    });
    const invitee = person('Cara Client');
    await database.withStudio(studio.id, (tx) =>
      studios.upsertClient({ studioId: studio.id, actor: owner, tx }, { email: invitee.email, name: 'Cara' }),
    );
    await studios.invite(owner, studio.id, { email: invitee.email, role: 'staff' });
    await studios.acceptInvitation(invitee, await invitationToken(invitee.email));
    const page = await studios.listClients(owner, studio.id, {});
    expect(page.items.map((client) => client.userId)).toEqual([invitee.userId]);
  });

  it('records each team change as an event in the same transaction', async () => {
    const owner = person('Evan Events');
    const member = person('Max Member');
    const studio = await studioWithTeam('events', owner, [[member, 'staff']]);
    await studios.changeRole(owner, studio.id, member.userId, 'moderator');
    await studios.removeMember(owner, studio.id, member.userId);
    const events = await selectRows<{ type: string; payload: Record<string, unknown> }>(
      database.db,
      sql`select type, payload from outbox_events where studio_id = ${studio.id} order by id`,
    );
    expect(events.map((event) => event.type)).toEqual([
      'studios.studio.created',
      'studios.member.added',
      // The studio plan studioWithTeam puts it on (as billing would once paid).
      'studios.studio.updated',
      'studios.invitation.created',
      'studios.member.added',
      'studios.member.role_changed',
      'studios.member.removed',
    ]);
    expect(events.at(-2)?.payload).toMatchObject({
      actorUserId: owner.userId,
      userId: member.userId,
      from: 'staff',
      to: 'moderator',
    });
  });
});
