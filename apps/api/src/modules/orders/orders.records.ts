import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { PaymentView } from '../payments/index.js';
import type { OrderEventDetails } from './orders.model.js';
import type { Order, OrderDetail } from './orders.schemas.js';
import { clientMayCancel, fulfilmentOf, staffMoves } from './orders.state.js';
import { orderEvents, orderLines, orders } from './orders.tables.js';

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;

/** Who changed an order, as the timeline shows it. */
export interface ChangedBy {
  kind: 'user' | 'system' | 'client' | 'guest';
  userId?: string | null;
}

export function changedBy(actor: Actor, asClient = false): ChangedBy {
  if (actor.kind === 'user') return { kind: asClient ? 'client' : 'user', userId: actor.userId };
  if (actor.kind === 'anonymous') return { kind: 'guest' };
  return { kind: 'system' };
}

export async function recordOrderEvent(
  tx: Tx,
  entry: {
    studioId: string;
    orderId: string;
    kind: string;
    from?: string | null;
    to?: string | null;
    note?: string | null;
    /** The money the entry is about, as data (pages format it in the reader's locale). */
    amount?: { minor: number; currency: string };
    details?: OrderEventDetails | null;
    by: ChangedBy;
    /** When it happened, for a past order recorded now (orders.history.ts); else the transaction's time. */
    at?: Date;
  },
): Promise<void> {
  await tx.insert(orderEvents).values({
    studioId: entry.studioId,
    orderId: entry.orderId,
    kind: entry.kind,
    fromValue: entry.from ?? null,
    toValue: entry.to ?? null,
    note: entry.note ?? null,
    amountMinor: entry.amount?.minor ?? null,
    currency: entry.amount?.currency ?? null,
    details: entry.details && Object.keys(entry.details).length > 0 ? entry.details : null,
    actorKind: entry.by.kind,
    actorUserId: entry.by.userId ?? null,
    ...(entry.at ? { createdAt: entry.at } : {}),
  });
}

