import { and, eq, isNull, sql } from 'drizzle-orm';
import type { StudioContext } from '../../platform/context.js';
import { emit } from '../../platform/events/index.js';
import { AppError, type FieldReason } from '../../platform/http/errors.js';
import { formatMoney } from '../../platform/mailer/index.js';
import type { CatalogCheckout } from '../catalog/index.js';
import { cancelPlanInTx, type PaymentsApi, type PaymentView, type RequestOrigin } from '../payments/index.js';
import type { CancelReasonCode, OrderEventDetails, OrderStatus, TimelineReason } from './orders.model.js';
import { releasePromo } from './orders.promos.js';
import { type ChangedBy, loadLines, loadOrder, type OrderRow, recordOrderEvent } from './orders.records.js';
import { canStaffMove, confirms, fulfilmentOf, paymentStateOf } from './orders.state.js';
import { orderPayments, orders } from './orders.tables.js';

const SYSTEM: ChangedBy = { kind: 'system' };

/**
 * The rules a staff action on an order names (`errors[].reason`), so the admin order page words them in
 * the owner's language, statuses with its own status labels. The refund ones are the payments module's
 * codes: the same refusal whether one payment or the whole order is refunded.
 */
const ORDER_RULES = {
  changedMeanwhile: { reason: 'order.changed_meanwhile' },
  nothingToShip: { reason: 'order.nothing_to_ship' },
  noTracking: { reason: 'tracking.nothing_to_ship' },
  nothingLeftToRefund: { reason: 'refund.nothing_left' },
} as const satisfies Record<string, FieldReason>;
const cannotMove = (from: OrderStatus, to: OrderStatus): FieldReason => ({
  reason: 'order.cannot_move',
  params: { from, to },
});
const cannotShip = (status: OrderStatus): FieldReason => ({
  reason: 'tracking.order_closed',
  params: { status },
});
const moreThanLeftToRefund = (amountMinor: number, currency: string): FieldReason => ({
  reason: 'refund.more_than_left',
  params: { amountMinor, currency },
});

/** Money in an error message (the API's problem details), as the order's emails show it. */
const moneyOf = (row: OrderRow, minor: number, currency = row.currency) =>
  formatMoney(minor, currency, row.locale === 'th' ? 'th' : 'en');

/** What confirms a plan order: the deposit, or the first instalment. */
const depositOf = (row: OrderRow) =>
  row.plan?.kind === 'deposit'
    ? row.plan.depositMinor
    : row.plan?.kind === 'instalments'
      ? row.plan.firstMinor
      : null;

/**
 * `announce: false` leaves `orders.order.paid` to the caller: checkout confirms an order paid on the spot
 * before its number exists (the number is taken last), and announces it once the number is set.
 */
interface Announce {
  announce?: boolean;
}

/**
 * Why an order is cancelled. `code` is what readers see, each in their own language: the timeline keeps
 * it and the cancel email words it. `note` is a staff member's own words, shown as written beside it.
 * `reason` is English for the machines' records only (the refund at the provider, the plan's audit
 * entry), never shown to the client.
 */
export interface CancelReason {
  code: CancelReasonCode;
  note?: string | null;
  reason: string;
}

/** Who refunded and why: the timeline entry of each payment's refund carries both. */
interface RefundContext {
  by: ChangedBy;
  /** A person's words (staff refund), or none when the system refunds. */
  note?: string | null;
  reason?: TimelineReason | null;
  refundTo?: 'original' | 'wallet';
}

/** Event payload every orders.* event carries: enough for a mail handler without another read. */
export const orderEventPayload = (row: OrderRow, extra: Record<string, unknown> = {}) => ({
  orderId: row.id,
  number: row.number,
  ...extra,
});

/**
 * What happens to an order over its life, each step guarded so that running it twice (a redelivered
 * event, a retried job, two staff clicking at once) changes nothing the second time: conditional
 * updates on the current status, "set once" timestamps, and one row per applied payment.
 */
