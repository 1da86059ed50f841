import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Actor, StudioContext } from '../../platform/context.js';
import type { Database, Tx } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { PageQuery, PageResult } from '../../platform/http/pagination.js';
import { clientAccount, clientIdsOfUser, type StudiosService } from '../studios/index.js';
import { auditMoneyAction, PAYMENT_AUDIT_ACTIONS, type RequestOrigin } from './payments.audit.js';
import { withoutPayerSecrets } from './payments.payer.js';
import { PAYMENT_RULES } from './payments.reasons.js';
import { payments as paymentsTable } from './payments.tables.js';
import type { Payable, PaymentsApi, PaymentView } from './payments.types.js';
import { listMyPlans, type PaymentPlanSummary, plansWithInstalments } from './plans.mine.js';
import {
  AUTHENTICATION_WINDOW_HOURS,
  addDays,
  awaitsAuthentication,
  type PlanSchedule,
  planInstalments,
} from './plans.schedule.js';
import {
  type InstalmentStatus,
  type PaymentPlanStatus,
  paymentPlanAttempts,
  paymentPlanInstalments,
  paymentPlans,
  type SavedMethod,
} from './plans.tables.js';

export interface CreatePaymentPlanInput {
  payable: Payable;
  clientId: string | null;
  /**
   * The signed-in buyer the plan is for (payment_plans.payer_user_id); its instalments' payments carry
   * it too. Null or absent for a guest's plan, which belongs to the client record's account holder.
   */
  payerUserId?: string | null | undefined;
  email: string;
  totalMinor: number;
  currency: string;
  /** Charges after the deposit when `depositMinor` is set; otherwise all charges (the first is now). */
  instalments: number;
  depositMinor?: number | undefined;
  schedule: PlanSchedule;
  provider: 'sandbox' | 'stripe';
  /**
   * The card the plan charges. Required for the sandbox (a test card). A Stripe plan may leave it out:
   * its first instalment is then paid in Stripe's card form with the client present, and the card they
   * pay with is kept for the rest.
   */
  savedMethod?: SavedMethod | undefined;
  locale?: 'en' | 'th' | undefined;
  /** Days between a failed attempt and the next; defaults to [1, 3, 5]. */
  retryDays?: number[] | undefined;
  /** Days before each due date the client is reminded; defaults to 3. */
  reminderDays?: number | undefined;
  /** Where a Stripe deposit that needs the client (3-D Secure) comes back to. */
  returnUrl?: string | undefined;
}

export interface InstalmentView {
  id: string;
  seq: number;
  amountMinor: number;
  dueAt: string;
  status: InstalmentStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  paidAt: string | null;
  /**
   * The charge is made and waits for the client to authenticate it with their bank (3-D Secure) on the
   * plan page, until `nextAttemptAt`; after that it is given up (cancelled, nothing taken).
   */
  awaitingAuthentication: boolean;
  /**
   * While the charge waits for the bank's check: when the instalment is charged again if the check is
   * given up. The client's own charge goes back to where the instalment stood (its due date, or the
   * retry the plan had set), never before the check's deadline. Null otherwise.
   */
  chargedAgainAt: string | null;
}

export interface PaymentPlanView {
  id: string;
  payable: Payable;
  clientId: string | null;
  email: string;
  currency: string;
  totalMinor: number;
  paidMinor: number;
  provider: 'sandbox' | 'stripe';
  /**
   * The saved method with the card number masked to its last four digits (null for a Stripe card).
   * `saved` is false while a Stripe plan waits for its first payment to keep the client's card.
   */
  method: { kind: SavedMethod['kind']; last4: string | null; saved: boolean };
  status: PaymentPlanStatus;
  retryDays: number[];
  reminderDays: number;
  instalments: InstalmentView[];
  createdAt: string;
}

type PlanRow = typeof paymentPlans.$inferSelect;
type InstalmentRow = typeof paymentPlanInstalments.$inferSelect;

/**
 * For each instalment whose charge waits for the bank's check, when it is charged again if the check
 * is given up (`InstalmentView.chargedAgainAt`): read from the waiting attempt's `resume`, one query
 * for any number of plans, none when nothing waits.
 */
async function chargedAgainDates(tx: Tx, instalments: InstalmentRow[]): Promise<Map<string, Date>> {
  const waiting = instalments.filter(awaitsAuthentication);
  if (waiting.length === 0) return new Map();
  const attempts = await tx
    .select({ instalmentId: paymentPlanAttempts.instalmentId, resume: paymentPlanAttempts.resume })
    .from(paymentPlanAttempts)
    .where(
      and(
        inArray(
          paymentPlanAttempts.instalmentId,
          waiting.map((i) => i.id),
        ),
        eq(paymentPlanAttempts.outcome, 'pending'),
      ),
    );
  const dates = new Map<string, Date>();
  for (const { instalmentId, resume } of attempts) {
    const instalment = waiting.find((i) => i.id === instalmentId)!;
    // A charge the job or staff made is settled as a failed attempt when given up: its retry is the
    // plan's to work out then, so no date is promised here. (Off-session charges are declined rather
    // than left waiting for a check, so this does not arise today.)
    if (!resume) continue;
    // Where the instalment stood: its date (the due date, or the retry the plan had set).
    const back = resume.nextAttemptAt ? new Date(resume.nextAttemptAt) : instalment.dueAt;
    // The job charges it on its first run after the check is given up, at the deadline.
    dates.set(instalmentId, new Date(Math.max(back.getTime(), instalment.nextAttemptAt!.getTime())));
  }
  return dates;
}

/** The plan as the API shows it, with what only its attempts know (see `chargedAgainDates`). */
async function planView(tx: Tx, plan: PlanRow, instalments: InstalmentRow[]): Promise<PaymentPlanView> {
  return toView(plan, instalments, await chargedAgainDates(tx, instalments));
}

