/** A date and time as people read it, in the studio's (or the browser's) time zone. */
export function formatDateTime(value: string | Date, locale: string, timeZone?: string): string {
  return format(value, locale, { dateStyle: 'medium', timeStyle: 'short' }, timeZone);
}

export function formatDate(value: string | Date, locale: string, timeZone?: string): string {
  return format(value, locale, { dateStyle: 'medium' }, timeZone);
}

/** The time of day alone ("12:30 PM", "12:30"), for a list that shows the date beside it. */
export function formatTime(value: string | Date, locale: string, timeZone?: string): string {
  return format(value, locale, { timeStyle: 'short' }, timeZone);
}

function format(
  value: string | Date,
  locale: string,
  options: Intl.DateTimeFormatOptions,
  timeZone: string | undefined,
): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  try {
    return new Intl.DateTimeFormat(locale, { ...options, ...(timeZone ? { timeZone } : {}) }).format(date);
  } catch {
    // An unknown time zone name: fall back to UTC rather than fail the page.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
  }
}

/** Minutes `timeZone` is ahead of UTC at `instant` (e.g. +420 for Asia/Bangkok). */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - instant) / 60_000);
}

/**
 * The instant a wall-clock day boundary (`2026-05-01`, start or end of that day) happens in `timeZone`,
 * as an ISO string; null for anything that is not a YYYY-MM-DD date.
 */
export function zonedDayBoundary(day: string, timeZone: string, edge: 'start' | 'end'): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (edge === 'end' ? 1 : 0));
  if (Number.isNaN(wall)) return null;
  try {
    const instant = wall - offsetMinutes(wall, timeZone) * 60_000 - (edge === 'end' ? 1 : 0);
    return new Date(instant).toISOString();
  } catch {
    return new Date(wall - (edge === 'end' ? 1 : 0)).toISOString();
  }
}
