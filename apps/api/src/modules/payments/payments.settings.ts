import { eq } from 'drizzle-orm';
import type { StudioContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { PaymentSettings, PaymentSettingsChanges } from './payments.schemas.js';
import { paymentSettings } from './payments.tables.js';
import { MANUAL_METHODS, PAYMENT_PROVIDERS } from './payments.types.js';
import { parsePromptPayId } from './promptpay.emvco.js';

/**
 * A studio that never opened its payment settings can take every method whose prerequisites hold:
 * manual methods always, the wallet always, PromptPay once it has an id, Stripe once switched on,
 * the sandbox wherever the deployment allows it.
 */
export const DEFAULT_PAYMENT_SETTINGS: PaymentSettings = {
  enabledProviders: [...PAYMENT_PROVIDERS],
  manualMethods: [...MANUAL_METHODS],
  promptPayId: null,
  bankTransferInstructions: '',
  payAtStudioInstructions: '',
  stripeEnabled: false,
};

function toSettings(row: typeof paymentSettings.$inferSelect): PaymentSettings {
  return {
    enabledProviders: row.enabledProviders,
    manualMethods: row.manualMethods,
    promptPayId: row.promptPayId,
    bankTransferInstructions: row.bankTransferInstructions,
    payAtStudioInstructions: row.payAtStudioInstructions,
    stripeEnabled: row.stripeEnabled,
  };
}

export async function readPaymentSettings(tx: Tx, studioId: string): Promise<PaymentSettings> {
  const [row] = await tx.select().from(paymentSettings).where(eq(paymentSettings.studioId, studioId));
  return row ? toSettings(row) : { ...DEFAULT_PAYMENT_SETTINGS };
}

/** Saves a change; the PromptPay id must be a Thai mobile number or a valid 13-digit id. */
export async function writePaymentSettings(
  ctx: StudioContext,
  changes: PaymentSettingsChanges,
): Promise<PaymentSettings> {
  const current = await readPaymentSettings(ctx.tx, ctx.studioId);
  // Only the settings themselves: a client that sends back what it read (with `serverProviders`, or
  // anything else the schema lets through) neither stores nor audits a change that is not one.
  const known = Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => key in current && value !== undefined),
  ) as PaymentSettingsChanges;
  const next: PaymentSettings = { ...current, ...known };
  if (next.promptPayId !== null) {
    const trimmed = next.promptPayId.trim();
    if (trimmed === '') next.promptPayId = null;
    else if (!parsePromptPayId(trimmed)) {
      throw AppError.invalid(
        'body.promptPayId',
        'must be a Thai mobile number (e.g. 0812345678) or a 13-digit national id / tax id',
      );
    } else next.promptPayId = trimmed;
  }
  const values = { studioId: ctx.studioId, ...next };
  await ctx.tx
    .insert(paymentSettings)
    .values(values)
    .onConflictDoUpdate({ target: paymentSettings.studioId, set: { ...next, updatedAt: new Date() } });
  return next;
}

/** Shows only the last four characters of a PromptPay id (a phone number or national id). */
const maskPromptPayId = (id: string | null) => (id === null ? null : `***${id.slice(-4)}`);

/**
 * What an audit entry says about a settings change: each changed setting from -> to. The PromptPay id
 * is masked and the instructions are only named (free text may hold account details); provider keys
 * are the deployment's (STRIPE_*), never studio settings, so nothing secret reaches the log.
 */
export function settingsChangesForAudit(
  before: PaymentSettings,
  after: PaymentSettings,
): Record<string, { from: unknown; to: unknown } | 'changed'> {
  const changed: Record<string, { from: unknown; to: unknown } | 'changed'> = {};
  for (const key of Object.keys(after) as (keyof PaymentSettings)[]) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    if (key === 'bankTransferInstructions' || key === 'payAtStudioInstructions') changed[key] = 'changed';
    else if (key === 'promptPayId')
      changed[key] = { from: maskPromptPayId(before[key]), to: maskPromptPayId(after[key]) };
    else changed[key] = { from: before[key], to: after[key] };
  }
  return changed;
}
