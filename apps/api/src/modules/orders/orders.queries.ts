import { and, count, desc, eq, gte, ilike, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import { ORDER_STATUSES, type OrderStatus } from './orders.model.js';
import { loadLines, type OrderRow, toOrder } from './orders.records.js';
import type { AdminOrderQuery, Order } from './orders.schemas.js';
import { orderLines, orders } from './orders.tables.js';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function time(field: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw AppError.invalid(field, 'is not a date-time');
  return at;
}

/**
 * Orders waiting for the studio to confirm the money: unpaid, paid by bank transfer or PromptPay (the
 * payer transfers, staff check their account or the slip and mark the payment paid). The `status`
 * equality lets `orders_studio_status_idx` (studio, status, id) find them; the rest filters those rows.
 */
const awaitingConfirmation = () =>
  and(
    eq(orders.status, 'pending'),
    or(
      eq(orders.paymentProvider, 'promptpay'),
      and(eq(orders.paymentProvider, 'manual'), eq(orders.manualMethod, 'bank_transfer')),
    ),
  );

export async function countAwaitingConfirmation(tx: Tx, studioId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.studioId, studioId), awaitingConfirmation()));
  return row?.n ?? 0;
}

/** Whose orders a client list or count keeps: a person and the client records linked to them. */
export interface OwnOrders {
  userId: string;
  clientIds: string[];
}

/**
 * One person's own orders: those they placed signed in, and the guest orders (placed signed out) of the
 * client records linked to them. An order someone else placed signed in with their address stays that
 * person's.
 */
const ownedBy = (mine: OwnOrders) =>
  mine.clientIds.length > 0
    ? or(eq(orders.userId, mine.userId), and(isNull(orders.userId), inArray(orders.clientId, mine.clientIds)))
    : eq(orders.userId, mine.userId);

/**
 * How many of a person's orders are in each state, however far back (the portal's "1 waiting for
 * payment"), in one grouped count: every state is present, 0 when none is in it.
 */
export async function countOwnOrders(
  tx: Tx,
  studioId: string,
  mine: OwnOrders,
): Promise<Record<OrderStatus, number>> {
  const rows = await tx
    .select({ status: orders.status, n: count() })
    .from(orders)
    .where(and(eq(orders.studioId, studioId), ownedBy(mine)))
    .groupBy(orders.status);
  const counts = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<
    OrderStatus,
    number
  >;
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** What a client has ordered from the studio, as the clients area lists it. */
export interface ClientOrderTotals {
  clientId: string;
  orders: number;
  /** Paid less refunded, over all their orders (the studio's currency). */
  spentMinor: number;
  lastOrderAt: string | null;
}

/**
 * Order totals of each client record in `clientIds` (a page of the clients list), in one grouped read
 * on `orders_client_idx`; a record with no orders answers zeros.
 */
export async function clientOrderTotals(
  tx: Tx,
  studioId: string,
  clientIds: string[],
): Promise<ClientOrderTotals[]> {
  if (clientIds.length === 0) return [];
  const rows = await tx
    .select({
      clientId: orders.clientId,
      orders: count(),
      spentMinor: sql<string>`coalesce(sum(${orders.paidMinor} - ${orders.refundedMinor}), 0)`,
      lastOrderAt: sql<Date | string | null>`max(${orders.createdAt})`,
    })
    .from(orders)
    .where(and(eq(orders.studioId, studioId), inArray(orders.clientId, clientIds)))
    .groupBy(orders.clientId);
  const byClient = new Map(rows.map((row) => [row.clientId, row]));
  return clientIds.map((clientId) => {
    const row = byClient.get(clientId);
    const last = row?.lastOrderAt ?? null;
    return {
      clientId,
      orders: row?.orders ?? 0,
      spentMinor: Number(row?.spentMinor ?? 0),
      lastOrderAt: last === null ? null : new Date(last).toISOString(),
    };
  });
}

/** A page of order rows, newest first, with the admin filters; `mine` keeps one person's own (`ownedBy`). */
export async function listOrderRows(
  tx: Tx,
  studioId: string,
  query: AdminOrderQuery & { mine?: OwnOrders },
): Promise<PageResult<OrderRow>> {
  const limit = query.limit ?? 20;
  const before = decodeCursor(query.cursor);
  const from = time('query.from', query.from);
  const to = time('query.to', query.to);
  if (from && to && from >= to) throw AppError.invalid('query.to', 'must be after query.from');
  const q = query.q?.trim();
  const conditions: (SQL | undefined)[] = [
    eq(orders.studioId, studioId),
    query.mine ? ownedBy(query.mine) : undefined,
    query.clientId ? eq(orders.clientId, query.clientId) : undefined,
    query.status ? eq(orders.status, query.status) : undefined,
    query.paymentStatus ? eq(orders.paymentStatus, query.paymentStatus) : undefined,
    query.paymentProvider ? eq(orders.paymentProvider, query.paymentProvider) : undefined,
    query.awaitingConfirmation ? awaitingConfirmation() : undefined,
    from ? gte(orders.createdAt, from) : undefined,
    to ? lt(orders.createdAt, to) : undefined,
    q ? or(ilike(orders.number, `%${escapeLike(q)}%`), ilike(orders.email, `%${escapeLike(q)}%`)) : undefined,
    before ? lt(orders.id, before) : undefined,
  ];
  const rows = await tx
    .select()
    .from(orders)
    .where(and(...conditions))
    .orderBy(desc(orders.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/** Rows to API orders with their lines, in one extra query. */
export async function withLines(tx: Tx, page: PageResult<OrderRow>): Promise<PageResult<Order>> {
  const ids = page.items.map((o) => o.id);
  const lines = ids.length ? await tx.select().from(orderLines).where(inArray(orderLines.orderId, ids)) : [];
  return {
    items: page.items.map((row) =>
      toOrder(
        row,
        lines.filter((l) => l.orderId === row.id).sort((a, b) => a.position - b.position),
      ),
    ),
    nextCursor: page.nextCursor,
  };
}

export async function orderWithLines(tx: Tx, row: OrderRow): Promise<Order> {
  return toOrder(row, await loadLines(tx, row.id));
}
