import { symmetricEncrypt } from 'better-auth/crypto';
import { fromNodeHeaders } from 'better-auth/node';
import { and, desc, eq, ilike, isNull, lt } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { UserActor } from '../../platform/context.js';
import type { Database, Tx } from '../../platform/db/index.js';
import type { ActorResolver } from '../../platform/http/actor.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import { listAuditAboutUser, recordAudit } from '../audit/index.js';
import type { Auth } from './auth.js';
import type {
  AccountExport,
  Ban,
  DeleteMe,
  PlatformUser,
  PlatformUserQuery,
  Session,
  UpdateMe,
} from './identity.schemas.js';
import { accounts, sessions, twoFactors, users } from './identity.tables.js';
import { hashPassword } from './password.js';
import { describeDevice } from './user-agent.js';

export interface Me {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  phone: string | null;
  marketingConsent: boolean;
  twoFactorEnabled: boolean;
  platformRole: 'user' | 'admin';
}

/** Where a request came from, for audit entries. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** A session this young may delete the account without typing the password again. */
export const RECENT_SESSION_SECONDS = 15 * 60;

type UserRow = typeof users.$inferSelect;

const isBanned = (row: Pick<UserRow, 'banned' | 'banExpires'>, now: Date) =>
  Boolean(row.banned) && (!row.banExpires || row.banExpires > now);

function toMe(row: UserRow): Me {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    emailVerified: row.emailVerified,
    image: row.image,
    phone: row.phone,
    marketingConsent: row.marketingConsent,
    twoFactorEnabled: row.twoFactorEnabled ?? false,
    platformRole: row.role === 'admin' ? 'admin' : 'user',
  };
}

