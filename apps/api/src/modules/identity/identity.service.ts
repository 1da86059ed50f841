import { fromNodeHeaders } from 'better-auth/node';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { UserActor } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import type { ActorResolver } from '../../platform/http/actor.js';
import { AppError } from '../../platform/http/errors.js';
import type { Auth } from './auth.js';
import { users } from './identity.tables.js';

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

export type IdentityService = ReturnType<typeof createIdentityService>;

export function createIdentityService({ auth, database }: { auth: Auth; database: Database }) {
  /** The person behind a session cookie; null for no, expired, revoked or banned sessions. */
  const resolveSession: ActorResolver = async (request: FastifyRequest) => {
    if (!request.headers.cookie) return null;
    const session = await auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
    if (!session) return null;
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

    async getMe(actor: UserActor): Promise<Me> {
      const [row] = await database.db.select().from(users).where(eq(users.id, actor.userId));
      if (!row || row.deletedAt) throw new AppError('unauthenticated', 'This account no longer exists');
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
    },
  };
}
