/**
 * The subscription plans and their limits: the one place a limit is defined. A studio stores only its
 * plan's id, so changing a number here changes it for every studio on that plan.
 */
export const PLAN_IDS = ['starter', 'professional', 'studio', 'enterprise'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export interface PlanLimits {
  /** People in the team (members plus pending invitations), owners included. */
  teamSeats: number;
  /** Items in the catalog (any kind or status but archived); enforced with assertWithinPlan (studios.limits.ts). */
  catalogItems: number;
  storageGb: number;
  galleryVisitorsPerMonth: number;
  /** Atelier's fee on each payment, in basis points (100 = 1%). */
  transactionFeeBasisPoints: number;
}

/** The currency plan prices are in (Atelier bills studios in US dollars, whatever they sell in). */
export const PLAN_CURRENCY = 'USD';

export interface Plan extends PlanLimits {
  id: PlanId;
  name: string;
  /** What Atelier charges a month, in PLAN_CURRENCY minor units; null for enterprise (agreed per studio). */
  monthlyPriceMinor: number | null;
}

export const PLANS: Record<PlanId, Plan> = {
  starter: {
    id: 'starter',
    name: 'Starter',
    monthlyPriceMinor: 0,
    teamSeats: 2,
    catalogItems: 100,
    storageGb: 10,
    galleryVisitorsPerMonth: 1_000,
    transactionFeeBasisPoints: 200,
  },
  professional: {
    id: 'professional',
    name: 'Professional',
    monthlyPriceMinor: 2_900,
    teamSeats: 5,
    catalogItems: 1_000,
    storageGb: 100,
    galleryVisitorsPerMonth: 10_000,
    transactionFeeBasisPoints: 100,
  },
  studio: {
    id: 'studio',
    name: 'Studio',
    monthlyPriceMinor: 7_900,
    teamSeats: 15,
    catalogItems: 10_000,
    storageGb: 500,
    galleryVisitorsPerMonth: 50_000,
    transactionFeeBasisPoints: 50,
  },
  enterprise: {
    id: 'enterprise',
    name: 'Enterprise',
    monthlyPriceMinor: null,
    teamSeats: 100,
    catalogItems: 1_000_000,
    storageGb: 5_000,
    galleryVisitorsPerMonth: 1_000_000,
    transactionFeeBasisPoints: 0,
  },
};

export function planLimits(plan: PlanId): PlanLimits {
  return PLANS[plan];
}
