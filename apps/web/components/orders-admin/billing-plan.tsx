'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { problemSummary } from '@/components/forms/problem-fields';
import { type PlanOption, PlanOptions } from '@/components/studios/plan-options';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { studioCall } from './browser-api';

/**
 * Picks another plan; asks once more before a change that bills differently. `requested` is the plan the
 * owner picked when opening the studio (studios open on starter): it comes preselected, ready to confirm.
 * A first paid plan without a card on file answers with Stripe Checkout's address: the owner is sent
 * there and comes back to the billing page, where CheckoutReturn confirms the payment.
 */
export function BillingPlan({
  studio,
  current,
  requested,
  plans,
}: {
  studio: string;
  current: string;
  requested?: string | undefined;
  plans: PlanOption[];
}) {
  const t = useTranslations('OrdersAdmin');
  const tErrors = useTranslations('OrdersAdmin.errors');
  const locale = useLocale();
  const router = useRouter();
  const offered = requested !== undefined && plans.some((plan) => plan.id === requested);
  const [confirming, setConfirming] = useState<string | null>(offered ? (requested ?? null) : null);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const name = (id: string) => plans.find((plan) => plan.id === id)?.name ?? id;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const plan = String(new FormData(event.currentTarget).get('plan') ?? '');
    if (!plan || plan === current) {
      setMessage({ tone: 'error', text: t('billing.samePlan') });
      return;
    }
    if (confirming !== plan) {
      setConfirming(plan);
      return;
    }
    setPending(true);
    setMessage(null);
    let leaving = false;
    try {
      const answer = await studioCall<{ checkout?: { url?: string } }>(studio, 'PUT', '/billing/plan', {
        plan,
      });
      const checkoutUrl = answer?.checkout?.url;
      // Only a web address leaves for the browser (the API answers Stripe's https page).
      if (checkoutUrl && /^https?:\/\//.test(checkoutUrl)) {
        setMessage({ tone: 'info', text: t('billing.checkout.going') });
        // Stays pending while the browser leaves, so a second click cannot open a second Checkout.
        leaving = true;
        window.location.assign(checkoutUrl);
        return;
      }
      setMessage({ tone: 'success', text: t('billing.changed', { plan: name(plan) }) });
      setConfirming(null);
      router.refresh();
    } catch (error) {
      setMessage({ tone: 'error', text: problemSummary(error, (key) => tErrors(key)) });
      setConfirming(null);
    } finally {
      if (!leaving) setPending(false);
      requestAnimationFrame(() =>
        messageRef.current?.querySelector<HTMLElement>('[data-form-message]')?.focus(),
      );
    }
  };

  return (
    <Card className="p-5 sm:p-6">
      <form onSubmit={submit} className="space-y-4" onChange={() => setConfirming(null)}>
        {requested ? (
          <FormMessage tone="info">
            {offered ? t('billing.requested', { plan: name(requested) }) : t('billing.requestedEnterprise')}
          </FormMessage>
        ) : null}
        <PlanOptions
          plans={plans}
          defaultValue={offered && requested ? requested : current}
          legend={t('billing.change')}
          locale={locale}
        />
        {confirming ? (
          <p role="alert" className="rounded-md border border-brand p-3 text-sm">
            {t('billing.confirmText', { plan: name(confirming) })}
          </p>
        ) : null}
        <Button type="submit" disabled={pending}>
          {confirming ? t('billing.confirm', { plan: name(confirming) }) : t('billing.changeButton')}
        </Button>
        <div ref={messageRef}>
          {message ? <FormMessage tone={message.tone}>{message.text}</FormMessage> : null}
        </div>
      </form>
    </Card>
  );
}
