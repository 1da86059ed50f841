import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { StudioContext } from '../../platform/context.js';
import { emit } from '../../platform/events/index.js';
import { AppError, type FieldReason } from '../../platform/http/errors.js';
import { formatMoney } from '../../platform/mailer/index.js';
import type { CatalogCheckout, QuotedLine } from '../catalog/index.js';
import type { PaymentsApi, PaymentView, PlansService } from '../payments/index.js';
import type { Studio } from '../studios/index.js';
import { type CartOwner, type Carts, quantityProblem } from './orders.cart.js';
import { type OrderLifecycle, orderEventPayload } from './orders.lifecycle.js';
import type { Address, OrderPlan, ShippingMethod } from './orders.model.js';
import { orderValues, type PricedOrder, paymentDescription, writeOrderLines } from './orders.placing.js';
import { computeTotals, divideHalfUp, type PricedLineInput, shippingPrice } from './orders.pricing.js';
import { checkPromo, redeemPromo, ruleOf } from './orders.promos.js';
import { loadOrder, type OrderRow, recordOrderEvent } from './orders.records.js';
import type { CheckoutInput, CheckoutSummary } from './orders.schemas.js';
import { nextOrderNumber, readCommerceSettings, yearIn } from './orders.settings.js';
import { orders } from './orders.tables.js';

/** Upserts the studio's client for the buyer (studios owns clients). */
export type UpsertClient = (
  ctx: StudioContext,
  input: { email: string; name: string; phone?: string | null; userId?: string | null },
) => Promise<{ id: string; userId: string | null }>;

/**
 * The rules a checkout refusal names (`errors[].reason`), so the checkout page words them in the
 * client's language (`ApiReasons` in apps/web/messages); the English message stays the API's. A
 * refusal of the payment itself (a method the studio turned off, a wallet too small) is the payments
 * module's rule, passed on naming the checkout's own field (`toCheckoutField`).
 */
const CHECKOUT_RULES = {
  cartEmpty: { reason: 'cart.empty' },
  orderTooLarge: { reason: 'cart.too_large' },
  noSuchShippingMethod: { reason: 'shipping.method_unknown' },
  methodCannotShipHere: { reason: 'shipping.method_cannot_ship' },
  shippingMethodNeeded: { reason: 'shipping.method_needed' },
  shippingAddressNeeded: { reason: 'shipping.address_needed' },
  paymentMethodNeeded: { reason: 'payment.method_needed' },
  manualMethodNeeded: { reason: 'payment.manual_method_needed' },
  planPaidByCard: { reason: 'plan.card_only' },
  planCardNeeded: { reason: 'plan.card_needed' },
  planNotByWallet: { reason: 'plan.no_wallet' },
  walletNotYours: { reason: 'wallet.own_address_only' },
} as const satisfies Record<string, FieldReason>;

/** The largest subtotal one checkout takes, in minor units (see `price`). */
const MAX_ORDER_MINOR = 1_000_000_000_000;

/** A line priced in another currency than the studio sells in: the item cannot be bought now. */
const otherCurrency = (item: string): FieldReason => ({ reason: 'item.unavailable', params: { item } });

/**
 * A refusal of a payment as the checkout's client sent it: the payments module names its own fields
 * (`provider`, `amountMinor`), the client sent `paymentProvider` or `walletAmountMinor`. The rule and
 * its params stay; a refusal naming no field names `unnamed` when given.
 */
function toCheckoutField(
  error: unknown,
  field: (paymentsField: string) => string,
  unnamed?: string,
): unknown {
  if (!(error instanceof AppError) || error.status >= 500) return error;
  const fields = error.fields?.length
    ? error.fields
    : unnamed
      ? [{ field: unnamed, message: error.message }]
      : [];
  if (fields.length === 0) return error;
  return new AppError(error.code, error.message, {
    fields: fields.map((each) => ({ ...each, field: field(each.field) })),
    cause: error,
  });
}

/** Checkout confirms a paid order before its number exists; it announces it after (`place`). */
const HELD = { announce: false } as const;

/** Instant methods hold stock briefly; bank transfer, cash and invoice wait days for the money. */
const isManual = (provider: string | undefined) => provider === 'manual';

/** Days between a plan's charges (deposit now, balance / next instalments every 30 days). */
const PLAN_INTERVAL_DAYS = 30;

/**
 * What an order is written with until its number is taken, last thing in the checkout transaction
 * (`place`). Unique, so concurrent checkouts never meet on `orders_studio_number_key`, and never seen
 * outside the transaction: the number replaces it before the commit.
 */
