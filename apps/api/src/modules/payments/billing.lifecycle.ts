import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Cache } from '../../platform/cache/index.js';
import type { Database, Tx } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import type { Queue } from '../../platform/queue/index.js';
import { invalidateStudios, type PlanId, setStudioPlan, studioProfile } from '../studios/index.js';
import { recordStripeInvoice } from './billing.invoices.js';
import { BILLING_CURRENCY, PLAN_PRICES, STRIPE_PRICE_IDS } from './billing.prices.js';
import { type BillingStatus, billingSubscriptions } from './billing.tables.js';

/**
 * How long a studio keeps its paid plan after Stripe gave up collecting (`unpaid`), counted from the
 * first failed charge of the episode. Past it the studio falls back to starter; its data stays, but
 * the starter limits block new additions (assertWithinPlan, team seats).
 */
export const BILLING_GRACE_DAYS = 7;
const DAY_MS = 86_400_000;

/** Billing domain events (outbox): the owners' emails hang off these. */
export const BILLING_EVENTS = {
  paymentFailed: 'payments.billing.payment_failed',
  planEnded: 'payments.billing.plan_ended',
} as const;

type SubscriptionRow = typeof billingSubscriptions.$inferSelect;

/** What the webhook dispatch needs back: how to record the event, and what to do after the commit. */
export interface BillingEventResult {
  status: 'processed' | 'parked' | 'ignored';
  reason?: string;
  studioId?: string;
  /** Runs after the transaction commits: drop cached studio lookups, end a lapsed subscription at Stripe. */
  afterCommit?: (deps: { cache?: Cache | undefined; stripe?: Stripe | undefined }) => Promise<void>;
}

export const BILLING_EVENT_TYPES = new Set([
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.voided',
]);

export function graceEndsAt(row: Pick<SubscriptionRow, 'status' | 'pastDueSince'>): Date | null {
  if (!row.pastDueSince || (row.status !== 'past_due' && row.status !== 'unpaid')) return null;
  return new Date(row.pastDueSince.getTime() + BILLING_GRACE_DAYS * DAY_MS);
}

/** Stripe's subscription status in our words (paused bills nothing, so it counts as unpaid). */
function ourStatus(status: Stripe.Subscription.Status): BillingStatus {
  switch (status) {
    case 'active':
    case 'trialing':
      return 'active';
    case 'past_due':
      return 'past_due';
    case 'unpaid':
    case 'paused':
      return 'unpaid';
    case 'canceled':
    case 'incomplete_expired':
      return 'cancelled';
    default:
      return 'incomplete';
  }
}

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** The period end: on the subscription's item since Stripe's 2025 API, on the subscription before. */
function periodEnd(subscription: Stripe.Subscription): Date | null {
  const seconds =
    subscription.items?.data?.[0]?.current_period_end ??
    (subscription as unknown as { current_period_end?: number }).current_period_end;
  return typeof seconds === 'number' ? new Date(seconds * 1000) : null;
}

/** The subscription an invoice bills: `parent.subscription_details` now, `subscription` before. */
function invoiceSubscription(invoice: Stripe.Invoice): { id: string | null; studioId: string | null } {
  const details = invoice.parent?.subscription_details;
  const legacy = (invoice as unknown as { subscription?: string | { id: string } | null }).subscription;
  const studioId = details?.metadata?.studioId ?? invoice.metadata?.studioId ?? null;
  return { id: idOf(details?.subscription) ?? idOf(legacy), studioId };
}

/** The subscription row a Stripe object belongs to: by subscription id, else by customer. */
async function findRow(
  tx: Tx,
  subscriptionId: string | null,
  customerId: string | null,
): Promise<SubscriptionRow | undefined> {
  if (subscriptionId) {
    const [row] = await tx
      .select()
      .from(billingSubscriptions)
      .where(eq(billingSubscriptions.stripeSubscriptionId, subscriptionId))
      .for('update');
    if (row) return row;
  }
  if (customerId) {
    const [row] = await tx
      .select()
      .from(billingSubscriptions)
      .where(eq(billingSubscriptions.stripeCustomerId, customerId))
      .for('update');
    return row;
  }
  return undefined;
}

