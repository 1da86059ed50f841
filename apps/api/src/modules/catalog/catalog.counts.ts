import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.js';
import { type PlanAllowance, planAllowance, planLimitReached } from '../studios/index.js';
import { catalogItems } from './catalog.tables.js';

/**
 * How many items the studio has that count towards its plan's `catalogItems` limit: every kind and
 * status but archived. Run it on the caller's transaction (the studio's RLS scope).
 */
export async function countCatalogItems(tx: Tx, studioId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(catalogItems)
    .where(and(eq(catalogItems.studioId, studioId), ne(catalogItems.status, 'archived')));
  return row?.n ?? 0;
}

/**
 * The count for a write that is about to add items. Two such writes at once for a studio would each
 * see room for one more and together pass the limit, so this first takes a lock (held until the
 * transaction ends) that makes a studio's item-adding writes take turns.
 */
export async function countCatalogItemsForAdding(tx: Tx, studioId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`catalog-items:${studioId}`}))`);
  return countCatalogItems(tx, studioId);
}

/**
 * How many more items the studio's plan has room for, taking the lock of countCatalogItemsForAdding:
 * call it in the transaction that then adds them.
 */
export async function roomForItems(tx: Tx, studioId: string): Promise<PlanAllowance> {
  const current = await countCatalogItemsForAdding(tx, studioId);
  return planAllowance(tx, studioId, 'catalogItems', current);
}

/**
 * Refuses (422 naming `catalogItems`, as team seats do) a write that would take the studio past its
 * plan's item limit by adding `adding` items (new ones, or archived ones brought back).
 */
export async function assertRoomForItems(tx: Tx, studioId: string, adding: number): Promise<void> {
  if (adding <= 0) return;
  const { plan, allowed, room } = await roomForItems(tx, studioId);
  if (adding > room) throw planLimitReached('catalogItems', plan, allowed);
}
