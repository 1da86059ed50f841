import { type AtelierApiError, isAtelierApiError } from '@atelier/sdk';

/** Field path -> message, with paths as the API names them minus `body.`: `variants[1].sku`. */
export type FieldMessages = Record<string, string>;

/** The fields a problem+json answer names, keyed by path, so each message sits next to its input. */
export function problemFields(error: unknown): FieldMessages {
  if (!isAtelierApiError(error)) return {};
  const fields: FieldMessages = {};
  for (const { field, message } of error.fields) {
    const path = field.replace(/^(body|query|params)\./, '').replace(/^\//, '');
    if (!fields[path]) fields[path] = message;
  }
  return fields;
}

/** What to say above the form for an API failure whose fields are not on screen. */
export function problemSummary(
  error: unknown,
  t: (key: 'unreachable' | 'unexpected' | 'forbidden' | 'notFound' | 'conflict') => string,
): string {
  if (!isAtelierApiError(error)) return t('unexpected');
  const problem = error as AtelierApiError;
  if (problem.unreachable) return t('unreachable');
  if (problem.status === 403) return t('forbidden');
  if (problem.status === 404) return t('notFound');
  if (problem.status === 409) return problem.detail || t('conflict');
  if (problem.status >= 400 && problem.status < 500 && problem.detail) return problem.detail;
  return t('unexpected');
}
