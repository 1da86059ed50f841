import { and, count, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import type { PricedLineInput, PromoRule } from './orders.pricing.js';
import { promoDiscount } from './orders.pricing.js';
import type { NewPromo, Promo, PromoPatch } from './orders.schemas.js';
import { promoCodes, promoRedemptions } from './orders.tables.js';

type PromoRow = typeof promoCodes.$inferSelect;

const FIELD = 'promoCode';

export function toPromo(row: PromoRow): Promo {
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
    usedCount: row.usedCount,
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
    throw AppError.invalid('percentOff', 'is required for a percentage code');
  if (row.kind === 'fixed' && !row.amountOffMinor)
    throw AppError.invalid('amountOffMinor', 'is required for a fixed code');
  if (row.startsAt && row.expiresAt && row.expiresAt <= row.startsAt)
    throw AppError.invalid('expiresAt', 'must be after startsAt');
  if (row.appliesTo && row.appliesTo !== 'all' && !row.targetIds?.length)
    throw AppError.invalid('targetIds', `name at least one of the ${row.appliesTo}`);
}

const isUnique = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === '23505';
};

export async function createPromo(tx: Tx, studioId: string, input: NewPromo): Promise<Promo> {
  const values = { studioId, ...columnsOf(input) } as typeof promoCodes.$inferInsert;
  assertPromo(values as Partial<PromoRow>);
  try {
    const [row] = await tx.transaction(async (inner) => inner.insert(promoCodes).values(values).returning());
    return toPromo(row!);
  } catch (error) {
    if (isUnique(error)) throw AppError.conflictOn('code', `The code ${values.code} exists`);
    throw error;
  }
}

export async function getPromoRow(tx: Tx, studioId: string, id: string): Promise<PromoRow> {
  const [row] = await tx
    .select()
    .from(promoCodes)
    .where(and(eq(promoCodes.studioId, studioId), eq(promoCodes.id, id)));
  if (!row) throw new AppError('not_found', 'No such promo code');
  return row;
}

export async function updatePromo(tx: Tx, studioId: string, id: string, patch: PromoPatch): Promise<Promo> {
  const current = await getPromoRow(tx, studioId, id);
  const changes = columnsOf(patch);
  assertPromo({ ...current, ...changes } as PromoRow);
  try {
    const [row] = await tx.transaction(async (inner) =>
      inner.update(promoCodes).set(changes).where(eq(promoCodes.id, id)).returning(),
    );
    return toPromo(row!);
  } catch (error) {
    if (isUnique(error)) throw AppError.conflictOn('code', `The code ${changes.code} exists`);
    throw error;
  }
}

/** Codes that were used are deactivated rather than deleted (orders keep pointing at them). */
export async function deletePromo(tx: Tx, studioId: string, id: string): Promise<void> {
  await getPromoRow(tx, studioId, id);
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
    .select()
    .from(promoCodes)
    .where(before ? lt(promoCodes.id, before) : undefined)
    .orderBy(desc(promoCodes.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  return { items: page.items.map(toPromo), nextCursor: page.nextCursor };
}

/**
 * The code's rule if it may be used on these lines now, or a 409/404 naming `promoCode`. With `lock`,
 * the promo row is taken FOR UPDATE: checkouts using the same code queue here, so the usage count they
 * read is the committed one and the limit holds under any concurrency.
 */
export async function checkPromo(
  tx: Tx,
  input: {
    studioId: string;
    code: string;
    lines: PricedLineInput[];
    clientKey: string;
    now: Date;
    lock: boolean;
  },
): Promise<{ row: PromoRow; discountMinor: number }> {
  const query = tx
    .select()
    .from(promoCodes)
    .where(
      and(eq(promoCodes.studioId, input.studioId), eq(promoCodes.code, input.code.trim().toUpperCase())),
    );
  const [row] = input.lock ? await query.for('update') : await query;
  if (!row?.active)
    throw new AppError('not_found', 'No such promo code', {
      fields: [{ field: FIELD, message: 'No such promo code' }],
    });
  if (row.startsAt && row.startsAt > input.now)
    throw AppError.conflictOn(FIELD, 'This code is not valid yet');
  if (row.expiresAt && row.expiresAt <= input.now) throw AppError.conflictOn(FIELD, 'This code has expired');
  if (row.usageLimit !== null && row.usedCount >= row.usageLimit)
    throw AppError.conflictOn(FIELD, 'This code has been used up');
  const subtotal = input.lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
  if (row.minPurchaseMinor !== null && subtotal < row.minPurchaseMinor)
    throw AppError.conflictOn(
      FIELD,
      `This code needs a purchase of at least ${row.minPurchaseMinor} (minor units)`,
    );
  if (row.perClientLimit !== null) {
    const [mine] = await tx
      .select({ n: count() })
      .from(promoRedemptions)
      .where(
        and(
          eq(promoRedemptions.promoCodeId, row.id),
          eq(promoRedemptions.clientKey, input.clientKey),
          isNull(promoRedemptions.releasedAt),
        ),
      );
    if ((mine?.n ?? 0) >= row.perClientLimit)
      throw AppError.conflictOn(FIELD, 'You have already used this code');
  }
  const discountMinor = promoDiscount(ruleOf(row), input.lines);
  if (discountMinor === 0)
    throw AppError.conflictOn(FIELD, 'This code does not apply to anything in your cart');
  return { row, discountMinor };
}

/** Takes one use of a code for an order (the row must be locked by checkPromo in this transaction). */
export async function redeemPromo(
  tx: Tx,
  input: { studioId: string; promoId: string; orderId: string; clientKey: string; discountMinor: number },
): Promise<void> {
  await tx
    .update(promoCodes)
    .set({ usedCount: sql`${promoCodes.usedCount} + 1` })
    .where(eq(promoCodes.id, input.promoId));
  await tx.insert(promoRedemptions).values({
    studioId: input.studioId,
    promoCodeId: input.promoId,
    orderId: input.orderId,
    clientKey: input.clientKey,
    discountMinor: input.discountMinor,
  });
}

/** Gives an order's use of a code back, once (cancelled or expired unpaid). */
export async function releasePromo(tx: Tx, orderId: string): Promise<boolean> {
  const [released] = await tx
    .update(promoRedemptions)
    .set({ releasedAt: new Date() })
    .where(and(eq(promoRedemptions.orderId, orderId), isNull(promoRedemptions.releasedAt)))
    .returning({ promoCodeId: promoRedemptions.promoCodeId });
  if (!released) return false;
  await tx
    .update(promoCodes)
    .set({ usedCount: sql`greatest(${promoCodes.usedCount} - 1, 0)` })
    .where(eq(promoCodes.id, released.promoCodeId));
  return true;
}
