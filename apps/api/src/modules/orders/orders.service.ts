import type { Actor, StudioContext } from '../../platform/context.js';
import type { Database, Tx } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { PageResult } from '../../platform/http/pagination.js';
import type { CatalogCheckout } from '../catalog/index.js';
import {
  type PaymentsApi,
  type PlansService,
  type RequestOrigin,
  withoutPayerSecrets,
} from '../payments/index.js';
import { clientAccount, clientIdsOfUser, type Studio, type StudiosService } from '../studios/index.js';
import { type CartOwner, createCarts } from './orders.cart.js';
import { createCheckout } from './orders.checkout.js';
import { createPastOrders, type PastOrder } from './orders.history.js';
import { createOrderLifecycle, orderEventPayload } from './orders.lifecycle.js';
import type { OrderStatus } from './orders.model.js';
import { renderOrderPdf } from './orders.pdf.js';
import * as promos from './orders.promos.js';
import {
  clientOrderTotals,
  countAwaitingConfirmation,
  countOwnOrders,
  listOrderRows,
  orderWithLines,
  withLines,
} from './orders.queries.js';
import {
  assertAccessToken,
  changedBy,
  loadLines,
  loadOrder,
  type OrderRow,
  orderAccessToken,
  recordOrderEvent,
  toDetail,
} from './orders.records.js';
import { readSalesOverview } from './orders.sales.js';
import type {
  AdminOrderQuery,
  CheckoutInput,
  CommerceSettingsPatch,
  NewPromo,
  Order,
  OrderDetail,
  PromoPatch,
  RefundInput,
} from './orders.schemas.js';
import { readCommerceSettings, updateCommerceSettings } from './orders.settings.js';
import { clientMayCancel } from './orders.state.js';

export interface OrdersDeps {
  database: Database;
  studios: StudiosService;
  catalog: CatalogCheckout;
  payments: PaymentsApi;
  /** Deposits and instalment plans (payments module). */
  plans: Pick<PlansService, 'createPaymentPlan'>;
  /** Signs guests' order links (APP_SECRET). */
  appSecret: string;
  /**
   * The account that has proved an email address, if any (identity). A checkout with that address
   * files the order under the client record linked to it, so it shows in that person's orders even when
   * placed signed out. Without it (unit tests) a new address's record waits for `linkClientAccounts`.
   */
  verifiedUserIdOf?: (email: string) => Promise<string | null>;
  clock?: () => Date;
}

const isUnique = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === '23505';
};

