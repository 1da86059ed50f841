import { and, asc, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.js';
import { decodeCursor, type PageQuery, type PageResult, toPage } from '../../platform/http/pagination.js';
import type { Payable } from './payments.types.js';
import { awaitsAuthentication } from './plans.schedule.js';
import {
  type InstalmentStatus,
  type PaymentPlanStatus,
  paymentPlanInstalments,
  paymentPlans,
} from './plans.tables.js';

/** One line of the client's list of plans: where it stands and what is charged next. */
export interface PaymentPlanSummary {
  id: string;
  payable: Payable;
  status: PaymentPlanStatus;
  currency: string;
  totalMinor: number;
  paidMinor: number;
  instalmentCount: number;
  paidInstalments: number;
  /** The instalment charged next, while the plan is active; null once nothing more will be charged. */
  nextInstalment: {
    id: string;
    seq: number;
    amountMinor: number;
    dueAt: string;
    status: InstalmentStatus;
    /** When it is charged: the due date, or the next try after a decline. */
    nextAttemptAt: string | null;
    /** The charge waits for the client to confirm it with their bank (3-D Secure); see the plan view. */
    awaitingAuthentication: boolean;
  } | null;
  createdAt: string;
}

type PlanRow = typeof paymentPlans.$inferSelect;
type InstalmentRow = typeof paymentPlanInstalments.$inferSelect;

/**
 * Plans with their instalments (in order), in one statement. Read apart, each statement has its own
 * snapshot under read committed, and a last instalment settled in between showed an "active" plan
 * with everything paid. Plans not found are absent from the map.
 */
export async function plansWithInstalments(
  tx: Tx,
  planIds: string[],
): Promise<Map<string, { plan: PlanRow; instalments: InstalmentRow[] }>> {
  if (planIds.length === 0) return new Map();
  const rows = await tx
    .select({ plan: paymentPlans, instalment: paymentPlanInstalments })
    .from(paymentPlans)
    .leftJoin(paymentPlanInstalments, eq(paymentPlanInstalments.planId, paymentPlans.id))
    .where(inArray(paymentPlans.id, planIds))
    .orderBy(asc(paymentPlanInstalments.seq));
  const plans = new Map<string, { plan: PlanRow; instalments: InstalmentRow[] }>();
  for (const { plan, instalment } of rows) {
    let entry = plans.get(plan.id);
    if (!entry) {
      entry = { plan, instalments: [] };
      plans.set(plan.id, entry);
    }
    if (instalment) entry.instalments.push(instalment);
  }
  return plans;
}

function toSummary(plan: PlanRow, instalments: InstalmentRow[]): PaymentPlanSummary {
  const paid = instalments.filter((i) => i.status === 'paid');
  const next =
    plan.status === 'active'
      ? instalments.find((i) => ['scheduled', 'retrying', 'processing'].includes(i.status))
      : undefined;
  return {
    id: plan.id,
    payable: { type: plan.payableType, id: plan.payableId },
    status: plan.status,
    currency: plan.currency,
    totalMinor: plan.totalMinor,
    paidMinor: paid.reduce((sum, i) => sum + i.amountMinor, 0),
    instalmentCount: instalments.length,
    paidInstalments: paid.length,
    nextInstalment: next
      ? {
          id: next.id,
          seq: next.seq,
          amountMinor: next.amountMinor,
          dueAt: next.dueAt.toISOString(),
          status: next.status,
          nextAttemptAt: next.nextAttemptAt?.toISOString() ?? null,
          awaitingAuthentication: awaitsAuthentication(next),
        }
      : null,
    createdAt: plan.createdAt.toISOString(),
  };
}

/**
 * The signed-in person's plans in one studio, newest first, in cursor pages, with each page's
 * instalments read in one query. Theirs are the plans they started signed in (payer_user_id, index
 * payment_plans_payer_idx) and the guest plans of the client records linked to them (placed signed out
 * with their address; index payment_plans_client_idx); a plan someone else started signed in with their
 * address is that buyer's. Runs in the studio's transaction.
 */
export async function listMyPlans(
  tx: Tx,
  studioId: string,
  me: { userId: string; clientIds: string[] },
  query: PageQuery,
): Promise<PageResult<PaymentPlanSummary>> {
  const limit = query.limit ?? 20;
  const before = decodeCursor(query.cursor);
  const rows = await tx
    .select({ id: paymentPlans.id })
    .from(paymentPlans)
    .where(
      and(
        eq(paymentPlans.studioId, studioId),
        or(
          eq(paymentPlans.payerUserId, me.userId),
          me.clientIds.length > 0
            ? and(isNull(paymentPlans.payerUserId), inArray(paymentPlans.clientId, me.clientIds))
            : undefined,
        ),
        before ? lt(paymentPlans.id, before) : undefined,
      ),
    )
    .orderBy(desc(paymentPlans.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  if (page.items.length === 0) return { items: [], nextCursor: null };
  // The first read only picked which plans; they are read again with their instalments, in one
  // snapshot, so each plan's status agrees with its instalments.
  const ids = page.items.map((plan) => plan.id);
  const plans = await plansWithInstalments(tx, ids);
  return {
    items: ids.flatMap((id) => {
      const found = plans.get(id);
      return found ? [toSummary(found.plan, found.instalments)] : [];
    }),
    nextCursor: page.nextCursor,
  };
}