function toView(
  plan: PlanRow,
  instalments: InstalmentRow[],
  chargedAgain: Map<string, Date> = new Map(),
): PaymentPlanView {
  return {
    id: plan.id,
    payable: { type: plan.payableType, id: plan.payableId },
    clientId: plan.clientId,
    email: plan.email,
    currency: plan.currency,
    totalMinor: plan.totalMinor,
    paidMinor: instalments.filter((i) => i.status === 'paid').reduce((sum, i) => sum + i.amountMinor, 0),
    provider: plan.provider,
    method: {
      kind: plan.savedMethod.kind,
      last4:
        plan.savedMethod.kind === 'card'
          ? plan.savedMethod.cardNumber.slice(-4)
          : (plan.savedMethod.last4 ?? null),
      saved: plan.savedMethod.kind === 'card' || plan.savedMethod.paymentMethodId !== null,
    },
    status: plan.status,
    retryDays: plan.retryDays,
    reminderDays: plan.reminderDays,
    instalments: instalments.map((i) => ({
      id: i.id,
      seq: i.seq,
      amountMinor: i.amountMinor,
      dueAt: i.dueAt.toISOString(),
      status: i.status,
      attempts: i.attempts,
      nextAttemptAt: i.nextAttemptAt?.toISOString() ?? null,
      lastError: i.lastError,
      paidAt: i.paidAt?.toISOString() ?? null,
      awaitingAuthentication: awaitsAuthentication(i),
      chargedAgainAt: chargedAgain.get(i.id)?.toISOString() ?? null,
    })),
    createdAt: plan.createdAt.toISOString(),
  };
}

/** What a "charge now" answers about its payment; the client secret of a 3-D Secure step is the payer's only. */
function chargeView(
  payment: PaymentView & { failureReason?: string | null },
  forPayer: boolean,
): InstalmentChargeView {
  return {
    id: payment.id,
    status: payment.status,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    failureReason: payment.status === 'failed' ? (payment.failureReason ?? null) : null,
    nextAction: (forPayer ? payment : withoutPayerSecrets(payment)).nextAction,
  };
}

/** A plan made without a card: Stripe keeps the one its first instalment is paid with. */
function unsavedMethod(provider: 'sandbox' | 'stripe'): SavedMethod {
  if (provider !== 'stripe')
    throw AppError.invalid('savedMethod', 'the sandbox charges a test card: give its number');
  return { kind: 'stripe', customerId: null, paymentMethodId: null };
}

function validateMethod(provider: 'sandbox' | 'stripe', method: SavedMethod, field = 'savedMethod'): void {
  if (method.kind === 'card' && !/^[0-9 -]{12,23}$/.test(method.cardNumber))
    throw AppError.invalid(`${field}.cardNumber`, 'is not a card number');
  if (provider === 'sandbox' && method.kind !== 'card')
    throw AppError.invalid(`${field}.kind`, "the sandbox charges a test card: use kind 'card'");
}

/**
 * A plan's card may change, its Stripe customer may not: a payment method is charged through the
 * customer it is attached to, so the customer on file is what keeps a plan on its own client's cards.
 * Ids for another customer, or Stripe ids for a plan with no Stripe customer yet (its first payment
 * has not kept a card), are refused.
 */
function assertSameCustomer(current: SavedMethod, next: SavedMethod, field: string): void {
  if (next.kind !== 'stripe') return;
  if (current.kind !== 'stripe' || current.customerId !== next.customerId)
    throw AppError.invalid(
      `${field}.customerId`,
      "is not this plan's Stripe customer: a plan's card changes within its own customer",
      PAYMENT_RULES.planOtherCustomer,
    );
}

function validateRetries(retryDays: number[]): void {
  if (retryDays.length > 5) throw AppError.invalid('retryDays', 'at most 5 retries');
  retryDays.forEach((days, i) => {
    if (!Number.isInteger(days) || days < 1 || days > 30)
      throw AppError.invalid(`retryDays[${i}]`, 'must be 1 to 30 days');
  });
}

/** What a "charge now" did: the payment it made and where that stands. */
export interface InstalmentChargeView {
  id: string;
  status: PaymentView['status'];
  amountMinor: number;
  currency: string;
  /** Why the card was declined, for a failed charge. */
  failureReason: string | null;
  /**
   * What the client's browser does next: for a card whose bank asks for 3-D Secure, `stripe_confirm`
   * with the intent's client secret (Stripe.js `handleNextAction`); `none` otherwise. Secrets are empty
   * for anyone but the plan's client.
   */
  nextAction: PaymentView['nextAction'];
}

/**
 * Stops an active plan inside the caller's transaction (an order being cancelled): the plan and its
 * scheduled or retrying instalments become `cancelled`, so the job charges nothing more; what was paid
 * stays paid (the caller refunds it). A plan already completed, failed or cancelled is left as it is
 * and null is answered, so calling this again changes nothing. An instalment being charged right now
 * (a Stripe payment still pending) is settled by its payment's answer as usual.
 */
export async function cancelPlanInTx(
  tx: Tx,
  studioId: string,
  planId: string,
  reason: string,
): Promise<PaymentPlanView | null> {
  const [plan] = await tx
    .update(paymentPlans)
    .set({ status: 'cancelled' })
    .where(
      and(
        eq(paymentPlans.id, planId),
        eq(paymentPlans.studioId, studioId),
        eq(paymentPlans.status, 'active'),
      ),
    )
    .returning();
  if (!plan) return null;
  await tx
    .update(paymentPlanInstalments)
    .set({ status: 'cancelled', nextAttemptAt: null })
    .where(
      and(
        eq(paymentPlanInstalments.planId, plan.id),
        inArray(paymentPlanInstalments.status, ['scheduled', 'retrying']),
      ),
    );
  await emit(tx, {
    type: 'payments.plan.cancelled',
    studioId,
    payload: { planId, payableType: plan.payableType, payableId: plan.payableId, reason },
  });
  const instalments = await tx
    .select()
    .from(paymentPlanInstalments)
    .where(eq(paymentPlanInstalments.planId, planId))
    .orderBy(asc(paymentPlanInstalments.seq));
  return planView(tx, plan, instalments);
}

