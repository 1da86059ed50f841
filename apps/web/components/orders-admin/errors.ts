import { isAtelierApiError } from '@atelier/sdk';

/** Field path -> message, paths as the API names them minus `body.` (`shippingMethods.0.name`). */
export type FieldMessages = Record<string, string>;

export function problemFields(error: unknown): FieldMessages {
  if (!isAtelierApiError(error)) return {};
  const fields: FieldMessages = {};
  for (const { field, message } of error.fields) {
    const path = field
      .replace(/^(body|query|params|headers)[./]/, '')
      .replace(/^\//, '')
      .replaceAll('/', '.')
      .replace(/\[(\d+)\]/g, '.$1');
    if (!fields[path]) fields[path] = message;
  }
  return fields;
}

/** What to say above a form for an API failure (the API's own detail when it gave one). */
export function problemSummary(
  error: unknown,
  t: (key: 'unreachable' | 'unexpected' | 'forbidden' | 'notFound') => string,
): string {
  if (!isAtelierApiError(error)) return t('unexpected');
  if (error.unreachable) return t('unreachable');
  if (error.status === 403) return error.detail || t('forbidden');
  if (error.status === 404) return t('notFound');
  if (error.status >= 400 && error.status < 500 && error.detail) return error.detail;
  return t('unexpected');
}