/** Use cases of the orders module; routes stay thin. Every call runs in the studio's RLS scope. */
export function createOrdersService(deps: OrdersDeps) {
  const { database, studios, catalog, payments, appSecret } = deps;
  const carts = createCarts({ catalog });
  const lifecycle = createOrderLifecycle({ catalog, payments });
  const checkout = createCheckout({
    catalog,
    payments,
    plans: deps.plans,
    carts,
    lifecycle,
    upsertClient: (ctx, input) => studios.upsertClient(ctx, input),
    ...(deps.clock ? { clock: deps.clock } : {}),
  });

  const pastOrders = createPastOrders({
    price: checkout.price,
    payments,
    catalog,
    upsertClient: (ctx, input) => studios.upsertClient(ctx, input),
  });

  const inStudio = <T>(studioId: string, actor: Actor, fn: (ctx: StudioContext) => Promise<T>) =>
    database.withStudio(studioId, (tx) => fn({ studioId, actor, tx }));

  /** The order as staff see it: payments without the payer's Stripe client secret. */
  const detail = async (ctx: StudioContext, row: OrderRow): Promise<OrderDetail> =>
    toDetail(
      ctx.tx,
      row,
      async () =>
        (await payments.listForPayable(ctx, { type: 'order', id: row.id })).map(withoutPayerSecrets),
      { kind: 'staff', staffNames: new Map() },
    );

  /**
   * Names the studio's people in a staff view of the timeline ("confirmed by Jolene"). Read through the
   * studios service after the order's transaction (PGlite has one connection); a viewer who may not see
   * the team, or a former member, gets entries without a name.
   */
  const withStaffNames = async (actor: Actor, studioId: string, order: OrderDetail): Promise<OrderDetail> => {
    const wanted = new Set(
      order.timeline.filter((e) => e.actorKind === 'user' && e.actorUserId).map((e) => e.actorUserId!),
    );
    if (wanted.size === 0) return order;
    let names = new Map<string, string>();
    try {
      names = await studios.memberNames(actor, studioId, [...wanted]);
    } catch (error) {
      // A viewer without team.read sees the entries without names.
      if (!(error instanceof AppError)) throw error;
    }
    return {
      ...order,
      timeline: order.timeline.map((e) =>
        e.actorKind === 'user' && e.actorUserId ? { ...e, actorName: names.get(e.actorUserId) ?? null } : e,
      ),
    };
  };

  /** A staff action's answer: the order after it, its people named. */
  const staffAnswer = async (
    actor: Actor,
    studioId: string,
    work: (ctx: StudioContext) => Promise<OrderRow>,
  ) =>
    withStaffNames(
      actor,
      studioId,
      await inStudio(studioId, actor, async (ctx) => detail(ctx, await work(ctx))),
    );

  /**
   * The order as its buyer sees it (the signed-in client, or a guest holding the order's token): each
   * open payment carries its access token, so a guest can attach a slip or finish 3-D Secure too. Staff
   * who acted on it are "the studio", never named.
   */
  const payerDetail = (ctx: StudioContext, row: OrderRow): Promise<OrderDetail> =>
    toDetail(
      ctx.tx,
      row,
      async () =>
        (await payments.listForPayable(ctx, { type: 'order', id: row.id })).map((payment) =>
          payment.status === 'pending' || payment.status === 'requires_action'
            ? { ...payment, accessToken: payments.payerAccessToken(payment.id) }
            : payment,
        ),
      { kind: 'payer' },
    );

  /**
   * Is the order the person's own: placed while signed in to their account, or placed signed out for
   * the studio's client record linked to them (a guest order with an address they have proved). An
   * order someone else placed signed in stays theirs, whatever address they typed. Read in the studio's
   * RLS scope, so another studio's client never matches.
   */
  const isOwn = async (tx: Tx, row: OrderRow, userId: string) =>
    row.userId === userId ||
    (row.userId === null &&
      row.clientId !== null &&
      (await clientAccount(tx, row.clientId))?.userId === userId);

  /** A person's own order (see isOwn); anyone else's is 404, so its existence is not revealed. */
  const ownOrder = async (tx: Tx, studioId: string, actor: Actor, orderId: string) => {
    if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to see your orders');
    const row = await loadOrder(tx, studioId, orderId);
    if (!(await isOwn(tx, row, actor.userId))) throw new AppError('not_found', 'No such order');
    return row;
  };

  return {
    lifecycle,
    accessToken: (orderId: string) => orderAccessToken(appSecret, orderId),

    // ---- cart ------------------------------------------------------------------------------------
    readCart: (studio: Studio, actor: Actor, owner: CartOwner | null, mergeGuest?: string) =>
      inStudio(studio.id, actor, async (ctx) => {
        if (mergeGuest && owner && 'userId' in owner) await carts.merge(ctx, mergeGuest, owner.userId);
        return carts.read(ctx, owner, studio.currency);
      }),
    addToCart: (
      studio: Studio,
      actor: Actor,
      owner: CartOwner,
      line: { variantId: string; quantity: number },
    ) =>
      inStudio(studio.id, actor, async (ctx) => {
        await carts.add(ctx, owner, line);
        return carts.read(ctx, owner, studio.currency);
      }),
    setCartQuantity: (studio: Studio, actor: Actor, owner: CartOwner, lineId: string, quantity: number) =>
      inStudio(studio.id, actor, async (ctx) => {
        await carts.setQuantity(ctx, owner, lineId, quantity);
        return carts.read(ctx, owner, studio.currency);
      }),
    removeFromCart: (studio: Studio, actor: Actor, owner: CartOwner, lineId: string) =>
      inStudio(studio.id, actor, async (ctx) => {
        await carts.remove(ctx, owner, lineId);
        return carts.read(ctx, owner, studio.currency);
      }),
    mergeCart: (studio: Studio, actor: Actor, guestToken: string, userId: string) =>
      inStudio(studio.id, actor, async (ctx) => {
        await carts.merge(ctx, guestToken, userId);
        return carts.read(ctx, { userId }, studio.currency);
      }),

    /**
     * Records orders the studio took before it kept them here (orders.history.ts), in one transaction,
     * oldest first so their numbers follow their dates. Each is recorded once per `reference`.
     */
    async recordPastOrders(studio: Studio, actor: Actor, past: PastOrder[], now = new Date()) {
      await studios.requireStudioPermission(actor, studio.id, 'orders.manage');
      return inStudio(studio.id, actor, async (ctx) => {
        let created = 0;
        const oldestFirst = [...past].sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
        for (const order of oldestFirst)
          if ((await pastOrders.record(ctx, studio, order, now)).created) created++;
        return { created };
      });
    },

    // ---- checkout --------------------------------------------------------------------------------
    preview: (studio: Studio, actor: Actor, owner: CartOwner | null, input: CheckoutInput) =>
      inStudio(studio.id, actor, (ctx) => checkout.preview(ctx, studio, owner, input)),

    async placeOrder(
      studio: Studio,
      actor: Actor,
      owner: CartOwner | null,
      input: CheckoutInput,
      key: string,
    ) {
      // Looked up before the transaction: PGlite has one connection, which the transaction holds.
      const emailAccount = deps.verifiedUserIdOf ? await deps.verifiedUserIdOf(input.email) : null;
      const place = () =>
        inStudio(studio.id, actor, (ctx) => checkout.place(ctx, studio, owner, input, key, emailAccount));
      let result: Awaited<ReturnType<typeof checkout.place>>;
      try {
        result = await place();
      } catch (error) {
        // The same key raced us (Postgres): the other request's order won; answer with it.
        if (!isUnique(error)) throw error;
        result = await place();
      }
      if (result.kind === 'prices_changed')
        throw new AppError(
          'conflict',
          'prices_changed: some prices changed since you last saw them; review the cart',
          {
            fields: result.notices.map((n) => ({
              field: `lines.${n.variantId}.unitPriceMinor`,
              message: n.message,
            })),
          },
        );
      const placed = result;
      return inStudio(studio.id, actor, async (ctx) => ({
        order: await orderWithLines(ctx.tx, placed.order),
        nextAction: placed.payment?.nextAction ?? { type: 'none' },
        paymentId: placed.payment?.id ?? null,
        accessToken: orderAccessToken(appSecret, placed.order.id),
        notices: placed.notices,
      }));
    },

    // ---- client ----------------------------------------------------------------------------------
    myOrders: (
      studioId: string,
      actor: Actor,
      query: { limit?: number | undefined; cursor?: string | undefined; status?: OrderStatus | undefined },
    ) => {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to see your orders');
      return inStudio(studioId, actor, async (ctx) => {
        const clientIds = await clientIdsOfUser(ctx.tx, studioId, actor.userId);
        const mine = { userId: actor.userId, clientIds };
        return withLines(ctx.tx, await listOrderRows(ctx.tx, studioId, { ...query, mine }));
      });
    },
    /** How many of the signed-in client's orders are in each state (`countOwnOrders`). */
    myOrderCounts: (studioId: string, actor: Actor) => {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to see your orders');
      return inStudio(studioId, actor, async (ctx) => {
        const clientIds = await clientIdsOfUser(ctx.tx, studioId, actor.userId);
        const byStatus = await countOwnOrders(ctx.tx, studioId, { userId: actor.userId, clientIds });
        return { byStatus, total: Object.values(byStatus).reduce((sum, n) => sum + n, 0) };
      });
    },
    myOrder: (studioId: string, actor: Actor, orderId: string) =>
      inStudio(studioId, actor, async (ctx) =>
        payerDetail(ctx, await ownOrder(ctx.tx, studioId, actor, orderId)),
      ),
    guestOrder: (studioId: string, orderId: string, token: string) => {
      assertAccessToken(appSecret, orderId, token);
      return inStudio(studioId, { kind: 'anonymous' }, async (ctx) =>
        payerDetail(ctx, await loadOrder(ctx.tx, studioId, orderId)),
      );
    },
    /** The client's cancel: only before the studio starts on it; money goes back, stock too. */
    cancelOwn: (studioId: string, actor: Actor, orderId: string, token?: string) =>
      inStudio(studioId, actor, async (ctx) => {
        if (token) assertAccessToken(appSecret, orderId, token);
        const row = token
          ? await loadOrder(ctx.tx, studioId, orderId)
          : await ownOrder(ctx.tx, studioId, actor, orderId);
        if (!clientMayCancel(row.status))
          throw AppError.conflictOn(
            'status',
            `A ${row.status} order can no longer be cancelled; contact the studio`,
            // The client's order page words it in their language (`ApiReasons`).
            { reason: 'order.no_longer_cancellable', params: { status: row.status } },
          );
        const cancelled = await lifecycle.cancel(ctx, orderId, changedBy(actor, true), {
          reason: 'Cancelled by the client',
          code: 'cancelled_by_client',
        });
        return payerDetail(ctx, cancelled);
      }),
    async pdf(
      studioId: string,
      actor: Actor,
      orderId: string,
      token?: string,
    ): Promise<{ number: string; pdf: Buffer }> {
      if (token) assertAccessToken(appSecret, orderId, token);
      if (!token && actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to download this');
      const { row, lines, own } = await inStudio(studioId, actor, async (ctx) => {
        const found = await loadOrder(ctx.tx, studioId, orderId);
        return {
          row: found,
          lines: await loadLines(ctx.tx, orderId),
          own: actor.kind === 'user' && (await isOwn(ctx.tx, found, actor.userId)),
        };
      });
      // Staff may download any order's invoice; checked outside the transaction (PGlite has one connection).
      if (!token && !own) await studios.requireStudioPermission(actor, studioId, 'orders.read');
      return { number: row.number, pdf: await renderOrderPdf(row, lines) };
    },

    // ---- admin -----------------------------------------------------------------------------------
    async settings(actor: Actor, studioId: string) {
      await studios.requireStudioPermission(actor, studioId, 'orders.manage');
      return inStudio(studioId, actor, (ctx) => readCommerceSettings(ctx.tx, studioId));
    },
    async updateSettings(actor: Actor, studioId: string, patch: CommerceSettingsPatch) {
      await studios.requireStudioPermission(actor, studioId, 'orders.manage');
      return inStudio(studioId, actor, (ctx) => updateCommerceSettings(ctx.tx, studioId, patch));
    },
    async listPromos(
      actor: Actor,
      studioId: string,
      query: { limit?: number | undefined; cursor?: string | undefined },
    ) {
      await studios.requireStudioPermission(actor, studioId, 'orders.manage');
      return inStudio(studioId, actor, (ctx) => promos.listPromos(ctx.tx, query));
    },
    async createPromo(actor: Actor, studioId: string, input: NewPromo) {
      await studios.requireStudioPermission(actor, studioId, 'orders.manage');
      return inStudio(studioId, actor, (ctx) => promos.createPromo(ctx.tx, studioId, input));
    },
    async getPromo(actor: Actor, studioId: string, id: string) {
      await studios.requireStudioPermission(actor, studioId, 'orders.manage');
      return inStudio(studioId, actor, async (ctx) => promos.getPromo(ctx.tx, studioId, id));
    },
    async updatePromo(actor: Actor, studioId: string, id: string, patch: PromoPatch) {
      await studios.requireStudioPermission(actor, studioId, 'orders.manage');
      return inStudio(studioId, actor, (ctx) => promos.updatePromo(ctx.tx, studioId, id, patch));
    },
    async deletePromo(actor: Actor, studioId: string, id: string) {
      await studios.requireStudioPermission(actor, studioId, 'orders.manage');
      return inStudio(studioId, actor, (ctx) => promos.deletePromo(ctx.tx, studioId, id));
    },

    async adminList(actor: Actor, studioId: string, query: AdminOrderQuery): Promise<PageResult<Order>> {
      await studios.requireStudioPermission(actor, studioId, 'orders.read');
      return inStudio(studioId, actor, async (ctx) =>
        withLines(ctx.tx, await listOrderRows(ctx.tx, studioId, query)),
      );
    },
    /** What each of a page of clients has ordered (the clients area), in one grouped read. */
    async clientTotals(actor: Actor, studioId: string, clientIds: string[]) {
      await studios.requireStudioPermission(actor, studioId, 'orders.read');
      const unique = [...new Set(clientIds)];
      return inStudio(studioId, actor, async (ctx) => ({
        items: await clientOrderTotals(ctx.tx, studioId, unique),
      }));
    },
    async adminDetail(actor: Actor, studioId: string, orderId: string) {
      await studios.requireStudioPermission(actor, studioId, 'orders.read');
      return staffAnswer(actor, studioId, (ctx) => loadOrder(ctx.tx, studioId, orderId));
    },
    async changeStatus(actor: Actor, studioId: string, orderId: string, to: OrderStatus, note?: string) {
      await studios.requireStudioPermission(actor, studioId, 'orders.manage');
      return staffAnswer(actor, studioId, (ctx) =>
        lifecycle.changeStatus(ctx, orderId, to, changedBy(actor), note ?? null),
      );
    },
    async addTracking(
      actor: Actor,
      studioId: string,
      orderId: string,
      input: { carrier: string; number: string; url?: string | undefined; markShipped?: boolean | undefined },
    ) {
      await studios.requireStudioPermission(actor, studioId, 'orders.manage');
      return staffAnswer(actor, studioId, (ctx) =>
        lifecycle.addTracking(ctx, orderId, input, changedBy(actor)),
      );
    },
    /** Each payment's refund is one timeline entry carrying the amount, the staff member and their reason. */
    async refund(
      actor: Actor,
      studioId: string,
      orderId: string,
      input: RefundInput,
      key: string,
      origin?: RequestOrigin,
    ) {
      await studios.requireStudioPermission(actor, studioId, 'payments.refund');
      return staffAnswer(actor, studioId, (ctx) =>
        lifecycle.refund(ctx, orderId, input, `order-refund:${orderId}:${key}`, changedBy(actor), origin),
      );
    },
    /** The dashboard's sales by day over the last `days` days, the period before, and open orders. */
    async salesOverview(actor: Actor, studio: Pick<Studio, 'id' | 'timezone' | 'currency'>, days: number) {
      await studios.requireStudioPermission(actor, studio.id, 'orders.read');
      return inStudio(studio.id, actor, (ctx) =>
        readSalesOverview(ctx.tx, studio.id, studio, days, new Date()),
      );
    },
    /**
     * How many orders wait for the studio to confirm a bank transfer or PromptPay payment: pending
     * orders paid that way (the owner's dashboard). Counted on `orders_studio_status_idx`.
     */
    async paymentsToConfirm(actor: Actor, studioId: string) {
      await studios.requireStudioPermission(actor, studioId, 'orders.read');
      return inStudio(studioId, actor, async (ctx) => ({
        count: await countAwaitingConfirmation(ctx.tx, studioId),
      }));
    },
    async resendConfirmation(actor: Actor, studioId: string, orderId: string) {
      await studios.requireStudioPermission(actor, studioId, 'orders.manage');
      return inStudio(studioId, actor, async (ctx) => {
        const row = await loadOrder(ctx.tx, studioId, orderId);
        await emit(ctx.tx, {
          type: 'orders.order.confirmation_requested',
          studioId,
          payload: orderEventPayload(row),
        });
        await recordOrderEvent(ctx.tx, {
          studioId,
          orderId,
          kind: 'email',
          to: 'confirmation',
          by: changedBy(actor),
        });
        return { queued: true };
      });
    },
    async assertCanExport(actor: Actor, studioId: string) {
      await studios.requireStudioPermission(actor, studioId, 'orders.read');
    },
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
