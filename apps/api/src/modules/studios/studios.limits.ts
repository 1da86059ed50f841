import type { Db, Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { studioProfile } from './studios.lookup.js';
import { type PlanId, type PlanLimits, planLimits } from './studios.plans.js';
import { ruleBroken } from './studios.team.js';

/** The limits other modules check before adding one more of something. */
export type CountedLimit = Extract<keyof PlanLimits, 'teamSeats' | 'catalogItems'>;

/** A counted limit in words, for messages ("the starter plan allows 100 catalog items"). */
export const COUNTED_LIMIT_NAMES: Record<CountedLimit, string> = {
  teamSeats: 'team seats',
  catalogItems: 'catalog items',
};

/** How much of a limit a studio has left: its plan, what the plan allows, and room for more. */
export interface PlanAllowance {
  plan: PlanId;
  allowed: number;
  room: number;
}

/**
 * How many more of something the studio's plan allows, given it has `currentCount` now. Run it in the
 * transaction that adds the things, with the count read in that transaction.
 */
export async function planAllowance(
  db: Db | Tx,
  studioId: string,
  limit: CountedLimit,
  currentCount: number,
): Promise<PlanAllowance> {
  const studio = await studioProfile(db, studioId);
  if (!studio) throw new AppError('not_found', 'No such studio');
  const allowed = planLimits(studio.plan)[limit];
  return { plan: studio.plan, allowed, room: Math.max(0, allowed - currentCount) };
}

/** The 422 for a plan limit reached, naming the limit as its field (as team seats do). */
export function planLimitReached(limit: CountedLimit, plan: PlanId, allowed: number): AppError {
  return ruleBroken(
    limit,
    `The ${plan} plan allows ${allowed} ${COUNTED_LIMIT_NAMES[limit]}; upgrade the plan to add more`,
  );
}

/**
 * Refuses (422 naming the limit) when a studio already has `currentCount` of something and its plan
 * allows no more. Call it in the transaction that adds the thing, with the count read in it:
 * `await assertWithinPlan(tx, studioId, 'catalogItems', itemsNow)`.
 */
export async function assertWithinPlan(
  db: Db | Tx,
  studioId: string,
  limit: CountedLimit,
  currentCount: number,
): Promise<void> {
  const { plan, allowed, room } = await planAllowance(db, studioId, limit, currentCount);
  if (room < 1) throw planLimitReached(limit, plan, allowed);
}
