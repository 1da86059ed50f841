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
import { studioMembers } from './studios.tables.js';

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
 * may read its own studio.
 */
export function createAccessCheck(database: Database) {
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
          .select({ role: studioMembers.role })
          .from(studioMembers)
          .where(and(eq(studioMembers.studioId, studioId), eq(studioMembers.userId, actor.userId)));
        if (member) {
          if (can(member.role, permission)) return { studioId, userId: actor.userId, role: member.role };
          throw new AppError('forbidden', `Your role (${member.role}) does not allow ${permission}`);
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
