import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fromNodeHeaders } from 'better-auth/node';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import { requireUser } from '../../platform/http/actor.js';
import { sendProblem } from '../../platform/http/error-handler.js';
import { AppError, type ErrorCode } from '../../platform/http/errors.js';
import { problemResponses } from '../../platform/http/schemas.js';
import type { StudiosService } from '../studios/index.js';
import { accountRoutes } from './account.routes.js';
import { AUTH_BASE_PATH, type Auth, oauthProviders } from './auth.js';
import { assertAuthInput, toBetterAuthCall } from './auth-input.js';
import { AuthProvidersSchema, MeSchema } from './identity.schemas.js';
import type { IdentityService } from './identity.service.js';
import type { LoginProtection } from './login-protection.js';
import { platformAdminRoutes } from './platform-admin.routes.js';
import { createSignInAudit } from './sign-in-audit.js';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'rule_broken',
  429: 'rate_limited',
};

interface Options {
  auth: Auth;
  identity: IdentityService;
  loginProtection: LoginProtection;
  publicUrl: string;
  config: Config;
  database: Database;
  studios: StudiosService;
}

export const identityRoutes: FastifyPluginAsyncTypebox<Options> = async (
  app,
  { auth, identity, loginProtection, publicUrl, config, database, studios },
) => {
  const providers = oauthProviders(config).map((provider) => ({
    id: provider.providerId,
    name: provider.name ?? provider.providerId,
  }));
  const recordSignIn = createSignInAudit({ auth, database, identity });

  // better-auth's endpoints (sign-up, sign-in, verify, reset, sessions, two-factor, admin) behind
  // /api/auth/*. Its errors are reshaped into our problem+json so clients see one error format.
  app.route({
    method: ['GET', 'POST'],
    url: `${AUTH_BASE_PATH}/*`,
    schema: { hide: true },
    handler: async (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      if (request.method === 'POST') assertAuthInput(path.slice(AUTH_BASE_PATH.length), request.body);
      const call = toBetterAuthCall(
        path.slice(AUTH_BASE_PATH.length),
        request.body,
        providers.map((provider) => provider.id),
      );
      const target =
        call.path === path.slice(AUTH_BASE_PATH.length) ? request.url : `${AUTH_BASE_PATH}${call.path}`;
      const isPasswordSignIn = request.method === 'POST' && path === `${AUTH_BASE_PATH}/sign-in/email`;
      const email = isPasswordSignIn
        ? String((request.body as { email?: unknown } | undefined)?.email ?? '')
        : '';
      if (isPasswordSignIn) await loginProtection.assertAllowed(email, request.ip);

      const headers = fromNodeHeaders(request.headers);
      // better-auth records the address on sessions; it must be the one Fastify trusts, never a header a client set.
      headers.set('x-atelier-client-ip', request.ip);
      headers.delete('content-length');
      const hasBody = request.method !== 'GET' && request.body !== undefined;
      const response = await auth.handler(
        new Request(new URL(target, publicUrl), {
          method: request.method,
          headers,
          ...(hasBody ? { body: JSON.stringify(call.body) } : {}),
        }),
      );

      if (isPasswordSignIn) {
        if (response.status === 401) await loginProtection.recordFailure(email, request.ip);
        else if (response.ok) await loginProtection.recordSuccess(email, request.ip);
      }
      await recordSignIn(request, path, response);

      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      const location = response.headers.get('location');
      if (location) reply.header('location', location);

      if (response.status >= 400) {
        const body = (await response.json().catch(() => ({}))) as { message?: string; code?: string };
        const code = STATUS_CODES[response.status] ?? 'bad_request';
        return sendProblem(request, reply, new AppError(code, body.message ?? body.code ?? undefined));
      }
      const contentType = response.headers.get('content-type');
      if (contentType) reply.type(contentType);
      reply.status(response.status);
      return reply.send(response.status === 204 ? null : await response.text());
    },
  });

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'The signed-in person',
        operationId: 'getMe',
        response: { 200: MeSchema, ...problemResponses(401) },
      },
    },
    async (request) => identity.getMe(requireUser(request)),
  );

  app.get(
    '/api/v1/auth/providers',
    {
      schema: {
        tags: ['identity'],
        summary: 'Which sign-in buttons to show: email + password, and the enabled OAuth providers',
        operationId: 'listAuthProviders',
        response: { 200: AuthProvidersSchema, ...problemResponses() },
      },
    },
    async () => ({ emailPassword: true, oauth: providers }),
  );

  await app.register(accountRoutes, { identity });
  await app.register(platformAdminRoutes, { identity, studios });
};
