import { type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import { AppError, type FieldError } from '../../platform/http/errors.js';

/**
 * Our own limits on what the sign-up and sign-in endpoints accept, checked before better-auth sees the
 * body: it has no bounds on names, and we want every refusal to name its field the way our routes do.
 */
const Email = Type.String({ maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' });
const Password = Type.String({ minLength: 10, maxLength: 128 });
const CallbackUrl = Type.Optional(Type.String({ maxLength: 2000 }));

const SCHEMAS: Record<string, TSchema> = {
  '/sign-up/email': Type.Object({
    name: Type.String({ minLength: 1, maxLength: 100 }),
    email: Email,
    password: Password,
    phone: Type.Optional(Type.String({ maxLength: 32, pattern: '^[+0-9 ()-]*$' })),
    marketingConsent: Type.Optional(Type.Boolean()),
    image: Type.Optional(Type.String({ maxLength: 2000 })),
    callbackURL: CallbackUrl,
    rememberMe: Type.Optional(Type.Boolean()),
  }),
  '/sign-in/email': Type.Object({
    email: Email,
    password: Type.String({ minLength: 1, maxLength: 128 }),
    callbackURL: CallbackUrl,
    rememberMe: Type.Optional(Type.Boolean()),
  }),
  '/sign-in/oauth2': Type.Object({
    providerId: Type.String({ minLength: 1, maxLength: 50 }),
    callbackURL: CallbackUrl,
    errorCallbackURL: CallbackUrl,
    newUserCallbackURL: CallbackUrl,
  }),
  '/request-password-reset': Type.Object({ email: Email, redirectTo: CallbackUrl }),
  '/reset-password': Type.Object({
    newPassword: Password,
    token: Type.String({ minLength: 1, maxLength: 512 }),
  }),
};

/** Throws 400 naming each bad field when `path` (below /api/auth) has limits and `body` breaks them. */
export function assertAuthInput(path: string, body: unknown): void {
  const schema = SCHEMAS[path];
  if (!schema) return;
  const fields: FieldError[] = Value.Errors(schema, body ?? {}).map((error) => {
    const params = error.params as { requiredProperties?: string[] };
    const segments = error.instancePath.split('/').filter(Boolean);
    if (error.keyword === 'required' && params.requiredProperties?.[0])
      segments.push(params.requiredProperties[0]);
    return { field: ['body', ...segments].join('.'), message: error.message };
  });
  if (fields.length > 0) {
    throw new AppError('validation_failed', `${fields[0]?.field} ${fields[0]?.message}`, { fields });
  }
}

/**
 * `POST /sign-in/oauth2 { providerId }` starts an OAuth sign-in. better-auth serves its generic OAuth
 * providers through `/sign-in/social { provider }`; we keep the stable, documented name and translate.
 * Other calls pass through unchanged.
 */
export function toBetterAuthCall(
  path: string,
  body: unknown,
  enabledProviders: readonly string[],
): { path: string; body: unknown } {
  if (path !== '/sign-in/oauth2') return { path, body };
  const { providerId, ...rest } = body as { providerId: string };
  if (!enabledProviders.includes(providerId)) {
    throw AppError.invalid(
      'body.providerId',
      `is not an enabled sign-in provider (${enabledProviders.join(', ') || 'none'})`,
    );
  }
  return { path: '/sign-in/social', body: { provider: providerId, ...rest } };
}
