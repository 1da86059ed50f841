import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Database } from '../../platform/db/index.js';
import { listOrderRows } from './orders.queries.js';
import type { AdminOrderQuery } from './orders.schemas.js';

const COLUMNS = [
  'number',
  'created_at',
  'status',
  'payment_status',
  'email',
  'name',
  'currency',
  'subtotal_minor',
  'discount_minor',
  'shipping_minor',
  'tax_minor',
  'total_minor',
  'paid_minor',
  'refunded_minor',
  'payment_provider',
  'promo_code',
  'tracking',
];

/** Fields a spreadsheet would run as a formula (or read as a number: a promo code "-10") get a ' prefix. */
const safe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * The filtered orders as CSV, streamed: pages of 500 are read one transaction at a time, so a large
 * export never holds a transaction open or the whole list in memory.
 */
export function exportOrdersCsv(database: Database, studioId: string, query: AdminOrderQuery): Readable {
  async function* rows() {
    let cursor: string | undefined;
    do {
      const page = await database.withStudio(studioId, (tx) =>
        listOrderRows(tx, studioId, { ...query, limit: 500, ...(cursor ? { cursor } : {}) }),
      );
      for (const o of page.items)
        yield [
          o.number,
          o.createdAt.toISOString(),
          o.status,
          o.paymentStatus,
          safe(o.email),
          safe(o.name),
          o.currency,
          o.subtotalMinor,
          o.discountMinor,
          o.shippingMinor,
          o.taxMinor,
          o.totalMinor,
          o.paidMinor,
          o.refundedMinor,
          o.paymentProvider,
          safe(o.promoCode ?? ''),
          safe(o.trackingNumbers.map((t) => `${t.carrier} ${t.number}`).join('; ')),
        ];
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return Readable.from(rows()).pipe(stringify({ header: true, columns: COLUMNS }));
}
