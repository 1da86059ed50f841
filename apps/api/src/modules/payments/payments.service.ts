import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { StudioContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import { formatMoney } from '../../platform/mailer/index.js';
import type { Storage } from '../../platform/storage/index.js';
import { clientAccount, currentClientIdOf, studioProfile } from '../studios/index.js';
import { auditMoneyAction, PAYMENT_AUDIT_ACTIONS, type RequestOrigin } from './payments.audit.js';
import {
  type CardSetup,
  type KeptCardFacts,
  type PaymentRow,
  type ProviderContext,
  type ProviderRegistry,
  requireProvider,
} from './payments.providers.js';
import {
  cannotCancelPayment,
  confirmedByProvider,
  fileTooLarge,
  methodTurnedOff,
  moreThanLeftToRefund,
  nothingLeftToRefund,
  PAYMENT_RULES,
  slipCheckOnClosedPayment,
  slipOnClosedPayment,
} from './payments.reasons.js';
import type {
  MarkPaid,
  PaymentListItem,
  PaymentListQuery,
  PaymentMethod,
  PaymentSettingsChanges,
  PaymentSettingsView,
  RejectSlip,
  Upload,
} from './payments.schemas.js';
import { readPaymentSettings, settingsChangesForAudit, writePaymentSettings } from './payments.settings.js';
import { paymentRefunds, payments } from './payments.tables.js';
import {
  applyOutcome,
  eventPayload,
  PAYMENT_EVENTS,
  type PaymentDetails,
  takesSlip,
  toView,
} from './payments.transitions.js';
import {
  MANUAL_METHODS,
  PAYMENT_PROVIDERS,
  type PastPaymentInput,
  type Payable,
  type PaymentProviderId,
  type PaymentsApi,
  type StartPaymentInput,
} from './payments.types.js';
import { createManualProvider } from './provider.manual.js';
import { createPromptPayProvider } from './provider.promptpay.js';
import { createSandboxProvider, sandboxCardOutcome } from './provider.sandbox.js';
import { createStripeClient, createStripeProvider, type StripeSettings } from './provider.stripe.js';
import { createWalletProvider } from './provider.wallet.js';
import { creditWallet } from './wallet.ledger.js';

export interface PaymentsDeps {
  database: Database;
  storage: Storage;
  /** Signs payers' access tokens (APP_SECRET). */
  appSecret: string;
  /** PAYMENTS_SANDBOX: the sandbox provider exists only when on. */
  sandbox: boolean;
  /** Present when STRIPE_SECRET_KEY is set. */
  stripe?: { client: Stripe; settings: StripeSettings } | undefined;
}

/** A payment as its payer sees it right after starting it: with the token that lets a guest look again. */
export type StartedPayment = PaymentDetails & { accessToken: string };

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const EXTENSIONS: Record<Upload['contentType'], string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};
const PROVIDER_LABELS: Record<string, string> = {
  stripe: 'Card (Stripe)',
  promptpay: 'PromptPay QR',
  wallet: 'Wallet balance',
  sandbox: 'Test card (sandbox, no real money)',
  bank_transfer: 'Bank transfer',
  cash: 'Pay in person',
  invoice: 'Invoice',
};

export type PaymentsService = ReturnType<typeof createPaymentsService>;

/** What an audit entry says about the payment an action touched: its money and what it pays for. */
function paymentFacts(row: PaymentRow) {
  return {
    paymentId: row.id,
    amountMinor: row.amountMinor,
    currency: row.currency,
    provider: row.provider,
    manualMethod: row.manualMethod,
    payableType: row.payableType,
    payableId: row.payableId,
  };
}

