import type { FieldError } from '@atelier/sdk';
import { formatMoney } from '../../lib/money';

/**
 * The API words its errors in English; each field error that comes from a known rule also says which
 * (`reason`, e.g. "promo.used_up", with `params` such as { left: 2 }). This puts those in the reader's
 * language from the `ApiReasons` messages, and falls back to the API's English for a rule the web has no
 * words for yet, so a new rule on the server never shows an empty message. A client component using it
 * needs `ApiReasons` among its page's `ClientMessages` namespaces.
 */

/** The part of next-intl's translator this needs (a `useTranslations('ApiReasons')` or server one). */
export interface ReasonTranslator {
  has(key: string): boolean;
  (key: string, values?: Record<string, string | number>): string;
}

/**
 * Params as the messages use them: money (`<name>Minor` + `currency`, e.g. `amountMinor`,
 * `balanceMinor`) as one formatted `<name>` (`amount`, `balance`).
 */
function wordedParams(params: FieldError['params'], locale: string): Record<string, string | number> {
  const values: Record<string, string | number> = { ...(params ?? {}) };
  const currency = values.currency;
  if (typeof currency !== 'string') return values;
  for (const [key, minor] of Object.entries(values)) {
    const name = /^([a-z][a-zA-Z]*)Minor$/.exec(key)?.[1];
    if (name && typeof minor === 'number')
      values[name] = formatMoney({ amountMinor: minor, currency }, locale);
  }
  return values;
}

/**
 * The field error in the reader's language when its rule is known, else the API's message. A rule that
 * names the item (`params.item`, e.g. stock on one line of several) uses its `<reason>_named` wording
 * when there is one.
 */
export function reasonMessage(
  t: ReasonTranslator,
  error: Pick<FieldError, 'message' | 'reason' | 'params'>,
  locale: string,
): string {
  const { reason } = error;
  if (!reason || !/^[a-z_]+(\.[a-zA-Z_]+)+$/.test(reason) || !t.has(reason)) return error.message;
  const values = wordedParams(error.params, locale);
  const named = `${reason}_named`;
  return typeof values.item === 'string' && t.has(named) ? t(named, values) : t(reason, values);
}
