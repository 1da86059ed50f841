import type { JsonBody } from '@atelier/sdk';
import type { PaymentPlan } from '@/lib/shop';

// A payment plan's shapes (payments module, plans.routes.ts) and the little the pages decide from them.
export type { PaymentPlan };
export type PlanInstalment = PaymentPlan['instalments'][number];
export type InstalmentCharge = JsonBody<'chargePaymentPlanInstalment', 200>;
/** A line of the client's list of plans (GET .../my/payment-plans). */
export type PaymentPlanSummary = JsonBody<'listMyPaymentPlans', 200>['items'][number];
export type PaymentPlanPage = JsonBody<'listMyPaymentPlans', 200>;

export const planApi = (studio: string, planId: string) =>
  `/api/v1/studios/${encodeURIComponent(studio)}/payment-plans/${planId}`;

/** The plan page a line of the list (and the emails) opens. */
export const planPath = (studio: string, planId: string) => `/${studio}/portal/payment-plans/${planId}`;

/**
 * The instalment "pay now", "charge now" and "retry now" act on: the plan's first unpaid one, while
 * the plan is active and that instalment is waiting (not being charged this moment). The API refuses
 * any other, so the pages only offer this one.
 */
export function nextChargeable(plan: PaymentPlan): PlanInstalment | null {
  if (plan.status !== 'active') return null;
  const next = plan.instalments.find((instalment) => instalment.status !== 'paid');
  return next && (next.status === 'scheduled' || next.status === 'retrying') ? next : null;
}

/**
 * The instalment whose charge waits for the client to confirm it with their bank (3-D Secure), if any:
 * the client's "pay now" on it opens the bank's check again instead of charging twice.
 */
export function awaitingAuthentication(plan: PaymentPlan): PlanInstalment | null {
  if (plan.status !== 'active') return null;
  return plan.instalments.find((instalment) => instalment.awaitingAuthentication) ?? null;
}

/** What is left to pay on the plan (never negative). */
export const remainingMinor = (plan: PaymentPlan) => Math.max(0, plan.totalMinor - plan.paidMinor);

/** The sandbox's test cards a plan can be switched to (payments README), with what each does. */
export const PLAN_TEST_CARDS = [
  { number: '4242424242424242', outcome: 'succeeds' },
  { number: '4000000000000341', outcome: 'declinesLater' },
  { number: '4000000000000002', outcome: 'declines' },
  { number: '4000002500003155', outcome: 'asksBank' },
] as const;