const after =
  (options: { stripeSubscriptionToCancel?: string | null }) =>
  async ({ cache, stripe }: { cache?: Cache | undefined; stripe?: Stripe | undefined }) => {
    if (cache) await invalidateStudios(cache);
    const id = options.stripeSubscriptionToCancel;
    if (stripe && id)
      await stripe.subscriptions.cancel(id, {}, { idempotencyKey: `atelier-cancel-${id}` }).catch(() => {
        // Already cancelled at Stripe (or Stripe is down): our side has ended the plan either way.
      });
  };

/**
 * Ends a studio's paid plan: the studio goes to starter (data kept; the starter limits block new
 * additions) and the subscription row is marked cancelled, which is final for that Stripe subscription.
 */
export async function fallBackToStarter(
  tx: Tx,
  row: SubscriptionRow,
  reason: 'subscription_ended' | 'unpaid_after_grace',
  at: Date,
): Promise<void> {
  const studio = await studioProfile(tx, row.studioId);
  const previousPlan: PlanId = studio?.plan ?? row.plan;
  await tx
    .update(billingSubscriptions)
    .set({
      plan: 'starter',
      status: 'cancelled',
      priceMinor: 0,
      currency: BILLING_CURRENCY,
      pastDueSince: null,
    })
    .where(eq(billingSubscriptions.id, row.id));
  if (!studio || studio.plan === 'starter') return;
  await setStudioPlan(tx, row.studioId, 'starter', { actorUserId: 'system', reason: `billing:${reason}` });
  await emit(tx, {
    type: BILLING_EVENTS.planEnded,
    studioId: row.studioId,
    payload: { previousPlan, reason, at: at.toISOString() },
  });
}

/**
 * `customer.subscription.updated` / `.deleted`. Order-independent: an event older than the newest one
 * applied (`stripe_event_at`) changes nothing, and a cancelled subscription stays cancelled.
 */
async function applySubscriptionEvent(
  tx: Tx,
  event: Stripe.Event,
  subscription: Stripe.Subscription,
  now: Date,
): Promise<BillingEventResult> {
  const row = await findRow(tx, subscription.id, idOf(subscription.customer));
  if (!row) return { status: 'parked', reason: 'unknown_subscription' };
  if (row.stripeSubscriptionId !== subscription.id)
    return { status: 'ignored', reason: 'not_current_subscription', studioId: row.studioId };
  const eventAt = new Date(event.created * 1000);
  if (row.stripeEventAt && eventAt < row.stripeEventAt)
    return { status: 'ignored', reason: 'stale_event', studioId: row.studioId };
  if (row.status === 'cancelled')
    return { status: 'ignored', reason: 'already_cancelled', studioId: row.studioId };

  const next = event.type === 'customer.subscription.deleted' ? 'cancelled' : ourStatus(subscription.status);
  await tx
    .update(billingSubscriptions)
    .set({ stripeEventAt: eventAt, currentPeriodEnd: periodEnd(subscription) ?? row.currentPeriodEnd })
    .where(eq(billingSubscriptions.id, row.id));
  if (next === 'cancelled') {
    await fallBackToStarter(tx, row, 'subscription_ended', eventAt);
    return { status: 'processed', studioId: row.studioId, afterCommit: after({}) };
  }
  if (next === 'unpaid' || next === 'past_due') {
    const since = row.pastDueSince ?? eventAt;
    const graceOver = now.getTime() >= since.getTime() + BILLING_GRACE_DAYS * DAY_MS;
    if (next === 'unpaid' && graceOver) {
      await fallBackToStarter(tx, row, 'unpaid_after_grace', eventAt);
      return {
        status: 'processed',
        studioId: row.studioId,
        afterCommit: after({ stripeSubscriptionToCancel: subscription.id }),
      };
    }
    await tx
      .update(billingSubscriptions)
      .set({ status: next, pastDueSince: since })
      .where(eq(billingSubscriptions.id, row.id));
    return { status: 'processed', studioId: row.studioId };
  }
  await tx
    .update(billingSubscriptions)
    .set({ status: next, ...(next === 'active' ? { pastDueSince: null } : {}) })
    .where(eq(billingSubscriptions.id, row.id));
  return { status: 'processed', studioId: row.studioId };
}

/**
 * `invoice.*`: every invoice is recorded (its own status only moves forward), and a failed or paid
 * one moves the studio's billing status when it is the newest news about its current subscription.
 * A failed charge emails the owners (once per event: the webhook deduplicates by event id).
 */
