import { and, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Actor, StudioContext, UserActor } from '../../platform/context.js';
import type { Database, Tx } from '../../platform/db/index.js';
import { type DomainEvent, type EventHandler, emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import { formatMoney, queueMail } from '../../platform/mailer/index.js';
import type { Queue } from '../../platform/queue/index.js';
import { clientAccount, clientIdOfUser, currentClientIdOf, type StudiosService } from '../studios/index.js';
import { auditMoneyAction, PAYMENT_AUDIT_ACTIONS, type RequestOrigin } from './payments.audit.js';
import { PAYMENT_RULES, topupOutOfRange } from './payments.reasons.js';
import type { PaymentsService, StartedPayment } from './payments.service.js';
import { payments as paymentRows } from './payments.tables.js';
import type { PaymentEventPayload } from './payments.types.js';
import { adjustWallet, creditWallet, walletBalance } from './wallet.ledger.js';
import { asLocale, clientEmail, studioMailInfo, studioMessage, walletTopupReceipt } from './wallet.mail.js';
import {
  type BonusTier,
  type WalletEntryKind,
  walletAccounts,
  walletEntries,
  walletOrderNumbers,
  walletSettings,
  walletTopups,
} from './wallet.tables.js';

export interface WalletSettingsView {
  topupsEnabled: boolean;
  minTopupMinor: number;
  maxTopupMinor: number;
  /** Sorted by threshold; the highest threshold a top-up reaches decides its bonus. */
  bonusTiers: BonusTier[];
}

export const DEFAULT_WALLET_SETTINGS: WalletSettingsView = {
  topupsEnabled: true,
  minTopupMinor: 10_000,
  maxTopupMinor: 10_000_000,
  bonusTiers: [],
};

/**
 * One statement line as data: what it is (`kind`), what it refers to (`paymentId`, `order`) and a
 * person's own words (`note`). Pages write the rest in the reader's language.
 */
export interface WalletEntryView {
  id: string;
  kind: WalletEntryKind;
  amountMinor: number;
  balanceAfterMinor: number;
  currency: string;
  /** The payment paid, credited for (top-up, bonus) or refunded; null for adjustments. */
  paymentId: string | null;
  /** The order that payment was for; `number` is null until the order's number is known here. */
  order: { id: string; number: string | null } | null;
  /** Words a person wrote (a staff adjustment's reason, a refund's reason), shown as written. */
  note: string | null;
  /** The ledger's own description (English, for people reading the database); pages do not show it. */
  reason: string;
  reference: string | null;
  createdAt: string;
}

export interface WalletView extends PageResult<WalletEntryView> {
  clientId: string | null;
  currency: string;
  balanceMinor: number;
}

/** What a client sees of the studio's top-up rules before paying: limits and the bonus each amount earns. */
export interface TopupOffer {
  enabled: boolean;
  minTopupMinor: number;
  maxTopupMinor: number;
  bonusTiers: BonusTier[];
}

/** The client's own wallet, with the studio's top-up offer. */
export interface MyWalletView extends WalletView {
  topups: TopupOffer;
}

export interface TopupView {
  id: string;
  clientId: string;
  amountMinor: number;
  bonusMinor: number;
  currency: string;
  status: 'pending' | 'credited' | 'failed';
  /** The payment to complete (its nextAction), with the token that lets the payer look it up again. */
  payment: StartedPayment | null;
  createdAt: string;
}

export interface StartTopupInput {
  amountMinor: number;
  provider: 'stripe' | 'promptpay' | 'sandbox';
  sandboxCard?: string | undefined;
  returnUrl?: string | undefined;
  locale?: 'en' | 'th' | undefined;
}

function requireUserActor(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to use your wallet');
  return actor;
}

/** The bonus a top-up of `amountMinor` earns: the highest tier it reaches, or nothing. */
export function bonusFor(tiers: readonly BonusTier[], amountMinor: number): number {
  let bonus = 0;
  let best = -1;
  for (const tier of tiers) {
    if (amountMinor >= tier.minTopupMinor && tier.minTopupMinor > best) {
      best = tier.minTopupMinor;
      bonus = tier.bonusMinor;
    }
  }
  return bonus;
}

export async function readWalletSettings(tx: Tx, studioId: string): Promise<WalletSettingsView> {
  const [row] = await tx.select().from(walletSettings).where(eq(walletSettings.studioId, studioId));
  if (!row) return DEFAULT_WALLET_SETTINGS;
  return {
    topupsEnabled: row.topupsEnabled,
    minTopupMinor: row.minTopupMinor,
    maxTopupMinor: row.maxTopupMinor,
    bonusTiers: row.bonusTiers,
  };
}

function toEntry({
  entry,
  payable,
  orderNumber,
}: {
  entry: typeof walletEntries.$inferSelect;
  payable: { type: string | null; id: string | null } | null;
  orderNumber: string | null;
}): WalletEntryView {
  return {
    id: entry.id,
    kind: entry.kind,
    amountMinor: entry.amountMinor,
    balanceAfterMinor: entry.balanceAfterMinor,
    currency: entry.currency,
    paymentId: entry.paymentId,
    order: payable?.type === 'order' && payable.id ? { id: payable.id, number: orderNumber } : null,
    note: entry.note,
    reason: entry.reason,
    reference: entry.reference,
    createdAt: entry.createdAt.toISOString(),
  };
}

export interface WalletDeps {
  database: Database;
  studios: Pick<StudiosService, 'requireStudioPermission' | 'upsertClient'>;
  payments: Pick<PaymentsService, 'startPayment'>;
  /**
   * The person's email if they have proved it (identity), else null. A top-up files the wallet under
   * the studio's client record for that address, which is attached to them; an address nobody proved
   * (some OAuth providers' emails) must not attach someone else's record, history and balance. Without
   * it (unit tests), the session's email is taken as proved.
   */
  verifiedEmailOf?: (actor: UserActor) => Promise<string | null>;
}

/**
 * Clients' wallets in a studio: statements, top-ups (with the studio's bonus tiers) and staff
 * adjustments. Money moves only through wallet.ledger.ts; this is the use-case layer around it.
 */
export function createWalletService({ database, studios, payments, verifiedEmailOf }: WalletDeps) {
  async function statement(
    tx: Tx,
    studioId: string,
    clientId: string | null,
    currency: string,
    query: { limit?: number | undefined; cursor?: string | undefined },
  ): Promise<WalletView> {
    const limit = query.limit ?? 20;
    const before = decodeCursor(query.cursor);
    if (!clientId) return { clientId: null, currency, balanceMinor: 0, items: [], nextCursor: null };
    // The payment says what it was for; the order's number is the one the wallet was told (see
    // walletOrderNumbers). Both by primary or unique key, one row each.
    //
    // The balance is read in the same statement as the entries: under read committed each statement
    // sees its own snapshot, so a credit committing between two reads could show 1,100 THB over an
    // empty list. One statement, one snapshot: the balance is always the sum of the lines shown.
    const rows = await tx
      .select({
        id: walletEntries.id,
        entry: walletEntries,
        balanceMinor:
          sql<number>`(select ${walletAccounts.balanceMinor} from ${walletAccounts} where ${walletAccounts.studioId} = ${studioId} and ${walletAccounts.clientId} = ${clientId} and ${walletAccounts.currency} = ${currency})`.mapWith(
            Number,
          ),
        payable: { type: paymentRows.payableType, id: paymentRows.payableId },
        orderNumber: walletOrderNumbers.number,
      })
      .from(walletEntries)
      .leftJoin(paymentRows, eq(paymentRows.id, walletEntries.paymentId))
      .leftJoin(
        walletOrderNumbers,
        and(
          eq(paymentRows.payableType, 'order'),
          eq(walletOrderNumbers.studioId, walletEntries.studioId),
          eq(walletOrderNumbers.orderId, paymentRows.payableId),
        ),
      )
      .where(
        and(
          eq(walletEntries.clientId, clientId),
          eq(walletEntries.currency, currency),
          before ? lt(walletEntries.id, before) : undefined,
        ),
      )
      .orderBy(desc(walletEntries.id))
      .limit(limit + 1);
    const page = toPage(rows, limit);
    // No lines on the first page means no entries, and the balance is their sum. Past the last page
    // there is nothing to agree with, so the account is read on its own.
    const balanceMinor =
      rows[0]?.balanceMinor ?? (before ? await walletBalance(tx, studioId, clientId, currency) : 0);
    return {
      clientId,
      currency,
      balanceMinor,
      items: page.items.map(toEntry),
      nextCursor: page.nextCursor,
    };
  }

  async function requireClient(tx: Tx, clientId: string): Promise<void> {
    if (!(await clientAccount(tx, clientId)))
      throw new AppError('not_found', 'No such client in this studio');
  }

  return {
    async getSettings(actor: Actor, studioId: string): Promise<WalletSettingsView> {
      await studios.requireStudioPermission(actor, studioId, 'payments.manage');
      return database.withStudio(studioId, (tx) => readWalletSettings(tx, studioId));
    },

    async updateSettings(
      actor: Actor,
      studioId: string,
      input: WalletSettingsView,
    ): Promise<WalletSettingsView> {
      await studios.requireStudioPermission(actor, studioId, 'payments.manage');
      if (input.minTopupMinor > input.maxTopupMinor)
        throw AppError.invalid('body.minTopupMinor', 'must not be more than maxTopupMinor');
      const thresholds = new Set<number>();
      input.bonusTiers.forEach((tier, i) => {
        if (thresholds.has(tier.minTopupMinor))
          throw AppError.invalid(`body.bonusTiers[${i}].minTopupMinor`, 'two tiers have this threshold');
        thresholds.add(tier.minTopupMinor);
      });
      const values = {
        ...input,
        bonusTiers: [...input.bonusTiers].sort((a, b) => a.minTopupMinor - b.minTopupMinor),
      };
      return database.withStudio(studioId, async (tx) => {
        await tx
          .insert(walletSettings)
          .values({ studioId, ...values })
          .onConflictDoUpdate({ target: walletSettings.studioId, set: values });
        return readWalletSettings(tx, studioId);
      });
    },

    /**
     * The signed-in person's wallet in this studio (an empty one if they are not a client yet), with the
     * studio's top-up limits and bonus tiers so the portal can say "top up 1,000, get 100" before paying.
     */
    async myWallet(
      actor: Actor,
      studio: { id: string; currency: string },
      query: { limit?: number | undefined; cursor?: string | undefined },
    ): Promise<MyWalletView> {
      const user = requireUserActor(actor);
      return database.withStudio(studio.id, async (tx) => {
        // The record for their current address first: that is where their top-ups go.
        const clientId = await clientIdOfUser(tx, studio.id, user.userId, user.email);
        // In the studio's scope: these are this studio's tiers and nobody else's.
        const settings = await readWalletSettings(tx, studio.id);
        return {
          ...(await statement(tx, studio.id, clientId, studio.currency, query)),
          topups: {
            enabled: settings.topupsEnabled,
            minTopupMinor: settings.minTopupMinor,
            maxTopupMinor: settings.maxTopupMinor,
            bonusTiers: settings.bonusTiers,
          },
        };
      });
    },

    /**
     * Starts a top-up: records it with the bonus it will earn and asks the payments module for a payment
     * on it. The wallet is credited only when `payments.payment.succeeded` arrives (handler below).
     */
    async startTopup(
      actor: Actor,
      studio: { id: string; currency: string },
      input: StartTopupInput,
    ): Promise<TopupView> {
      const user = requireUserActor(actor);
      // Before the transaction: PGlite has one connection, which the transaction holds.
      const email = verifiedEmailOf ? await verifiedEmailOf(user) : user.email;
      if (!email)
        throw new AppError('rule_broken', 'Confirm your email address before topping up a wallet', {
          fields: [
            {
              field: 'email',
              message: 'Confirm your email address before topping up a wallet',
              ...PAYMENT_RULES.walletEmailUnverified,
            },
          ],
        });
      return database.withStudio(studio.id, async (tx) => {
        const ctx: StudioContext = { studioId: studio.id, actor, tx };
        const settings = await readWalletSettings(tx, studio.id);
        if (!settings.topupsEnabled)
          throw new AppError('rule_broken', 'This studio does not take wallet top-ups', {
            fields: [
              {
                field: 'body.amountMinor',
                message: 'This studio does not take wallet top-ups',
                ...PAYMENT_RULES.topupsTurnedOff,
              },
            ],
          });
        if (input.amountMinor < settings.minTopupMinor || input.amountMinor > settings.maxTopupMinor)
          throw AppError.invalid(
            'body.amountMinor',
            `must be between ${settings.minTopupMinor} and ${settings.maxTopupMinor}`,
            topupOutOfRange(settings.minTopupMinor, settings.maxTopupMinor, studio.currency),
          );
        const client = await studios.upsertClient(ctx, {
          email,
          name: user.name || user.email,
          userId: user.userId,
        });
        const locale = input.locale ?? 'en';
        const [topup] = await tx
          .insert(walletTopups)
          .values({
            studioId: studio.id,
            clientId: client.id,
            currency: studio.currency,
            amountMinor: input.amountMinor,
            bonusMinor: bonusFor(settings.bonusTiers, input.amountMinor),
            locale,
            createdBy: user.userId,
          })
          .returning();
        const payment = await payments.startPayment(ctx, {
          payable: { type: 'wallet_topup', id: topup!.id },
          clientId: client.id,
          payerUserId: user.userId,
          email: client.email,
          amountMinor: topup!.amountMinor,
          currency: topup!.currency,
          provider: input.provider,
          ...(input.sandboxCard ? { sandboxCard: input.sandboxCard } : {}),
          ...(input.returnUrl ? { returnUrl: input.returnUrl } : {}),
          description: 'Wallet top-up',
          idempotencyKey: `wallet-topup:${topup!.id}`,
          locale,
        });
        await tx.update(walletTopups).set({ paymentId: payment.id }).where(eq(walletTopups.id, topup!.id));
        return {
          id: topup!.id,
          clientId: client.id,
          amountMinor: topup!.amountMinor,
          bonusMinor: topup!.bonusMinor,
          currency: topup!.currency,
          status: topup!.status,
          payment,
          createdAt: topup!.createdAt.toISOString(),
        };
      });
    },

    async clientWallet(
      actor: Actor,
      studio: { id: string; currency: string },
      clientId: string,
      query: { limit?: number | undefined; cursor?: string | undefined },
    ): Promise<WalletView> {
      await studios.requireStudioPermission(actor, studio.id, 'clients.read');
      return database.withStudio(studio.id, async (tx) => {
        await requireClient(tx, clientId);
        return statement(tx, studio.id, clientId, studio.currency, query);
      });
    },

    /** A staff correction, positive or negative; `reference` makes a retried adjustment land once. */
    async adjust(
      actor: Actor,
      studio: { id: string; currency: string },
      clientId: string,
      input: { amountMinor: number; reason: string; reference?: string | undefined },
      origin?: RequestOrigin,
    ): Promise<WalletView> {
      const access = await studios.requireStudioPermission(actor, studio.id, 'payments.manage');
      return database.withStudio(studio.id, async (tx) => {
        // Locked against retiring until the adjustment commits, so a retirement meanwhile carries it over.
        const client = await clientAccount(tx, clientId, { lock: 'share' });
        if (!client) throw new AppError('not_found', 'No such client in this studio');
        // Taking stranded money back is fine; putting money where nobody can spend it is not.
        if (client.retiredAt && input.amountMinor > 0)
          throw AppError.conflictOn(
            'clientId',
            "This client's record no longer answers for their address (they changed it or closed their account): credit their current record",
            PAYMENT_RULES.walletRetiredCredit,
          );
        const written = await adjustWallet(tx, {
          studioId: studio.id,
          clientId,
          amountMinor: input.amountMinor,
          currency: studio.currency,
          reason: input.reason,
          reference: input.reference ?? null,
          createdBy: access.userId,
        });
        if (!written.duplicate) {
          await emit(tx, {
            type: 'payments.wallet.adjusted',
            studioId: studio.id,
            payload: {
              clientId,
              amountMinor: input.amountMinor,
              entryId: written.entryId,
              actorUserId: access.userId,
            },
          });
          // Staff moving money by hand is a money action like a refund: who, how much, why, from where.
          await auditMoneyAction(tx, {
            studioId: studio.id,
            actor,
            action: PAYMENT_AUDIT_ACTIONS.walletAdjusted,
            target: { type: 'client', id: clientId },
            origin,
            data: {
              amountMinor: input.amountMinor,
              currency: studio.currency,
              reason: input.reason,
              entryId: written.entryId,
              balanceMinor: written.balanceMinor,
            },
          });
        }
        return statement(tx, studio.id, clientId, studio.currency, {});
      });
    },
  };
}

/** Event handlers: credit top-ups exactly once, mark failed ones, send receipts. */
export function walletEventHandlers({
  queue,
  publicUrl,
}: {
  queue: Queue;
  publicUrl: string;
}): EventHandler[] {
  return [
    {
      name: 'payments.wallet.credit-topup',
      eventType: 'payments.payment.succeeded',
      handle: (event, tx) => creditTopup(event as DomainEvent<PaymentEventPayload>, tx),
    },
    {
      name: 'payments.wallet.topup-failed',
      eventType: 'payments.payment.failed',
      handle: async (event, tx) => {
        const payload = event.payload as PaymentEventPayload;
        if (payload.payableType !== 'wallet_topup') return;
        await tx
          .update(walletTopups)
          .set({ status: 'failed' })
          .where(and(eq(walletTopups.id, payload.payableId), eq(walletTopups.status, 'pending')));
      },
    },
    {
      name: 'payments.wallet.order-number',
      eventType: 'orders.order.placed',
      handle: (event, tx) => rememberOrderNumber(event, tx),
    },
    {
      name: 'payments.wallet.topup-receipt',
      eventType: 'payments.wallet.topped_up',
      handle: async (event, tx) => {
        const p = event.payload as {
          clientId: string;
          amountMinor: number;
          bonusMinor: number;
          balanceMinor: number;
          currency: string;
          locale: string;
        };
        const studioId = event.studioId!;
        // One after the other: both run on the handler's one connection, which takes one query at a time.
        const studio = await studioMailInfo(tx, studioId);
        const client = await clientEmail(tx, p.clientId);
        if (!client) return;
        const locale = asLocale(p.locale);
        await queueMail(
          queue,
          tx,
          studioMessage(
            walletTopupReceipt,
            {
              locale,
              studioName: studio.name,
              amount: formatMoney(p.amountMinor, p.currency, locale),
              bonus: p.bonusMinor > 0 ? formatMoney(p.bonusMinor, p.currency, locale) : null,
              balance: formatMoney(p.balanceMinor, p.currency, locale),
              url: `${publicUrl}/${studio.slug}/portal/wallet`,
            },
            client.email,
            studioId,
            studio,
          ),
        );
      },
    },
  ];
}

/**
 * Credits a paid top-up: its amount and its bonus, each referenced by the payment id, so a second
 * delivery (or a second event for the same payment) finds the entries and moves nothing.
 */
export async function creditTopup(event: DomainEvent<PaymentEventPayload>, tx: Tx): Promise<void> {
  const payload = event.payload;
  if (payload.payableType !== 'wallet_topup' || !event.studioId) return;
  const [topup] = await tx
    .select()
    .from(walletTopups)
    .where(eq(walletTopups.id, payload.payableId))
    .for('update');
  if (!topup) throw new Error(`Top-up ${payload.payableId} not found for payment ${payload.paymentId}`);
  if (topup.status === 'credited') return;
  // Payments refuses mismatches from providers already; this guards the promise between the two modules.
  if (payload.amountMinor !== topup.amountMinor || payload.currency.toUpperCase() !== topup.currency) {
    throw new Error(
      `Top-up ${topup.id} expects ${topup.amountMinor} ${topup.currency}; payment ${payload.paymentId} paid ${payload.amountMinor} ${payload.currency}`,
    );
  }
  // A record that retired while the client paid (an email change) hands the money, and the receipt, to
  // the person's live record: a retired record's wallet cannot be spent.
  const clientId = await currentClientIdOf(tx, event.studioId, topup.clientId);
  const base = {
    studioId: event.studioId,
    clientId,
    currency: topup.currency,
    reference: payload.paymentId,
    paymentId: payload.paymentId,
  };
  let written = await creditWallet(tx, {
    ...base,
    kind: 'topup',
    amountMinor: topup.amountMinor,
    reason: 'Wallet top-up',
  });
  if (topup.bonusMinor > 0)
    written = await creditWallet(tx, {
      ...base,
      kind: 'bonus',
      amountMinor: topup.bonusMinor,
      reason: 'Top-up bonus',
    });
  await tx
    .update(walletTopups)
    .set({ status: 'credited', paymentId: payload.paymentId, creditedAt: new Date() })
    .where(eq(walletTopups.id, topup.id));
  await emit(tx, {
    type: 'payments.wallet.topped_up',
    studioId: event.studioId,
    payload: {
      topupId: topup.id,
      clientId,
      amountMinor: topup.amountMinor,
      bonusMinor: topup.bonusMinor,
      balanceMinor: written.balanceMinor,
      currency: topup.currency,
      locale: topup.locale,
    },
  });
}

/**
 * Keeps a placed order's number for statements ("Order QR-2026-0042"), when a client pays for it: a
 * wallet payment is taken before the number exists, and a refund to the wallet may come any time after.
 * Guests' orders never touch a wallet and are left out. Runs in the studio's scope; a second delivery
 * finds the row and changes nothing.
 */
export async function rememberOrderNumber(event: DomainEvent, tx: Tx): Promise<void> {
  // The orders module's event (`orderEventPayload`): read by its documented shape, not imported.
  const { orderId, number } = event.payload as { orderId?: string; number?: string };
  if (!event.studioId || !orderId || !number) return;
  const [clientPayment] = await tx
    .select({ id: paymentRows.id })
    .from(paymentRows)
    .where(
      and(
        eq(paymentRows.studioId, event.studioId),
        eq(paymentRows.payableType, 'order'),
        eq(paymentRows.payableId, orderId),
        isNotNull(paymentRows.clientId),
      ),
    )
    .limit(1);
  if (!clientPayment) return;
  await tx
    .insert(walletOrderNumbers)
    .values({ studioId: event.studioId, orderId, number })
    .onConflictDoNothing({ target: [walletOrderNumbers.studioId, walletOrderNumbers.orderId] });
}
