import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { CommerceSettings, CommerceSettingsPatch } from './orders.schemas.js';
import { commerceSettings, orderCounters } from './orders.tables.js';

type Row = typeof commerceSettings.$inferSelect;

function toSettings(row: Row): CommerceSettings {
  return {
    orderNumberPrefix: row.orderNumberPrefix,
    pricesIncludeTax: row.pricesIncludeTax,
    defaultTaxRateBps: row.defaultTaxRateBps,
    taxRates: row.taxRates,
    taxShipping: row.taxShipping,
    shippingMethods: row.shippingMethods,
    holdMinutesInstant: row.holdMinutesInstant,
    holdMinutesManual: row.holdMinutesManual,
    depositPercent: row.depositPercent,
  };
}

/** The studio's rules; a studio that never saved any gets the defaults (and a row, on first read). */
export async function readCommerceSettings(tx: Tx, studioId: string): Promise<CommerceSettings> {
  const [row] = await tx.select().from(commerceSettings).where(eq(commerceSettings.studioId, studioId));
  if (row) return toSettings(row);
  const [created] = await tx
    .insert(commerceSettings)
    .values({ studioId })
    .onConflictDoNothing({ target: commerceSettings.studioId })
    .returning();
  if (created) return toSettings(created);
  const [again] = await tx.select().from(commerceSettings).where(eq(commerceSettings.studioId, studioId));
  return toSettings(again!);
}

function assertSettings(settings: CommerceSettings): void {
  const ids = new Set<string>();
  settings.shippingMethods.forEach((method, i) => {
    if (ids.has(method.id))
      throw AppError.invalid(`shippingMethods[${i}].id`, 'is used twice', { reason: 'shipping.id_repeated' });
    ids.add(method.id);
    if (method.kind === 'weight' && !method.bands?.length)
      throw AppError.invalid(`shippingMethods[${i}].bands`, 'a weight method needs at least one band', {
        reason: 'shipping.bands_needed',
      });
    if (method.kind === 'free_over' && (method.freeOverMinor === null || method.freeOverMinor === undefined))
      throw AppError.invalid(`shippingMethods[${i}].freeOverMinor`, 'a free-over method needs the amount', {
        reason: 'shipping.free_over_needed',
      });
  });
}

export async function updateCommerceSettings(
  tx: Tx,
  studioId: string,
  patch: CommerceSettingsPatch,
): Promise<CommerceSettings> {
  const current = await readCommerceSettings(tx, studioId);
  const next: CommerceSettings = {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  next.taxRates = next.taxRates.map((r) => ({ ...r, country: r.country.toUpperCase() }));
  next.shippingMethods = next.shippingMethods.map((m) => ({
    ...m,
    ...(m.countries ? { countries: m.countries.map((c) => c.toUpperCase()) } : {}),
  }));
  assertSettings(next);
  const [row] = await tx
    .update(commerceSettings)
    .set(next)
    .where(eq(commerceSettings.studioId, studioId))
    .returning();
  return toSettings(row!);
}

/**
 * The next order number of the studio's year: one atomic upsert ... returning, so concurrent checkouts
 * each get their own number (the row lock serialises them), gap-free unless a checkout rolls back.
 */
export async function nextOrderNumber(
  tx: Tx,
  studioId: string,
  prefix: string,
  year: number,
): Promise<string> {
  const [row] = await tx
    .insert(orderCounters)
    .values({ studioId, year, last: 1 })
    .onConflictDoUpdate({
      target: [orderCounters.studioId, orderCounters.year],
      set: { last: sql`${orderCounters.last} + 1` },
    })
    .returning({ last: orderCounters.last });
  return `${prefix}-${year}-${String(row!.last).padStart(6, '0')}`;
}

/** The calendar year at `at` in the studio's time zone (an order at 00:30 on Jan 1 in Bangkok is next year's). */
export function yearIn(timezone: string, at: Date): number {
  const year = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric' }).format(at);
  return Number(year);
}
