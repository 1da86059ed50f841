import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Actor, UserActor } from '../../platform/context.js';
import type { Database, Tx } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { AppError, type FieldReason } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import { type Mailer, renderMail } from '../../platform/mailer/index.js';
import type { RequireStudioPermission } from './studios.access.js';
import { studioInvitation } from './studios.mail.js';
import { type PlanId, planLimits } from './studios.plans.js';
import { can, roleAtMost, type StudioRole } from './studios.policy.js';
import type { Invitation, Member, MemberPage, MyStudio, NewInvitation } from './studios.schemas.js';
import { studioInvitations, studioMembers, studios } from './studios.tables.js';

export const INVITATION_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A 422 that names the rule it protects, e.g. `lastOwner`, so clients can tell rules apart; `why` adds
 * the rule's `reason` (and params) for the pages to word in the reader's language.
 */
export function ruleBroken(rule: string, message: string, why?: FieldReason): AppError {
  return new AppError('rule_broken', message, { fields: [{ field: rule, message, ...why }] });
}

/**
 * The rules the team page and the invitation page meet, by `reason` (apps/web `ApiReasons`). A role
 * refusal is 403 naming `role`; seats, owners and invitations are 422 naming the rule (`teamSeats`, ...).
 */
const TEAM_RULES = {
  lastOwner: { reason: 'team.last_owner' },
  ownersOnly: { reason: 'team.owners_only' },
  emailUnverified: { reason: 'email.unverified' },
  invitationUsed: { reason: 'invitation.used' },
  invitationRevoked: { reason: 'invitation.revoked' },
  invitationExpired: { reason: 'invitation.expired' },
  invitationOtherEmail: { reason: 'invitation.other_email' },
} as const satisfies Record<string, FieldReason>;
const seatsFull = (allowed: number, plan: string): FieldReason => ({
  reason: 'team.seats_full',
  params: { allowed, plan },
});
const roleAboveOwn = (role: StudioRole): FieldReason => ({ reason: 'team.role_above_own', params: { role } });
const alreadyMember = (email: string): FieldReason => ({ reason: 'team.already_member', params: { email } });
const alreadyInvited = (email: string): FieldReason => ({
  reason: 'team.already_invited',
  params: { email },
});

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toMember(row: typeof studioMembers.$inferSelect): Member {
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    joinedAt: row.createdAt.toISOString(),
  };
}

function toInvitation(row: typeof studioInvitations.$inferSelect, now: Date): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    expired: row.expiresAt <= now,
  };
}

/** A plan's team seats and how many are taken (members plus pending invitations). */
export interface SeatUse {
  taken: number;
  allowed: number;
}

/**
 * Seats in use as the invitation refusal counts them: every member, plus each invitation neither
 * accepted, withdrawn nor expired (a pending invitation holds its seat, so inviting many people at once
 * cannot pass the plan's limit). The one count behind `invite`'s 422 `teamSeats` and the members page's
 * `seats`; run in the studio's scope (RLS), in the transaction that decides on it.
 */
export async function seatUse(tx: Tx, plan: PlanId, now: Date): Promise<SeatUse> {
  const [members] = await tx.select({ n: count() }).from(studioMembers);
  const [pending] = await tx
    .select({ n: count() })
    .from(studioInvitations)
    .where(
      and(
        isNull(studioInvitations.acceptedAt),
        isNull(studioInvitations.revokedAt),
        gt(studioInvitations.expiresAt, now),
      ),
    );
  return { taken: (members?.n ?? 0) + (pending?.n ?? 0), allowed: planLimits(plan).teamSeats };
}

export interface TeamDeps {
  database: Database;
  requireStudioPermission: RequireStudioPermission;
  toStudio: (row: typeof studios.$inferSelect) => MyStudio['studio'];
  linkClientAccounts: (userId: string, email: string) => Promise<number>;
  clock: () => Date;
  mailer: Mailer | undefined;
  publicUrl: string | undefined;
  verifiedEmailOf: ((actor: UserActor) => Promise<string | null>) | undefined;
}

