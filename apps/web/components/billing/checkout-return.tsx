'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { problemSummary } from '@/components/forms/problem-fields';
import { studioCall } from '@/components/orders-admin/browser-api';
import { adminPage } from '@/components/orders-admin/paths';
import { Button } from '@/components/ui/button';

type State =
  | { kind: 'settling' }
  | { kind: 'done'; plan: string }
  | { kind: 'failed'; text: string }
  | { kind: 'cancelled' };

/**
 * The owner is back on the billing page from the plan's Stripe Checkout. For a session id it asks the API
 * to apply what was paid (the webhook may not have arrived yet, or the deployment may have none), then
 * replaces the id in the address with `paid` and refreshes the page, which now shows the new plan (and
 * a reload shows the message again rather than settling twice). The browser makes the call, so it
 * carries the page's own Origin like every other write. `cancelled`: Stripe's cancel address; nothing
 * changed and nothing is called.
 */
export function CheckoutReturn({
  studio,
  checkout,
  currentPlan,
  planNames,
}: {
  studio: string;
  /** A Checkout Session id, "paid" (settled, then the address was replaced) or "cancelled". */
  checkout: string;
  currentPlan: string;
  planNames: Record<string, string>;
}) {
  const t = useTranslations('OrdersAdmin');
  const tErrors = useTranslations('OrdersAdmin.errors');
  const router = useRouter();
  const [state, setState] = useState<State>(
    checkout === 'cancelled'
      ? { kind: 'cancelled' }
      : checkout === 'paid'
        ? { kind: 'done', plan: planNames[currentPlan] ?? currentPlan }
        : { kind: 'settling' },
  );
  const started = useRef(false);

  const settle = useCallback(async () => {
    setState({ kind: 'settling' });
    try {
      const billing = await studioCall<{ plan: string }>(studio, 'POST', '/billing/checkout', {
        session: checkout,
      });
      setState({ kind: 'done', plan: planNames[billing.plan] ?? billing.plan });
      // The address no longer carries the session: a reload does not settle it again.
      router.replace(`${adminPage(studio, '/billing')}?checkout=paid`, { scroll: false });
      router.refresh();
    } catch (error) {
      setState({ kind: 'failed', text: problemSummary(error, (key) => tErrors(key)) });
    }
  }, [checkout, planNames, router, studio, tErrors]);

  useEffect(() => {
    // Once per arrival (React may run effects twice in development).
    if (checkout === 'cancelled' || checkout === 'paid' || started.current) return;
    started.current = true;
    void settle();
  }, [checkout, settle]);

  return (
    <div data-testid="plan-checkout-return">
      {state.kind === 'settling' ? (
        <FormMessage tone="info">{t('billing.checkout.settling')}</FormMessage>
      ) : null}
      {state.kind === 'done' ? (
        <FormMessage tone="success">{t('billing.checkout.done', { plan: state.plan })}</FormMessage>
      ) : null}
      {state.kind === 'cancelled' ? (
        <FormMessage tone="info">{t('billing.checkout.cancelled')}</FormMessage>
      ) : null}
      {state.kind === 'failed' ? (
        <div className="space-y-2">
          <FormMessage tone="error">
            {t('billing.checkout.failed')} {state.text}
          </FormMessage>
          <Button type="button" variant="outline" onClick={() => void settle()}>
            {t('billing.checkout.retry')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