async function applyInvoiceEvent(
  tx: Tx,
  event: Stripe.Event,
  invoice: Stripe.Invoice,
): Promise<BillingEventResult> {
  const billed = invoiceSubscription(invoice);
  let row = await findRow(tx, billed.id, idOf(invoice.customer));
  if (!row && billed.studioId && /^[0-9a-f-]{36}$/i.test(billed.studioId)) {
    [row] = await tx
      .select()
      .from(billingSubscriptions)
      .where(eq(billingSubscriptions.studioId, billed.studioId))
      .for('update');
  }
  if (!row) return { status: 'parked', reason: 'unknown_subscription' };

  const outcome =
    event.type === 'invoice.paid'
      ? 'paid'
      : event.type === 'invoice.payment_failed'
        ? 'failed'
        : event.type === 'invoice.voided'
          ? 'void'
          : 'open';
  const recorded = await recordStripeInvoice(tx, row, invoice, outcome);

  const eventAt = new Date(event.created * 1000);
  const current = billed.id !== null && billed.id === row.stripeSubscriptionId;
  const fresh = !row.stripeEventAt || eventAt >= row.stripeEventAt;
  if (current && fresh && row.status !== 'cancelled') {
    if (outcome === 'failed' && recorded.status === 'failed')
      await tx
        .update(billingSubscriptions)
        .set({
          status: row.status === 'unpaid' ? 'unpaid' : 'past_due',
          pastDueSince: row.pastDueSince ?? eventAt,
          stripeEventAt: eventAt,
        })
        .where(eq(billingSubscriptions.id, row.id));
    if (outcome === 'paid')
      await tx
        .update(billingSubscriptions)
        .set({ status: 'active', pastDueSince: null, stripeEventAt: eventAt })
        .where(eq(billingSubscriptions.id, row.id));
  }
  // The owners hear of a failed charge unless the invoice has been paid since (a late delivery).
  if (outcome === 'failed' && recorded.status === 'failed')
    await emit(tx, {
      type: BILLING_EVENTS.paymentFailed,
      studioId: row.studioId,
      payload: {
        invoiceId: recorded.id,
        number: recorded.number,
        amountMinor: recorded.amountMinor,
        currency: recorded.currency,
        hostedUrl: recorded.hostedUrl,
        nextAttemptAt: invoice.next_payment_attempt
          ? new Date(invoice.next_payment_attempt * 1000).toISOString()
          : null,
        graceEndsAt: new Date(
          (row.pastDueSince ?? eventAt).getTime() + BILLING_GRACE_DAYS * DAY_MS,
        ).toISOString(),
      },
    });
  return { status: 'processed', studioId: row.studioId };
}

/** What marks a Checkout Session as an owner paying for a plan (the orders' sessions carry a paymentId). */
export const PLAN_CHECKOUT_PURPOSE = 'atelier_plan';

/** A Checkout Session (subscription mode) that an owner opened to start a paid plan. */
export function isPlanCheckout(session: Stripe.Checkout.Session): boolean {
  return session.mode === 'subscription' && session.metadata?.purpose === PLAN_CHECKOUT_PURPOSE;
}

/**
 * A plan Checkout the owner completed (from `checkout.session.completed`, or from the billing page the
 * owner returns to, whichever comes first): the studio goes onto the plan, billed by card through the
 * subscription Checkout started. Idempotent: the same session again changes nothing. A second paid
 * Checkout while the studio already has another live subscription is parked for a person (two
 * subscriptions would both charge); opening a Checkout expires the customer's other open ones, so this
 * takes two tabs paid within moments.
 */
