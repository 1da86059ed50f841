import { type AtelierApiError, type FieldError, isAtelierApiError } from '@atelier/sdk';

/** Field path -> message, with paths as the API names them minus `body.`: `variants[1].sku`. */
export type FieldMessages = Record<string, string>;

/**
 * Words one field error for the reader: `useFieldErrorWords()` (the rule's wording in the page's
 * language, from `ApiReasons`) or, without one, the API's English message.
 */
export type WordFieldError = (error: FieldError) => string;

const apiWords: WordFieldError = (error) => error.message;

/** The fields a problem+json answer names, keyed by path, so each message sits next to its input. */
export function problemFields(error: unknown, word: WordFieldError = apiWords): FieldMessages {
  if (!isAtelierApiError(error)) return {};
  const fields: FieldMessages = {};
  for (const fieldError of error.fields) {
    const path = fieldError.field.replace(/^(body|query|params)\./, '').replace(/^\//, '');
    if (!fields[path]) fields[path] = word(fieldError);
  }
  return fields;
}

/**
 * What to say above the form for an API failure whose fields are not on screen. Given a `word`, a
 * refusal that names a field leads with that field's rule in the reader's language rather than the
 * API's English detail.
 */
export function problemSummary(
  error: unknown,
  t: (key: 'unreachable' | 'unexpected' | 'forbidden' | 'notFound' | 'conflict') => string,
  word?: WordFieldError,
): string {
  if (!isAtelierApiError(error)) return t('unexpected');
  const problem = error as AtelierApiError;
  if (problem.unreachable) return t('unreachable');
  if (problem.status === 403) return t('forbidden');
  if (problem.status === 404) return t('notFound');
  const first = problem.fields[0];
  if (word && first?.reason && problem.status >= 400 && problem.status < 500) return word(first);
  if (problem.status === 409) return problem.detail || t('conflict');
  if (problem.status >= 400 && problem.status < 500 && problem.detail) return problem.detail;
  return t('unexpected');
}
