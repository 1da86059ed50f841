import { type FieldError, isAtelierApiError } from '@atelier/sdk';

/** Field path -> message, paths as the API names them minus `body.` (`shippingMethods.0.name`). */
export type FieldMessages = Record<string, string>;

/**
 * The fields a problem+json answer names, each with its message: worded by `word` (see
 * `useFieldErrorWords`, the rule in the page's language) or, without one, the API's English.
 */
export function problemFields(error: unknown, word?: (error: FieldError) => string): FieldMessages {
  if (!isAtelierApiError(error)) return {};
  const fields: FieldMessages = {};
  for (const fieldError of error.fields) {
    const message = word ? word(fieldError) : fieldError.message;
    const path = fieldError.field
      .replace(/^(body|query|params|headers)[./]/, '')
      .replace(/^\//, '')
      .replaceAll('/', '.')
      .replace(/\[(\d+)\]/g, '.$1');
    if (!fields[path]) fields[path] = message;
  }
  return fields;
}

/**
 * What to say above a form for an API failure: the rule of the first field it names in the reader's
 * words when `word` knows it, else the API's own detail when it gave one.
 */
export function problemSummary(
  error: unknown,
  t: (key: 'unreachable' | 'unexpected' | 'forbidden' | 'notFound') => string,
  word?: (error: FieldError) => string,
): string {
  if (!isAtelierApiError(error)) return t('unexpected');
  if (error.unreachable) return t('unreachable');
  if (error.status === 403) return error.detail || t('forbidden');
  if (error.status === 404) return t('notFound');
  const first = error.fields[0];
  if (word && first?.reason && error.status >= 400 && error.status < 500) return word(first);
  if (error.status >= 400 && error.status < 500 && error.detail) return error.detail;
  return t('unexpected');
}
