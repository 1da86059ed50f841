/**
 * Wall-clock times in the studio's time zone <-> instants. A flash sale "from 9:00 to 18:00" means the
 * studio's 9:00, whatever zone the admin's laptop is in, so the <input type="datetime-local"> value is
 * read and written in the studio's zone, not the browser's.
 */

function wallClock(instant: number, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  return Object.fromEntries(parts.filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
}

function offsetMs(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(
    w.year ?? 1970,
    (w.month ?? 1) - 1,
    w.day ?? 1,
    w.hour ?? 0,
    w.minute ?? 0,
    w.second ?? 0,
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** "2026-05-01T09:00" in `timeZone` -> ISO instant; null when the text is not such a value. */
export function zonedToIso(local: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(wall)) return null;
  try {
    // Twice, so a wall time next to a daylight-saving change lands on the offset in force then.
    const first = wall - offsetMs(wall, timeZone);
    return new Date(wall - offsetMs(first, timeZone)).toISOString();
  } catch {
    return new Date(wall).toISOString();
  }
}

/** ISO instant -> "2026-05-01T09:00" as the studio's clock shows it. */
export function isoToZoned(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  let w: Record<string, number>;
  try {
    w = wallClock(instant, timeZone);
  } catch {
    w = wallClock(instant, 'UTC');
  }
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}
