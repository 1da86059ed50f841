import { type FieldError, isAtelierApiError } from '@atelier/sdk';

/**
 * A form's view of an API refusal: which of its inputs each field error belongs to, and one line to say
 * above the form. Shared by every admin form (catalog, orders, settings, billing), so a refusal reads
 * the same everywhere and a rule the API names (`reason`) is worded in the reader's language by the
 * `word` the form passes (`useFieldErrorWords()`, whose page must ship `ApiReasons`).
 */

/** Field path -> message, the path without its `body.` (or `query.`, ...) location. */
export type FieldMessages = Record<string, string>;

/**
 * Words one field error for the reader: `useFieldErrorWords()` (the rule's wording in the page's
 * language) or, without one, the API's English message.
 */
export type WordFieldError = (error: FieldError) => string;

/**
 * How the form names its inputs' paths. The API sends `body.variants[1].sku`;
 * - `brackets` keeps that spelling (`variants[1].sku`), as the catalog editor's grid reads it;
 * - `dots` spells every step with a dot (`shippingMethods.0.name`), as the commerce settings' inputs
 *   are named. A JSON-pointer path (`/shippingMethods/0/name`) also comes out that way.
 */
export type FieldPathStyle = 'brackets' | 'dots';

const apiWords: WordFieldError = (error) => error.message;

/** The field's path as the form names it. */
export function fieldPath(field: string, style: FieldPathStyle = 'brackets'): string {
  const path = field.replace(/^(body|query|params|headers)[./]/, '').replace(/^\//, '');
  return style === 'dots' ? path.replaceAll('/', '.').replace(/\[(\d+)\]/g, '.$1') : path;
}

/**
 * The fields a problem+json answer names, keyed by path, so each message sits next to its input. The
 * first message for a field wins (the API lists the most telling one first).
 */
export function problemFields(
  error: unknown,
  word: WordFieldError = apiWords,
  options: { paths?: FieldPathStyle } = {},
): FieldMessages {
  if (!isAtelierApiError(error)) return {};
  const fields: FieldMessages = {};
  for (const fieldError of error.fields) {
    const path = fieldPath(fieldError.field, options.paths);
    if (!fields[path]) fields[path] = word(fieldError);
  }
  return fields;
}

/** The messages a form gives `problemSummary` for what is not a rule of one field. */
export type SummaryKey = 'unreachable' | 'unexpected' | 'forbidden' | 'notFound';

/**
 * What to say above the form for an API failure whose fields are not on screen. A refusal that names
 * its rule leads with that rule in the reader's language (given a `word`); a 403 that names none gets
 * the form's own "not allowed" words, never the API's English (which names permissions in code terms).
 * The API's English `detail` is said only for another refusal the web has no words for.
 */
export function problemSummary(
  error: unknown,
  t: (key: SummaryKey) => string,
  word?: WordFieldError,
): string {
  if (!isAtelierApiError(error)) return t('unexpected');
  if (error.unreachable) return t('unreachable');
  if (error.status === 404) return t('notFound');
  const refused = error.status >= 400 && error.status < 500;
  const first = error.fields[0];
  if (word && first?.reason && refused) return word(first);
  if (error.status === 403) return t('forbidden');
  if (refused && error.detail) return error.detail;
  return t('unexpected');
}
