/** The dashboard's sales period and its comparison, decided from the URL and the API's numbers. */

/** The periods the dashboard offers (the API takes 7 to 90 days). */
export const SALES_PERIODS = [7, 30, 90] as const;

/** `days=` of the dashboard URL, when it is one of the periods offered; 30 otherwise. */
export function salesPeriod(value: string | string[] | undefined): number {
  const days = Number(typeof value === 'string' ? value : undefined);
  return (SALES_PERIODS as readonly number[]).includes(days) ? days : 30;
}

/**
 * Change against the period before, in whole percent; null when there was nothing before to compare
 * with (a percentage of zero says nothing).
 */
export function changePercent(now: number, before: number): number | null {
  if (before <= 0) return null;
  return Math.round(((now - before) / before) * 100);
}
