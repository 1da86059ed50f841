import { PLAN_CURRENCY, PLANS, type PlanId } from '../studios/index.js';

/**
 * What Atelier charges per month, in US cents, as the plans define it (studios.plans.ts, where the
 * public plan list reads it too). Starter is free (no subscription); enterprise is agreed per studio and
 * invoiced by hand, so its price is set by a platform admin.
 */
export const PLAN_PRICES: Record<Exclude<PlanId, 'enterprise'>, number> = {
  starter: PLANS.starter.monthlyPriceMinor ?? 0,
  professional: PLANS.professional.monthlyPriceMinor ?? 0,
  studio: PLANS.studio.monthlyPriceMinor ?? 0,
};
export const BILLING_CURRENCY = PLAN_CURRENCY;
/** Stripe Price lookup ids, one per paid plan, created once in the platform's Stripe account. */
export const STRIPE_PRICE_IDS: Record<'professional' | 'studio', string> = {
  professional: 'price_atelier_professional_monthly',
  studio: 'price_atelier_studio_monthly',
};
