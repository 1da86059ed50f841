import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Cache } from '../../platform/cache/index.js';
import type { Actor } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { countCatalogItems } from '../catalog/index.js';
import {
  COUNTED_LIMIT_NAMES,
  countMembers,
  invalidateStudios,
  type PlanId,
  type PlanLimits,
  planLimits,
  type StudiosService,
  setStudioPlan,
  studioProfile,
} from '../studios/index.js';
import {
  type BillingInvoiceView,
  insertManualInvoice,
  listInvoices,
  type ManualInvoiceInput,
  settleManualInvoice,
  toInvoiceView,
} from './billing.invoices.js';
import {
  applyPlanCheckout,
  enforceBillingGrace,
  graceEndsAt,
  isPlanCheckout,
  PLAN_CHECKOUT_PURPOSE,
} from './billing.lifecycle.js';
import { BILLING_CURRENCY, PLAN_PRICES, STRIPE_PRICE_IDS } from './billing.prices.js';
import { type BillingStatus, billingSubscriptions } from './billing.tables.js';
import { auditMoneyAction, PAYMENT_AUDIT_ACTIONS, type RequestOrigin } from './payments.audit.js';

export { BILLING_CURRENCY, PLAN_PRICES, STRIPE_PRICE_IDS };

export interface BillingView {
  plan: PlanId;
  limits: PlanLimits;
  usage: { teamSeats: number; catalogItems: number };
  collection: 'stripe' | 'manual' | 'free';
  status: BillingStatus;
  priceMinor: number;
  currency: string;
  currentPeriodEnd: string | null;
  /** While a charge is failing: when the studio falls back to starter unless it is paid. */
  graceEndsAt: string | null;
}

export interface BillingDeps {
  database: Database;
  cache: Cache;
  studios: Pick<StudiosService, 'requireStudioPermission' | 'update'>;
  /** The platform's own Stripe account (STRIPE_SECRET_KEY); without it paid plans are invoiced by hand. */
  stripe?: Stripe | undefined;
  /**
   * The web origin the app puts in its links (PUBLIC_URL): where Stripe's customer portal sends the owner
   * back. Built here, never taken from the client, so the portal cannot be made to redirect elsewhere.
   */
  publicUrl?: string | undefined;
}

/**
 * A plan change's answer: the billing as it now stands, and, when the studio has no card on file for a
 * paid plan yet, Stripe's Checkout page where the owner enters one. The plan changes once that is paid.
 */
export type PlanChange = BillingView & { checkout?: { url: string } };

/** Where the owner manages the card their plan is charged to (Stripe's hosted customer portal). */
export interface BillingPortalSession {
  url: string;
}

export type BillingService = ReturnType<typeof createBillingService>;

/** Stripe's answers in the studio owner's words: a refused card is theirs to fix, an outage is ours. */
async function viaStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const stripeError = error as { type?: string; message?: string };
    if (stripeError.type === 'StripeCardError')
      throw new AppError('rule_broken', stripeError.message ?? 'The card was declined', {
        fields: [{ field: 'paymentMethod', message: 'was declined; update the card on file' }],
      });
    throw new AppError('service_unavailable', 'Billing is unavailable right now; try again shortly', {
      retryAfter: 30,
      cause: error,
    });
  }
}

/**
 * What Atelier's customer portal lets an owner do at Stripe: replace the card and see past invoices.
 * Plan switches and cancellations stay with `PUT .../billing/plan`, which checks the plan's limits
 * against the studio and keeps the studio's `plan` column in step; a switch made at Stripe would
 * charge for one plan while the studio kept the limits of another. The version in the metadata names
 * this feature set: a later change of features gets a new configuration rather than editing one that
 * open sessions may use.
 */
const PORTAL_FEATURES = {
  payment_method_update: { enabled: true },
  invoice_history: { enabled: true },
  customer_update: { enabled: false },
  subscription_cancel: { enabled: false },
  subscription_update: { enabled: false },
} satisfies Stripe.BillingPortal.ConfigurationCreateParams.Features;
const PORTAL_CONFIGURATION_TAG = { key: 'atelier_portal', value: 'card-and-invoices-v1' } as const;

