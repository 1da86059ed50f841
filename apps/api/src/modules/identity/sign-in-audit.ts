import type { FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { recordAudit } from '../audit/index.js';
import { AUTH_BASE_PATH, type Auth, SESSION_COOKIE_PREFIX } from './auth.js';
import type { IdentityService } from './identity.service.js';

const SECOND_FACTOR_PATHS: Record<string, string> = {
  [`${AUTH_BASE_PATH}/two-factor/verify-totp`]: 'totp',
  [`${AUTH_BASE_PATH}/two-factor/verify-backup-code`]: 'backup_code',
  [`${AUTH_BASE_PATH}/two-factor/verify-otp`]: 'otp',
};
const OAUTH_CALLBACK = new RegExp(`^${AUTH_BASE_PATH}/callback/([a-z0-9-]+)$`);
const SESSION_COOKIE = `${SESSION_COOKIE_PREFIX}.session_token=`;

/**
 * Writes `auth.sign_in.*` audit entries from better-auth's answers (it has no hook that sees the
 * request's address): password sign-ins, the second factor, OAuth callbacks. Platform entries (no studio).
 */
export function createSignInAudit({
  auth,
  database,
  identity,
}: {
  auth: Auth;
  database: Database;
  identity: IdentityService;
}) {
  const record = (
    request: FastifyRequest,
    action: string,
    userId: string | null,
    data: Record<string, unknown>,
  ) =>
    recordAudit(database.db, {
      // Only a sign-in that worked proves who acted; a failed one is about the account, by nobody known.
      actor: userId && action !== 'auth.sign_in.failed' ? { kind: 'user', userId } : { kind: 'anonymous' },
      action,
      ...(userId ? { target: { type: 'user', id: userId } } : {}),
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      data,
    });

  const userIdFromBody = async (response: Response): Promise<string | null> => {
    const body = (await response
      .clone()
      .json()
      .catch(() => ({}))) as { user?: { id?: unknown }; twoFactorRedirect?: unknown };
    return typeof body.user?.id === 'string' ? body.user.id : null;
  };

  return async function recordSignIn(
    request: FastifyRequest,
    path: string,
    response: Response,
  ): Promise<void> {
    if (request.method === 'POST' && path === `${AUTH_BASE_PATH}/sign-in/email`) {
      const email = String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase();
      if (response.ok) {
        const body = (await response
          .clone()
          .json()
          .catch(() => ({}))) as { twoFactorRedirect?: unknown };
        const userId = (await userIdFromBody(response)) ?? (await identity.findUserIdByEmail(email));
        if (body.twoFactorRedirect === true) {
          await record(request, 'auth.sign_in.second_factor_required', userId, { method: 'password' });
        } else {
          await record(request, 'auth.sign_in.succeeded', userId, { method: 'password' });
        }
      } else if (response.status === 401 || response.status === 403) {
        const userId = await identity.findUserIdByEmail(email);
        await record(request, 'auth.sign_in.failed', userId, {
          method: 'password',
          email,
          reason: response.status === 403 ? 'email_not_verified' : 'invalid_credentials',
        });
      }
      return;
    }
    const secondFactor = SECOND_FACTOR_PATHS[path];
    // Only the sign-in flow carries the two_factor cookie; the same endpoints also confirm enrolment.
    if (secondFactor && request.method === 'POST' && request.headers.cookie?.includes('two_factor=')) {
      const userId = await userIdFromBody(response);
      if (response.ok) await record(request, 'auth.sign_in.succeeded', userId, { method: secondFactor });
      else if (response.status < 500)
        await record(request, 'auth.sign_in.failed', userId, { method: secondFactor });
      return;
    }
    const provider = OAUTH_CALLBACK.exec(path)?.[1];
    if (provider && request.method === 'GET') {
      const sessionCookie = response.headers
        .getSetCookie()
        .map((line) => line.split(';')[0] ?? '')
        .find((pair) => pair.includes(SESSION_COOKIE));
      if (!sessionCookie) {
        await record(request, 'auth.sign_in.failed', null, { method: 'oauth', provider });
        return;
      }
      const session = await auth.api.getSession({ headers: new Headers({ cookie: sessionCookie }) });
      await record(request, 'auth.sign_in.succeeded', session?.user.id ?? null, {
        method: 'oauth',
        provider,
      });
    }
  };
}