export function createPaymentsService(deps: PaymentsDeps) {
  const { storage } = deps;
  const registry: ProviderRegistry = {
    manual: createManualProvider(),
    promptpay: createPromptPayProvider(),
    wallet: createWalletProvider(),
    sandbox: createSandboxProvider({ enabled: deps.sandbox }),
    ...(deps.stripe
      ? { stripe: createStripeProvider({ stripe: deps.stripe.client, settings: deps.stripe.settings }) }
      : {}),
  };

  // What this deployment can run whatever a studio chooses: Stripe only with its keys configured, the
  // sandbox only where test payments are allowed. Staff see it beside their choices (settings view).
  const serverProviders = PAYMENT_PROVIDERS.filter(
    (id) => registry[id] !== undefined && (id !== 'sandbox' || deps.sandbox),
  );

  const accessTokenFor = (paymentId: string) =>
    createHmac('sha256', deps.appSecret).update(`payment-access:${paymentId}`).digest('base64url');

  const verifyAccessToken = (paymentId: string, token: string | undefined): boolean => {
    if (!token) return false;
    const expected = Buffer.from(accessTokenFor(paymentId));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };

  const studioCurrencyOf = async (ctx: StudioContext): Promise<string> => {
    const studio = await studioProfile(ctx.tx, ctx.studioId);
    return studio?.currency ?? 'USD';
  };

  const providerContext = async (ctx: StudioContext): Promise<ProviderContext> => ({
    ...ctx,
    settings: await readPaymentSettings(ctx.tx, ctx.studioId),
    studioCurrency: await studioCurrencyOf(ctx),
  });

  const load = async (ctx: StudioContext, paymentId: string, lock = false): Promise<PaymentRow> => {
    const query = ctx.tx
      .select()
      .from(payments)
      .where(and(eq(payments.id, paymentId), eq(payments.studioId, ctx.studioId)));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw new AppError('not_found', 'No such payment in this studio');
    return row;
  };

  const byKey = async (ctx: StudioContext, key: string) => {
    const [row] = await ctx.tx
      .select()
      .from(payments)
      .where(and(eq(payments.studioId, ctx.studioId), eq(payments.idempotencyKey, key)));
    return row;
  };

  /** A replay must be the same request: same payable, amount, currency and provider. */
  const sameOrRefuse = (row: PaymentRow, input: StartPaymentInput | PastPaymentInput): StartedPayment => {
    const same =
      row.payableType === input.payable.type &&
      row.payableId === input.payable.id &&
      row.amountMinor === input.amountMinor &&
      row.currency === input.currency.toUpperCase() &&
      row.provider === input.provider;
    if (!same)
      throw new AppError('idempotency_key_reused', 'This idempotencyKey started a different payment', {
        fields: [{ field: 'idempotencyKey', message: 'was used for a different payment' }],
      });
    return { ...toView(row), accessToken: accessTokenFor(row.id) };
  };

  /** The payment row's columns from what the caller asked (started now, or recorded from the past). */
  const rowOf = (ctx: StudioContext, input: StartPaymentInput | PastPaymentInput) => ({
    studioId: ctx.studioId,
    payableType: input.payable.type,
    payableId: input.payable.id,
    clientId: input.clientId,
    payerUserId: 'payerUserId' in input ? (input.payerUserId ?? null) : null,
    email: input.email.trim(),
    provider: input.provider,
    manualMethod: input.provider === 'manual' ? (input.manualMethod ?? null) : null,
    amountMinor: input.amountMinor,
    currency: input.currency.toUpperCase(),
    description: input.description,
    idempotencyKey: input.idempotencyKey,
    locale: input.locale ?? null,
  });

  const validateStart = (input: StartPaymentInput | PastPaymentInput) => {
    if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
      throw AppError.invalid('amountMinor', 'must be a positive whole number of minor units');
    if (!/^[A-Za-z]{3}$/.test(input.currency)) throw AppError.invalid('currency', 'must be an ISO 4217 code');
    if (!input.email.includes('@')) throw AppError.invalid('email', 'is not an email address');
    if (!input.idempotencyKey || input.idempotencyKey.length > 255)
      throw AppError.invalid('idempotencyKey', 'must be 1-255 characters');
    if (!PAYMENT_PROVIDERS.includes(input.provider))
      throw AppError.invalid('provider', `must be one of ${PAYMENT_PROVIDERS.join(', ')}`);
  };

  /** `field` is where the file is in the request body (a slip's own body, or mark-paid's `proof`). */
  const storeUpload = async (
    ctx: StudioContext,
    paymentId: string,
    kind: string,
    upload: Upload,
    field = 'body.dataBase64',
  ) => {
    const bytes = Buffer.from(upload.dataBase64, 'base64');
    if (bytes.length === 0) throw AppError.invalid(field, 'is not base64 data', PAYMENT_RULES.slipEmpty);
    if (bytes.length > MAX_UPLOAD_BYTES)
      throw AppError.invalid(field, 'must be at most 5 MiB', fileTooLarge(MAX_UPLOAD_BYTES / 1024 / 1024));
    const key = `payments/${ctx.studioId}/${paymentId}/${kind}-${randomUUID()}.${EXTENSIONS[upload.contentType]}`;
    await storage.put(key, bytes, { contentType: upload.contentType, contentLength: bytes.length });
    return key;
  };

  const api = {
    /**
     * Starts saving a new card on a customer kept by `provider` (Stripe), to charge later without the
     * payer; the browser finishes it in the provider's card form. 422 when the provider keeps no cards.
     */
    async setupCard(
      ctx: StudioContext,
      input: { provider: PaymentProviderId; customerId: string; metadata: Record<string, string> },
    ): Promise<CardSetup> {
      const provider = registry[input.provider];
      if (!provider?.setupCard)
        throw new AppError('rule_broken', `${input.provider} keeps no cards on this deployment`);
      return provider.setupCard(await providerContext(ctx), input);
    },

    /** Facts about a card `provider` keeps (its customer, last digits); null when it has no such card. */
    async keptCard(provider: PaymentProviderId, paymentMethodId: string): Promise<KeptCardFacts | null> {
      return (await registry[provider]?.keptCard?.(paymentMethodId)) ?? null;
    },

    async startPayment(ctx: StudioContext, input: StartPaymentInput): Promise<StartedPayment> {
      validateStart(input);
      const existing = await byKey(ctx, input.idempotencyKey);
      if (existing) return sameOrRefuse(existing, input);

      const pctx = await providerContext(ctx);
      const provider = registry[input.provider];
      if (!provider || !pctx.settings.enabledProviders.includes(input.provider))
        throw AppError.invalid(
          'provider',
          `${input.provider} payments are not available in this studio`,
          methodTurnedOff(input.provider),
        );
      const unavailable = provider.unavailableReason(pctx, input);
      if (unavailable) {
        const { message, ...rule } = unavailable;
        throw AppError.invalid('provider', message, rule);
      }

      // ON CONFLICT on (studio, key): a second request in flight waits on the index entry, then reads back.
      const [inserted] = await ctx.tx
        .insert(payments)
        .values({
          ...rowOf(ctx, input),
          planInstalmentId: input.planInstalmentId ?? null,
          keepsCard: input.keepCard === true,
        })
        .onConflictDoNothing({ target: [payments.studioId, payments.idempotencyKey] })
        .returning();
      if (!inserted) {
        const raced = await byKey(ctx, input.idempotencyKey);
        if (!raced) throw new AppError('conflict', 'The payment could not be started; try again');
        return sameOrRefuse(raced, input);
      }
      const outcome = await provider.start(pctx, inserted, input);
      const settled = await applyOutcome(ctx.tx, inserted, outcome);
      return { ...toView(settled), accessToken: accessTokenFor(settled.id) };
    },

    payerAccessToken: accessTokenFor,

    /**
     * A payment from before the studio kept its orders here, written as succeeded at its own times. No
     * provider is asked and no event is published: the money moved long ago, and its payable is being
     * recorded in the same transaction by whoever imports it.
     */
    async recordPastPayment(ctx: StudioContext, input: PastPaymentInput): Promise<PaymentDetails> {
      validateStart(input);
      // Checked here too, not only by the type: a payment no provider holds cannot be refunded by one.
      if (input.provider !== 'manual' && input.provider !== 'promptpay')
        throw AppError.invalid('provider', 'A past payment is one confirmed by hand: manual or promptpay');
      if (input.provider === 'manual' && !(MANUAL_METHODS as readonly unknown[]).includes(input.manualMethod))
        throw AppError.invalid('manualMethod', `must be one of ${MANUAL_METHODS.join(', ')}`);
      const now = (input.now ?? new Date()).getTime();
      for (const [field, at] of [
        ['startedAt', input.startedAt],
        ['paidAt', input.paidAt],
      ] as const) {
        if (Number.isNaN(at.getTime())) throw AppError.invalid(field, 'is not a time');
        if (at.getTime() > now) throw AppError.invalid(field, 'must not be in the future');
      }
      if (input.startedAt.getTime() > input.paidAt.getTime())
        throw AppError.invalid('startedAt', 'must not be after paidAt');
      const existing = await byKey(ctx, input.idempotencyKey);
      if (existing) {
        sameOrRefuse(existing, input);
        return toView(existing);
      }
      const [inserted] = await ctx.tx
        .insert(payments)
        .values({
          ...rowOf(ctx, input),
          status: 'succeeded',
          confirmedBy: input.confirmedBy ?? null,
          paidAt: input.paidAt,
          createdAt: input.startedAt,
          updatedAt: input.paidAt,
        })
        .returning();
      return toView(inserted!);
    },

    async getPayment(ctx: StudioContext, paymentId: string): Promise<PaymentDetails> {
      return toView(await load(ctx, paymentId));
    },

    async listForPayable(ctx: StudioContext, payable: Payable): Promise<PaymentDetails[]> {
      const rows = await ctx.tx
        .select()
        .from(payments)
        .where(
          and(
            eq(payments.studioId, ctx.studioId),
            eq(payments.payableType, payable.type),
            eq(payments.payableId, payable.id),
          ),
        )
        .orderBy(payments.id);
      return rows.map(toView);
    },

    async cancelPayment(ctx: StudioContext, paymentId: string): Promise<void> {
      const row = await load(ctx, paymentId, true);
      if (row.status === 'cancelled') return;
      if (!['pending', 'requires_action', 'failed'].includes(row.status))
        throw AppError.conflictOn(
          'status',
          `A ${row.status} payment cannot be cancelled; refund it instead`,
          cannotCancelPayment(row.status),
        );
      const provider = requireProvider(registry, row.provider);
      if (provider.cancel && row.providerRef) {
        try {
          await provider.cancel(row);
        } catch (error) {
          // The provider may have taken the money meanwhile: learn its state before refusing.
          const outcome = await provider.retrieve?.(row).catch(() => undefined);
          const now = outcome ? await applyOutcome(ctx.tx, row, outcome) : row;
          if (now.status === 'succeeded')
            throw AppError.conflictOn(
              'status',
              'The payment went through before it could be cancelled',
              PAYMENT_RULES.paidBeforeCancel,
            );
          throw new AppError('service_unavailable', 'The provider could not cancel the payment', {
            retryAfter: 5,
            cause: error,
          });
        }
      }
      await applyOutcome(ctx.tx, row, { status: 'cancelled', nextAction: { type: 'none' } });
    },

    async refund(
      ctx: StudioContext,
      input: {
        paymentId: string;
        amountMinor: number;
        to: 'original' | 'wallet';
        reason: string;
        idempotencyKey: string;
      },
      /** Where a person's request came from (routes); other modules' refunds have none. */
      origin?: RequestOrigin,
    ): Promise<PaymentDetails> {
      if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
        throw AppError.invalid('amountMinor', 'must be a positive whole number of minor units');
      // Locked first: refunds of one payment run one at a time, so the remaining amount is exact.
      const payment = await load(ctx, input.paymentId, true);
      const [earlier] = await ctx.tx
        .select()
        .from(paymentRefunds)
        .where(
          and(
            eq(paymentRefunds.studioId, ctx.studioId),
            eq(paymentRefunds.idempotencyKey, input.idempotencyKey),
          ),
        );
      if (earlier) {
        if (earlier.paymentId !== payment.id || earlier.amountMinor !== input.amountMinor)
          throw new AppError('idempotency_key_reused', 'This idempotencyKey made a different refund', {
            fields: [{ field: 'idempotencyKey', message: 'was used for a different refund' }],
          });
        return toView(payment);
      }
      if (payment.status !== 'succeeded' && payment.status !== 'partially_refunded')
        throw AppError.conflictOn(
          'amountMinor',
          `A ${payment.status} payment has nothing to refund`,
          nothingLeftToRefund(payment.status),
        );
      const remaining = payment.amountMinor - payment.refundedMinor;
      if (input.amountMinor > remaining)
        throw AppError.conflictOn(
          'amountMinor',
          `At most ${formatMoney(remaining, payment.currency)} is left to refund`,
          moreThanLeftToRefund(remaining, payment.currency),
        );
      if (input.to === 'wallet' && !payment.clientId)
        throw AppError.invalid(
          'to',
          'A guest payment cannot be refunded to a wallet',
          PAYMENT_RULES.guestRefundToWallet,
        );
      // The wallet a refund to the wallet goes into: the payment's record, or the live record its person
      // has moved to since (an email change); locked against retiring until this commits.
      const walletClientId =
        input.to === 'wallet' ? await currentClientIdOf(ctx.tx, ctx.studioId, payment.clientId!) : null;
      if (walletClientId) {
        const client = await clientAccount(ctx.tx, walletClientId);
        // A retired record with no live one to follow (its person deleted their account, or it was a
        // guest's whose address someone else has proved): its wallet is nobody's to spend.
        if (client?.retiredAt)
          throw AppError.invalid(
            'to',
            "This client's record no longer answers for their address: refund to the original method",
            PAYMENT_RULES.walletRetired,
          );
        // A signed-in buyer who typed someone else's email paid under that address's record: its wallet
        // is not the buyer's, and the money must not land there.
        if (payment.payerUserId && client?.userId !== payment.payerUserId)
          throw AppError.invalid(
            'to',
            "The wallet of this payment's address is not the payer's: refund it to the original method",
            PAYMENT_RULES.walletNotThePayers,
          );
      }

      const [refund] = await ctx.tx
        .insert(paymentRefunds)
        .values({
          studioId: ctx.studioId,
          paymentId: payment.id,
          amountMinor: input.amountMinor,
          currency: payment.currency,
          refundTo: input.to,
          reason: input.reason,
          idempotencyKey: input.idempotencyKey,
          createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        })
        .returning();
      let providerRef: string | null = null;
      if (walletClientId) {
        await creditWallet(ctx.tx, {
          kind: 'refund',
          studioId: ctx.studioId,
          clientId: walletClientId,
          amountMinor: input.amountMinor,
          currency: payment.currency,
          reason: `Refund of payment ${payment.id}`,
          reference: refund!.id,
          paymentId: payment.id,
          // Only people send refunds to a wallet (staff on a payment or an order), so a reason given is
          // their words to the client, shown as written; the rest of the line is worded by the pages.
          note: input.reason || null,
        });
      } else {
        ({ providerRef } = await requireProvider(registry, payment.provider).refund(ctx, payment, {
          refundId: refund!.id,
          amountMinor: input.amountMinor,
          idempotencyKey: input.idempotencyKey,
        }));
        if (providerRef)
          await ctx.tx.update(paymentRefunds).set({ providerRef }).where(eq(paymentRefunds.id, refund!.id));
      }
      const refundedMinor = payment.refundedMinor + input.amountMinor;
      const [updated] = await ctx.tx
        .update(payments)
        .set({
          refundedMinor,
          status: refundedMinor === payment.amountMinor ? 'refunded' : 'partially_refunded',
        })
        .where(eq(payments.id, payment.id))
        .returning();
      await emit(ctx.tx, {
        type: PAYMENT_EVENTS.refunded,
        studioId: ctx.studioId,
        payload: eventPayload(updated!, {
          refundedMinor: input.amountMinor,
          refundTo: input.to,
          totalRefundedMinor: refundedMinor,
          refundId: refund!.id,
        }),
      });
      // Every refund, whoever starts it (staff on the payment or the order, an order cancelled).
      await auditMoneyAction(ctx.tx, {
        studioId: ctx.studioId,
        actor: ctx.actor,
        action: PAYMENT_AUDIT_ACTIONS.refunded,
        target: { type: 'payment', id: payment.id },
        origin,
        data: {
          ...paymentFacts(payment),
          refundId: refund!.id,
          refundedMinor: input.amountMinor,
          totalRefundedMinor: refundedMinor,
          to: input.to,
          reason: input.reason,
        },
      });
      return toView(updated!);
    },
  } satisfies PaymentsApi;

  /** What a checkout may offer this studio's clients (sandbox clearly labelled). */
  async function availableMethods(ctx: StudioContext): Promise<PaymentMethod[]> {
    const pctx = await providerContext(ctx);
    const probe: StartPaymentInput = {
      payable: { type: 'order', id: randomUUID() },
      clientId: randomUUID(),
      email: 'probe@example.com',
      amountMinor: 100,
      currency: pctx.studioCurrency,
      provider: 'manual',
      description: '',
      idempotencyKey: 'probe',
    };
    const methods: PaymentMethod[] = [];
    for (const id of pctx.settings.enabledProviders) {
      const provider = registry[id];
      if (!provider || provider.unavailableReason(pctx, { ...probe, provider: id })) continue;
      if (id === 'manual') {
        for (const method of pctx.settings.manualMethods)
          methods.push({
            provider: id,
            manualMethod: method,
            label: PROVIDER_LABELS[method]!,
            sandbox: false,
          });
      } else
        methods.push({
          provider: id,
          manualMethod: null,
          label: PROVIDER_LABELS[id]!,
          sandbox: id === 'sandbox',
        });
    }
    return methods;
  }

  return {
    ...api,
    registry,
    /** The Stripe SDK client and settings, when configured (the webhook handler needs them). */
    stripe: deps.stripe,

    /** The token a guest presents to look at their payment again (HMAC of its id; nothing stored). */
    accessTokenFor,
    verifyAccessToken,

    /**
     * May this caller see the payment as its payer? A valid access token; or the signed-in person who
     * started it (payer_user_id); or, for a payment nobody signed in started (a guest's), the person
     * linked to the paying client. Anyone else gets 404 (the payment's existence is not revealed).
     */
    async assertPayer(ctx: StudioContext, paymentId: string, token: string | undefined): Promise<PaymentRow> {
      const row = await load(ctx, paymentId);
      if (verifyAccessToken(paymentId, token)) return row;
      if (ctx.actor.kind === 'user') {
        if (row.payerUserId) {
          // A buyer's payment stays theirs even when they typed someone else's email.
          if (row.payerUserId === ctx.actor.userId) return row;
        } else if (row.clientId) {
          // In the studio's RLS scope, so only this studio's client can match.
          const client = await clientAccount(ctx.tx, row.clientId);
          if (client?.userId === ctx.actor.userId) return row;
        }
      }
      throw new AppError('not_found', 'No such payment in this studio');
    },

    /** Pays a sandbox payment with a test card, or finishes (or fails) its authentication step. */
    async confirmSandbox(
      ctx: StudioContext,
      paymentId: string,
      input: { card?: string | undefined; outcome?: 'complete' | 'fail' | undefined },
    ): Promise<PaymentDetails> {
      if (!deps.sandbox) throw new AppError('not_found', 'The sandbox provider is turned off');
      const row = await load(ctx, paymentId, true);
      if (row.provider !== 'sandbox')
        throw AppError.conflictOn(
          'provider',
          'This is not a sandbox payment',
          PAYMENT_RULES.notASandboxPayment,
        );
      if (row.status === 'succeeded') return toView(row);
      // A plan's declined charge is the plan's to retry (it has settled the attempt already): paid here,
      // the money would arrive and the instalment would still be charged again.
      if (row.planInstalmentId && row.status === 'failed')
        throw AppError.conflictOn(
          'status',
          "A plan's declined charge is not paid again: the plan charges the instalment again",
          PAYMENT_RULES.nothingToConfirm,
        );
      let next = row;
      if (row.status === 'requires_action' && !input.card) {
        next = await applyOutcome(
          ctx.tx,
          row,
          input.outcome === 'fail'
            ? {
                status: 'failed',
                nextAction: row.nextAction,
                failureReason: 'Authentication failed (sandbox)',
              }
            : { status: 'succeeded', nextAction: { type: 'none' } },
        );
      } else if (input.card && ['pending', 'requires_action', 'failed'].includes(row.status)) {
        next = await applyOutcome(ctx.tx, row, sandboxCardOutcome(input.card, 'body.card'));
      } else {
        throw AppError.conflictOn(
          'status',
          `A ${row.status} sandbox payment has nothing to confirm`,
          PAYMENT_RULES.nothingToConfirm,
        );
      }
      return toView(next);
    },

    /** The payer attaches a transfer slip to a PromptPay or bank transfer payment, for staff to check. */
    async attachSlip(ctx: StudioContext, paymentId: string, upload: Upload): Promise<PaymentDetails> {
      const row = await load(ctx, paymentId, true);
      if (!takesSlip(row))
        throw AppError.conflictOn(
          'provider',
          'Only PromptPay and bank transfers take a slip',
          PAYMENT_RULES.slipNotTaken,
        );
      if (!['pending', 'requires_action'].includes(row.status))
        throw AppError.conflictOn(
          'status',
          `A ${row.status} payment takes no slip`,
          slipOnClosedPayment(row.status),
        );
      const key = await storeUpload(ctx, row.id, 'slip', upload);
      const [updated] = await ctx.tx
        .update(payments)
        // A new slip replaces one the studio turned down, and the reason it gave.
        .set({ proofStorageKey: key, failureReason: null })
        .where(eq(payments.id, row.id))
        .returning();
      return toView(updated!);
    },

    /** Staff confirm that a manual or PromptPay payment arrived. Marking a paid payment again is a no-op. */
    async markPaid(
      ctx: StudioContext,
      paymentId: string,
      input: MarkPaid,
      origin?: RequestOrigin,
    ): Promise<PaymentDetails> {
      const row = await load(ctx, paymentId, true);
      if (row.provider !== 'manual' && row.provider !== 'promptpay')
        throw AppError.conflictOn(
          'provider',
          `A ${row.provider} payment is confirmed by its provider, not by hand`,
          confirmedByProvider(row.provider),
        );
      if (['succeeded', 'partially_refunded', 'refunded'].includes(row.status)) return toView(row);
      if (row.status === 'cancelled')
        throw AppError.conflictOn(
          'status',
          'A cancelled payment cannot be marked paid',
          PAYMENT_RULES.cancelledCannotBePaid,
        );
      const hadSlip = row.proofStorageKey !== null;
      if (input.proof) {
        const key = await storeUpload(ctx, row.id, 'proof', input.proof, 'body.proof.dataBase64');
        await ctx.tx.update(payments).set({ proofStorageKey: key }).where(eq(payments.id, row.id));
      }
      const settled = await applyOutcome(
        ctx.tx,
        row,
        { status: 'succeeded', nextAction: { type: 'none' } },
        {
          confirmedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          confirmationNote: input.note ?? null,
        },
      );
      await auditMoneyAction(ctx.tx, {
        studioId: ctx.studioId,
        actor: ctx.actor,
        action: PAYMENT_AUDIT_ACTIONS.markedPaid,
        target: { type: 'payment', id: row.id },
        origin,
        data: {
          ...paymentFacts(row),
          note: input.note ?? null,
          slipAccepted: hadSlip,
          proofAttached: input.proof !== undefined,
        },
      });
      return toView(settled);
    },

    /**
     * Staff turn down the slip a payer attached (wrong amount, unreadable, not a transfer to us): it is
     * detached, so the payer can attach another, and the reason (the staff's words, nothing added: the
     * pages say "not accepted" in the reader's language) is the payment's slipRejectedReason until then.
     * The payment stays open; the file stays in storage (the audit entry names it).
     */
    async rejectSlip(
      ctx: StudioContext,
      paymentId: string,
      input: RejectSlip,
      origin?: RequestOrigin,
    ): Promise<PaymentDetails> {
      const row = await load(ctx, paymentId, true);
      if (!['pending', 'requires_action'].includes(row.status))
        throw AppError.conflictOn(
          'status',
          `A ${row.status} payment has no slip to check`,
          slipCheckOnClosedPayment(row.status),
        );
      if (!row.proofStorageKey)
        throw AppError.conflictOn(
          'hasProof',
          'No slip is attached to this payment',
          PAYMENT_RULES.noSlipToCheck,
        );
      const reason = input.reason.trim();
      if (!reason)
        throw AppError.invalid(
          'body.reason',
          'must say why the slip was not accepted',
          PAYMENT_RULES.slipReasonNeeded,
        );
      const [updated] = await ctx.tx
        .update(payments)
        // For a payment confirmed by hand, failure_reason holds only this (toView: slipRejectedReason).
        .set({ proofStorageKey: null, failureReason: reason })
        .where(eq(payments.id, row.id))
        .returning();
      await auditMoneyAction(ctx.tx, {
        studioId: ctx.studioId,
        actor: ctx.actor,
        action: PAYMENT_AUDIT_ACTIONS.slipRejected,
        target: { type: 'payment', id: row.id },
        origin,
        data: { ...paymentFacts(row), reason, slipStorageKey: row.proofStorageKey },
      });
      return toView(updated!);
    },

    /** Staff list, newest first, with filters; proof links are signed for an hour. */
    async list(
      ctx: StudioContext,
      query: PaymentListQuery,
    ): Promise<PageResult<PaymentListItem & { proofUrl: string | null }>> {
      const limit = query.limit ?? 20;
      const before = decodeCursor(query.cursor);
      const rows = await ctx.tx
        .select()
        .from(payments)
        .where(
          and(
            eq(payments.studioId, ctx.studioId),
            before ? lt(payments.id, before) : undefined,
            query.status ? eq(payments.status, query.status) : undefined,
            query.provider ? eq(payments.provider, query.provider) : undefined,
            query.from ? gte(payments.createdAt, new Date(query.from)) : undefined,
            query.to ? lt(payments.createdAt, new Date(query.to)) : undefined,
          ),
        )
        .orderBy(desc(payments.id))
        .limit(limit + 1);
      const items = await Promise.all(
        rows.map(async (row) => ({
          ...toView(row),
          email: row.email,
          clientId: row.clientId,
          proofUrl: row.proofStorageKey
            ? await storage.signedUrl(row.proofStorageKey, { expiresInSeconds: 3600 })
            : null,
        })),
      );
      return toPage(items, limit);
    },

    async getSettings(ctx: StudioContext): Promise<PaymentSettingsView> {
      return { ...(await readPaymentSettings(ctx.tx, ctx.studioId)), serverProviders };
    },

    async updateSettings(
      ctx: StudioContext,
      changes: PaymentSettingsChanges,
      origin?: RequestOrigin,
    ): Promise<PaymentSettingsView> {
      const before = await readPaymentSettings(ctx.tx, ctx.studioId);
      const after = await writePaymentSettings(ctx, changes);
      // Read back through what checkout would offer (the same transaction, so a refusal writes nothing):
      // settings that leave clients no way to pay are a mistake, not a choice. The wallet alone does not
      // count, since topping it up needs another way to pay.
      const offered = (await availableMethods(ctx)).filter((method) => method.provider !== 'wallet');
      if (offered.length === 0)
        throw new AppError('rule_broken', 'These settings leave clients no way to pay', {
          fields: [
            {
              field: 'body.enabledProviders',
              message:
                'leaves no way to pay: keep at least one method on (with its bank methods or PromptPay id where needed)',
              ...PAYMENT_RULES.noWayToPay,
            },
          ],
        });
      const changed = settingsChangesForAudit(before, after);
      if (Object.keys(changed).length > 0)
        await auditMoneyAction(ctx.tx, {
          studioId: ctx.studioId,
          actor: ctx.actor,
          action: PAYMENT_AUDIT_ACTIONS.settingsUpdated,
          target: { type: 'payment_settings', id: ctx.studioId },
          origin,
          data: { changed },
        });
      return { ...after, serverProviders };
    },

    availableMethods,
  };
}

/** The service as a deployment configures it (app.ts and main.ts build it the same way). */
export function paymentsFromConfig(
  config: {
    appSecret: string;
    paymentsSandbox: boolean;
    stripe: StripeSettings | undefined;
  },
  deps: { database: Database; storage: Storage },
): PaymentsService {
  return createPaymentsService({
    ...deps,
    appSecret: config.appSecret,
    sandbox: config.paymentsSandbox,
    stripe: config.stripe
      ? { client: createStripeClient(config.stripe), settings: config.stripe }
      : undefined,
  });
}