/**
 * The id of the platform account's portal configuration with PORTAL_FEATURES: an active one tagged
 * with PORTAL_CONFIGURATION_TAG when there is one (made by this or another process, or an earlier
 * deployment), else a new one. Two processes starting together may each create one; both are the same
 * and either serves.
 */
async function findOrCreatePortalConfiguration(stripe: Stripe): Promise<string> {
  for await (const configuration of stripe.billingPortal.configurations.list({ active: true, limit: 100 })) {
    if (configuration.metadata?.[PORTAL_CONFIGURATION_TAG.key] === PORTAL_CONFIGURATION_TAG.value)
      return configuration.id;
  }
  const created = await stripe.billingPortal.configurations.create({
    name: 'Atelier: card on file and invoices',
    features: PORTAL_FEATURES,
    metadata: { [PORTAL_CONFIGURATION_TAG.key]: PORTAL_CONFIGURATION_TAG.value },
  });
  return created.id;
}

/**
 * The studio's Stripe customer before it has a billing row (a first paid plan): the one made for it
 * earlier, or a new one. Until a Checkout is paid nothing stores the customer, and Stripe forgets an
 * Idempotency-Key after 24 hours, so an owner who abandoned Checkout and comes back days later would
 * otherwise get a second customer. The key still covers the first day, when search (updated within about
 * a minute) may not see the customer yet.
 */
async function billingCustomer(stripe: Stripe, studioId: string, email: string | undefined): Promise<string> {
  // studioId is a UUID from our database: nothing in it needs escaping in the search query.
  const earlier = await stripe.customers.search({ query: `metadata['studioId']:'${studioId}'`, limit: 1 });
  if (earlier.data[0]) return earlier.data[0].id;
  const created = await stripe.customers.create(
    { ...(email ? { email } : {}), metadata: { studioId } },
    { idempotencyKey: `atelier-billing-customer-${studioId}` },
  );
  return created.id;
}

/** Whether the customer has a card Stripe charges a new subscription to without asking. */
async function hasCardOnFile(stripe: Stripe, customerId: string): Promise<boolean> {
  const customer = await stripe.customers.retrieve(customerId);
  return !customer.deleted && Boolean(customer.invoice_settings?.default_payment_method);
}

/**
 * A Checkout Session (subscription mode) for the plan: Stripe takes the card, charges the first month
 * and starts the subscription; the owner comes back to the billing page with the session's id
 * (`settlePlanCheckout`), and `checkout.session.completed` says the same to the webhook. The customer's
 * other open plan Checkouts are expired first, so one owner cannot pay for two subscriptions from two
 * tabs opened minutes apart.
 */
async function startPlanCheckout(
  stripe: Stripe,
  input: { studioId: string; plan: 'professional' | 'studio'; customerId: string; billingPage: string },
): Promise<string> {
  for await (const open of stripe.checkout.sessions.list({
    customer: input.customerId,
    status: 'open',
    limit: 100,
  })) {
    if (isPlanCheckout(open)) await stripe.checkout.sessions.expire(open.id);
  }
  const metadata = { purpose: PLAN_CHECKOUT_PURPOSE, studioId: input.studioId, plan: input.plan };
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: input.customerId,
    client_reference_id: input.studioId,
    line_items: [{ price: STRIPE_PRICE_IDS[input.plan], quantity: 1 }],
    metadata,
    subscription_data: { metadata: { studioId: input.studioId, plan: input.plan } },
    // Stripe puts the session's id in place of the placeholder.
    success_url: `${input.billingPage}?checkout={CHECKOUT_SESSION_ID}`,
    cancel_url: `${input.billingPage}?checkout=cancelled`,
  });
  if (!session.url) throw new Error('Stripe answered a Checkout Session without a url');
  return session.url;
}