export async function applyPlanCheckout(
  tx: Tx,
  session: Stripe.Checkout.Session,
): Promise<BillingEventResult> {
  const studioId = session.metadata?.studioId ?? '';
  const plan = session.metadata?.plan ?? '';
  const subscriptionId = idOf(session.subscription);
  const customerId = idOf(session.customer);
  // The plans sold through Stripe are the ones with a Stripe price.
  const sold = Object.hasOwn(STRIPE_PRICE_IDS, plan);
  if (!/^[0-9a-f-]{36}$/i.test(studioId) || !sold || !subscriptionId || !customerId)
    return { status: 'parked', reason: 'plan_checkout_incomplete' };
  if (session.status !== 'complete' || session.payment_status !== 'paid')
    return { status: 'ignored', reason: 'not_paid_yet', studioId };
  const paidPlan = plan as keyof typeof STRIPE_PRICE_IDS;
  const [row] = await tx
    .select()
    .from(billingSubscriptions)
    .where(eq(billingSubscriptions.studioId, studioId))
    .for('update');
  if (row?.stripeSubscriptionId === subscriptionId)
    return { status: 'ignored', reason: 'already_applied', studioId };
  if (row?.stripeSubscriptionId && row.status !== 'cancelled')
    return { status: 'parked', reason: 'second_subscription', studioId };
  const values = {
    plan: paidPlan,
    collection: 'stripe' as const,
    // Paid at Checkout; any later news comes with the subscription's own events.
    status: 'active' as const,
    stripeCustomerId: customerId,
    stripeSubscriptionId: subscriptionId,
    priceMinor: PLAN_PRICES[paidPlan],
    currency: BILLING_CURRENCY,
    // Known when the session was read with its subscription expanded (the owner's return); the webhook's
    // session names only the id, and the subscription's next event brings the period.
    currentPeriodEnd:
      typeof session.subscription === 'object' && session.subscription
        ? periodEnd(session.subscription)
        : null,
    stripeEventAt: null,
    pastDueSince: null,
  };
  // The check above locks nothing when the studio has no billing row yet, so the write itself refuses to
  // replace another live subscription: two Checkouts paid at once both insert, the second waits for
  // the first to commit and then finds a row it must not overwrite.
  const written = await tx
    .insert(billingSubscriptions)
    .values({ studioId, ...values })
    .onConflictDoUpdate({
      target: billingSubscriptions.studioId,
      set: values,
      setWhere: sql`${billingSubscriptions.stripeSubscriptionId} is null
        or ${billingSubscriptions.status} = 'cancelled'
        or ${billingSubscriptions.stripeSubscriptionId} = ${subscriptionId}`,
    })
    .returning({ id: billingSubscriptions.id });
  if (written.length === 0) return { status: 'parked', reason: 'second_subscription', studioId };
  await setStudioPlan(tx, studioId, paidPlan, { actorUserId: 'system', reason: 'billing:checkout' });
  return { status: 'processed', studioId, afterCommit: after({}) };
}

/** The billing half of the Stripe webhook, in the webhook's transaction (platform access). */
export async function applyBillingEvent(
  tx: Tx,
  event: Stripe.Event,
  now: Date = new Date(),
): Promise<BillingEventResult> {
  switch (event.type) {
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return applySubscriptionEvent(tx, event, event.data.object, now);
    case 'invoice.finalized':
    case 'invoice.paid':
    case 'invoice.payment_failed':
    case 'invoice.voided':
      return applyInvoiceEvent(tx, event, event.data.object);
    default:
      return { status: 'ignored' };
  }
}

/**
 * The sweep for studios Stripe gave up on before the grace ended: once it has, they fall back to
 * starter and the Stripe subscription is cancelled. Cron `payments.billing.grace` (hourly); tests call
 * it with explicit times.
 */
export async function enforceBillingGrace(
  deps: { database: Database; cache: Cache; stripe?: Stripe | undefined },
  now: Date,
): Promise<{ fellBack: string[] }> {
  const cutoff = new Date(now.getTime() - BILLING_GRACE_DAYS * DAY_MS);
  const lapsed = await deps.database.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(billingSubscriptions)
      .where(
        and(
          eq(billingSubscriptions.status, 'unpaid'),
          isNotNull(billingSubscriptions.pastDueSince),
          lte(billingSubscriptions.pastDueSince, cutoff),
        ),
      )
      .for('update', { skipLocked: true });
    for (const row of rows) await fallBackToStarter(tx, row, 'unpaid_after_grace', now);
    return rows;
  });
  for (const row of lapsed)
    await after({ stripeSubscriptionToCancel: row.stripeSubscriptionId })({
      cache: deps.cache,
      stripe: deps.stripe,
    });
  if (lapsed.length === 0) return { fellBack: [] };
  return { fellBack: lapsed.map((row) => row.studioId) };
}

export const BILLING_GRACE_JOB = 'payments.billing.grace';

/** Hourly on worker processes: studios whose grace ended fall back to starter. */
export async function scheduleBillingJobs(
  queue: Queue,
  deps: { database: Database; cache: Cache; stripe?: Stripe | undefined },
): Promise<void> {
  await queue.schedule(BILLING_GRACE_JOB, '17 * * * *', async () => {
    await enforceBillingGrace(deps, new Date());
  });
}