const unnumbered = () => `unnumbered:${randomUUID()}`;

export function createCheckout(deps: {
  catalog: CatalogCheckout;
  payments: PaymentsApi;
  plans: Pick<PlansService, 'createPaymentPlan'>;
  carts: Carts;
  lifecycle: OrderLifecycle;
  upsertClient: UpsertClient;
  clock?: () => Date;
}) {
  const { catalog, payments, plans, carts, lifecycle, upsertClient } = deps;
  const clock = deps.clock ?? (() => new Date());

  /** The lines to buy: explicit ones (their prices ignored), else the caller's cart. */
  async function requestedLines(ctx: StudioContext, owner: CartOwner | null, input: CheckoutInput) {
    if (input.lines)
      return {
        source: 'body' as const,
        lines: input.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
        seen: null,
      };
    const rows = owner ? await carts.lines(ctx, owner) : [];
    if (rows.length === 0) throw AppError.invalid('lines', 'The cart is empty', CHECKOUT_RULES.cartEmpty);
    return {
      source: 'cart' as const,
      lines: rows.map((r) => ({ variantId: r.variantId, quantity: r.quantity })),
      seen: rows.map((r) => r.seenUnitPriceMinor),
    };
  }

  /**
   * Everything priced on the server, checked against the studio's rules. `strict` (placing an order)
   * also requires what a summary may leave open: a shipping method and address.
   */
  async function price(
    ctx: StudioContext,
    studio: Studio,
    lines: { variantId: string; quantity: number }[],
    input: CheckoutInput,
    /** `at`: the prices in force then (a past order's); now by default. */
    options: { strict: boolean; at?: Date },
  ): Promise<PricedOrder> {
    const at = options.at ?? clock();
    const settings = await readCommerceSettings(ctx.tx, ctx.studioId);
    const quoted = await catalog.quote(ctx, lines, at);
    quoted.forEach((q, i) => {
      const problem = quantityProblem(q, lines[i]!.quantity, `lines[${i}].quantity`);
      if (problem) throw problem;
      if (q.currency.toUpperCase() !== studio.currency.toUpperCase())
        throw AppError.conflictOn(
          `lines[${i}].variantId`,
          `Priced in ${q.currency}, the studio sells in ${studio.currency}`,
          otherCurrency(q.name),
        );
    });
    const priced: PricedLineInput[] = quoted.map((q, i) => ({
      unitPriceMinor: q.unitPriceMinor,
      quantity: lines[i]!.quantity,
      itemId: q.itemId,
      categoryIds: q.categoryPath,
      requiresShipping: q.requiresShipping,
      weightGrams: q.weightGrams,
    }));
    const requiresShipping = quoted.some((q) => q.requiresShipping);
    // Sums of money are JavaScript numbers: exact only up to 2^53. A hundred lines of 10,000 at the
    // highest price would pass that, and lose minor units without a sound; no real order comes near
    // the cap (ten billion in a currency's major unit).
    if (priced.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0) > MAX_ORDER_MINOR)
      throw new AppError('rule_broken', 'The order is larger than one checkout can take', {
        fields: [
          {
            field: 'lines',
            message: 'The order is larger than one checkout can take; split it into smaller orders',
            ...CHECKOUT_RULES.orderTooLarge,
          },
        ],
      });

    const promo: PricedOrder['promo'] = input.promoCode?.trim()
      ? await checkPromo(ctx.tx, {
          studioId: ctx.studioId,
          code: input.promoCode,
          lines: priced,
          clientKey: input.email.trim().toLowerCase(),
          currency: studio.currency,
          now: at,
        })
      : null;
    const promoRule = promo ? ruleOf(promo.row) : null;
    const subtotal = priced.reduce((s, l) => s + l.unitPriceMinor * l.quantity, 0);
    const discounted = subtotal - (promo?.discountMinor ?? 0);
    const country = input.shippingAddress?.country ?? null;
    const shippingOptions = requiresShipping
      ? settings.shippingMethods.flatMap((m) => {
          const p = shippingPrice(m, priced, discounted, country);
          if (p === null) return [];
          // Said at checkout ("add $12 more to ship free"), so a client near the line can choose to cross it.
          const freeOver = m.freeOverMinor ?? null;
          const moreForFreeMinor =
            freeOver !== null && p > 0 && discounted < freeOver ? freeOver - discounted : null;
          return [{ id: m.id, name: m.name, kind: m.kind, priceMinor: p, moreForFreeMinor }];
        })
      : [];

    let method: ShippingMethod | null = null;
    let shippingMinor = 0;
    if (requiresShipping && settings.shippingMethods.length > 0) {
      if (input.shippingMethodId) {
        method = settings.shippingMethods.find((m) => m.id === input.shippingMethodId) ?? null;
        if (!method)
          throw AppError.invalid(
            'shippingMethodId',
            'No such shipping method',
            CHECKOUT_RULES.noSuchShippingMethod,
          );
        const p = shippingPrice(method, priced, discounted, country);
        if (p === null)
          throw AppError.conflictOn(
            'shippingMethodId',
            'This method cannot ship this order here',
            CHECKOUT_RULES.methodCannotShipHere,
          );
        shippingMinor = p;
      } else if (options.strict) {
        throw AppError.invalid(
          'shippingMethodId',
          'Choose a shipping method',
          CHECKOUT_RULES.shippingMethodNeeded,
        );
      }
    }
    const needsAddress = requiresShipping && method?.kind !== 'pickup';
    if (options.strict && needsAddress && !input.shippingAddress)
      throw AppError.invalid(
        'shippingAddress',
        'A shipping address is needed for physical goods',
        CHECKOUT_RULES.shippingAddressNeeded,
      );

    const taxAddress: Address | null =
      (needsAddress ? input.shippingAddress : undefined) ??
      input.billingAddress ??
      input.shippingAddress ??
      null;
    const totals = computeTotals({
      lines: priced,
      promo: promoRule,
      shippingMinor,
      tax: settings,
      taxAddress,
    });

    let plan: OrderPlan | null = null;
    let firstChargeMinor = totals.totalMinor;
    if (input.paymentPlan?.kind === 'deposit') {
      const depositMinor = divideHalfUp(totals.totalMinor * settings.depositPercent, 100);
      plan = { kind: 'deposit', depositMinor };
      firstChargeMinor = depositMinor;
    } else if (input.paymentPlan?.kind === 'instalments') {
      const count = input.paymentPlan.count;
      // Same rule as the payments module's plans: leftover units go to the first instalment.
      firstChargeMinor = totals.totalMinor - Math.floor(totals.totalMinor / count) * (count - 1);
      plan = { kind: 'instalments', count, firstMinor: firstChargeMinor, planId: null };
    }
    const walletMinor = Math.min(input.walletAmountMinor ?? 0, firstChargeMinor);
    return {
      quoted,
      totals,
      promo,
      method,
      shippingOptions,
      requiresShipping,
      walletMinor,
      firstChargeMinor,
      plan,
      settings,
    };
  }

  function summaryOf(
    p: PricedOrder,
    quantities: number[],
    currency: string,
    notices: CheckoutSummary['notices'],
  ): CheckoutSummary {
    return {
      currency,
      lines: p.quoted.map((q, i) => ({
        variantId: q.variantId,
        itemId: q.itemId,
        name: q.name,
        variantTitle: q.variantTitle,
        sku: q.sku,
        quantity: quantities[i] ?? 0,
        unitPriceMinor: q.unitPriceMinor,
        listPriceMinor: q.listPriceMinor,
        discountMinor: p.totals.lines[i]!.discountMinor,
        taxMinor: p.totals.lines[i]!.taxMinor,
        totalMinor: p.totals.lines[i]!.totalMinor,
        requiresShipping: q.requiresShipping,
      })),
      subtotalMinor: p.totals.subtotalMinor,
      discountMinor: p.totals.discountMinor,
      shippingMinor: p.totals.shippingMinor,
      taxMinor: p.totals.taxMinor,
      taxRateBps: p.totals.taxRateBps,
      pricesIncludeTax: p.settings.pricesIncludeTax,
      taxByAddress: p.settings.taxRates.length > 0,
      totalMinor: p.totals.totalMinor,
      walletMinor: p.walletMinor,
      dueNowMinor: p.firstChargeMinor - p.walletMinor,
      promoCode: p.promo?.row.code ?? null,
      requiresShipping: p.requiresShipping,
      shippingOptions: p.shippingOptions,
      notices,
    };
  }

  function priceNotices(quoted: QuotedLine[], seen: number[] | null): CheckoutSummary['notices'] {
    if (!seen) return [];
    return quoted.flatMap((q, i) =>
      q.unitPriceMinor === seen[i]
        ? []
        : [
            {
              variantId: q.variantId,
              code: 'price_changed',
              message: `${q.name}: the price changed from ${formatMoney(seen[i]!, q.currency)} to ${formatMoney(q.unitPriceMinor, q.currency)}${seen[i]! < q.unitPriceMinor ? ' (the flash sale ended)' : ''}`,
            },
          ],
    );
  }

  return {
    /** Prices lines for a buyer against the studio's rules; also used to record past orders (orders.history.ts). */
    price,

    /** The clear summary before paying: nothing is created, reserved or counted. */
    async preview(
      ctx: StudioContext,
      studio: Studio,
      owner: CartOwner | null,
      input: CheckoutInput,
    ): Promise<CheckoutSummary> {
      const { lines, seen } = await requestedLines(ctx, owner, input);
      const p = await price(ctx, studio, lines, input, { strict: false });
      return summaryOf(
        p,
        lines.map((l) => l.quantity),
        studio.currency,
        priceNotices(p.quoted, seen),
      );
    },

    /**
     * Places the order in the caller's transaction: prices, the order and its lines, the payments, then
     * what checkouts compete for (the stock, the promo code's use) and last the number. Any failure rolls all of
     * it back (the number too, so numbering stays gap-free). Returns
     * `prices_changed` (after recording that the client has now seen the new prices) instead of an
     * order when a cart price moved since the client last saw it.
     */
    async place(
      ctx: StudioContext,
      studio: Studio,
      owner: CartOwner | null,
      input: CheckoutInput,
      idempotencyKey: string,
      /** The account that has proved `input.email`, if any (OrdersDeps.verifiedUserIdOf). */
      emailAccount: string | null = null,
    ): Promise<
      | { kind: 'placed'; order: OrderRow; payment: PaymentView | null; notices: CheckoutSummary['notices'] }
      | { kind: 'prices_changed'; notices: CheckoutSummary['notices'] }
    > {
      const ownerKey = owner
        ? 'userId' in owner
          ? `user:${owner.userId}`
          : `guest:${owner.guestToken}`
        : 'anonymous';
      // The caller and their email scope the key: two guests using the same key never see each other's order.
      const keyHash = createHash('sha256')
        .update(`${ownerKey}\n${input.email.trim().toLowerCase()}\n${idempotencyKey}`)
        .digest('hex');
      const [existing] = await ctx.tx
        .select()
        .from(orders)
        .where(and(eq(orders.studioId, ctx.studioId), eq(orders.idempotencyKey, keyHash)));
      if (existing) {
        const list = await payments.listForPayable(ctx, { type: 'order', id: existing.id });
        return {
          kind: 'placed',
          order: existing,
          payment: list.find((x) => x.provider !== 'wallet') ?? null,
          notices: [],
        };
      }

      const { source, lines, seen } = await requestedLines(ctx, owner, input);
      if (source === 'cart' && owner) {
        const current = await catalog.quote(ctx, lines, clock());
        const notices = priceNotices(current, seen);
        if (notices.length > 0) {
          await carts.acknowledgePrices(ctx, owner, current);
          return { kind: 'prices_changed', notices };
        }
      }
      const p = await price(ctx, studio, lines, input, { strict: true });
      if (input.expectedTotalMinor !== undefined && input.expectedTotalMinor !== p.totals.totalMinor)
        throw AppError.conflictOn(
          'expectedTotalMinor',
          `The total is now ${formatMoney(p.totals.totalMinor, studio.currency)}, not ${formatMoney(input.expectedTotalMinor, studio.currency)}: review the summary`,
          {
            reason: 'checkout.total_changed',
            params: { totalMinor: p.totals.totalMinor, currency: studio.currency },
          },
        );
      const dueNow = p.firstChargeMinor - p.walletMinor;
      if (dueNow > 0 && !input.paymentProvider)
        throw AppError.invalid('paymentProvider', 'Choose how to pay', CHECKOUT_RULES.paymentMethodNeeded);
      if (input.paymentProvider === 'manual' && !input.manualMethod)
        throw AppError.invalid(
          'manualMethod',
          'Choose bank transfer, cash or invoice',
          CHECKOUT_RULES.manualMethodNeeded,
        );
      if (p.plan) {
        if (input.paymentProvider !== 'sandbox' && input.paymentProvider !== 'stripe')
          throw AppError.invalid(
            'paymentProvider',
            'A payment plan is charged automatically: pay by card',
            CHECKOUT_RULES.planPaidByCard,
          );
        // A Stripe plan needs no card number: the client pays its first part in Stripe's card form,
        // which keeps that card for the rest. The sandbox charges the test card given here.
        if (input.paymentProvider === 'sandbox' && !input.sandboxCard)
          throw AppError.invalid('sandboxCard', 'The card the plan charges', CHECKOUT_RULES.planCardNeeded);
        if (p.walletMinor > 0)
          throw AppError.invalid(
            'walletAmountMinor',
            'A payment plan is paid by card only',
            CHECKOUT_RULES.planNotByWallet,
          );
      }

      const userId = owner && 'userId' in owner ? owner.userId : null;
      // The order is the signed-in person's either way (orders.user_id). The studio's client record for
      // the address carries that address's past orders, payments, plans and wallet, so it is attached
      // only to the account that has proved the address (emailAccount: a verified email, looked up
      // before the transaction). Not to whoever is signed in: their session's email may be one nobody
      // verified (an OAuth provider's), and the typed one may be anyone's. An order placed signed out
      // still shows in the account of its address.
      const client = await upsertClient(ctx, {
        email: input.email,
        name: input.name,
        phone: input.phone ?? null,
        userId: emailAccount,
      });
      // The wallet pays only for its owner: signed in, checking out with their own proved address.
      // (Without this, typing someone's email spent their balance.)
      if (p.walletMinor > 0 && !(userId !== null && client.userId === userId))
        throw AppError.invalid(
          'walletAmountMinor',
          'Only your own wallet pays: sign in and check out with your own email address',
          CHECKOUT_RULES.walletNotYours,
        );
      const now = clock();
      const holdMinutes = isManual(input.paymentProvider)
        ? p.settings.holdMinutesManual
        : p.settings.holdMinutesInstant;
      const [order] = await ctx.tx
        .insert(orders)
        .values({
          ...orderValues(ctx, studio, p, input),
          number: unnumbered(),
          idempotencyKey: keyHash,
          clientId: client.id,
          userId,
          paymentProvider: dueNow > 0 ? input.paymentProvider! : 'wallet',
          manualMethod: input.paymentProvider === 'manual' ? (input.manualMethod ?? null) : null,
          walletMinor: p.walletMinor,
          plan: p.plan,
          holdUntil: new Date(now.getTime() + holdMinutes * 60_000),
        })
        .returning();
      await writeOrderLines(
        ctx,
        order!.id,
        p,
        lines.map((l) => l.quantity),
      );
      await recordOrderEvent(ctx.tx, {
        studioId: ctx.studioId,
        orderId: order!.id,
        kind: 'status',
        to: 'pending',
        details: { reason: 'placed' },
        by: userId ? { kind: 'client', userId } : { kind: 'guest' },
      });

      // Wallet first (it succeeds or fails right here), then the rest through the chosen provider.
      // A payment that succeeded on the spot counts toward the order now; announced once numbered.
      const confirmHeld = (paid: PaymentView) =>
        lifecycle.applyPayment(
          ctx,
          order!.id,
          { paymentId: paid.id, amountMinor: paid.amountMinor, currency: paid.currency },
          HELD,
        );
      const common = {
        payable: { type: 'order' as const, id: order!.id },
        clientId: client.id,
        // A signed-in buyer's payments and plan are theirs, whatever email they typed (assertPayer).
        payerUserId: userId,
        email: order!.email,
        currency: studio.currency,
        description: paymentDescription(
          studio,
          p.quoted,
          lines.map((l) => l.quantity),
        ),
        locale: order!.locale,
      };
      if (p.walletMinor > 0) {
        const wallet = await payments
          .startPayment(ctx, {
            ...common,
            amountMinor: p.walletMinor,
            provider: 'wallet',
            idempotencyKey: `order:${order!.id}:wallet`,
          })
          .catch((error: unknown) => {
            // The ledger names its own field; the client sent walletAmountMinor.
            throw toCheckoutField(error, () => 'walletAmountMinor', 'walletAmountMinor');
          });
        if (wallet.status === 'succeeded') await confirmHeld(wallet);
      }
      let payment: PaymentView | null = null;
      if (p.plan) {
        // The plan (payments module) owns the schedule and retries; it charges the first part now.
        const started = await plans
          .createPaymentPlan(ctx, {
            payable: common.payable,
            clientId: client.id,
            payerUserId: userId,
            email: order!.email,
            totalMinor: p.totals.totalMinor,
            currency: studio.currency,
            instalments: p.plan.kind === 'deposit' ? 1 : p.plan.count,
            ...(p.plan.kind === 'deposit' ? { depositMinor: p.plan.depositMinor } : {}),
            schedule: { intervalDays: PLAN_INTERVAL_DAYS },
            provider: input.paymentProvider === 'stripe' ? 'stripe' : 'sandbox',
            ...(input.sandboxCard ? { savedMethod: { kind: 'card', cardNumber: input.sandboxCard } } : {}),
            locale: order!.locale === 'th' ? 'th' : 'en',
            ...(input.returnUrl ? { returnUrl: input.returnUrl } : {}),
          })
          .catch((error: unknown) => {
            // As for a payment in full: the payments module's `provider` is the client's paymentProvider.
            throw toCheckoutField(error, (field) => (field === 'provider' ? 'paymentProvider' : field));
          });
        payment = started.depositPayment;
        await ctx.tx
          .update(orders)
          .set({ plan: { ...p.plan, planId: started.plan.id } })
          .where(eq(orders.id, order!.id));
        if (payment.status === 'succeeded') await confirmHeld(payment);
      } else if (dueNow > 0) {
        payment = await payments
          .startPayment(ctx, {
            ...common,
            amountMinor: dueNow,
            provider: input.paymentProvider!,
            ...(input.manualMethod ? { manualMethod: input.manualMethod } : {}),
            ...(input.sandboxCard ? { sandboxCard: input.sandboxCard } : {}),
            ...(input.returnUrl ? { returnUrl: input.returnUrl } : {}),
            idempotencyKey: `order:${order!.id}:main`,
          })
          .catch((error: unknown) => {
            // A method the studio turned off is refused on the payments module's `provider`; the
            // client chose it as paymentProvider. Its other fields (manualMethod, sandboxCard) agree.
            throw toCheckoutField(error, (field) => (field === 'provider' ? 'paymentProvider' : field));
          });
        // Declined on the spot (a card): no order at all; the client picks another card or method.
        if (payment.status === 'failed')
          throw new AppError('rule_broken', 'The payment was declined', {
            fields: [
              {
                field: input.sandboxCard ? 'sandboxCard' : 'paymentProvider',
                message: 'was declined',
                reason: 'payment.declined',
              },
            ],
          });
        if (payment.status === 'succeeded') await confirmHeld(payment);
      }
      if (p.totals.totalMinor === 0 || (dueNow === 0 && p.walletMinor === 0))
        await lifecycle.confirmIfCovered(ctx, await loadOrder(ctx.tx, ctx.studioId, order!.id), HELD);
      if (source === 'cart' && owner) await carts.clear(ctx, owner);

      // Counted stock, reserved only now: reserving locks each variant's row until the commit, and every
      // checkout of that variant queues on it, so it must not be held across the payment's provider
      // call (a Stripe round trip, ~0.3-1 s: a flash sale of a stocked item would sell about two a
      // second). price() already refused lines the stock read with the quote cannot cover, before any
      // payment was tried; this decides the race for the last units, and losing it rolls everything
      // back, the payment rows with it (a Stripe PaymentIntent made for it stays unconfirmed: no money
      // moves).
      await catalog.reserveStock(ctx, lines);
      // The promo code's use, for the same reason: a code with a total limit is counted under its row's
      // lock, which every checkout with that code waits on (PromoGuard in orders.promos.ts).
      if (p.promo)
        await redeemPromo(ctx.tx, {
          studioId: ctx.studioId,
          promo: p.promo,
          orderId: order!.id,
          clientKey: input.email.trim().toLowerCase(),
        });

      // The number, last. Taking it locks the studio's counter row until this transaction commits, and
      // every checkout of the studio queues on that row; so everything else (lines, promo, timeline,
      // payments and their provider calls, the sale) is written first, and only what carries the
      // number comes after: the order's own row and the events announcing it (README "Numbers").
      const number = await nextOrderNumber(
        ctx.tx,
        ctx.studioId,
        p.settings.orderNumberPrefix,
        yearIn(studio.timezone, now),
      );
      const [numbered] = await ctx.tx
        .update(orders)
        .set({ number })
        .where(eq(orders.id, order!.id))
        .returning();
      await emit(ctx.tx, {
        type: 'orders.order.placed',
        studioId: ctx.studioId,
        payload: orderEventPayload(numbered!),
      });
      // Paid on the spot (wallet, a card that went through, nothing to pay): confirmed above, announced
      // now that the confirmation email has a number to name.
      if (numbered!.status === 'paid') await lifecycle.announcePaid(ctx, numbered!);
      return { kind: 'placed', order: numbered!, payment, notices: [] };
    },
  };
}

export type Checkout = ReturnType<typeof createCheckout>;
