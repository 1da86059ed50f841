/** Offered when nothing else is known: the server's first render, and browsers that cannot list zones. */
export const FALLBACK_TIME_ZONE = 'UTC';

/**
 * The zones the wizard offers: what the browser's Intl knows (the API checks a zone with Node's Intl, the
 * same ICU names), sorted, with UTC always there.
 */
export function offeredTimeZones(supported: readonly string[]): string[] {
  return [...new Set([FALLBACK_TIME_ZONE, ...supported])].sort();
}

/**
 * The zone to preselect: the browser's own when it is one of the offered zones. Otherwise UTC: a browser
 * that cannot tell its zone answers undefined or "Etc/Unknown", which the API would refuse.
 */
export function defaultTimeZone(own: string | undefined, offered: readonly string[]): string {
  return own && offered.includes(own) ? own : FALLBACK_TIME_ZONE;
}