export function createOrderLifecycle({
  catalog,
  payments,
}: {
  catalog: CatalogCheckout;
  payments: PaymentsApi;
}) {
  /** Stock and promo back, once per order. */
  async function releaseReservation(ctx: StudioContext, orderId: string): Promise<void> {
    const [released] = await ctx.tx
      .update(orders)
      .set({ stockReleasedAt: new Date() })
      .where(and(eq(orders.id, orderId), isNull(orders.stockReleasedAt)))
      .returning({ id: orders.id });
    if (released) {
      const lines = await loadLines(ctx.tx, orderId);
      await catalog.releaseStock(
        ctx,
        lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
      );
    }
    await releasePromo(ctx.tx, orderId);
  }

  async function setStatus(
    ctx: StudioContext,
    row: OrderRow,
    to: OrderStatus,
    by: ChangedBy,
    entry: { note?: string | null; reason?: TimelineReason | null },
    extra: Partial<typeof orders.$inferInsert> = {},
  ): Promise<OrderRow> {
    const [updated] = await ctx.tx
      .update(orders)
      .set({ status: to, ...extra })
      .where(and(eq(orders.id, row.id), eq(orders.status, row.status)))
      .returning();
    if (!updated)
      throw AppError.conflictOn(
        'status',
        'The order changed meanwhile; reload it',
        ORDER_RULES.changedMeanwhile,
      );
    await recordOrderEvent(ctx.tx, {
      studioId: ctx.studioId,
      orderId: row.id,
      kind: 'status',
      from: row.status,
      to,
      note: entry.note ?? null,
      details: entry.reason ? { reason: entry.reason } : null,
      by,
    });
    return updated;
  }

  /**
   * Refunds what was paid (to where it came from) and cancels what is still open, for a cancelled order.
   * Answers how much this gave back (earlier partial refunds are not counted again).
   */
  async function settleMoney(ctx: StudioContext, row: OrderRow, why: CancelReason): Promise<number> {
    let givenBackMinor = 0;
    for (const payment of await payments.listForPayable(ctx, { type: 'order', id: row.id })) {
      if (payment.status === 'pending' || payment.status === 'requires_action') {
        await payments.cancelPayment(ctx, payment.id);
      } else if (
        (payment.status === 'succeeded' || payment.status === 'partially_refunded') &&
        payment.amountMinor > payment.refundedMinor
      ) {
        const refunded = await payments.refund(ctx, {
          paymentId: payment.id,
          amountMinor: payment.amountMinor - payment.refundedMinor,
          to: 'original',
          reason: why.reason,
          idempotencyKey: `order-cancel:${row.id}:${payment.id}`,
        });
        givenBackMinor += refunded.refundedMinor - payment.refundedMinor;
        await noteRefund(ctx, row.id, refunded, { by: SYSTEM, reason: 'order_cancelled' });
      }
    }
    return givenBackMinor;
  }

  /** Keeps the order's refunded total in step with a payment's (cumulative, so repeating it is harmless). */
  async function noteRefund(
    ctx: StudioContext,
    orderId: string,
    payment: PaymentView,
    refund: RefundContext = { by: SYSTEM },
  ): Promise<OrderRow> {
    await ctx.tx
      .update(orderPayments)
      .set({ refundedMinor: sql`greatest(${orderPayments.refundedMinor}, ${payment.refundedMinor})` })
      .where(and(eq(orderPayments.orderId, orderId), eq(orderPayments.paymentId, payment.id)));
    const row = await loadOrder(ctx.tx, ctx.studioId, orderId, true);
    const [sum] = await ctx.tx
      .select({ refunded: sql<string>`coalesce(sum(${orderPayments.refundedMinor}), 0)` })
      .from(orderPayments)
      .where(eq(orderPayments.orderId, orderId));
    const refundedMinor = Number(sum?.refunded ?? 0);
    if (refundedMinor === row.refundedMinor) return row;
    const paymentStatus = paymentStateOf({ ...row, refundedMinor, depositMinor: depositOf(row) });
    const [updated] = await ctx.tx
      .update(orders)
      .set({ refundedMinor, paymentStatus })
      .where(eq(orders.id, orderId))
      .returning();
    const details: OrderEventDetails = { paymentId: payment.id };
    if (refund.reason) details.reason = refund.reason;
    if (refund.refundTo) details.refundTo = refund.refundTo;
    await recordOrderEvent(ctx.tx, {
      studioId: ctx.studioId,
      orderId,
      kind: 'refund',
      from: row.paymentStatus,
      to: paymentStatus,
      note: refund.note ?? null,
      amount: { minor: refundedMinor - row.refundedMinor, currency: row.currency },
      details,
      by: refund.by,
    });
    // A full refund of an order still being fulfilled ends it; a cancelled order stays cancelled.
    if (paymentStatus === 'refunded' && updated!.status !== 'cancelled' && updated!.status !== 'refunded') {
      return setStatus(ctx, updated!, 'refunded', SYSTEM, { reason: 'fully_refunded' });
    }
    return updated!;
  }

  async function cancel(
    ctx: StudioContext,
    orderId: string,
    by: ChangedBy,
    why: CancelReason,
  ): Promise<OrderRow> {
    const row = await loadOrder(ctx.tx, ctx.studioId, orderId, true);
    if (row.status === 'cancelled') return row;
    const entry = { reason: why.code, note: why.note ?? null };
    const updated = await setStatus(ctx, row, 'cancelled', by, entry, {
      cancelledAt: new Date(),
      holdUntil: null,
    });
    await releaseReservation(ctx, orderId);
    // Its payment plan stops with it, before the refunds: no later instalment is charged.
    if (updated.plan?.planId) await cancelPlanInTx(ctx.tx, ctx.studioId, updated.plan.planId, why.reason);
    const refundedMinor = await settleMoney(ctx, updated, why);
    await emit(ctx.tx, {
      type: 'orders.order.cancelled',
      studioId: ctx.studioId,
      // The code, not words: the email says it in the client's language (and the note as written).
      // and how much the cancel gave back, which the email states.
      payload: orderEventPayload(updated, { reason: why.code, note: why.note ?? null, refundedMinor }),
    });
    return loadOrder(ctx.tx, ctx.studioId, orderId);
  }

  /**
   * Money arrived for the order (a payments.payment.succeeded event, or a wallet payment that succeeded
   * inside checkout). Applied once per payment id; the first time the order is covered (or its deposit
   * is) it becomes paid, its sales are counted and the confirmation goes out.
   */
  async function applyPayment(
    ctx: StudioContext,
    orderId: string,
    payment: {
      paymentId: string;
      amountMinor: number;
      currency: string;
      /** Staff who confirmed it by hand (a bank transfer, a PromptPay slip): the timeline names them. */
      confirmedBy?: string | null;
    },
    options: Announce = {},
  ): Promise<OrderRow> {
    const row = await loadOrder(ctx.tx, ctx.studioId, orderId, true);
    const by: ChangedBy = payment.confirmedBy ? { kind: 'user', userId: payment.confirmedBy } : SYSTEM;
    if (payment.currency.toUpperCase() !== row.currency.toUpperCase()) {
      await recordOrderEvent(ctx.tx, {
        studioId: ctx.studioId,
        orderId,
        kind: 'payment_refused',
        amount: { minor: payment.amountMinor, currency: payment.currency },
        details: { paymentId: payment.paymentId, reason: 'currency_mismatch' },
        by: SYSTEM,
      });
      return row;
    }
    const [applied] = await ctx.tx
      .insert(orderPayments)
      .values({
        studioId: ctx.studioId,
        orderId,
        paymentId: payment.paymentId,
        amountMinor: payment.amountMinor,
      })
      .onConflictDoNothing()
      .returning({ id: orderPayments.id });
    if (!applied) return row;
    const paidMinor = row.paidMinor + payment.amountMinor;
    const paymentStatus = paymentStateOf({ ...row, paidMinor, depositMinor: depositOf(row) });
    const [updated] = await ctx.tx
      .update(orders)
      .set({ paidMinor, paymentStatus })
      .where(eq(orders.id, orderId))
      .returning();
    await recordOrderEvent(ctx.tx, {
      studioId: ctx.studioId,
      orderId,
      kind: 'payment',
      from: row.paymentStatus,
      to: paymentStatus,
      amount: { minor: payment.amountMinor, currency: row.currency },
      details: { paymentId: payment.paymentId },
      by,
    });
    if (row.status === 'cancelled') {
      // Money for an order that already expired or was cancelled goes straight back: never kept for nothing.
      const refunded = await payments.refund(ctx, {
        paymentId: payment.paymentId,
        amountMinor: payment.amountMinor,
        to: 'original',
        reason: `Order ${row.number} was cancelled before this payment arrived`,
        idempotencyKey: `order-late:${row.id}:${payment.paymentId}`,
      });
      return noteRefund(ctx, orderId, refunded, { by: SYSTEM, reason: 'late_payment' });
    }
    return confirmIfCovered(ctx, updated!, options);
  }

  /** pending -> paid when covered (also for a zero total), once: sales and the confirmation email. */
  async function confirmIfCovered(
    ctx: StudioContext,
    row: OrderRow,
    options: Announce = {},
  ): Promise<OrderRow> {
    if (row.status !== 'pending' || !confirms(row.paymentStatus)) return row;
    const paid = await setStatus(ctx, row, 'paid', SYSTEM, {}, { paidAt: new Date(), holdUntil: null });
    const [first] = await ctx.tx
      .update(orders)
      .set({ salesRecordedAt: new Date() })
      .where(and(eq(orders.id, row.id), isNull(orders.salesRecordedAt)))
      .returning({ id: orders.id });
    if (first) {
      const lines = await loadLines(ctx.tx, row.id);
      await catalog.recordSales(
        ctx,
        lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
      );
      if (options.announce !== false) await announcePaid(ctx, paid);
    }
    return paid;
  }

  /** `orders.order.paid` (the confirmation email follows from it). */
  async function announcePaid(ctx: StudioContext, row: OrderRow): Promise<void> {
    await emit(ctx.tx, {
      type: 'orders.order.paid',
      studioId: ctx.studioId,
      payload: orderEventPayload(row),
    });
  }

  return {
    releaseReservation,
    applyPayment,
    confirmIfCovered,
    announcePaid,
    noteRefund,
    cancel,

    /** A payment failed, or the hold ran out: an order nobody paid is cancelled and gives its stock back. */
    async expire(ctx: StudioContext, orderId: string, why: CancelReason): Promise<OrderRow | null> {
      const row = await loadOrder(ctx.tx, ctx.studioId, orderId, true);
      if (row.status !== 'pending') return null;
      return cancel(ctx, orderId, SYSTEM, why);
    },

    async changeStatus(
      ctx: StudioContext,
      orderId: string,
      to: OrderStatus,
      by: ChangedBy,
      note: string | null,
    ): Promise<OrderRow> {
      const row = await loadOrder(ctx.tx, ctx.studioId, orderId, true);
      if (row.status === to) return row;
      const fulfilment = fulfilmentOf(await loadLines(ctx.tx, orderId), row.shippingMethod);
      if (!canStaffMove(fulfilment, row.status, to))
        throw fulfilment === 'no_shipping' && (to === 'shipped' || to === 'delivered')
          ? AppError.conflictOn(
              'status',
              'Nothing in this order is shipped (digital goods, services or pickup): mark it fulfilled instead',
              ORDER_RULES.nothingToShip,
            )
          : AppError.conflictOn(
              'status',
              `An order cannot go from ${row.status} to ${to}`,
              cannotMove(row.status, to),
            );
      if (to === 'cancelled')
        return cancel(ctx, orderId, by, {
          code: 'cancelled_by_studio',
          note,
          reason: note ? `Cancelled by the studio: ${note}` : 'Cancelled by the studio',
        });
      const updated = await setStatus(ctx, row, to, by, { note });
      if (to === 'shipped')
        await emit(ctx.tx, {
          type: 'orders.order.shipped',
          studioId: ctx.studioId,
          payload: orderEventPayload(updated),
        });
      return updated;
    },

    async addTracking(
      ctx: StudioContext,
      orderId: string,
      input: { carrier: string; number: string; url?: string | undefined; markShipped?: boolean | undefined },
      by: ChangedBy,
    ): Promise<OrderRow> {
      const row = await loadOrder(ctx.tx, ctx.studioId, orderId, true);
      const fulfilment = fulfilmentOf(await loadLines(ctx.tx, orderId), row.shippingMethod);
      // Digital goods, services and pickups are not posted: a tracking number has nothing to follow.
      if (fulfilment === 'no_shipping')
        throw AppError.conflictOn(
          'number',
          'Nothing in this order is shipped (digital goods, services or pickup), so it takes no tracking number',
          ORDER_RULES.noTracking,
        );
      if (row.status === 'cancelled' || row.status === 'refunded' || row.status === 'pending')
        throw AppError.conflictOn(
          'status',
          `A ${row.status} order cannot be shipped`,
          cannotShip(row.status),
        );
      const tracking = [
        ...row.trackingNumbers,
        {
          carrier: input.carrier,
          number: input.number,
          url: input.url ?? null,
          addedAt: new Date().toISOString(),
        },
      ];
      let updated = (
        await ctx.tx
          .update(orders)
          .set({ trackingNumbers: tracking })
          .where(eq(orders.id, orderId))
          .returning()
      )[0]!;
      await recordOrderEvent(ctx.tx, {
        studioId: ctx.studioId,
        orderId,
        kind: 'tracking',
        to: `${input.carrier} ${input.number}`,
        by,
      });
      if ((input.markShipped ?? true) && canStaffMove(fulfilment, updated.status, 'shipped')) {
        updated = await setStatus(ctx, updated, 'shipped', by, {});
      }
      if (updated.status === 'shipped')
        await emit(ctx.tx, {
          type: 'orders.order.shipped',
          studioId: ctx.studioId,
          payload: orderEventPayload(updated, { carrier: input.carrier, trackingNumber: input.number }),
        });
      return updated;
    },

    /**
     * Refunds `amountMinor` (default: all that is left) across the order's payments, newest first. The
     * key makes a retried request refund nothing more (each payment refund carries key + payment id).
     */
    async refund(
      ctx: StudioContext,
      orderId: string,
      input: { amountMinor?: number | undefined; to?: 'original' | 'wallet' | undefined; reason: string },
      key: string,
      /** The staff member refunding: each payment's refund entry names them and keeps their reason. */
      by: ChangedBy,
      /** The staff member's request (route), so each payment refund's audit entry says where from. */
      origin?: RequestOrigin,
    ): Promise<OrderRow> {
      let row = await loadOrder(ctx.tx, ctx.studioId, orderId, true);
      const refundable = row.paidMinor - row.refundedMinor;
      const amount = input.amountMinor ?? refundable;
      if (refundable <= 0)
        throw AppError.conflictOn(
          'amountMinor',
          'Nothing left to refund on this order',
          ORDER_RULES.nothingLeftToRefund,
        );
      if (amount > refundable)
        throw AppError.conflictOn(
          'amountMinor',
          `At most ${moneyOf(row, refundable)} can be refunded`,
          moreThanLeftToRefund(refundable, row.currency),
        );
      let left = amount;
      const list = await payments.listForPayable(ctx, { type: 'order', id: orderId });
      for (const payment of [...list].reverse()) {
        if (left <= 0) break;
        if (payment.status !== 'succeeded' && payment.status !== 'partially_refunded') continue;
        const part = Math.min(left, payment.amountMinor - payment.refundedMinor);
        if (part <= 0) continue;
        const refunded = await payments.refund(
          ctx,
          {
            paymentId: payment.id,
            amountMinor: part,
            to: input.to ?? 'original',
            reason: input.reason,
            idempotencyKey: `${key}:${payment.id}`,
          },
          origin,
        );
        row = await noteRefund(ctx, orderId, refunded, {
          by,
          note: input.reason,
          refundTo: input.to ?? 'original',
        });
        left -= part;
      }
      return row;
    },
  };
}

export type OrderLifecycle = ReturnType<typeof createOrderLifecycle>;
