import { AppError } from '../../platform/http/errors.js';

const DAY_MS = 86_400_000;

/**
 * How long a charge made with the client present may wait for them to authenticate it (3-D Secure)
 * before the job gives it up: cancels the payment and counts a failed attempt, so the retry schedule
 * and its emails apply as to a decline.
 */
export const AUTHENTICATION_WINDOW_HOURS = 24;

/**
 * An instalment whose charge waits for the client's authentication: charging (`processing`) with a
 * deadline. Only that case gives a charging instalment a next-attempt time (the job's cue to give up).
 */
export function awaitsAuthentication(instalment: { status: string; nextAttemptAt: Date | null }): boolean {
  return instalment.status === 'processing' && instalment.nextAttemptAt !== null;
}

/**
 * Splits `totalMinor` into `parts` whole minor units. Rounding rule: every part gets the floor of the
 * even share and the few units left over go to the FIRST part, so later charges are equal, nothing is
 * lost and the parts always sum exactly to the total (10,000 in 3 -> 3,334 + 3,333 + 3,333).
 */
export function splitEvenly(totalMinor: number, parts: number): number[] {
  const base = Math.floor(totalMinor / parts);
  const amounts = Array.from({ length: parts }, () => base);
  amounts[0]! += totalMinor - base * parts;
  return amounts;
}

export type PlanSchedule = { intervalDays: number } | { dueDates: string[] };

export interface PlannedInstalment {
  seq: number;
  amountMinor: number;
  dueAt: Date;
}

/**
 * The instalments of a plan. With a deposit: the deposit now, then the balance split into
 * `instalments` charges on the schedule. Without: the total split into `instalments` charges, the first
 * now and the rest on the schedule. Field names in errors are the create-plan input's.
 */
export function planInstalments(input: {
  totalMinor: number;
  instalments: number;
  depositMinor?: number | undefined;
  schedule: PlanSchedule;
  now: Date;
}): PlannedInstalment[] {
  const { totalMinor, instalments, depositMinor, schedule, now } = input;
  if (!Number.isSafeInteger(totalMinor) || totalMinor <= 0)
    throw AppError.invalid('totalMinor', 'must be a positive whole number of minor units');
  if (!Number.isInteger(instalments) || instalments < 1 || instalments > 4)
    throw AppError.invalid('instalments', 'must be 1 to 4');
  const amounts: number[] = [];
  if (depositMinor !== undefined) {
    if (!Number.isSafeInteger(depositMinor) || depositMinor <= 0 || depositMinor >= totalMinor)
      throw AppError.invalid('depositMinor', 'must be more than 0 and less than totalMinor');
    if (totalMinor - depositMinor < instalments)
      throw AppError.invalid('depositMinor', 'leaves too little to split into the instalments');
    amounts.push(depositMinor, ...splitEvenly(totalMinor - depositMinor, instalments));
  } else {
    if (totalMinor < instalments) throw AppError.invalid('totalMinor', 'is too small to split');
    amounts.push(...splitEvenly(totalMinor, instalments));
  }
  const later = amounts.length - 1;
  let dueDates: Date[];
  if ('dueDates' in schedule) {
    if (schedule.dueDates.length !== later)
      throw AppError.invalid('schedule.dueDates', `needs ${later} date(s), one per later instalment`);
    dueDates = schedule.dueDates.map((value, i) => {
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) throw AppError.invalid(`schedule.dueDates[${i}]`, 'is not a date');
      const previous = i === 0 ? now : new Date(schedule.dueDates[i - 1]!);
      if (date <= previous)
        throw AppError.invalid(
          `schedule.dueDates[${i}]`,
          'must be after the previous due date (and after now)',
        );
      return date;
    });
  } else {
    if (!Number.isInteger(schedule.intervalDays) || schedule.intervalDays < 1 || schedule.intervalDays > 365)
      throw AppError.invalid('schedule.intervalDays', 'must be 1 to 365');
    dueDates = Array.from(
      { length: later },
      (_, i) => new Date(now.getTime() + (i + 1) * schedule.intervalDays * DAY_MS),
    );
  }
  return amounts.map((amountMinor, i) => ({
    seq: i + 1,
    amountMinor,
    dueAt: i === 0 ? now : dueDates[i - 1]!,
  }));
}

export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
