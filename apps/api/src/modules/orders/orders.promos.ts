import { and, count, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import { formatMoney } from '../../platform/mailer/index.js';
import type { PricedLineInput, PromoRule } from './orders.pricing.js';
import { promoDiscount } from './orders.pricing.js';
import type { NewPromo, Promo, PromoPatch } from './orders.schemas.js';
import { promoCodes, promoRedemptions } from './orders.tables.js';

type PromoRow = typeof promoCodes.$inferSelect;

const FIELD = 'promoCode';
const NO_SUCH_CODE = { field: FIELD, message: 'No such promo code', reason: 'promo.not_found' };

/**
 * Live uses of a code: redemptions of orders not cancelled (partial index promo_redemptions_live_idx).
 * Written out: drizzle leaves columns unqualified here, which would correlate nothing.
 */
const liveUses = sql<number>`(select count(*) from promo_redemptions r
  where r.promo_code_id = promo_codes.id and r.released_at is null)`.mapWith(Number);

export function toPromo(row: PromoRow, usedCount: number): Promo {
  return {
    id: row.id,
    code: row.code,
    description: row.description,
    kind: row.kind,
    percentOff: row.percentOff,
    amountOffMinor: row.amountOffMinor,
    minPurchaseMinor: row.minPurchaseMinor,
    maxDiscountMinor: row.maxDiscountMinor,
    usageLimit: row.usageLimit,
    perClientLimit: row.perClientLimit,
    usedCount,
    startsAt: row.startsAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    appliesTo: row.appliesTo,
    targetIds: row.targetIds,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export const ruleOf = (row: PromoRow): PromoRule => ({
  kind: row.kind,
  percentOff: row.percentOff,
  amountOffMinor: row.amountOffMinor,
  maxDiscountMinor: row.maxDiscountMinor,
  appliesTo: row.appliesTo,
  targetIds: row.targetIds,
});

const date = (value: string | null | undefined) =>
  value ? new Date(value) : value === null ? null : undefined;

function columnsOf(input: NewPromo | PromoPatch) {
  return Object.fromEntries(
    Object.entries({
      code: input.code?.toUpperCase(),
      description: input.description,
      kind: input.kind,
      percentOff: input.percentOff,
      amountOffMinor: input.amountOffMinor,
      minPurchaseMinor: input.minPurchaseMinor,
      maxDiscountMinor: input.maxDiscountMinor,
      usageLimit: input.usageLimit,
      perClientLimit: input.perClientLimit,
      startsAt: date(input.startsAt),
      expiresAt: date(input.expiresAt),
      appliesTo: input.appliesTo,
      targetIds: input.targetIds,
      active: input.active,
    }).filter(([, v]) => v !== undefined),
  ) as Partial<typeof promoCodes.$inferInsert>;
}

function assertPromo(row: Partial<PromoRow>): void {
  if (row.kind === 'percentage' && !row.percentOff)
    throw AppError.invalid('percentOff', 'is required for a percentage code', {
      reason: 'promo.percent_needed',
    });
  if (row.kind === 'fixed' && !row.amountOffMinor)
    throw AppError.invalid('amountOffMinor', 'is required for a fixed code', {
      reason: 'promo.amount_needed',
    });
  if (row.startsAt && row.expiresAt && row.expiresAt <= row.startsAt)
    throw AppError.invalid('expiresAt', 'must be after startsAt', { reason: 'promo.ends_before_start' });
  if (row.appliesTo && row.appliesTo !== 'all' && !row.targetIds?.length)
    throw AppError.invalid('targetIds', `name at least one of the ${row.appliesTo}`, {
      reason: 'promo.targets_needed',
    });
}

/** Codes are unique per studio (promo_codes_studio_code_key). */
const codeTaken = (code: string) => ({ reason: 'promo.code_taken', params: { code } });

const isUnique = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === '23505';
};

export async function createPromo(tx: Tx, studioId: string, input: NewPromo): Promise<Promo> {
  const values = { studioId, ...columnsOf(input) } as typeof promoCodes.$inferInsert;
  assertPromo(values as Partial<PromoRow>);
  try {
    const [row] = await tx.transaction(async (inner) => inner.insert(promoCodes).values(values).returning());
    return toPromo(row!, 0);
  } catch (error) {
    if (isUnique(error))
      throw AppError.conflictOn('code', `The code ${values.code} exists`, codeTaken(values.code));
    throw error;
  }
}

/**
 * `lock` takes the row FOR UPDATE, which also waits for checkouts that have just redeemed the code (their
 * redemption's foreign key holds FOR KEY SHARE on it): see redeemPromo for why a limit change needs that.
 */
async function getPromoRow(tx: Tx, studioId: string, id: string, lock = false): Promise<PromoRow> {
  const query = tx
    .select()
    .from(promoCodes)
    .where(and(eq(promoCodes.studioId, studioId), eq(promoCodes.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such promo code');
  return row;
}

export async function getPromo(tx: Tx, studioId: string, id: string): Promise<Promo> {
  const [found] = await tx
    .select({ row: promoCodes, usedCount: liveUses })
    .from(promoCodes)
    .where(and(eq(promoCodes.studioId, studioId), eq(promoCodes.id, id)));
  if (!found) throw new AppError('not_found', 'No such promo code');
  return toPromo(found.row, found.usedCount);
}

export async function updatePromo(tx: Tx, studioId: string, id: string, patch: PromoPatch): Promise<Promo> {
  const current = await getPromoRow(tx, studioId, id, true);
  const changes = columnsOf(patch);
  // A patch that names nothing changes nothing: the code as it is (an empty SET is not SQL).
  if (Object.keys(changes).length === 0) return getPromo(tx, studioId, id);
  assertPromo({ ...current, ...changes } as PromoRow);
  try {
    await tx.transaction(async (inner) => inner.update(promoCodes).set(changes).where(eq(promoCodes.id, id)));
    return getPromo(tx, studioId, id);
  } catch (error) {
    if (isUnique(error))
      throw AppError.conflictOn('code', `The code ${changes.code} exists`, codeTaken(changes.code ?? ''));
    throw error;
  }
}

/** Codes that were used are deactivated rather than deleted (orders keep pointing at them). */
export async function deletePromo(tx: Tx, studioId: string, id: string): Promise<void> {
  // Locked: a checkout redeeming it right now finishes first, and is then counted below.
  await getPromoRow(tx, studioId, id, true);
  const [used] = await tx
    .select({ n: count() })
    .from(promoRedemptions)
    .where(eq(promoRedemptions.promoCodeId, id));
  if ((used?.n ?? 0) > 0) await tx.update(promoCodes).set({ active: false }).where(eq(promoCodes.id, id));
  else await tx.delete(promoCodes).where(eq(promoCodes.id, id));
}

export async function listPromos(
  tx: Tx,
  query: { limit?: number | undefined; cursor?: string | undefined },
): Promise<PageResult<Promo>> {
  const limit = query.limit ?? 20;
  const before = decodeCursor(query.cursor);
  const rows = await tx
    .select({ id: promoCodes.id, row: promoCodes, usedCount: liveUses })
    .from(promoCodes)
    .where(before ? lt(promoCodes.id, before) : undefined)
    .orderBy(desc(promoCodes.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  return { items: page.items.map((r) => toPromo(r.row, r.usedCount)), nextCursor: page.nextCursor };
}

/**
 * What a checkout holds while it takes a use of a code, so limits stay exact. It is taken by redeemPromo,
 * at the end of the checkout (after the payment was started), and held until the commit:
 * - `code`: a total limit: the promo row FOR UPDATE. Checkouts with this code queue; each counts the live
 *   redemptions committed before it (READ COMMITTED: every statement sees the latest commits).
 * - `client`: only a per-client limit: an advisory lock on (code, client). The same client's checkouts
 *   queue; different clients run side by side.
 * - `none`: no limit to keep, so nothing to count under a lock: the redemption row is the whole record of
 *   the use. Checkouts with a popular unlimited code run in parallel (they only share the FOR KEY SHARE
 *   lock the redemption's foreign key takes, which never blocks another checkout).
 */
export type PromoGuard = 'code' | 'client' | 'none';

const guardOf = (row: Pick<PromoRow, 'usageLimit' | 'perClientLimit'>): PromoGuard =>
  row.usageLimit !== null ? 'code' : row.perClientLimit !== null ? 'client' : 'none';

async function countLiveUses(tx: Tx, promoId: string, clientKey?: string): Promise<number> {
  const [uses] = await tx
    .select({ n: count() })
    .from(promoRedemptions)
    .where(
      and(
        eq(promoRedemptions.promoCodeId, promoId),
        clientKey === undefined ? undefined : eq(promoRedemptions.clientKey, clientKey),
        isNull(promoRedemptions.releasedAt),
      ),
    );
  return uses?.n ?? 0;
}

/** 409 naming `promoCode` when the code's total or per-client limit is reached by live redemptions. */
async function assertUsesLeft(tx: Tx, row: PromoRow, clientKey: string): Promise<void> {
  if (row.usageLimit !== null && (await countLiveUses(tx, row.id)) >= row.usageLimit)
    throw AppError.conflictOn(FIELD, 'This code has been used up', { reason: 'promo.used_up' });
  if (row.perClientLimit !== null && (await countLiveUses(tx, row.id, clientKey)) >= row.perClientLimit)
    throw AppError.conflictOn(FIELD, 'You have already used this code', { reason: 'promo.already_used' });
}

export interface CheckedPromo {
  row: PromoRow;
  discountMinor: number;
  /** The lock redeemPromo takes before it counts the uses again and records this one. */
  guard: PromoGuard;
}

/**
 * The code's rule if it may be used on these lines now, or a 409/404 naming `promoCode`. It takes no
 * lock: the limits counted here let a summary or a doomed checkout stop early, and redeemPromo counts
 * them again under the code's guard before it records the use.
 */
export async function checkPromo(
  tx: Tx,
  input: {
    studioId: string;
    code: string;
    lines: PricedLineInput[];
    clientKey: string;
    currency: string;
    now: Date;
  },
): Promise<CheckedPromo> {
  const [row] = await tx
    .select()
    .from(promoCodes)
    .where(
      and(eq(promoCodes.studioId, input.studioId), eq(promoCodes.code, input.code.trim().toUpperCase())),
    );
  if (!row?.active)
    throw new AppError('not_found', 'No such promo code', {
      fields: [NO_SUCH_CODE],
    });
  if (row.startsAt && row.startsAt > input.now)
    throw AppError.conflictOn(FIELD, 'This code is not valid yet', { reason: 'promo.not_started' });
  if (row.expiresAt && row.expiresAt <= input.now)
    throw AppError.conflictOn(FIELD, 'This code has expired', { reason: 'promo.expired' });
  const subtotal = input.lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
  if (row.minPurchaseMinor !== null && subtotal < row.minPurchaseMinor)
    throw AppError.conflictOn(
      FIELD,
      `This code needs a purchase of at least ${formatMoney(row.minPurchaseMinor, input.currency)}`,
      {
        reason: 'promo.min_purchase',
        params: { amountMinor: row.minPurchaseMinor, currency: input.currency },
      },
    );
  await assertUsesLeft(tx, row, input.clientKey);
  const discountMinor = promoDiscount(ruleOf(row), input.lines);
  if (discountMinor === 0)
    throw AppError.conflictOn(FIELD, 'This code does not apply to anything in your cart', {
      reason: 'promo.not_applicable',
    });
  return { row, discountMinor, guard: guardOf(row) };
}

const isForeignKeyViolation = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === '23503';
};

/** The code's row as checkPromo read it still holds: same rule, limits, dates and state. */
const unchanged = (read: PromoRow, now: PromoRow | undefined) =>
  now !== undefined && JSON.stringify(now) === JSON.stringify(read);

/**
 * Records one use of a code by an order, checked again under the code's guard (PromoGuard), which stays
 * held until the transaction ends. Checkout calls it last, next to the stock: with a total limit the
 * guard is the promo row's lock, and every checkout with that code queues on it, so it must not be held
 * across the payment's provider call. Losing the race for the last use rolls the whole checkout back.
 *
 * - `code`: the row FOR UPDATE; if the studio changed the code since checkPromo priced it (updatePromo
 *   also takes the row FOR UPDATE), the checkout stops with a 409 rather than charge a stale discount.
 * - `client` and `none`: the limits could have changed since they were read without the row lock (an
 *   admin adding a usage limit to a live code). updatePromo's FOR UPDATE conflicts with the FOR KEY SHARE
 *   our redemption's foreign key has just taken: either the admin's change waits for this checkout to end
 *   (and then counts it), or the change was committed first and the re-read below sees it.
 */
export async function redeemPromo(
  tx: Tx,
  input: { studioId: string; promo: CheckedPromo; orderId: string; clientKey: string },
): Promise<void> {
  const { row, guard, discountMinor } = input.promo;
  if (guard === 'code') {
    const [locked] = await tx.select().from(promoCodes).where(eq(promoCodes.id, row.id)).for('update');
    if (!locked)
      throw new AppError('not_found', 'No such promo code', {
        fields: [NO_SUCH_CODE],
      });
    if (!unchanged(row, locked))
      throw AppError.conflictOn(FIELD, 'This code changed just now: check out again', {
        reason: 'promo.changed',
      });
  }
  if (guard === 'client')
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`promo:${row.id}`}), hashtext(${input.clientKey}))`,
    );
  if (guard !== 'none') await assertUsesLeft(tx, row, input.clientKey);
  try {
    await tx.insert(promoRedemptions).values({
      studioId: input.studioId,
      promoCodeId: row.id,
      orderId: input.orderId,
      clientKey: input.clientKey,
      discountMinor,
    });
  } catch (error) {
    // Deleted by the studio a moment ago (deletePromo removes only codes nobody has used).
    if (isForeignKeyViolation(error))
      throw new AppError('not_found', 'No such promo code', {
        fields: [NO_SUCH_CODE],
      });
    throw error;
  }
  if (guard === 'code') return;
  const [now] = await tx
    .select({ usageLimit: promoCodes.usageLimit, perClientLimit: promoCodes.perClientLimit })
    .from(promoCodes)
    .where(eq(promoCodes.id, row.id));
  if (now?.usageLimit !== row.usageLimit || now?.perClientLimit !== row.perClientLimit)
    throw AppError.conflictOn(FIELD, "This code's limits changed just now: check out again", {
      reason: 'promo.changed',
    });
}

/** Gives an order's use of a code back, once (cancelled or expired unpaid): the conditional update. */
export async function releasePromo(tx: Tx, orderId: string): Promise<boolean> {
  const released = await tx
    .update(promoRedemptions)
    .set({ releasedAt: new Date() })
    .where(and(eq(promoRedemptions.orderId, orderId), isNull(promoRedemptions.releasedAt)))
    .returning({ id: promoRedemptions.id });
  return released.length > 0;
}
