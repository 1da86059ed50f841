import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.js';
import { decodeCursor, type PageQuery, type PageResult, toPage } from '../../platform/http/pagination.js';
import type { Payable } from './payments.types.js';
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
  } | null;
  createdAt: string;
}

type InstalmentRow = typeof paymentPlanInstalments.$inferSelect;

function toSummary(plan: typeof paymentPlans.$inferSelect, instalments: InstalmentRow[]): PaymentPlanSummary {
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
        }
      : null,
    createdAt: plan.createdAt.toISOString(),
  };
}

/**
 * A client's plans in one studio, newest first, in cursor pages (index payment_plans_client_idx), with
 * each page's instalments read in one query. Runs in the studio's transaction.
 */
export async function listClientPlans(
  tx: Tx,
  studioId: string,
  clientId: string,
  query: PageQuery,
): Promise<PageResult<PaymentPlanSummary>> {
  const limit = query.limit ?? 20;
  const before = decodeCursor(query.cursor);
  const rows = await tx
    .select()
    .from(paymentPlans)
    .where(
      and(
        eq(paymentPlans.studioId, studioId),
        eq(paymentPlans.clientId, clientId),
        before ? lt(paymentPlans.id, before) : undefined,
      ),
    )
    .orderBy(desc(paymentPlans.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  if (page.items.length === 0) return { items: [], nextCursor: null };
  const instalments = await tx
    .select()
    .from(paymentPlanInstalments)
    .where(
      inArray(
        paymentPlanInstalments.planId,
        page.items.map((plan) => plan.id),
      ),
    )
    .orderBy(asc(paymentPlanInstalments.planId), asc(paymentPlanInstalments.seq));
  const byPlan = new Map<string, InstalmentRow[]>();
  for (const instalment of instalments)
    byPlan.set(instalment.planId, [...(byPlan.get(instalment.planId) ?? []), instalment]);
  return {
    items: page.items.map((plan) => toSummary(plan, byPlan.get(plan.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}