/**
 * The platform billing studios for their plan: Stripe subscriptions for the self-serve plans, manual
 * invoicing for enterprise. The studio's `plan` column (studios module) stays the one source of its
 * limits; this keeps how it is paid for.
 */
export function createBillingService({
  database,
  cache,
  studios: studiosService,
  stripe,
  publicUrl,
}: BillingDeps) {
  // Looked up once per process; forgotten on failure so the next portal request tries again.
  let portalConfiguration: Promise<string> | undefined;
  const portalConfigurationId = (client: Stripe) => {
    portalConfiguration ??= findOrCreatePortalConfiguration(client).catch((error: unknown) => {
      portalConfiguration = undefined;
      throw error;
    });
    return portalConfiguration;
  };

  async function usage(studioId: string) {
    return database.withStudio(studioId, async (tx) => ({
      teamSeats: await countMembers(tx, studioId),
      catalogItems: await countCatalogItems(tx, studioId),
    }));
  }

  /** The studio (404 when there is none) and how its plan is paid for (none: free, never subscribed). */
  async function studioAndSubscription(studioId: string) {
    // One snapshot for both: a plan that lapses moves the studio to Starter and ends the subscription
    // in one transaction, and two separate reads could show half of that ("Professional, cancelled").
    return database.db.transaction(
      async (tx) => {
        const studio = await studioProfile(tx, studioId);
        if (!studio) throw new AppError('not_found', 'No such studio');
        const [sub] = await tx
          .select()
          .from(billingSubscriptions)
          .where(eq(billingSubscriptions.studioId, studioId));
        return { studio, sub };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  async function view(studioId: string): Promise<BillingView> {
    const { studio, sub } = await studioAndSubscription(studioId);
    return {
      plan: studio.plan,
      limits: planLimits(studio.plan),
      usage: await usage(studioId),
      collection: sub ? sub.collection : 'free',
      status: sub?.status ?? 'active',
      priceMinor: sub?.priceMinor ?? 0,
      currency: sub?.currency ?? BILLING_CURRENCY,
      currentPeriodEnd: sub?.currentPeriodEnd?.toISOString() ?? null,
      graceEndsAt: sub ? (graceEndsAt(sub)?.toISOString() ?? null) : null,
    };
  }

  /** Moving down must fit what the studio already has. */
  async function assertFits(studioId: string, plan: PlanId) {
    const now = await usage(studioId);
    const limits = planLimits(plan);
    for (const limit of ['teamSeats', 'catalogItems'] as const) {
      if (now[limit] > limits[limit])
        throw new AppError(
          'rule_broken',
          `The ${plan} plan allows ${limits[limit]} ${COUNTED_LIMIT_NAMES[limit]}; the studio has ${now[limit]}`,
          {
            fields: [{ field: limit, message: `the studio has ${now[limit]}, more than ${limits[limit]}` }],
          },
        );
    }
  }

  async function upsertSubscription(
    studioId: string,
    values: Omit<typeof billingSubscriptions.$inferInsert, 'studioId'>,
  ) {
    await database.db
      .insert(billingSubscriptions)
      .values({ studioId, ...values })
      .onConflictDoUpdate({ target: billingSubscriptions.studioId, set: values });
  }

  return {
    async get(actor: Actor, studioId: string): Promise<BillingView> {
      await studiosService.requireStudioPermission(actor, studioId, 'billing.manage');
      return view(studioId);
    },

    /**
     * An owner moves between the self-serve plans. Paid plans become (or update) a Stripe subscription
     * first; the plan itself changes only once Stripe accepted, so a refused card leaves it as it was.
     * Without a live subscription or a card on file, the answer carries a Checkout address instead and
     * the plan changes when that is paid (`settlePlanCheckout`, or the webhook).
     */
    async changePlan(actor: Actor, studioId: string, plan: PlanId): Promise<PlanChange> {
      const access = await studiosService.requireStudioPermission(actor, studioId, 'billing.manage');
      if (plan === 'enterprise')
        throw new AppError(
          'rule_broken',
          'Enterprise is arranged with Atelier and invoiced by hand; contact us',
          {
            fields: [{ field: 'plan', message: 'enterprise is set by Atelier' }],
          },
        );
      await assertFits(studioId, plan);
      const [sub] = await database.db
        .select()
        .from(billingSubscriptions)
        .where(eq(billingSubscriptions.studioId, studioId));
      const studio = await studioProfile(database.db, studioId);
      if (sub?.collection === 'manual' && studio?.plan === 'enterprise')
        throw new AppError('rule_broken', 'An enterprise studio changes plan through Atelier', {
          fields: [{ field: 'plan', message: 'enterprise is managed by Atelier' }],
        });
      const email = studio?.contactEmail ?? (actor.kind === 'user' ? actor.email : undefined);
      if (plan === 'starter') {
        const subscriptionId = sub?.status !== 'cancelled' ? sub?.stripeSubscriptionId : null;
        if (stripe && subscriptionId)
          await viaStripe(() =>
            stripe.subscriptions.cancel(
              subscriptionId,
              {},
              { idempotencyKey: `atelier-cancel-${subscriptionId}` },
            ),
          );
        if (sub)
          await upsertSubscription(studioId, {
            plan,
            collection: sub.collection,
            status: 'cancelled',
            priceMinor: 0,
            currency: BILLING_CURRENCY,
            pastDueSince: null,
            updatedBy: access.userId,
          });
      } else if (stripe) {
        const customerId =
          sub?.stripeCustomerId ?? (await viaStripe(() => billingCustomer(stripe, studioId, email)));
        const liveId = sub?.status !== 'cancelled' ? sub?.stripeSubscriptionId : null;
        // A first paid plan (or one after a cancellation) with no card on file: the card is entered at
        // Stripe's Checkout, and the plan changes when that is paid (applyPlanCheckout), not now.
        if (!liveId && !(await viaStripe(() => hasCardOnFile(stripe, customerId)))) {
          if (!publicUrl)
            throw new AppError(
              'service_unavailable',
              'A paid plan cannot be started on this deployment: it does not know its public address (PUBLIC_URL)',
            );
          const billingPage = `${publicUrl.replace(/\/+$/, '')}/${encodeURIComponent(studio?.slug ?? '')}/admin/billing`;
          const url = await viaStripe(() =>
            startPlanCheckout(stripe, { studioId, plan, customerId, billingPage }),
          );
          return { ...(await view(studioId)), checkout: { url } };
        }
        const subscription = await viaStripe(async () => {
          if (liveId) {
            // Swap the one item's price (an item without its id would be added next to the old one).
            const current = await stripe.subscriptions.retrieve(liveId);
            return stripe.subscriptions.update(liveId, {
              items: [{ id: current.items.data[0]!.id, price: STRIPE_PRICE_IDS[plan] }],
              proration_behavior: 'create_prorations',
              metadata: { studioId, plan },
            });
          }
          return stripe.subscriptions.create(
            {
              customer: customerId,
              items: [{ price: STRIPE_PRICE_IDS[plan] }],
              metadata: { studioId, plan },
              // A refused card is an error now (422, plan unchanged), not an unpaid subscription.
              payment_behavior: 'error_if_incomplete',
            },
            { idempotencyKey: `atelier-subscription-${studioId}-${plan}-${sub?.updatedAt.getTime() ?? 0}` },
          );
        });
        // On the subscription's item since Stripe's 2025 API; on the subscription itself before.
        const periodEnd =
          subscription.items?.data?.[0]?.current_period_end ??
          (subscription as unknown as { current_period_end?: number }).current_period_end;
        await upsertSubscription(studioId, {
          plan,
          collection: 'stripe',
          status:
            subscription.status === 'active' || subscription.status === 'trialing'
              ? 'active'
              : subscription.status === 'past_due'
                ? 'past_due'
                : 'incomplete',
          stripeCustomerId: customerId,
          stripeSubscriptionId: subscription.id,
          priceMinor: PLAN_PRICES[plan],
          currency: BILLING_CURRENCY,
          currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
          // A new subscription starts its own event clock and has nothing overdue.
          ...(liveId ? {} : { stripeEventAt: null, pastDueSince: null }),
          updatedBy: access.userId,
        });
      } else {
        // No Stripe account on this deployment: the platform invoices the plan by hand.
        await upsertSubscription(studioId, {
          plan,
          collection: 'manual',
          status: 'active',
          priceMinor: PLAN_PRICES[plan],
          currency: BILLING_CURRENCY,
          pastDueSince: null,
          updatedBy: access.userId,
        });
      }
      // Seats were checked above (assertFits); the studios module records the plan, then its cache goes.
      await database.transaction((tx) =>
        setStudioPlan(tx, studioId, plan, {
          actorUserId: access.userId ?? (actor.kind === 'user' ? actor.userId : 'system'),
          reason: 'billing',
        }),
      );
      await invalidateStudios(cache);
      return view(studioId);
    },

    /** A platform admin puts a studio on any plan, invoiced by hand (enterprise deals). */
    async setManualPlan(
      actor: Actor,
      studioId: string,
      input: { plan: PlanId; priceMinor: number; currency?: string | undefined },
      origin?: RequestOrigin,
    ): Promise<BillingView> {
      if (actor.kind !== 'user' || actor.platformRole !== 'admin')
        throw new AppError('forbidden', 'Only a platform admin sets manual billing');
      const studio = await studioProfile(database.db, studioId);
      if (!studio) throw new AppError('not_found', 'No such studio');
      await assertFits(studioId, input.plan);
      const [sub] = await database.db
        .select()
        .from(billingSubscriptions)
        .where(eq(billingSubscriptions.studioId, studioId));
      const liveId = sub?.status !== 'cancelled' ? sub?.stripeSubscriptionId : null;
      if (stripe && liveId)
        await viaStripe(() =>
          stripe.subscriptions.cancel(liveId, {}, { idempotencyKey: `atelier-cancel-${liveId}` }),
        );
      await database.transaction(async (tx) => {
        await setStudioPlan(tx, studioId, input.plan, {
          actorUserId: actor.userId,
          reason: 'platform-billing',
        });
        await tx
          .insert(billingSubscriptions)
          .values({
            studioId,
            plan: input.plan,
            collection: 'manual',
            status: 'active',
            priceMinor: input.priceMinor,
            currency: (input.currency ?? BILLING_CURRENCY).toUpperCase(),
            updatedBy: actor.userId,
            stripeSubscriptionId: null,
            pastDueSince: null,
            stripeEventAt: null,
          })
          .onConflictDoUpdate({
            target: billingSubscriptions.studioId,
            set: {
              plan: input.plan,
              collection: 'manual',
              status: 'active',
              priceMinor: input.priceMinor,
              currency: (input.currency ?? BILLING_CURRENCY).toUpperCase(),
              updatedBy: actor.userId,
              stripeSubscriptionId: null,
              pastDueSince: null,
              stripeEventAt: null,
            },
          });
        await auditMoneyAction(tx, {
          studioId,
          actor,
          action: PAYMENT_AUDIT_ACTIONS.manualPlanSet,
          target: { type: 'billing_subscription', id: studioId },
          origin,
          data: {
            plan: input.plan,
            previousPlan: studio.plan,
            priceMinor: input.priceMinor,
            currency: (input.currency ?? BILLING_CURRENCY).toUpperCase(),
            stripeSubscriptionCancelled: liveId ?? null,
          },
        });
      });
      // After the commit: the studios module's cached lookups still hold the old plan.
      await invalidateStudios(cache);
      return view(studioId);
    },

    /** What the studio was charged (Stripe and manual invoices), newest first (owners). */
    async invoices(
      actor: Actor,
      studioId: string,
      query: { limit?: number | undefined; cursor?: string | undefined },
    ) {
      await studiosService.requireStudioPermission(actor, studioId, 'billing.manage');
      return database.withStudio(studioId, (tx) => listInvoices(tx, studioId, query));
    },

    /** A platform admin raises an invoice for a studio billed by hand (enterprise). */
    async createManualInvoice(
      actor: Actor,
      studioId: string,
      input: Omit<ManualInvoiceInput, 'currency' | 'amountMinor' | 'status'> & {
        amountMinor?: number | undefined;
        currency?: string | undefined;
        status?: 'open' | 'paid' | undefined;
      },
      origin?: RequestOrigin,
    ): Promise<BillingInvoiceView> {
      const admin = requirePlatformAdmin(actor);
      return database.transaction(async (tx) => {
        const [sub] = await tx
          .select()
          .from(billingSubscriptions)
          .where(eq(billingSubscriptions.studioId, studioId))
          .for('update');
        if (sub?.collection !== 'manual' || sub.status === 'cancelled')
          throw new AppError('rule_broken', 'Only a studio billed by hand gets manual invoices', {
            fields: [{ field: 'collection', message: 'put the studio on manual billing first' }],
          });
        const row = await insertManualInvoice(
          tx,
          sub,
          {
            number: input.number,
            amountMinor: input.amountMinor ?? sub.priceMinor,
            currency: (input.currency ?? sub.currency).toUpperCase(),
            periodStart: input.periodStart,
            periodEnd: input.periodEnd,
            status: input.status ?? 'open',
          },
          admin.userId,
        );
        // In the billed studio's log (its owners see what Atelier billed them) and the platform's.
        await auditMoneyAction(tx, {
          studioId,
          actor: admin,
          action: PAYMENT_AUDIT_ACTIONS.invoiceRaised,
          target: { type: 'billing_invoice', id: row.id },
          origin,
          data: { ...invoiceFacts(row), status: row.status },
        });
        return toInvoiceView(row);
      });
    },

    /** A platform admin records that a manual invoice was paid, or voids it. */
    async settleManualInvoice(
      actor: Actor,
      studioId: string,
      invoiceId: string,
      status: 'paid' | 'void',
      origin?: RequestOrigin,
    ): Promise<BillingInvoiceView> {
      const admin = requirePlatformAdmin(actor);
      return database.transaction(async (tx) => {
        const { row, changed } = await settleManualInvoice(tx, studioId, invoiceId, status);
        if (changed)
          await auditMoneyAction(tx, {
            studioId,
            actor: admin,
            action:
              status === 'paid' ? PAYMENT_AUDIT_ACTIONS.invoicePaid : PAYMENT_AUDIT_ACTIONS.invoiceVoided,
            target: { type: 'billing_invoice', id: row.id },
            origin,
            data: invoiceFacts(row),
          });
        return toInvoiceView(row);
      });
    },

    /**
     * A Stripe customer portal session for the studio's Stripe customer, so an owner can see and replace
     * the card their renewals are charged to and their past invoices (nothing else: PORTAL_FEATURES);
     * Stripe sends them back to the billing page. Only a studio billed by card has one: free, hand-invoiced (enterprise) and Stripe-less deployments get 409 naming
     * `collection`. A cancelled subscription keeps its customer, whose card the next paid plan charges,
     * so that case may still manage it. Not audited: nothing changes here (owners' own plan changes are
     * not audited either); the card change itself happens at Stripe. Each call is a fresh short-lived
     * session, so a retry simply gets another link (no idempotency key).
     */
    async openPaymentPortal(actor: Actor, studioId: string): Promise<BillingPortalSession> {
      await studiosService.requireStudioPermission(actor, studioId, 'billing.manage');
      const { studio, sub } = await studioAndSubscription(studioId);
      const customer = sub?.collection === 'stripe' ? sub.stripeCustomerId : null;
      if (!stripe || !customer) throw noCardToManage(sub?.collection ?? 'free', Boolean(stripe));
      if (!publicUrl)
        throw new AppError(
          'service_unavailable',
          'The card cannot be managed on this deployment: it does not know its public address (PUBLIC_URL)',
        );
      const returnUrl = `${publicUrl.replace(/\/+$/, '')}/${encodeURIComponent(studio.slug)}/admin/billing`;
      const session = await viaStripe(async () =>
        stripe.billingPortal.sessions.create({
          customer,
          return_url: returnUrl,
          configuration: await portalConfigurationId(stripe),
        }),
      );
      return { url: session.url };
    },

    /**
     * The owner is back from the plan's Checkout (`?checkout={session id}` on the billing page): the
     * session is read from Stripe and, once paid, applied as `checkout.session.completed` applies it
     * (whichever comes first; the other changes nothing), so the plan is in place on the page the owner
     * lands on even before the webhook arrives, or on a deployment without one. A session that is not
     * this studio's plan Checkout is 404 naming `session`; one not paid (still open, or expired) is 409.
     */
    async settlePlanCheckout(actor: Actor, studioId: string, sessionId: string): Promise<BillingView> {
      await studiosService.requireStudioPermission(actor, studioId, 'billing.manage');
      const notOurs = () =>
        new AppError('not_found', 'No such plan Checkout for this studio', {
          fields: [{ field: 'session', message: "is not this studio's plan Checkout" }],
        });
      if (!stripe) throw notOurs();
      let session: Stripe.Checkout.Session;
      try {
        session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ['subscription'] });
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) throw notOurs();
        return viaStripe(() => Promise.reject(error));
      }
      if (!isPlanCheckout(session) || session.metadata?.studioId !== studioId) throw notOurs();
      if (session.status !== 'complete' || session.payment_status !== 'paid')
        throw AppError.conflictOn(
          'session',
          session.status === 'expired'
            ? 'This Checkout expired without payment; choose the plan again'
            : 'This Checkout is not paid yet',
        );
      const applied = await database.transaction((tx) => applyPlanCheckout(tx, session));
      if (applied.status === 'parked')
        throw AppError.conflictOn(
          'session',
          applied.reason === 'second_subscription'
            ? 'The studio already pays for another subscription; this Checkout was not applied (contact Atelier)'
            : 'This Checkout does not name a plan Atelier sells; it was not applied (contact Atelier)',
        );
      await applied.afterCommit?.({ cache, stripe });
      return view(studioId);
    },

    /** Studios past their grace after Stripe gave up: back to starter (cron and tests). */
    enforceGrace(now: Date) {
      return enforceBillingGrace({ database, cache, stripe }, now);
    },
  };
}