export interface PlansDeps {
  database: Database;
  payments: PaymentsApi;
  /** The studios module's permission check; needed by the routes' use cases, not by the jobs. */
  studios?: Pick<StudiosService, 'requireStudioPermission'>;
  clock?: () => Date;
}

export type PlansService = ReturnType<typeof createPlansService>;

/**
 * Deposits and instalment plans on a payable. The plan owns its schedule and retries; each charge is a
 * payment made through the payments module with `planInstalmentId` set, settled from its answer or from
 * `payments.payment.succeeded/failed` (whichever comes first; the other finds nothing left to do).
 */
export function createPlansService({ database, payments, studios, clock = () => new Date() }: PlansDeps) {
  const requirePermission: Pick<StudiosService, 'requireStudioPermission'>['requireStudioPermission'] = (
    ...args
  ) => {
    if (!studios) throw new Error('createPlansService needs the studios service for this use case');
    return studios.requireStudioPermission(...args);
  };

  async function loadPlan(tx: Tx, planId: string, lock = false) {
    if (!lock) {
      // To show: plan and instalments in one snapshot (plansWithInstalments). Writers lock the plan
      // row first, so the locked path below agrees without it.
      const found = (await plansWithInstalments(tx, [planId])).get(planId);
      if (!found) throw new AppError('not_found', 'No such payment plan');
      return found;
    }
    const [plan] = await tx.select().from(paymentPlans).where(eq(paymentPlans.id, planId)).for('update');
    if (!plan) throw new AppError('not_found', 'No such payment plan');
    const instalments = await tx
      .select()
      .from(paymentPlanInstalments)
      .where(eq(paymentPlanInstalments.planId, planId))
      .orderBy(asc(paymentPlanInstalments.seq));
    return { plan, instalments };
  }

  /**
   * Makes one attempt at an instalment in ctx.tx: records it, asks payments for the charge and settles
   * at once when the provider answered (sandbox, wallet, a declined Stripe card).
   */
  async function charge(
    ctx: StudioContext,
    plan: PlanRow,
    instalment: InstalmentRow,
    now: Date,
    count: number,
    { clientPresent = false }: { clientPresent?: boolean } = {},
  ) {
    const attemptNo = instalment.attempts + 1;
    await ctx.tx
      .update(paymentPlanInstalments)
      .set({ status: 'processing', attempts: attemptNo, nextAttemptAt: null })
      .where(eq(paymentPlanInstalments.id, instalment.id));
    const method = plan.savedMethod;
    // The deposit is charged with the client at checkout, and so is an instalment the client pays
    // early from the portal; everything else (the job, staff "charge now") runs without them.
    const offSession = !clientPresent && (instalment.seq > 1 || attemptNo > 1);
    const stripeCard =
      method.kind === 'stripe' && method.customerId && method.paymentMethodId
        ? { customerId: method.customerId, paymentMethodId: method.paymentMethodId }
        : null;
    const payment = await payments.startPayment(ctx, {
      payable: { type: plan.payableType, id: plan.payableId },
      clientId: plan.clientId,
      payerUserId: plan.payerUserId,
      email: plan.email,
      amountMinor: instalment.amountMinor,
      currency: plan.currency,
      provider: plan.provider,
      ...(method.kind === 'card' ? { sandboxCard: method.cardNumber } : {}),
      ...(stripeCard ? { savedCard: stripeCard } : {}),
      // No card kept yet and the client is here: they pay in Stripe's card form, which keeps the card.
      ...(method.kind === 'stripe' && !stripeCard && !offSession ? { keepCard: true } : {}),
      description: `Instalment ${instalment.seq} of ${count}`,
      idempotencyKey: `plan-instalment:${instalment.id}:${attemptNo}`,
      locale: plan.locale,
      planInstalmentId: instalment.id,
      offSession,
    });
    await ctx.tx.insert(paymentPlanAttempts).values({
      studioId: ctx.studioId,
      instalmentId: instalment.id,
      paymentId: payment.id,
      attemptNo,
      startedAt: now,
      // Only charge() moves an instalment to processing, from one of these two.
      resume: clientPresent
        ? {
            status: instalment.status as 'scheduled' | 'retrying',
            nextAttemptAt: instalment.nextAttemptAt?.toISOString() ?? null,
          }
        : null,
    });
    const reason = (payment as PaymentView & { failureReason?: string | null }).failureReason ?? null;
    if (payment.status === 'succeeded' || payment.status === 'failed')
      await settleAttempt(ctx.tx, ctx.studioId, payment.id, payment.status, reason);
    // The client's bank asks them to authenticate (3-D Secure): the charge waits for them, for a while.
    if (payment.status === 'requires_action')
      await ctx.tx
        .update(paymentPlanInstalments)
        .set({ nextAttemptAt: new Date(now.getTime() + AUTHENTICATION_WINDOW_HOURS * 3_600_000) })
        .where(eq(paymentPlanInstalments.id, instalment.id));
    return { ...payment, failureReason: reason };
  }

  /**
   * Applies one payment's outcome to its instalment, once: the attempt row moves from pending by a
   * conditional update, so a second report of the same payment changes nothing.
   */
  async function settleAttempt(
    tx: Tx,
    studioId: string,
    paymentId: string,
    outcome: 'succeeded' | 'failed',
    reason: string | null,
  ): Promise<void> {
    const [attempt] = await tx
      .update(paymentPlanAttempts)
      .set({ outcome, settledAt: clock() })
      .where(and(eq(paymentPlanAttempts.paymentId, paymentId), eq(paymentPlanAttempts.outcome, 'pending')))
      .returning();
    if (!attempt) return;
    const [instalment] = await tx
      .select()
      .from(paymentPlanInstalments)
      .where(eq(paymentPlanInstalments.id, attempt.instalmentId));
    const { plan, instalments } = await loadPlan(tx, instalment!.planId, true);
    const base = {
      planId: plan.id,
      payableType: plan.payableType,
      payableId: plan.payableId,
      instalmentId: instalment!.id,
      seq: instalment!.seq,
      count: instalments.length,
      amountMinor: instalment!.amountMinor,
      currency: plan.currency,
      paymentId,
    };
    if (outcome === 'succeeded') {
      await keepPaidCard(tx, plan, paymentId);
      await tx
        .update(paymentPlanInstalments)
        .set({ status: 'paid', paidAt: attempt.settledAt, nextAttemptAt: null, lastError: null })
        .where(eq(paymentPlanInstalments.id, instalment!.id));
      await emit(tx, { type: 'payments.plan.instalment_paid', studioId, payload: base });
      const allPaid = instalments.every((i) => i.id === instalment!.id || i.status === 'paid');
      if (allPaid && plan.status === 'active') {
        await tx
          .update(paymentPlans)
          .set({ status: 'completed', completedAt: attempt.settledAt })
          .where(eq(paymentPlans.id, plan.id));
        await emit(tx, {
          type: 'payments.plan.completed',
          studioId,
          payload: {
            planId: plan.id,
            payableType: plan.payableType,
            payableId: plan.payableId,
            totalMinor: plan.totalMinor,
            currency: plan.currency,
          },
        });
      }
      return;
    }
    if (attempt.resume && plan.status === 'active') {
      // The client's own attempt (their bank's check failed, or they left it): back to where the
      // instalment stood, nothing counted, no email; they were told on the page.
      await tx
        .update(paymentPlanInstalments)
        .set({
          status: attempt.resume.status,
          nextAttemptAt: attempt.resume.nextAttemptAt ? new Date(attempt.resume.nextAttemptAt) : null,
        })
        .where(eq(paymentPlanInstalments.id, instalment!.id));
      return;
    }
    const lastError = reason ?? 'The payment failed';
    // The attempts that count are the job's and staff's (the client's own are not held against the
    // plan); the first of them is the charge on the due date, so the retries used are one fewer.
    const [{ counted }] = (await tx
      .select({ counted: sql<number>`count(*)::int` })
      .from(paymentPlanAttempts)
      .where(
        and(eq(paymentPlanAttempts.instalmentId, instalment!.id), isNull(paymentPlanAttempts.resume)),
      )) as [{ counted: number }];
    const retriesUsed = counted - 1;
    if (plan.status === 'active' && retriesUsed < plan.retryDays.length) {
      // A failed early payment (staff collecting early) is not retried before the instalment's own due
      // date: the job charges without the client only on dates they agreed to.
      const retryAt = addDays(attempt.startedAt, plan.retryDays[retriesUsed]!);
      const nextAttemptAt = new Date(Math.max(retryAt.getTime(), instalment!.dueAt.getTime()));
      await tx
        .update(paymentPlanInstalments)
        .set({ status: 'retrying', nextAttemptAt, lastError })
        .where(eq(paymentPlanInstalments.id, instalment!.id));
      await emit(tx, {
        type: 'payments.plan.instalment_failed',
        studioId,
        payload: {
          ...base,
          attempt: counted,
          retriesLeft: plan.retryDays.length - retriesUsed,
          nextAttemptAt: nextAttemptAt.toISOString(),
          reason: lastError,
          email: plan.email,
          locale: plan.locale,
        },
      });
      return;
    }
    await tx
      .update(paymentPlanInstalments)
      .set({ status: 'failed', nextAttemptAt: null, lastError })
      .where(eq(paymentPlanInstalments.id, instalment!.id));
    await tx
      .update(paymentPlanInstalments)
      .set({ status: 'cancelled', nextAttemptAt: null })
      .where(
        and(
          eq(paymentPlanInstalments.planId, plan.id),
          inArray(paymentPlanInstalments.status, ['scheduled', 'retrying']),
        ),
      );
    if (plan.status !== 'active') return;
    await tx
      .update(paymentPlans)
      .set({ status: 'failed', failedAt: attempt.settledAt })
      .where(eq(paymentPlans.id, plan.id));
    await emit(tx, {
      type: 'payments.plan.failed',
      studioId,
      payload: {
        ...base,
        attempt: counted,
        reason: lastError,
        email: plan.email,
        locale: plan.locale,
        paidMinor: instalments.filter((i) => i.status === 'paid').reduce((sum, i) => sum + i.amountMinor, 0),
        totalMinor: plan.totalMinor,
      },
    });
  }

  /** The payment of the instalment's attempt still open (not yet settled), if any. */
  async function waitingPayment(ctx: StudioContext, instalmentId: string) {
    const [attempt] = await ctx.tx
      .select({ paymentId: paymentPlanAttempts.paymentId })
      .from(paymentPlanAttempts)
      .where(
        and(eq(paymentPlanAttempts.instalmentId, instalmentId), eq(paymentPlanAttempts.outcome, 'pending')),
      )
      .orderBy(desc(paymentPlanAttempts.attemptNo))
      .limit(1);
    return attempt ? payments.getPayment(ctx, attempt.paymentId) : null;
  }

  /**
   * A Stripe plan's first payment, made in Stripe's card form, keeps the card it was paid with (the
   * payment's `saved_card`): the plan charges that customer and card from then on. Only a card on the
   * plan's own Stripe customer, once it has one, is taken.
   */
  async function keepPaidCard(tx: Tx, plan: PlanRow, paymentId: string): Promise<void> {
    // (The webhook's intent names the card but not its digits: `payments.plan.card_kept` has a handler
    // ask Stripe for them afterwards, outside this settlement, so Stripe being slow never holds it up.)
    if (plan.savedMethod.kind !== 'stripe') return;
    const [paid] = await tx
      .select({ savedCard: paymentsTable.savedCard })
      .from(paymentsTable)
      .where(eq(paymentsTable.id, paymentId));
    const kept = paid?.savedCard;
    if (!kept) return;
    const current = plan.savedMethod;
    if (current.customerId && current.customerId !== kept.customerId) return;
    if (current.paymentMethodId === kept.paymentMethodId) return;
    await tx
      .update(paymentPlans)
      .set({ savedMethod: { kind: 'stripe', ...kept } })
      .where(eq(paymentPlans.id, plan.id));
    await emit(tx, {
      type: 'payments.plan.card_kept',
      studioId: plan.studioId,
      payload: { planId: plan.id, paymentMethodId: kept.paymentMethodId },
    });
  }

  /**
   * Adds the last digits of a plan's kept Stripe card (for its page and emails), asked of Stripe. Run by
   * the `payments.plan.card_kept` handler in its own transaction; a card changed meanwhile is left alone.
   */
  async function fillCardDigits(tx: Tx, planId: string, paymentMethodId: string): Promise<void> {
    const card = await payments.keptCard('stripe', paymentMethodId);
    if (!card?.last4) return;
    const [plan] = await tx.select().from(paymentPlans).where(eq(paymentPlans.id, planId)).for('update');
    const method = plan?.savedMethod;
    if (method?.kind !== 'stripe' || method.paymentMethodId !== paymentMethodId) return;
    await tx
      .update(paymentPlans)
      .set({ savedMethod: { ...method, last4: card.last4 } })
      .where(eq(paymentPlans.id, planId));
  }

  /**
   * A Stripe card given for a plan must be one Stripe keeps on that customer (the SetupIntent the
   * client just confirmed attached it): ids made up, or a card of somebody else's, are refused here
   * rather than declined at the next instalment.
   */
  async function assertKeptOnCustomer(method: SavedMethod & { kind: 'stripe' }): Promise<string | null> {
    const card = method.paymentMethodId ? await payments.keptCard('stripe', method.paymentMethodId) : null;
    if (!card || card.customerId !== method.customerId)
      throw AppError.invalid(
        'body.savedMethod.paymentMethodId',
        "is not a card kept on this plan's Stripe customer",
        PAYMENT_RULES.planCardNotOnCustomer,
      );
    return card.last4;
  }

  /**
   * Whether the person is the one the plan is for (read in the studio's transaction): the signed-in
   * buyer who started it, or, for a guest's plan, whoever holds its client record's account.
   */
  async function isPlanClient(actor: Actor, plan: PlanRow, tx: Tx): Promise<boolean> {
    if (actor.kind !== 'user') return false;
    if (plan.payerUserId) return plan.payerUserId === actor.userId;
    if (!plan.clientId) return false;
    const client = await clientAccount(tx, plan.clientId);
    return client?.userId === actor.userId;
  }

  /**
   * Staff with `permission` may act on any plan; anybody else who is not its client is told there is no
   * such plan. Runs outside the studio transaction (the check reads with its own connection).
   */
  async function requireStaff(actor: Actor, studioId: string, permission: 'orders.read' | 'payments.manage') {
    await requirePermission(actor, studioId, permission).catch((error: unknown) => {
      if (error instanceof AppError && error.status === 403)
        throw new AppError('not_found', 'No such payment plan');
      throw error;
    });
  }

  return {
    /**
     * Creates a plan and charges its first instalment (the deposit) now, in ctx.tx. A declined deposit
     * is a 422 naming `savedMethod` and leaves nothing behind (the caller's transaction rolls back).
     */
    async createPaymentPlan(
      ctx: StudioContext,
      input: CreatePaymentPlanInput,
    ): Promise<{ plan: PaymentPlanView; depositPayment: PaymentView }> {
      const now = clock();
      const savedMethod = input.savedMethod ?? unsavedMethod(input.provider);
      validateMethod(input.provider, savedMethod);
      const retryDays = input.retryDays ?? [1, 3, 5];
      validateRetries(retryDays);
      const reminderDays = input.reminderDays ?? 3;
      if (!Number.isInteger(reminderDays) || reminderDays < 0 || reminderDays > 30)
        throw AppError.invalid('reminderDays', 'must be 0 to 30');
      const planned = planInstalments({ ...input, now });
      const [plan] = await ctx.tx
        .insert(paymentPlans)
        .values({
          studioId: ctx.studioId,
          payableType: input.payable.type,
          payableId: input.payable.id,
          clientId: input.clientId,
          payerUserId: input.payerUserId ?? null,
          email: input.email,
          locale: input.locale ?? 'en',
          currency: input.currency.toUpperCase(),
          totalMinor: input.totalMinor,
          provider: input.provider,
          savedMethod,
          retryDays,
          reminderDays,
          createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        })
        .onConflictDoNothing()
        .returning();
      if (!plan) throw AppError.conflictOn('payable', 'This payable already has a live payment plan');
      const rows = await ctx.tx
        .insert(paymentPlanInstalments)
        .values(
          planned.map((p) => ({
            studioId: ctx.studioId,
            planId: plan.id,
            seq: p.seq,
            amountMinor: p.amountMinor,
            dueAt: p.dueAt,
            nextAttemptAt: p.seq === 1 ? null : p.dueAt,
          })),
        )
        .returning();
      rows.sort((a, b) => a.seq - b.seq);
      const depositPayment = await charge(ctx, plan, rows[0]!, now, rows.length);
      if (depositPayment.status === 'failed')
        throw new AppError('rule_broken', 'The first payment of the plan was declined', {
          fields: [{ field: 'savedMethod', message: 'was declined; use another card' }],
        });
      const fresh = await loadPlan(ctx.tx, plan.id);
      return { plan: await planView(ctx.tx, fresh.plan, fresh.instalments), depositPayment };
    },

    async getPlan(actor: Actor, studioId: string, planId: string): Promise<PaymentPlanView> {
      const { view, mine } = await database.withStudio(studioId, async (tx) => {
        const { plan, instalments } = await loadPlan(tx, planId);
        return { view: await planView(tx, plan, instalments), mine: await isPlanClient(actor, plan, tx) };
      });
      if (!mine) await requireStaff(actor, studioId, 'orders.read');
      return view;
    },

    /**
     * The signed-in person's own plans in a studio (the portal's list), newest first. Someone who is not
     * a client of the studio simply has none; another client's plans never match.
     */
    async myPlans(actor: Actor, studioId: string, query: PageQuery): Promise<PageResult<PaymentPlanSummary>> {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to see your payment plans');
      return database.withStudio(studioId, async (tx) => {
        const clientIds = await clientIdsOfUser(tx, studioId, actor.userId);
        return listMyPlans(tx, studioId, { userId: actor.userId, clientIds }, query);
      });
    },

    /** Plans on a payable (an order's page shows its instalments). For other modules, in their tx. */
    async listForPayable(ctx: StudioContext, payable: Payable): Promise<PaymentPlanView[]> {
      const ids = await ctx.tx
        .select({ id: paymentPlans.id })
        .from(paymentPlans)
        .where(and(eq(paymentPlans.payableType, payable.type), eq(paymentPlans.payableId, payable.id)))
        .orderBy(asc(paymentPlans.id));
      // Each plan with its instalments from one snapshot (and one statement for them all).
      const found = await plansWithInstalments(
        ctx.tx,
        ids.map((row) => row.id),
      );
      const chargedAgain = await chargedAgainDates(
        ctx.tx,
        [...found.values()].flatMap((entry) => entry.instalments),
      );
      return ids.flatMap(({ id }) => {
        const entry = found.get(id);
        return entry ? [toView(entry.plan, entry.instalments, chargedAgain)] : [];
      });
    },

    /**
     * The client (or staff) replaces the card the plan charges. An instalment waiting for a retry
     * becomes due now, so the next job run tries the new card instead of waiting out the delay.
     */
    async updateMethod(
      actor: Actor,
      studioId: string,
      planId: string,
      given: SavedMethod | { kind: 'stripe'; customerId?: string | undefined; paymentMethodId: string },
    ): Promise<PaymentPlanView> {
      const now = clock();
      const mine = await database.withStudio(studioId, async (tx) =>
        isPlanClient(actor, (await loadPlan(tx, planId)).plan, tx),
      );
      if (!mine) await requireStaff(actor, studioId, 'payments.manage');
      return database.withStudio(studioId, async (tx) => {
        const { plan } = await loadPlan(tx, planId, true);
        if (plan.status !== 'active')
          throw new AppError('rule_broken', `The plan is ${plan.status}; its card cannot change`);
        // A card kept by card-setup is on the plan's own customer, which the browser need not know.
        const current = plan.savedMethod;
        const savedMethod: SavedMethod =
          given.kind === 'stripe'
            ? {
                kind: 'stripe',
                customerId: given.customerId ?? (current.kind === 'stripe' ? current.customerId : null),
                paymentMethodId: given.paymentMethodId,
              }
            : given;
        if (savedMethod.kind === 'stripe' && current.kind === 'stripe' && !current.customerId)
          throw AppError.conflictOn(
            'body.savedMethod',
            'the plan has no card yet: its first payment, made in the card form, keeps one',
            PAYMENT_RULES.planCardNotKept,
          );
        validateMethod(plan.provider, savedMethod, 'body.savedMethod');
        assertSameCustomer(current, savedMethod, 'body.savedMethod');
        if (savedMethod.kind === 'stripe') savedMethod.last4 = await assertKeptOnCustomer(savedMethod);
        await tx.update(paymentPlans).set({ savedMethod }).where(eq(paymentPlans.id, plan.id));
        await tx
          .update(paymentPlanInstalments)
          .set({ nextAttemptAt: now })
          .where(
            and(eq(paymentPlanInstalments.planId, plan.id), eq(paymentPlanInstalments.status, 'retrying')),
          );
        await emit(tx, {
          type: 'payments.plan.method_updated',
          studioId,
          payload: { planId, kind: savedMethod.kind },
        });
        const fresh = await loadPlan(tx, plan.id);
        return planView(tx, fresh.plan, fresh.instalments);
      });
    },

    /**
     * The first step of changing a Stripe plan's card: a SetupIntent on the plan's Stripe customer that
     * the browser confirms in Stripe's card form; the card it keeps is then given to updateMethod. For
     * the plan's client or staff with `payments.manage`, while the plan is active and has a customer
     * (its first payment kept a card).
     */
    async startCardSetup(actor: Actor, studioId: string, planId: string) {
      const mine = await database.withStudio(studioId, async (tx) =>
        isPlanClient(actor, (await loadPlan(tx, planId)).plan, tx),
      );
      if (!mine) await requireStaff(actor, studioId, 'payments.manage');
      const plan = await database.withStudio(studioId, async (tx) => (await loadPlan(tx, planId)).plan);
      if (plan.status !== 'active')
        throw new AppError('rule_broken', `The plan is ${plan.status}; its card cannot change`);
      if (plan.savedMethod.kind !== 'stripe')
        throw AppError.conflictOn(
          'planId',
          "is charged by the sandbox's test cards: send a card number",
          PAYMENT_RULES.planNotStripe,
        );
      const customerId = plan.savedMethod.customerId;
      if (!customerId)
        throw AppError.conflictOn(
          'planId',
          'has no card yet: its first payment, made in the card form, keeps one',
          PAYMENT_RULES.planCardNotKept,
        );
      // Nothing is written: the studio's scope is only for reading its payment settings.
      return database.withStudio(studioId, (tx) =>
        payments.setupCard(
          { studioId, actor, tx },
          { provider: 'stripe', customerId, metadata: { planId: plan.id, studioId } },
        ),
      );
    },

    /** Staff stop a plan: nothing more is charged; what was paid stays paid (refunds are separate). */
    async cancelPlan(
      actor: Actor,
      studioId: string,
      planId: string,
      origin?: RequestOrigin,
    ): Promise<PaymentPlanView> {
      await requireStaff(actor, studioId, 'payments.manage');
      return database.withStudio(studioId, async (tx) => {
        const { plan } = await loadPlan(tx, planId);
        const cancelled = await cancelPlanInTx(tx, studioId, planId, 'Cancelled by the studio');
        if (!cancelled) throw new AppError('rule_broken', `The plan is already ${plan.status}`);
        await auditMoneyAction(tx, {
          studioId,
          actor,
          action: PAYMENT_AUDIT_ACTIONS.planCancelled,
          target: { type: 'payment_plan', id: plan.id },
          origin,
          data: {
            planId: plan.id,
            totalMinor: cancelled.totalMinor,
            paidMinor: cancelled.paidMinor,
            currency: plan.currency,
            payableType: plan.payableType,
            payableId: plan.payableId,
          },
        });
        return cancelled;
      });
    },

    /**
     * Charges one instalment now instead of on its day: staff collecting early ("charge now") or a
     * waiting retry at once ("retry now"), with `payments.manage`, charged without the client like the
     * job's charges; or the plan's client paying early from the portal, charged with them present.
     * Only the plan's first unpaid instalment, and only while the plan is active.
     *
     * A decline of a staff charge is recorded like the job's (the retry schedule and the email apply)
     * and answered; a decline of the client's own payment is a 422 naming `savedMethod` that changes
     * nothing (the transaction rolls back), as at checkout.
     */
    async chargeInstalmentNow(
      actor: Actor,
      studioId: string,
      planId: string,
      instalmentId: string,
      origin?: RequestOrigin,
    ): Promise<{ plan: PaymentPlanView; payment: InstalmentChargeView }> {
      const now = clock();
      const mine = await database.withStudio(studioId, async (tx) =>
        isPlanClient(actor, (await loadPlan(tx, planId)).plan, tx),
      );
      if (!mine) await requireStaff(actor, studioId, 'payments.manage');
      return database.withStudio(studioId, async (tx) => {
        const { plan, instalments } = await loadPlan(tx, planId, true);
        if (!instalments.some((i) => i.id === instalmentId))
          throw new AppError('not_found', 'No such instalment in this plan');
        // The job locks the instalment row (skipping locked ones) before charging: waiting for that lock
        // here, then reading the status again, means a charge the job just made is seen, not repeated.
        const [instalment] = await tx
          .select()
          .from(paymentPlanInstalments)
          .where(eq(paymentPlanInstalments.id, instalmentId))
          .for('update');
        if (plan.status !== 'active')
          throw new AppError('rule_broken', `The plan is ${plan.status}; nothing more is charged`);
        if (instalment!.status === 'paid') throw AppError.conflictOn('instalmentId', 'is already paid');
        if (instalment!.status === 'processing') {
          // The client's charge waiting for their bank's check: they get it again (a reload, another
          // device, the email's link) to authenticate, never a second charge.
          const waiting = awaitsAuthentication(instalment!)
            ? await waitingPayment({ studioId, actor, tx }, instalment!.id)
            : null;
          if (mine && waiting?.status === 'requires_action')
            return { plan: await planView(tx, plan, instalments), payment: chargeView(waiting, true) };
          throw AppError.conflictOn(
            'instalmentId',
            waiting
              ? 'waits for the client to authenticate the payment'
              : 'is being charged; wait for the answer',
          );
        }
        if (instalment!.status !== 'scheduled' && instalment!.status !== 'retrying')
          throw new AppError('rule_broken', `The instalment is ${instalment!.status}`);
        const first = instalments.find((i) => i.status !== 'paid');
        if (first && first.id !== instalmentId)
          throw AppError.conflictOn('instalmentId', `instalment ${first.seq} is due first`);
        const ctx: StudioContext = { studioId, actor, tx };
        const payment = await charge(ctx, plan, instalment!, now, instalments.length, {
          clientPresent: mine,
        });
        if (mine && payment.status === 'failed')
          throw new AppError('rule_broken', 'The card was declined', {
            fields: [{ field: 'savedMethod', message: 'was declined; change the card and try again' }],
          });
        // Staff moving a client's money early is audited, declined or not (both commit); the client
        // paying their own instalment is not a staff action.
        if (!mine)
          await auditMoneyAction(tx, {
            studioId,
            actor,
            action: PAYMENT_AUDIT_ACTIONS.instalmentCharged,
            target: { type: 'payment_plan', id: plan.id },
            origin,
            data: {
              kind: instalment!.status === 'retrying' ? 'retry_now' : 'charge_now',
              planId: plan.id,
              instalmentId: instalment!.id,
              seq: instalment!.seq,
              paymentId: payment.id,
              amountMinor: payment.amountMinor,
              currency: payment.currency,
              outcome: payment.status,
              payableType: plan.payableType,
              payableId: plan.payableId,
            },
          });
        const fresh = await loadPlan(tx, plan.id);
        return {
          plan: await planView(tx, fresh.plan, fresh.instalments),
          payment: chargeView(payment, mine),
        };
      });
    },

    settleAttempt,
    fillCardDigits,

    /**
     * The job's work, callable with any `now` (tests pass explicit times): reminds clients of
     * instalments due within their plan's reminder window, then charges every instalment whose due date
     * or retry time has come. Each instalment runs in its own studio transaction, re-checked under a
     * row lock, so two workers never charge it twice.
     */
    async runDueInstalments(
      now: Date,
    ): Promise<{ reminded: number; charged: number; unauthenticated: number }> {
      // Platform-level scan (owner role sees every studio); the work itself runs in each studio's scope.
      const toRemind = await database.db
        .select({ id: paymentPlanInstalments.id, studioId: paymentPlanInstalments.studioId })
        .from(paymentPlanInstalments)
        .innerJoin(paymentPlans, eq(paymentPlans.id, paymentPlanInstalments.planId))
        .where(
          and(
            eq(paymentPlans.status, 'active'),
            eq(paymentPlanInstalments.status, 'scheduled'),
            sql`${paymentPlanInstalments.remindedAt} is null`,
            sql`${paymentPlanInstalments.seq} > 1`,
            sql`${paymentPlanInstalments.dueAt} > ${now}`,
            sql`${paymentPlanInstalments.dueAt} - make_interval(days => ${paymentPlans.reminderDays}) <= ${now}`,
          ),
        );
      let reminded = 0;
      for (const row of toRemind) {
        const done = await database.withStudio(row.studioId, async (tx) => {
          const [instalment] = await tx
            .update(paymentPlanInstalments)
            .set({ remindedAt: now })
            .where(
              and(eq(paymentPlanInstalments.id, row.id), sql`${paymentPlanInstalments.remindedAt} is null`),
            )
            .returning();
          if (!instalment) return false;
          const { plan, instalments } = await loadPlan(tx, instalment.planId);
          await emit(tx, {
            type: 'payments.plan.instalment_reminder',
            studioId: row.studioId,
            payload: {
              planId: plan.id,
              instalmentId: instalment.id,
              seq: instalment.seq,
              count: instalments.length,
              amountMinor: instalment.amountMinor,
              currency: plan.currency,
              dueAt: instalment.dueAt.toISOString(),
              email: plan.email,
              locale: plan.locale,
              method: toView(plan, instalments).method,
            },
          });
          return true;
        });
        if (done) reminded++;
      }

      const due = await database.db
        .select({ id: paymentPlanInstalments.id, studioId: paymentPlanInstalments.studioId })
        .from(paymentPlanInstalments)
        .innerJoin(paymentPlans, eq(paymentPlans.id, paymentPlanInstalments.planId))
        .where(
          and(
            eq(paymentPlans.status, 'active'),
            inArray(paymentPlanInstalments.status, ['scheduled', 'retrying']),
            lte(paymentPlanInstalments.nextAttemptAt, now),
          ),
        )
        .orderBy(asc(paymentPlanInstalments.nextAttemptAt))
        .limit(500);
      let charged = 0;
      for (const row of due) {
        try {
          const done = await database.withStudio(row.studioId, async (tx) => {
            const instalment = await lockForJob(tx, row.id);
            if (
              !instalment ||
              !['scheduled', 'retrying'].includes(instalment.status) ||
              !instalment.nextAttemptAt ||
              instalment.nextAttemptAt > now
            )
              return false;
            const { plan, instalments } = await loadPlan(tx, instalment.planId);
            if (plan.status !== 'active') return false;
            await charge(jobContext(row.studioId, tx), plan, instalment, now, instalments.length);
            return true;
          });
          if (done) charged++;
        } catch (error) {
          // The charge could not even start (provider down, card refused as input): count it as a failed
          // attempt so the retry schedule and the emails still apply.
          await database.withStudio(row.studioId, (tx) =>
            failWithoutPayment(tx, row.studioId, row.id, now, error),
          );
        }
      }
      const unauthenticated = await giveUpUnauthenticated(now);
      return { reminded, charged, unauthenticated };
    },
  };

  /** The job acts as the system, in the instalment's studio. */
  function jobContext(studioId: string, tx: Tx): StudioContext {
    return { studioId, actor: { kind: 'system', reason: 'payment plan job' }, tx };
  }

  /**
   * The instalment, locked for this transaction; null when another run of the job (or a charge from a
   * page) holds it, which then finishes it: the job moves on rather than wait.
   */
  async function lockForJob(tx: Tx, instalmentId: string): Promise<InstalmentRow | null> {
    const [instalment] = await tx
      .select()
      .from(paymentPlanInstalments)
      .where(eq(paymentPlanInstalments.id, instalmentId))
      .for('update', { skipLocked: true });
    return instalment ?? null;
  }

  /**
   * Charges that waited past their window for the client to authenticate them (3-D Secure): each is
   * cancelled at the provider and settled as failed, which puts the instalment back where it stood
   * before the client's attempt (its date, or the job's retry). One that the client authenticated
   * meanwhile is left to its payment's event. A provider that cannot be reached leaves the charge for
   * the next run, after the others are done.
   */
  async function giveUpUnauthenticated(now: Date): Promise<number> {
    const overdue = await database.db
      .select({ id: paymentPlanInstalments.id, studioId: paymentPlanInstalments.studioId })
      .from(paymentPlanInstalments)
      .where(
        and(eq(paymentPlanInstalments.status, 'processing'), lte(paymentPlanInstalments.nextAttemptAt, now)),
      )
      .orderBy(asc(paymentPlanInstalments.nextAttemptAt))
      .limit(500);
    let given = 0;
    const errors: unknown[] = [];
    for (const row of overdue) {
      try {
        const done = await database.withStudio(row.studioId, async (tx) => {
          const instalment = await lockForJob(tx, row.id);
          if (!instalment || !awaitsAuthentication(instalment) || instalment.nextAttemptAt! > now)
            return false;
          const ctx = jobContext(row.studioId, tx);
          const waiting = await waitingPayment(ctx, instalment.id);
          if (!waiting || !['pending', 'requires_action'].includes(waiting.status)) return false;
          try {
            await payments.cancelPayment(ctx, waiting.id);
          } catch (error) {
            // Authenticated after all: the payment is recorded as paid, and its event settles the attempt.
            if (
              error instanceof AppError &&
              error.fields?.[0]?.reason === PAYMENT_RULES.paidBeforeCancel.reason
            )
              return false;
            throw error;
          }
          await settleAttempt(
            tx,
            row.studioId,
            waiting.id,
            'failed',
            'The payment was not authenticated in time',
          );
          return true;
        });
        if (done) given++;
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0)
      throw new AggregateError(
        errors,
        `${errors.length} unauthenticated instalment charge(s) could not be given up`,
      );
    return given;
  }

  async function failWithoutPayment(
    tx: Tx,
    studioId: string,
    instalmentId: string,
    now: Date,
    error: unknown,
  ) {
    const [instalment] = await tx
      .select()
      .from(paymentPlanInstalments)
      .where(eq(paymentPlanInstalments.id, instalmentId))
      .for('update');
    if (!instalment || !['scheduled', 'retrying', 'processing'].includes(instalment.status)) return;
    const attemptNo = instalment.attempts + 1;
    // A synthetic payment id keeps the attempt unique; it names no payment row.
    const paymentId = crypto.randomUUID();
    await tx
      .update(paymentPlanInstalments)
      .set({ status: 'processing', attempts: attemptNo })
      .where(eq(paymentPlanInstalments.id, instalmentId));
    await tx
      .insert(paymentPlanAttempts)
      .values({ studioId, instalmentId, paymentId, attemptNo, startedAt: now });
    const message = error instanceof Error ? error.message : String(error);
    await settleAttempt(tx, studioId, paymentId, 'failed', message.slice(0, 500));
  }
}
