/**
 * Calendar days in the studio's time zone -> instants, so "from 1 May" filters from the studio's
 * midnight whatever zone the server or browser runs in.
 */
function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** "2026-05-01" -> the ISO instant of 00:00 that day in `timeZone`; null for anything else. */
export function startOfDayIn(day: string, timeZone: string, plusDays = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const guess = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays);
  if (Number.isNaN(guess)) return null;
  try {
    let at = guess - offsetMs(guess, timeZone);
    // Once more from the first answer: right across a daylight-saving change too.
    at = guess - offsetMs(at, timeZone);
    return new Date(at).toISOString();
  } catch {
    return new Date(guess).toISOString();
  }
}

/** An instant -> "YYYY-MM-DDTHH:mm" on the studio's clock (a datetime-local input's value). */
export function toLocalInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return '';
  return new Date(at + offsetMs(at, timeZone)).toISOString().slice(0, 16);
}

/** "YYYY-MM-DDTHH:mm" on the studio's clock -> an ISO instant; "" -> null; anything else -> undefined. */
export function fromLocalInput(value: string, timeZone: string): string | null | undefined {
  if (value.trim() === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const guess = Date.UTC(
    Number(match[1]),
    Number(match[2]) - 1,
    Number(match[3]),
    Number(match[4]),
    Number(match[5]),
  );
  let at = guess - offsetMs(guess, timeZone);
  at = guess - offsetMs(at, timeZone);
  return new Date(at).toISOString();
}