export async function loadOrder(tx: Tx, studioId: string, orderId: string, lock = false): Promise<OrderRow> {
  const query = tx
    .select()
    .from(orders)
    .where(and(eq(orders.studioId, studioId), eq(orders.id, orderId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such order');
  return row;
}

export async function loadLines(tx: Tx, orderId: string): Promise<OrderLineRow[]> {
  return tx
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(orderLines.position));
}

export function toOrder(row: OrderRow, lines: OrderLineRow[]): Order {
  const fulfilment = fulfilmentOf(lines, row.shippingMethod);
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    paymentStatus: row.paymentStatus,
    email: row.email,
    name: row.name,
    clientId: row.clientId,
    currency: row.currency,
    lines: lines.map((l) => ({
      variantId: l.variantId,
      itemId: l.itemId,
      name: l.name,
      variantTitle: l.variantTitle,
      sku: l.sku,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      listPriceMinor: l.listPriceMinor,
      discountMinor: l.discountMinor,
      taxMinor: l.taxMinor,
      totalMinor: l.totalMinor,
      requiresShipping: l.requiresShipping,
    })),
    subtotalMinor: row.subtotalMinor,
    discountMinor: row.discountMinor,
    shippingMinor: row.shippingMinor,
    taxMinor: row.taxMinor,
    totalMinor: row.totalMinor,
    paidMinor: row.paidMinor,
    refundedMinor: row.refundedMinor,
    walletMinor: row.walletMinor,
    pricesIncludeTax: row.pricesIncludeTax,
    promoCode: row.promoCode,
    shippingMethod: row.shippingMethod
      ? { id: row.shippingMethod.id, name: row.shippingMethod.name, kind: row.shippingMethod.kind }
      : null,
    shippingAddress: row.shippingAddress ?? null,
    billingAddress: row.billingAddress ?? null,
    paymentProvider: row.paymentProvider,
    manualMethod: row.manualMethod,
    plan: row.plan ?? null,
    trackingNumbers: row.trackingNumbers,
    note: row.note,
    holdUntil: row.holdUntil?.toISOString() ?? null,
    canCancel: clientMayCancel(row.status),
    fulfilment,
    nextStatuses: [...staffMoves(fulfilment, row.status)],
    createdAt: row.createdAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
  };
}

/** Who sees the timeline: staff get the names of the people who acted; the payer never does. */
export type TimelineViewer = { kind: 'staff'; staffNames: ReadonlyMap<string, string> } | { kind: 'payer' };

/**
 * The order row again, with its timeline, in one statement. Under read committed every statement has
 * its own snapshot: read apart, a payment applied between the two reads showed "Unpaid" over a
 * timeline that said "Payment received".
 */
async function orderWithTimeline(tx: Tx, row: OrderRow) {
  const rows = await tx
    .select({ order: orders, event: orderEvents })
    .from(orders)
    .leftJoin(orderEvents, eq(orderEvents.orderId, orders.id))
    .where(and(eq(orders.studioId, row.studioId), eq(orders.id, row.id)))
    .orderBy(asc(orderEvents.id));
  return {
    order: rows[0]?.order ?? row,
    events: rows.flatMap((r) => (r.event ? [r.event] : [])),
  };
}

/**
 * An order with its lines, timeline and payments. `row` says which order (and has passed the caller's
 * access check); what is shown is read here. The payments are read last, on purpose: a payment commits
 * before the order applies it, so payments read after the order are at least as far along, and the
 * page never shows a paid order over a payment still waiting.
 */
export async function toDetail(
  tx: Tx,
  row: OrderRow,
  loadPayments: () => Promise<(PaymentView & { accessToken?: string })[]>,
  viewer: TimelineViewer,
): Promise<OrderDetail> {
  const { order: current, events } = await orderWithTimeline(tx, row);
  const lines = await loadLines(tx, row.id);
  const payments = await loadPayments();
  const paymentOf = new Map(payments.map((p) => [p.id, p]));
  return {
    ...toOrder(current, lines),
    timeline: events.map((e) => {
      const details = e.details ?? {};
      const payment = details.paymentId ? paymentOf.get(details.paymentId) : undefined;
      // Staff confirmed a transfer, refunded, moved the order: the payer learns it was the studio, not who.
      const staffId = e.actorKind === 'user' ? e.actorUserId : null;
      // The entry that opens the timeline is the placing (checkout writes reason 'placed'). Rows written
      // before 0019 carry the English note "Order placed" instead: the system's words, read as the code.
      const placed = e.kind === 'status' && e.fromValue === null;
      return {
        id: e.id,
        kind: e.kind,
        from: e.fromValue,
        to: e.toValue,
        note: placed ? null : e.note,
        reason: details.reason ?? (placed ? 'placed' : null),
        amountMinor: e.amountMinor,
        currency: e.currency,
        paymentId: details.paymentId ?? null,
        method: payment?.provider ?? null,
        manualMethod: payment?.manualMethod ?? null,
        refundTo: details.refundTo ?? null,
        actorKind: e.actorKind,
        actorUserId: viewer.kind === 'payer' && staffId ? null : e.actorUserId,
        actorName: viewer.kind === 'staff' && staffId ? (viewer.staffNames.get(staffId) ?? null) : null,
        at: e.createdAt.toISOString(),
      };
    }),
    payments: payments.map((p) => ({
      id: p.id,
      provider: p.provider,
      manualMethod: p.manualMethod,
      status: p.status,
      amountMinor: p.amountMinor,
      refundedMinor: p.refundedMinor,
      nextAction: p.nextAction,
      createdAt: p.createdAt,
      paidAt: p.paidAt,
      // Both pages tell the slip's story from the order alone (no second read of the payment).
      hasSlip: p.hasSlip,
      slipRejectedReason: p.slipRejectedReason,
      ...(p.accessToken ? { accessToken: p.accessToken } : {}),
    })),
  };
}

/**
 * A guest's key to one order (in the confirmation email): an HMAC of the order id under the app secret,
 * so it can be re-sent (resend confirmation) without storing a secret per order.
 */
export function orderAccessToken(appSecret: string, orderId: string): string {
  return createHmac('sha256', appSecret).update(`order-access:${orderId}`).digest('base64url');
}

export function assertAccessToken(appSecret: string, orderId: string, token: string): void {
  const expected = Buffer.from(orderAccessToken(appSecret, orderId));
  const given = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError('not_found', 'No such order');
}
