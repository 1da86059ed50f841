import { safeReturnPath } from './return-path';

/**
 * A same-origin path to go to after signing in; anything else (//evil, https://..., /\evil, a tab the
 * browser would drop) becomes `fallback`. The same check as the 429 page's way back (lib/return-path.ts).
 */
export function safeNextPath(value: string | string[] | null | undefined, fallback = '/account'): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  return safeReturnPath(candidate, fallback);
}
