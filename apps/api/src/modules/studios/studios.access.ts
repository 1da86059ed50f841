import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import {
  apiKeyCan,
  can,
  platformAdminCan,
  type StudioPermission,
  type StudioRole,
} from './studios.policy.js';
import { studioMembers, studios } from './studios.tables.js';

/**
 * Throws (403 `forbidden`, telling the person to turn on two-factor) unless this person has TOTP on.
 * Identity owns people, so the app wires it in (identity's `assertTwoFactorSatisfied`).
 */
export type AssertTwoFactor = (actor: Actor) => Promise<void>;

/**
 * The permissions a member of a studio that requires two-factor keeps without it: enough to see the
 * studio (its shell and settings page, which sends them to their account to turn 2FA on) and to leave.
 * Their own account routes (`/api/v1/me`, `/api/auth/*`) are not studio-scoped and never checked here.
 */
const WITHOUT_TWO_FACTOR: ReadonlySet<StudioPermission> = new Set(['studio.read']);

/** What a permission check found: the caller's role here, or null for a platform admin or the system. */
export interface StudioAccess {
  studioId: string;
  userId: string | null;
  role: StudioRole | null;
}

/**
 * Resolves the caller's role in a studio and checks one permission. Strangers get 404, exactly what an
 * unknown studio answers, so private routes reveal nothing about a studio to people outside it;
 * members without the permission get 403. Platform admins may read (`*.read`) any studio; an API key
 * may read its own studio. In a studio with `requireStaffTwoFactor`, members without TOTP are refused
 * (403) everything but `studio.read`; without an `assertTwoFactor` wired in, they are always refused.
 */
export function createAccessCheck(database: Database, assertTwoFactor?: AssertTwoFactor) {
  return async function requireStudioPermission(
    actor: Actor,
    studioId: string,
    permission: StudioPermission,
  ): Promise<StudioAccess> {
    switch (actor.kind) {
      case 'anonymous':
        throw new AppError('unauthenticated', 'Sign in to do this');
      case 'system':
        return { studioId, userId: null, role: null };
      case 'apiKey':
        if (actor.studioId !== studioId) throw new AppError('not_found', 'No such studio');
        if (apiKeyCan(permission)) return { studioId, userId: null, role: null };
        throw new AppError('forbidden', `An API key cannot ${permission}`);
      case 'user': {
        // Owner-level read: the membership decides which studio's RLS scope the caller may enter at all.
        const [member] = await database.db
          .select({ role: studioMembers.role, requireTwoFactor: studios.requireStaffTwoFactor })
          .from(studioMembers)
          .innerJoin(studios, eq(studios.id, studioMembers.studioId))
          .where(and(eq(studioMembers.studioId, studioId), eq(studioMembers.userId, actor.userId)));
        if (member) {
          if (!can(member.role, permission))
            throw new AppError('forbidden', `Your role (${member.role}) does not allow ${permission}`);
          if (member.requireTwoFactor && !WITHOUT_TWO_FACTOR.has(permission)) {
            if (!assertTwoFactor)
              throw new AppError(
                'forbidden',
                'This studio requires two-factor authentication: turn it on first',
              );
            await assertTwoFactor(actor);
          }
          return { studioId, userId: actor.userId, role: member.role };
        }
        if (actor.platformRole === 'admin') {
          if (platformAdminCan(permission)) return { studioId, userId: actor.userId, role: null };
          throw new AppError('forbidden', 'Platform admins may read a studio, not change it');
        }
        throw new AppError('not_found', 'No such studio');
      }
    }
  };
}

export type RequireStudioPermission = ReturnType<typeof createAccessCheck>;
