import type { PlanId } from '../studios/index.js';

/**
 * What Atelier charges per month, in US cents. Starter is free (no subscription); enterprise is agreed
 * per studio and invoiced by hand, so its price is set by a platform admin.
 */
export const PLAN_PRICES: Record<Exclude<PlanId, 'enterprise'>, number> = {
  starter: 0,
  professional: 2_900,
  studio: 7_900,
};
export const BILLING_CURRENCY = 'USD';
/** Stripe Price lookup ids, one per paid plan, created once in the platform's Stripe account. */
export const STRIPE_PRICE_IDS: Record<'professional' | 'studio', string> = {
  professional: 'price_atelier_professional_monthly',
  studio: 'price_atelier_studio_monthly',
};
