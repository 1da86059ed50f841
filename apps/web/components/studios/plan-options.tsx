'use client';

import { useTranslations } from 'next-intl';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/money';

export interface PlanOption {
  id: 'starter' | 'professional' | 'studio' | 'enterprise';
  name: string;
  teamSeats: number;
  /** How many catalog items the plan holds; optional so a caller without it still renders. */
  catalogItems?: number;
  storageGb: number;
  galleryVisitorsPerMonth: number;
  transactionFeeBasisPoints: number;
  /** What Atelier charges a month (minor units of currency); null: agreed per studio. Optional like catalogItems. */
  monthlyPriceMinor?: number | null;
  currency?: string;
}

/** The plans as a radio group, each with its limits. */
export function PlanOptions({
  plans,
  defaultValue,
  disabled,
  legend,
  locale,
}: {
  plans: PlanOption[];
  defaultValue: string;
  disabled?: boolean;
  legend: string;
  locale: string;
}) {
  const t = useTranslations('Plans');
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  return (
    <fieldset className="space-y-3" disabled={disabled}>
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {plans.map((plan) => (
          <label
            key={plan.id}
            className={cn(
              'flex cursor-pointer gap-3 rounded-lg border p-4 has-[:checked]:border-brand has-[:checked]:ring-2 has-[:checked]:ring-brand/40',
              disabled && 'cursor-not-allowed opacity-70',
            )}
          >
            <input
              type="radio"
              name="plan"
              value={plan.id}
              defaultChecked={plan.id === defaultValue}
              className="mt-1 size-4 accent-[var(--brand)]"
              aria-describedby={`plan-${plan.id}-limits`}
            />
            <span className="min-w-0">
              <span className="block font-semibold">{plan.name}</span>
              {plan.monthlyPriceMinor !== undefined ? (
                <span className="block text-sm font-medium" data-testid={`plan-${plan.id}-price`}>
                  {plan.monthlyPriceMinor === null
                    ? t('priceAgreed')
                    : plan.monthlyPriceMinor === 0
                      ? t('free')
                      : t('perMonth', {
                          price: formatMoney(
                            { amountMinor: plan.monthlyPriceMinor, currency: plan.currency ?? 'USD' },
                            locale,
                          ),
                        })}
                </span>
              ) : null}
              <span
                id={`plan-${plan.id}-limits`}
                className="mt-1 block space-y-0.5 text-sm text-muted-foreground"
              >
                <span className="block">
                  {t('seats', { count: plan.teamSeats, n: number.format(plan.teamSeats) })}
                </span>
                {/* The limit a selling studio meets first (Starter holds 100 items): say it before they pick. */}
                {plan.catalogItems !== undefined ? (
                  <span className="block">
                    {t('catalogItems', { count: plan.catalogItems, n: number.format(plan.catalogItems) })}
                  </span>
                ) : null}
                <span className="block">{t('storage', { n: number.format(plan.storageGb) })}</span>
                <span className="block">
                  {t('visitors', { n: number.format(plan.galleryVisitorsPerMonth) })}
                </span>
                <span className="block">
                  {t('fee', { n: percent.format(plan.transactionFeeBasisPoints / 10_000) })}
                </span>
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