/**
 * Members, roles and invitations. Every change to a team locks the studio's row first, so two
 * requests cannot both pass "is there another owner?" or "is there a free seat?" and break the rule.
 */
export function createTeam(deps: TeamDeps) {
  const { database, requireStudioPermission, clock } = deps;

  const lockStudio = async (tx: Tx, studioId: string) => {
    const [row] = await tx.select().from(studios).where(eq(studios.id, studioId)).for('update');
    if (!row) throw new AppError('not_found', 'No such studio');
    return row;
  };

  const findMember = async (tx: Tx, userId: string) => {
    const [row] = await tx.select().from(studioMembers).where(eq(studioMembers.userId, userId));
    if (!row) throw new AppError('not_found', 'No such member in this studio');
    return row;
  };

  const assertNotLastOwner = async (tx: Tx, member: typeof studioMembers.$inferSelect) => {
    if (member.role !== 'owner') return;
    const [owners] = await tx
      .select({ n: count() })
      .from(studioMembers)
      .where(and(eq(studioMembers.studioId, member.studioId), eq(studioMembers.role, 'owner')));
    if ((owners?.n ?? 0) <= 1)
      throw ruleBroken(
        'lastOwner',
        'A studio keeps at least one owner: make someone else an owner first',
        TEAM_RULES.lastOwner,
      );
  };

  const verifiedEmail = async (actor: UserActor): Promise<string> => {
    const email = deps.verifiedEmailOf ? await deps.verifiedEmailOf(actor) : null;
    if (!email)
      throw new AppError('forbidden', 'Verify your email address first', {
        fields: [{ field: 'email', message: 'is not verified', ...TEAM_RULES.emailUnverified }],
      });
    return email;
  };

  const requireUser = (actor: Actor): UserActor => {
    if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to do this');
    return actor;
  };

  return {
    verifiedEmail,

    async listMembers(
      actor: Actor,
      studioId: string,
      query: { limit?: number | undefined; cursor?: string | undefined },
    ): Promise<MemberPage> {
      await requireStudioPermission(actor, studioId, 'team.read');
      const limit = query.limit ?? 20;
      const before = decodeCursor(query.cursor);
      return database.withStudio(studioId, async (tx) => {
        const rows = await tx
          .select()
          .from(studioMembers)
          .where(before ? lt(studioMembers.id, before) : undefined)
          .orderBy(desc(studioMembers.id))
          .limit(limit + 1);
        const [studio] = await tx
          .select({ plan: studios.plan })
          .from(studios)
          .where(eq(studios.id, studioId));
        if (!studio) throw new AppError('not_found', 'No such studio');
        const page = toPage(rows, limit);
        // The team page offers the invite form only while a seat is free: the same count `invite` refuses by.
        return {
          items: page.items.map(toMember),
          nextCursor: page.nextCursor,
          seats: await seatUse(tx, studio.plan, clock()),
        };
      });
    },

    /**
     * The names of the given people among the studio's members (one query, whatever the team's size):
     * "confirmed by Jolene" on a staff page. Former members are simply absent. Needs `team.read`.
     */
    async memberNames(
      actor: Actor,
      studioId: string,
      userIds: readonly string[],
    ): Promise<Map<string, string>> {
      await requireStudioPermission(actor, studioId, 'team.read');
      const ids = [...new Set(userIds)];
      if (ids.length === 0) return new Map();
      const rows = await database.withStudio(studioId, (tx) =>
        tx
          .select({ userId: studioMembers.userId, name: studioMembers.name })
          .from(studioMembers)
          .where(and(eq(studioMembers.studioId, studioId), inArray(studioMembers.userId, ids))),
      );
      return new Map(rows.map((row) => [row.userId, row.name]));
    },

    /** The studios a person belongs to, with their role in each: the studio switcher. */
    async myStudios(
      actor: Actor,
      query: { limit?: number | undefined; cursor?: string | undefined },
    ): Promise<PageResult<MyStudio>> {
      const user = requireUser(actor);
      const limit = query.limit ?? 20;
      const before = decodeCursor(query.cursor);
      // Spans studios by design, so it reads as the owner, filtered to the caller's own memberships.
      const rows = await database.db
        .select({ id: studioMembers.id, role: studioMembers.role, studio: studios })
        .from(studioMembers)
        .innerJoin(studios, eq(studios.id, studioMembers.studioId))
        .where(and(eq(studioMembers.userId, user.userId), before ? lt(studioMembers.id, before) : undefined))
        .orderBy(desc(studioMembers.id))
        .limit(limit + 1);
      const page = toPage(rows, limit);
      return {
        items: page.items.map((row) => ({ role: row.role, studio: deps.toStudio(row.studio) })),
        nextCursor: page.nextCursor,
      };
    },

    async changeRole(actor: Actor, studioId: string, userId: string, role: StudioRole): Promise<Member> {
      const access = await requireStudioPermission(actor, studioId, 'team.manage');
      const callerRole = access.role ?? 'owner';
      return database.withStudio(studioId, async (tx) => {
        await lockStudio(tx, studioId);
        const member = await findMember(tx, userId);
        if (member.role === role) return toMember(member);
        if ((member.role === 'owner' || role === 'owner') && !can(callerRole, 'team.owners.manage'))
          throw new AppError('forbidden', 'Only an owner can make or unmake owners', {
            fields: [
              { field: 'role', message: 'only an owner can make or unmake owners', ...TEAM_RULES.ownersOnly },
            ],
          });
        if (!roleAtMost(role, callerRole))
          throw new AppError('forbidden', `You cannot give a role above your own (${callerRole})`, {
            fields: [{ field: 'role', message: 'is above your own role', ...roleAboveOwn(callerRole) }],
          });
        await assertNotLastOwner(tx, member);
        const [updated] = await tx
          .update(studioMembers)
          .set({ role })
          .where(eq(studioMembers.id, member.id))
          .returning();
        await emit(tx, {
          type: 'studios.member.role_changed',
          studioId,
          payload: { actorUserId: access.userId, userId, from: member.role, to: role },
        });
        return toMember(updated!);
      });
    },

    /** Removes a member; a member may always remove themselves (leave), except the last owner. */
    async removeMember(actor: Actor, studioId: string, userId: string): Promise<void> {
      const leaving = actor.kind === 'user' && actor.userId === userId;
      const access = await requireStudioPermission(actor, studioId, leaving ? 'studio.read' : 'team.manage');
      await database.withStudio(studioId, async (tx) => {
        await lockStudio(tx, studioId);
        const member = await findMember(tx, userId);
        if (member.role === 'owner' && !leaving && !can(access.role ?? 'owner', 'team.owners.manage'))
          throw new AppError('forbidden', 'Only an owner can remove an owner', {
            fields: [
              {
                field: 'userId',
                message: 'is an owner: only an owner removes one',
                ...TEAM_RULES.ownersOnly,
              },
            ],
          });
        await assertNotLastOwner(tx, member);
        await tx.delete(studioMembers).where(eq(studioMembers.id, member.id));
        await emit(tx, {
          type: 'studios.member.removed',
          studioId,
          payload: { actorUserId: access.userId, userId, role: member.role, left: leaving },
        });
      });
    },

    async listInvitations(actor: Actor, studioId: string): Promise<Invitation[]> {
      await requireStudioPermission(actor, studioId, 'team.read');
      const now = clock();
      const rows = await database.withStudio(studioId, (tx) =>
        tx
          .select()
          .from(studioInvitations)
          .where(and(isNull(studioInvitations.acceptedAt), isNull(studioInvitations.revokedAt)))
          .orderBy(desc(studioInvitations.id)),
      );
      return rows.map((row) => toInvitation(row, now));
    },

    /**
     * Invites a person by email with a role no higher than the inviter's. Pending invitations take a
     * seat, so a plan's team limit cannot be passed by inviting many people at once.
     */
    async invite(actor: Actor, studioId: string, input: NewInvitation): Promise<Invitation> {
      const access = await requireStudioPermission(actor, studioId, 'team.manage');
      const inviter = requireUser(actor);
      if (!access.role || !roleAtMost(input.role, access.role))
        throw new AppError('forbidden', `You cannot invite someone as ${input.role}`, {
          fields: [
            {
              field: 'role',
              message: 'is above your own role',
              // Without a role of its own (an API key) there is no "own role" to name.
              ...(access.role ? roleAboveOwn(access.role) : {}),
            },
          ],
        });
      const { mailer, publicUrl } = deps;
      if (!mailer || !publicUrl) throw new Error('The studios service was built without a mailer');
      const email = input.email.trim().toLowerCase();
      const now = clock();
      const token = randomBytes(32).toString('base64url');

      const { invitation, studio } = await database.withStudio(studioId, async (tx) => {
        const studio = await lockStudio(tx, studioId);
        const [member] = await tx
          .select({ id: studioMembers.id })
          .from(studioMembers)
          .where(sql`lower(${studioMembers.email}) = ${email}`);
        if (member)
          throw AppError.conflictOn('email', `${email} is already in the team`, alreadyMember(email));
        // An expired invitation no longer blocks the address; it is closed so a new one can be sent.
        await tx
          .update(studioInvitations)
          .set({ revokedAt: now })
          .where(
            and(
              sql`lower(${studioInvitations.email}) = ${email}`,
              isNull(studioInvitations.acceptedAt),
              isNull(studioInvitations.revokedAt),
              lte(studioInvitations.expiresAt, now),
            ),
          );
        const seats = await seatUse(tx, studio.plan, now);
        if (seats.taken >= seats.allowed)
          throw ruleBroken(
            'teamSeats',
            `The ${studio.plan} plan has ${seats.allowed} team seats, all taken by members and pending invitations`,
            seatsFull(seats.allowed, studio.plan),
          );
        const [row] = await tx
          .insert(studioInvitations)
          .values({
            studioId,
            email,
            role: input.role,
            tokenHash: hashToken(token),
            invitedBy: inviter.userId,
            expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS),
          })
          .onConflictDoNothing()
          .returning();
        if (!row)
          throw AppError.conflictOn(
            'email',
            `${email} already has a pending invitation`,
            alreadyInvited(email),
          );
        await emit(tx, {
          type: 'studios.invitation.created',
          studioId,
          payload: { actorUserId: inviter.userId, invitationId: row.id, email, role: row.role },
        });
        return { invitation: row, studio };
      });

      const url = `${publicUrl}/invitations/${token}`;
      try {
        await mailer.send({
          to: email,
          studioId,
          ...renderMail(
            studioInvitation,
            {
              locale: studio.locale === 'th' ? 'th' : 'en',
              studioName: studio.name,
              inviterName: inviter.name,
              role: invitation.role,
              url,
            },
            { brand: { studioName: studio.name, color: studio.brand.primaryColor } },
          ),
        });
      } catch (error) {
        // Undo: an invitation nobody received must not hold a seat or block a second try.
        await database.withStudio(studioId, (tx) =>
          tx
            .update(studioInvitations)
            .set({ revokedAt: clock() })
            .where(eq(studioInvitations.id, invitation.id)),
        );
        throw new AppError('service_unavailable', 'The invitation email could not be sent; try again', {
          cause: error,
          retryAfter: 30,
        });
      }
      return toInvitation(invitation, now);
    },

    async revokeInvitation(actor: Actor, studioId: string, invitationId: string): Promise<void> {
      const access = await requireStudioPermission(actor, studioId, 'team.manage');
      await database.withStudio(studioId, async (tx) => {
        const [row] = await tx
          .select()
          .from(studioInvitations)
          .where(eq(studioInvitations.id, invitationId))
          .for('update');
        if (!row) throw new AppError('not_found', 'No such invitation in this studio');
        if (row.acceptedAt)
          throw ruleBroken(
            'invitationUsed',
            'This invitation has already been accepted',
            TEAM_RULES.invitationUsed,
          );
        if (row.revokedAt) return;
        await tx
          .update(studioInvitations)
          .set({ revokedAt: clock() })
          .where(eq(studioInvitations.id, invitationId));
        await emit(tx, {
          type: 'studios.invitation.revoked',
          studioId,
          payload: { actorUserId: access.userId, invitationId, email: row.email },
        });
      });
    },

    /**
     * Accepts an invitation for the signed-in person whose verified email it was sent to. The token is
     * the only key, so the invitation is found by its hash as the owner, then handled in its studio.
     */
    async acceptInvitation(actor: Actor, token: string): Promise<MyStudio> {
      const user = requireUser(actor);
      const [found] = await database.db
        .select({
          id: studioInvitations.id,
          studioId: studioInvitations.studioId,
          email: studioInvitations.email,
        })
        .from(studioInvitations)
        .where(eq(studioInvitations.tokenHash, hashToken(token)));
      if (!found) throw new AppError('not_found', 'This invitation link is not valid');
      const email = await verifiedEmail(user);
      if (email.toLowerCase() !== found.email.toLowerCase())
        throw new AppError('forbidden', 'This invitation was sent to another email address', {
          fields: [
            { field: 'email', message: 'does not match the invitation', ...TEAM_RULES.invitationOtherEmail },
          ],
        });

      const now = clock();
      const result = await database.withStudio(found.studioId, async (tx) => {
        const studio = await lockStudio(tx, found.studioId);
        const [invitation] = await tx
          .select()
          .from(studioInvitations)
          .where(eq(studioInvitations.id, found.id))
          .for('update');
        if (!invitation) throw new AppError('not_found', 'This invitation link is not valid');
        if (invitation.revokedAt)
          throw ruleBroken(
            'invitationRevoked',
            'This invitation was withdrawn',
            TEAM_RULES.invitationRevoked,
          );
        if (invitation.acceptedAt)
          throw ruleBroken(
            'invitationUsed',
            'This invitation has already been used',
            TEAM_RULES.invitationUsed,
          );
        if (invitation.expiresAt <= now)
          throw ruleBroken(
            'invitationExpired',
            'This invitation has expired; ask the studio for a new one',
            TEAM_RULES.invitationExpired,
          );

        const markAccepted = () =>
          tx
            .update(studioInvitations)
            .set({ acceptedAt: now, acceptedBy: user.userId })
            .where(eq(studioInvitations.id, invitation.id));
        const [existing] = await tx.select().from(studioMembers).where(eq(studioMembers.userId, user.userId));
        if (existing) {
          // Already in the team: the invitation is spent, the role they hold stays.
          await markAccepted();
          return { studio: deps.toStudio(studio), role: existing.role };
        }
        const [members] = await tx.select({ n: count() }).from(studioMembers);
        const { teamSeats } = planLimits(studio.plan);
        if ((members?.n ?? 0) >= teamSeats)
          throw ruleBroken(
            'teamSeats',
            `The ${studio.plan} plan has ${teamSeats} team seats, all taken`,
            seatsFull(teamSeats, studio.plan),
          );
        await tx.insert(studioMembers).values({
          studioId: studio.id,
          userId: user.userId,
          role: invitation.role,
          name: user.name,
          email,
        });
        await markAccepted();
        await emit(tx, {
          type: 'studios.member.added',
          studioId: studio.id,
          payload: {
            actorUserId: user.userId,
            userId: user.userId,
            role: invitation.role,
            invitationId: invitation.id,
          },
        });
        return { studio: deps.toStudio(studio), role: invitation.role };
      });
      await deps.linkClientAccounts(user.userId, email);
      return result;
    },
  };
}
