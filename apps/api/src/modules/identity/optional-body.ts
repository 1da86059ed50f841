import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { AppError, type FieldError } from '../../platform/http/errors.js';

/**
 * Validates a body that may be left out entirely (DELETE /me, POST .../ban): Fastify's schema check
 * refuses a missing body, so these routes check it here, naming fields as the schema check would.
 */
export function parseOptionalBody<T extends TSchema>(schema: T, body: unknown): Static<T> {
  const value = body ?? {};
  const fields: FieldError[] = Value.Errors(schema, value).map((error) => {
    const params = error.params as { requiredProperties?: string[]; additionalProperties?: string[] };
    const segments = error.instancePath.split('/').filter(Boolean);
    const named = params.requiredProperties?.[0] ?? params.additionalProperties?.[0];
    if (named) segments.push(named);
    return { field: ['body', ...segments].join('.'), message: error.message };
  });
  if (fields.length > 0) {
    throw new AppError('validation_failed', `${fields[0]?.field} ${fields[0]?.message}`, { fields });
  }
  return value as Static<T>;
}