/**
 * 409 for a studio with no card on file at Stripe, saying why in the owner's terms. `code` is always
 * `conflict` and the field always `collection` (how the studio is billed), so clients can tell it apart.
 */
function noCardToManage(collection: 'stripe' | 'manual' | 'free', stripeConfigured: boolean): AppError {
  const [detail, reason] =
    collection === 'manual'
      ? [
          'This studio is invoiced by Atelier by hand, not charged to a card: there is no payment method to manage',
          'billed by hand',
        ]
      : collection === 'free'
        ? [
            'This studio is on the free plan and pays nothing by card: there is no payment method to manage',
            'nothing is billed',
          ]
        : !stripeConfigured
          ? [
              'Card billing is not set up on this deployment: there is no payment method to manage',
              'no Stripe',
            ]
          : [
              'This studio has no card on file with Stripe yet: choose a paid plan first',
              'no Stripe customer',
            ];
  return new AppError('conflict', detail, { fields: [{ field: 'collection', message: reason }] });
}

/** What an audit entry says about a studio's plan invoice. */
function invoiceFacts(row: { id: string; number: string | null; amountMinor: number; currency: string }) {
  return { invoiceId: row.id, number: row.number, amountMinor: row.amountMinor, currency: row.currency };
}

function requirePlatformAdmin(actor: Actor) {
  if (actor.kind !== 'user' || actor.platformRole !== 'admin')
    throw new AppError('forbidden', 'Only a platform admin manages manual billing');
  return actor;
}
