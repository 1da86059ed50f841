import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { users } from './identity.tables.js';

/**
 * For studios that require two-factor authentication of their staff: throws 403 (`forbidden`) unless
 * the person has TOTP turned on. With it on, better-auth asks for the second factor on every sign-in,
 * so every session of theirs passed it. API keys and the system are not people and always pass.
 * Takes any handle (the request's studio transaction works: users is a platform table).
 */
export async function assertTwoFactorSatisfied(db: Db | Tx, actor: Actor): Promise<void> {
  if (actor.kind === 'apiKey' || actor.kind === 'system') return;
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to do this');
  const [row] = await db
    .select({ twoFactorEnabled: users.twoFactorEnabled })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!row?.twoFactorEnabled) {
    throw new AppError(
      'forbidden',
      'This studio requires two-factor authentication: turn it on in your account settings first',
    );
  }
}
