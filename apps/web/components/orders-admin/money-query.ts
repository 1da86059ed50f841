// Relative, not '@/…': the root test runner has no '@/' alias and money-query.test.ts imports this file.
import { one, oneOf, type SearchParams } from '../../lib/search-params';
import { PAYMENT_PROVIDERS, type PaymentProvider } from './types';
import { startOfDayIn } from './zoned';

/** The filters the orders and payments lists both read from their URL. */
export interface MoneyFilters {
  provider: PaymentProvider | undefined;
  /** The days as the URL has them (kept in the list's page links as typed). */
  fromDay: string;
  toDay: string;
  /** What the API filters by: 00:00 of `from` and 00:00 after `to` in the studio's zone; null if not a day. */
  from: string | null;
  to: string | null;
  /**
   * "Until" falls before "from": the API refuses such a range with a bare 400, which the list showed
   * as "the studio service answered with an error". The list then filters by "from" only and the form
   * says what is wrong on "until".
   */
  reversed: boolean;
}

/** Reads provider and days; days are the studio's calendar days, and "to" includes that whole day. */
export function readMoneyFilters(query: SearchParams, timeZone: string): MoneyFilters {
  const fromDay = one(query.from);
  const toDay = one(query.to);
  const from = startOfDayIn(fromDay, timeZone);
  const to = startOfDayIn(toDay, timeZone, 1);
  // `to` is the midnight after its day, so the same day twice is a one-day range, not a reversed one.
  const reversed = from !== null && to !== null && to <= from;
  return {
    provider: oneOf(PAYMENT_PROVIDERS, query.provider),
    fromDay,
    toDay,
    from,
    to: reversed ? null : to,
    reversed,
  };
}
