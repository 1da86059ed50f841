/**
 * What a price tag says: the price in force, and the higher price it is measured against (a running
 * flash sale's list price, or the studio's compare-at price), with the saving in percent.
 * All amounts are integer minor units of one currency.
 */
export interface PriceFacts {
  /** What the shopper pays now (after a running sale). */
  nowMinor: number;
  /** The list price before a running sale. */
  listMinor: number;
  /** The studio's "was" price, if it set one. */
  compareAtMinor: number | null;
}

export interface PriceTagParts {
  nowMinor: number;
  /** Struck-through price, only when it is higher than what is paid now. */
  wasMinor: number | null;
  /** Whole percent saved against `wasMinor` (floor, so we never claim more than the real saving). */
  percentOff: number | null;
}

export function priceTag({ nowMinor, listMinor, compareAtMinor }: PriceFacts): PriceTagParts {
  const was = Math.max(listMinor, compareAtMinor ?? 0);
  if (was <= nowMinor || was <= 0) return { nowMinor, wasMinor: null, percentOff: null };
  const percentOff = Math.floor(((was - nowMinor) / was) * 100);
  return { nowMinor, wasMinor: was, percentOff: percentOff >= 1 ? percentOff : null };
}

/** Days, hours, minutes, seconds left until `endsAt`, never negative. */
export function timeLeft(
  endsAt: number,
  now: number,
): { days: number; hours: number; minutes: number; seconds: number; done: boolean } {
  const total = Math.max(0, Math.floor((endsAt - now) / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
    done: total === 0,
  };
}

/** "2d 03:14:07", or "03:14:07" under a day; `dayUnit` is the localised "d". */
export function formatTimeLeft(left: ReturnType<typeof timeLeft>, dayUnit: string): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const clock = `${pad(left.hours)}:${pad(left.minutes)}:${pad(left.seconds)}`;
  return left.days > 0 ? `${left.days}${dayUnit} ${clock}` : clock;
}