function toPlatformUser(row: UserRow): PlatformUser {
  return {
    ...toMe(row),
    banned: Boolean(row.banned),
    banReason: row.banReason,
    banExpires: row.banExpires?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toSession(row: typeof sessions.$inferSelect, currentSessionId: string): Session {
  return {
    id: row.id,
    device: describeDevice(row.userAgent),
    userAgent: row.userAgent,
    ip: row.ipAddress,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.updatedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === currentSessionId,
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;

export function createIdentityService({
  auth,
  database,
  clock = () => new Date(),
  onAccountDeleted,
}: {
  auth: Auth;
  database: Database;
  clock?: () => Date;
  /**
   * Runs in the deletion's transaction, so what other modules keep for the person (studios' client
   * records) is let go with the account or not at all.
   */
  onAccountDeleted?: (tx: Tx, userId: string) => Promise<unknown>;
}) {
  const { db } = database;

  const findUser = async (userId: string): Promise<UserRow> => {
    const [row] = await db.select().from(users).where(eq(users.id, userId));
    if (!row || row.deletedAt) throw new AppError('unauthenticated', 'This account no longer exists');
    return row;
  };

  /** The person behind a session cookie; null for no, expired, revoked or banned sessions. */
  const resolveSession: ActorResolver = async (request: FastifyRequest) => {
    if (!request.headers.cookie) return null;
    const session = await auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
    if (!session) return null;
    // A ban deletes the sessions; this also covers a session that raced the ban.
    const user = session.user as { banned?: boolean | null; banExpires?: Date | null };
    if (isBanned({ banned: user.banned ?? false, banExpires: user.banExpires ?? null }, clock())) return null;
    const actor: UserActor = {
      kind: 'user',
      userId: session.user.id,
      email: session.user.email,
      name: session.user.name,
      platformRole: session.user.role === 'admin' ? 'admin' : 'user',
      sessionId: session.session.id,
    };
    return { actor, via: 'cookie' };
  };

  return {
    resolveSession,

    /**
     * A person who can sign in with a password at once (email already verified): for demo data and
     * imports, never for sign-up (which must prove the address). Idempotent by email.
     */
    async createVerifiedPerson(input: {
      name: string;
      email: string;
      password: string;
      platformRole?: 'user' | 'admin';
    }): Promise<{ userId: string; created: boolean }> {
      const email = input.email.trim().toLowerCase();
      const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (existing) return { userId: existing.id, created: false };
      const password = await hashPassword(input.password);
      return database.transaction(async (tx) => {
        const [user] = await tx
          .insert(users)
          .values({ name: input.name, email, emailVerified: true, role: input.platformRole ?? 'user' })
          .returning({ id: users.id });
        if (!user) throw new Error('user insert returned nothing');
        await tx
          .insert(accounts)
          .values({ userId: user.id, accountId: user.id, providerId: 'credential', password });
        return { userId: user.id, created: true };
      });
    },

    /**
     * Turns TOTP on for a person with a secret chosen by the caller (base32, as an authenticator app
     * takes it): for demo data only, so a printed demo secret works. Stored the way better-auth stores an
     * imported secret (`base32:` prefix, encrypted with the app secret), with no backup codes.
     * Idempotent: a person who already has two-factor keeps theirs.
     */
    async enableDemoTotp(userId: string, base32Secret: string): Promise<void> {
      const { secretConfig } = await auth.$context;
      const [existing] = await db
        .select({ id: twoFactors.id })
        .from(twoFactors)
        .where(eq(twoFactors.userId, userId));
      if (existing) return;
      const secret = await symmetricEncrypt({ key: secretConfig, data: `base32:${base32Secret}` });
      const backupCodes = await symmetricEncrypt({ key: secretConfig, data: '[]' });
      await database.transaction(async (tx) => {
        await tx.insert(twoFactors).values({ userId, secret, backupCodes, verified: true });
        await tx.update(users).set({ twoFactorEnabled: true }).where(eq(users.id, userId));
      });
    },

    async getMe(actor: UserActor): Promise<Me> {
      return toMe(await findUser(actor.userId));
    },

    /**
     * The person who has proved this address (a verified, not deleted account), or null. Emails are
     * stored lower-case (better-auth), so this is a lookup on `users_email_key`.
     */
    async verifiedUserIdOf(email: string): Promise<string | null> {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.email, email.trim().toLowerCase()),
            eq(users.emailVerified, true),
            isNull(users.deletedAt),
          ),
        );
      return row?.id ?? null;
    },

    async updateMe(actor: UserActor, input: UpdateMe): Promise<Me> {
      if (input.image) {
        try {
          new URL(input.image);
        } catch {
          throw AppError.invalid('body.image', 'is not a valid URL');
        }
      }
      await findUser(actor.userId);
      const [row] = await db
        .update(users)
        .set({
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(input.phone !== undefined ? { phone: input.phone?.trim() ?? null } : {}),
          ...(input.marketingConsent !== undefined ? { marketingConsent: input.marketingConsent } : {}),
          ...(input.image !== undefined ? { image: input.image } : {}),
          updatedAt: clock(),
        })
        .where(eq(users.id, actor.userId))
        .returning();
      if (!row) throw new AppError('unauthenticated', 'This account no longer exists');
      return toMe(row);
    },

    async listSessions(actor: UserActor): Promise<Session[]> {
      const rows = await db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, actor.userId))
        .orderBy(desc(sessions.updatedAt));
      const now = clock();
      return rows.filter((row) => row.expiresAt > now).map((row) => toSession(row, actor.sessionId));
    },

    /** Ends one of the person's sessions (their own current one too: that is signing out). */
    async revokeSession(actor: UserActor, sessionId: string): Promise<void> {
      const deleted = await db
        .delete(sessions)
        .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId)))
        .returning({ id: sessions.id });
      if (deleted.length === 0) throw new AppError('not_found', 'No such session of yours');
    },

    /** Everything we hold about the person, for GDPR/PDPA access requests. No secrets, no tokens. */
    async exportMe(actor: UserActor): Promise<AccountExport> {
      const row = await findUser(actor.userId);
      const accountRows = await db.select().from(accounts).where(eq(accounts.userId, actor.userId));
      const sessionRows = await db.select().from(sessions).where(eq(sessions.userId, actor.userId));
      const audit = await listAuditAboutUser(db, actor.userId);
      return {
        exportedAt: clock().toISOString(),
        profile: { ...toMe(row), createdAt: row.createdAt.toISOString() },
        accounts: accountRows.map((account) => ({
          providerId: account.providerId,
          accountId: account.accountId,
          scope: account.scope,
          createdAt: account.createdAt.toISOString(),
        })),
        sessions: sessionRows.map((session) => toSession(session, actor.sessionId)),
        auditEntries: audit.map((entry) => ({
          id: entry.id,
          studioId: entry.studioId,
          action: entry.action,
          actorKind: entry.actorKind,
          targetType: entry.targetType,
          targetId: entry.targetId,
          ip: entry.ip,
          userAgent: entry.userAgent,
          createdAt: entry.createdAt,
        })),
      };
    },

    /**
     * Deletes the account by anonymising it: the row stays so studios' orders and bookings keep a
     * customer, but nothing identifies the person; sessions end and every way to sign in is removed.
     * Needs the password again, unless the session is only minutes old (or there is no password).
     */
    async deleteMe(actor: UserActor, input: DeleteMe, origin: RequestOrigin): Promise<void> {
      await findUser(actor.userId);
      const [credential] = await db
        .select({ password: accounts.password })
        .from(accounts)
        .where(and(eq(accounts.userId, actor.userId), eq(accounts.providerId, 'credential')));
      if (input.password !== undefined) {
        const context = await auth.$context;
        const valid = credential?.password
          ? await context.password.verify({ hash: credential.password, password: input.password })
          : false;
        if (!valid) throw AppError.invalid('body.password', 'is not your password');
      } else {
        const [session] = await db
          .select({ createdAt: sessions.createdAt })
          .from(sessions)
          .where(eq(sessions.id, actor.sessionId));
        const ageSeconds = session ? (clock().getTime() - session.createdAt.getTime()) / 1000 : Infinity;
        if (ageSeconds > RECENT_SESSION_SECONDS) {
          throw new AppError('forbidden', 'Confirm your password to delete your account', {
            fields: [{ field: 'body.password', message: 'is required (or sign in again first)' }],
          });
        }
      }
      await database.transaction(async (tx) => {
        await tx
          .update(users)
          .set({
            name: 'Deleted user',
            email: `deleted+${actor.userId}@invalid`,
            emailVerified: false,
            phone: null,
            image: null,
            marketingConsent: false,
            twoFactorEnabled: false,
            deletedAt: clock(),
            updatedAt: clock(),
          })
          .where(eq(users.id, actor.userId));
        await tx.delete(sessions).where(eq(sessions.userId, actor.userId));
        await tx.delete(accounts).where(eq(accounts.userId, actor.userId));
        await tx.delete(twoFactors).where(eq(twoFactors.userId, actor.userId));
        await onAccountDeleted?.(tx, actor.userId);
        await recordAudit(tx, {
          actor,
          action: 'identity.account.deleted',
          target: { type: 'user', id: actor.userId },
          ...origin,
        });
      });
    },

    async listUsers(query: PlatformUserQuery): Promise<PageResult<PlatformUser>> {
      const limit = query.limit ?? 20;
      const before = decodeCursor(query.cursor);
      const search = query.search
        ?.trim()
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`);
      const rows = await db
        .select()
        .from(users)
        .where(
          and(
            search ? ilike(users.email, `%${search}%`) : undefined,
            before ? lt(users.id, before) : undefined,
          ),
        )
        .orderBy(desc(users.id))
        .limit(limit + 1);
      return toPage(rows.map(toPlatformUser), limit);
    },

    /** Bans a person: their sessions end at once and sign-in is refused until the ban ends. */
    async ban(admin: UserActor, userId: string, input: Ban, origin: RequestOrigin): Promise<PlatformUser> {
      if (userId === admin.userId) throw new AppError('rule_broken', 'You cannot ban yourself');
      const banExpires = input.expiresInSeconds
        ? new Date(clock().getTime() + input.expiresInSeconds * 1000)
        : null;
      return database.transaction(async (tx) => {
        const [row] = await tx
          .update(users)
          .set({ banned: true, banReason: input.reason ?? null, banExpires, updatedAt: clock() })
          .where(eq(users.id, userId))
          .returning();
        if (!row) throw new AppError('not_found', 'No such user');
        await tx.delete(sessions).where(eq(sessions.userId, userId));
        await recordAudit(tx, {
          actor: admin,
          action: 'platform.user.banned',
          target: { type: 'user', id: userId },
          ...origin,
          data: { reason: input.reason ?? null, expiresAt: banExpires?.toISOString() ?? null },
        });
        return toPlatformUser(row);
      });
    },

    async unban(admin: UserActor, userId: string, origin: RequestOrigin): Promise<PlatformUser> {
      return database.transaction(async (tx) => {
        const [row] = await tx
          .update(users)
          .set({ banned: false, banReason: null, banExpires: null, updatedAt: clock() })
          .where(eq(users.id, userId))
          .returning();
        if (!row) throw new AppError('not_found', 'No such user');
        await recordAudit(tx, {
          actor: admin,
          action: 'platform.user.unbanned',
          target: { type: 'user', id: userId },
          ...origin,
        });
        return toPlatformUser(row);
      });
    },

    /** The person with this email, if any (for audit targets of sign-in attempts). */
    async findUserIdByEmail(email: string): Promise<string | null> {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, email.trim().toLowerCase()));
      return row?.id ?? null;
    },
  };
}
