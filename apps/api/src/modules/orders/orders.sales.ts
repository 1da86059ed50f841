import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.js';

/**
 * The owner's dashboard: what the studio sold, day by day, and the orders waiting on someone.
 *
 * A sale is an order whose money came in (or whose deposit or first instalment confirmed it), on the
 * day it was paid in the studio's time zone, worth its total less what was refunded from it. Cancelled
 * orders are left out (a cancel refunds what was paid); fully refunded ones count for nothing and are
 * not counted as orders. Only orders in the studio's currency are summed: money in two currencies
 * cannot be added up.
 */
export interface SalesDay {
  /** The studio's local date, YYYY-MM-DD. */
  date: string;
  orders: number;
  salesMinor: number;
}

export interface SalesPeriod {
  orders: number;
  salesMinor: number;
  /** Sales over orders, rounded down; 0 without orders. */
  averageOrderMinor: number;
  refundedMinor: number;
}

export interface SalesOverview {
  currency: string;
  timezone: string;
  /** Every day of the period, oldest first, days without sales included. */
  days: SalesDay[];
  period: SalesPeriod;
  /** The same number of days just before, to compare with. */
  previous: SalesPeriod;
  /** Orders placed and not paid yet; orders paid and not yet shipped or handed over. */
  open: { awaitingPayment: number; toFulfil: number };
}

/** The studio's local date today, as YYYY-MM-DD (en-CA writes dates that way). */
export function localDate(timezone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(at)
    .slice(0, 10);
}

/** The YYYY-MM-DD date `days` after (or before, when negative) the given one. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

function periodOf(
  days: readonly { orders: number; salesMinor: number; refundedMinor: number }[],
): SalesPeriod {
  const orders = days.reduce((sum, day) => sum + day.orders, 0);
  const salesMinor = days.reduce((sum, day) => sum + day.salesMinor, 0);
  const refundedMinor = days.reduce((sum, day) => sum + day.refundedMinor, 0);
  return {
    orders,
    salesMinor,
    refundedMinor,
    averageOrderMinor: orders > 0 ? Math.floor(salesMinor / orders) : 0,
  };
}

/**
 * The last `days` days (today included) and the `days` before them, in two statements: the paid orders
 * of both periods grouped by local day (orders_studio_paid_idx), and the open orders counted by status
 * (orders_studio_status_idx).
 */
export async function readSalesOverview(
  tx: Tx,
  studioId: string,
  studio: { timezone: string; currency: string },
  days: number,
  now: Date,
): Promise<SalesOverview> {
  const today = localDate(studio.timezone, now);
  const first = addDays(today, -(days - 1));
  const previousFirst = addDays(first, -days);
  const end = addDays(today, 1);
  // Local midnights as instants: `timestamp at time zone` reads a wall-clock time in that zone.
  // The days and the open counts come from one statement, so one snapshot: read apart, an order paid
  // in between was counted "to fulfil" but missing from today's sales. The open counts are one row,
  // joined to every day's row (or alone, with a null day, when nothing was paid in the window).
  const { rows } = (await tx.execute(sql`
    with paid as (
      select to_char(o.paid_at at time zone ${studio.timezone}, 'YYYY-MM-DD') as day,
        count(*) filter (where o.status not in ('cancelled', 'refunded'))::int as orders,
        coalesce(sum(greatest(o.total_minor - o.refunded_minor, 0)) filter (where o.status <> 'cancelled'), 0)::bigint
          as sales_minor,
        coalesce(sum(o.refunded_minor) filter (where o.status <> 'cancelled'), 0)::bigint as refunded_minor
      from orders o
      where o.studio_id = ${studioId}
        and o.paid_at is not null
        and o.paid_at >= (${previousFirst}::timestamp at time zone ${studio.timezone})
        and o.paid_at < (${end}::timestamp at time zone ${studio.timezone})
        and o.currency = ${studio.currency}
      group by 1
    ), open as (
      select count(*) filter (where status = 'pending')::int as awaiting_payment,
        count(*) filter (where status in ('paid', 'processing'))::int as to_fulfil
      from orders
      where studio_id = ${studioId} and status in ('pending', 'paid', 'processing')
    )
    select paid.*, open.awaiting_payment, open.to_fulfil from open left join paid on true
  `)) as unknown as {
    rows: {
      day: string | null;
      orders: number;
      sales_minor: string | number;
      refunded_minor: string | number;
      awaiting_payment: number;
      to_fulfil: number;
    }[];
  };
  const byDay = new Map<string, { orders: number; salesMinor: number; refundedMinor: number }>();
  for (const row of rows) {
    if (row.day === null) continue;
    byDay.set(row.day, {
      orders: Number(row.orders),
      salesMinor: Number(row.sales_minor),
      refundedMinor: Number(row.refunded_minor),
    });
  }
  const span = (from: string) =>
    Array.from({ length: days }, (_, index) => {
      const date = addDays(from, index);
      return { date, ...(byDay.get(date) ?? { orders: 0, salesMinor: 0, refundedMinor: 0 }) };
    });
  const current = span(first);
  const before = span(previousFirst);

  return {
    currency: studio.currency,
    timezone: studio.timezone,
    days: current.map(({ date, orders, salesMinor }) => ({ date, orders, salesMinor })),
    period: periodOf(current),
    previous: periodOf(before),
    open: {
      awaitingPayment: Number(rows[0]?.awaiting_payment ?? 0),
      toFulfil: Number(rows[0]?.to_fulfil ?? 0),
    },
  };
}
