import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { StudioContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { CatalogCheckout } from '../catalog/index.js';
import type { ManualMethod, PaymentsApi } from '../payments/index.js';
import type { Studio } from '../studios/index.js';
import type { Address, OrderStatus } from './orders.model.js';
import { orderValues, type PricedOrder, paymentDescription, writeOrderLines } from './orders.placing.js';
import { type ChangedBy, type OrderRow, recordOrderEvent } from './orders.records.js';
import type { CheckoutInput } from './orders.schemas.js';
import { nextOrderNumber, yearIn } from './orders.settings.js';
import { canStaffMove, fulfilmentOf } from './orders.state.js';
import { orderPayments, orders } from './orders.tables.js';

/**
 * An order the studio took before it kept its orders here, recorded as it happened: placed, paid by a
 * hand-confirmed method, then moved along by the studio, each at its own time. The demo studios' sales
 * history is made of these, so their dashboards and order lists have something to show on a fresh start.
 *
 * It is priced as checkout prices, at the moment it was placed: a flash sale running then applies, one
 * running now does not (list prices are today's: the catalog keeps no price history), under the studio's
 * rules as they are now. It writes what checkout and the lifecycle would have written by then: the order
 * and its lines, its payment (payments module, `recordPastPayment`, naming who confirmed it), the
 * timeline at the given times, the items' sales counts. It sends nothing and publishes no event: these
 * clients were served long ago. Stock is not taken (the catalog's stock is what is on the shelf today),
 * so the order holds none and a later cancel gives none back.
 *
 * Numbers come from the studio's counter in the order recorded: in date order for a batch into a year
 * with no orders yet (the demo), after the existing ones otherwise. The batch holds the counter's row
 * lock until it commits, so checkouts of that studio wait meanwhile: fine at seeding, worth reworking
 * (numbers taken at the end, in one statement) before an import route exists.
 */
export interface PastOrder {
  /** The order's own reference where it came from: recording it again returns the same order. */
  reference: string;
  name: string;
  email: string;
  locale?: 'en' | 'th';
  lines: { variantId: string; quantity: number }[];
  shippingMethodId?: string;
  shippingAddress?: Address;
  paidBy: { provider: 'manual'; manualMethod: ManualMethod } | { provider: 'promptpay' };
  placedAt: Date;
  paidAt: Date;
  /**
   * The studio's steps after payment, oldest first (shipped, then delivered), each a move staff may make.
   * A `shipped` step may carry the parcel's tracking, added at that moment.
   */
  steps?: { status: OrderStatus; at: Date; tracking?: { carrier: string; number: string } }[];
  /** The team member who confirmed the payment and took the steps; the timeline names them. */
  staffUserId?: string;
}

type Price = (
  ctx: StudioContext,
  studio: Studio,
  lines: { variantId: string; quantity: number }[],
  input: CheckoutInput,
  options: { strict: boolean; at?: Date },
) => Promise<PricedOrder>;

const SYSTEM: ChangedBy = { kind: 'system' };

/** Times in order and none in the future; the field named is the first that is not. */
function checkTimes(past: PastOrder, now: Date): void {
  const times: [string, Date][] = [
    ['placedAt', past.placedAt],
    ['paidAt', past.paidAt],
    ...(past.steps ?? []).map((step, i): [string, Date] => [`steps[${i}].at`, step.at]),
  ];
  times.forEach(([field, at], i) => {
    if (Number.isNaN(at.getTime())) throw AppError.invalid(field, 'is not a time');
    if (at.getTime() > now.getTime()) throw AppError.invalid(field, 'must not be in the future');
    if (i > 0 && at.getTime() < times[i - 1]![1].getTime())
      throw AppError.invalid(field, `must not be before ${times[i - 1]![0]}`);
  });
}

export function createPastOrders(deps: {
  price: Price;
  payments: Pick<PaymentsApi, 'recordPastPayment'>;
  catalog: Pick<CatalogCheckout, 'recordSales'>;
  upsertClient: (
    ctx: StudioContext,
    input: { email: string; name: string; seenAt: Date },
  ) => Promise<{ id: string }>;
}) {
  return {
    /** Records one past order in the caller's transaction; `created` is false when it was recorded before. */
    async record(
      ctx: StudioContext,
      studio: Studio,
      past: PastOrder,
      now = new Date(),
    ): Promise<{ order: OrderRow; created: boolean }> {
      // A key of its own kind: no checkout's (owner, key) hash can equal it.
      const keyHash = createHash('sha256').update(`past order\n${past.reference}`).digest('hex');
      const [existing] = await ctx.tx
        .select()
        .from(orders)
        .where(and(eq(orders.studioId, ctx.studioId), eq(orders.idempotencyKey, keyHash)));
      if (existing) return { order: existing, created: false };

      checkTimes(past, now);
      const input: CheckoutInput = {
        email: past.email,
        name: past.name,
        lines: past.lines,
        paymentProvider: past.paidBy.provider,
        ...(past.paidBy.provider === 'manual' ? { manualMethod: past.paidBy.manualMethod } : {}),
        ...(past.shippingMethodId ? { shippingMethodId: past.shippingMethodId } : {}),
        ...(past.shippingAddress ? { shippingAddress: past.shippingAddress } : {}),
        ...(past.locale ? { locale: past.locale } : {}),
      } as CheckoutInput;
      // Priced when it was placed: a flash sale of that moment applies (list prices are today's).
      const p = await deps.price(ctx, studio, past.lines, input, { strict: true, at: past.placedAt });
      const total = p.totals.totalMinor;
      if (total <= 0)
        throw AppError.invalid('lines', 'A past order records money received: its total must be above zero');

      const fulfilment = fulfilmentOf(p.quoted, p.method);
      let status: OrderStatus = 'paid';
      (past.steps ?? []).forEach((step, i) => {
        if (!canStaffMove(fulfilment, status, step.status) || step.status === 'cancelled')
          throw AppError.invalid(`steps[${i}].status`, `An order ${status} cannot move to ${step.status}`);
        if (step.tracking && step.status !== 'shipped')
          throw AppError.invalid(`steps[${i}].tracking`, 'Only a shipped step carries tracking');
        // The same bounds as staff's tracking form (TrackingInput).
        for (const key of ['carrier', 'number'] as const) {
          const value = step.tracking?.[key];
          if (value !== undefined && (value.trim().length === 0 || value.length > 100))
            throw AppError.invalid(`steps[${i}].tracking.${key}`, 'Between 1 and 100 characters');
        }
        status = step.status;
      });
      const lastAt = past.steps?.at(-1)?.at ?? past.paidAt;

      const client = await deps.upsertClient(ctx, {
        email: past.email,
        name: past.name,
        seenAt: past.placedAt,
      });
      const number = await nextOrderNumber(
        ctx.tx,
        ctx.studioId,
        p.settings.orderNumberPrefix,
        yearIn(studio.timezone, past.placedAt),
      );
      const manualMethod = past.paidBy.provider === 'manual' ? past.paidBy.manualMethod : null;
      const [order] = await ctx.tx
        .insert(orders)
        .values({
          ...orderValues(ctx, studio, p, input),
          number,
          idempotencyKey: keyHash,
          clientId: client.id,
          status,
          paymentStatus: 'paid',
          paidMinor: total,
          paymentProvider: past.paidBy.provider,
          manualMethod,
          holdUntil: null,
          // Nothing is held for it (no stock was taken): a later cancel gives none back.
          stockReleasedAt: past.placedAt,
          paidAt: past.paidAt,
          salesRecordedAt: past.paidAt,
          createdAt: past.placedAt,
          updatedAt: lastAt,
          trackingNumbers: (past.steps ?? []).flatMap((step) =>
            step.tracking ? [{ ...step.tracking, url: null, addedAt: step.at.toISOString() }] : [],
          ),
        })
        .returning();
      await writeOrderLines(
        ctx,
        order!.id,
        p,
        past.lines.map((l) => l.quantity),
      );

      const payment = await deps.payments.recordPastPayment(ctx, {
        payable: { type: 'order', id: order!.id },
        clientId: client.id,
        email: order!.email,
        amountMinor: total,
        currency: order!.currency,
        provider: past.paidBy.provider,
        ...(manualMethod ? { manualMethod } : {}),
        description: paymentDescription(
          studio,
          p.quoted,
          past.lines.map((l) => l.quantity),
        ),
        idempotencyKey: `order:${order!.id}:past`,
        locale: order!.locale,
        startedAt: past.placedAt,
        paidAt: past.paidAt,
        confirmedBy: past.staffUserId ?? null,
        now,
      });
      await ctx.tx.insert(orderPayments).values({
        studioId: ctx.studioId,
        orderId: order!.id,
        paymentId: payment.id,
        amountMinor: total,
        createdAt: past.paidAt,
      });

      const staff: ChangedBy = past.staffUserId ? { kind: 'user', userId: past.staffUserId } : SYSTEM;
      const entry = { studioId: ctx.studioId, orderId: order!.id };
      await recordOrderEvent(ctx.tx, {
        ...entry,
        kind: 'status',
        to: 'pending',
        details: { reason: 'imported' },
        by: { kind: 'guest' },
        at: past.placedAt,
      });
      await recordOrderEvent(ctx.tx, {
        ...entry,
        kind: 'payment',
        from: 'unpaid',
        to: 'paid',
        amount: { minor: total, currency: order!.currency },
        details: { paymentId: payment.id },
        by: staff,
        at: past.paidAt,
      });
      await recordOrderEvent(ctx.tx, {
        ...entry,
        kind: 'status',
        from: 'pending',
        to: 'paid',
        by: SYSTEM,
        at: past.paidAt,
      });
      let from: OrderStatus = 'paid';
      for (const step of past.steps ?? []) {
        // As staff add it: the tracking first, then the move to shipped.
        if (step.tracking)
          await recordOrderEvent(ctx.tx, {
            ...entry,
            kind: 'tracking',
            to: `${step.tracking.carrier} ${step.tracking.number}`,
            by: staff,
            at: step.at,
          });
        await recordOrderEvent(ctx.tx, {
          ...entry,
          kind: 'status',
          from,
          to: step.status,
          by: staff,
          at: step.at,
        });
        from = step.status;
      }
      await deps.catalog.recordSales(ctx, past.lines);
      return { order: order!, created: true };
    },
  };
}
