'use client';

import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
// Types only from the main entry: importing it would inject Stripe.js at once, on every page.
import type { Stripe, StripeElementsOptions } from '@stripe/stripe-js';
// The "pure" entry injects Stripe.js only when loadStripe is called.
import { loadStripe } from '@stripe/stripe-js/pure';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { payerMessage, stripeReturnUrl } from './payment-step';
import { CardFormLoading, CardFormUnavailable, type StripeCardProps } from './stripe-card-states';

/** A script that neither loads nor fails (a black-holed host) must not leave the payer waiting forever. */
export const LOAD_TIMEOUT_MS = 15_000;

export function loadWithin(publishableKey: string, ms: number): Promise<Stripe> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Stripe.js took too long to load')), ms);
    loadStripe(publishableKey).then(
      (stripe) => {
        clearTimeout(timer);
        if (stripe) resolve(stripe);
        else reject(new Error('Stripe.js is not available here'));
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

type Loading = { status: 'loading' } | { status: 'ready'; stripe: Stripe } | { status: 'failed' };

/** Loads Stripe.js with the studio's publishable key, then shows the Payment Element for this intent. */
export function StripePaymentForm({ clientSecret, publishableKey, returnTo, payLabel }: StripeCardProps) {
  const locale = useLocale();
  const [attempt, setAttempt] = useState(0);
  const [loading, setLoading] = useState<Loading>({ status: 'loading' });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's way to load again
  useEffect(() => {
    let live = true;
    setLoading({ status: 'loading' });
    loadWithin(publishableKey, LOAD_TIMEOUT_MS).then(
      (stripe) => live && setLoading({ status: 'ready', stripe }),
      () => live && setLoading({ status: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [publishableKey, attempt]);

  const options = useMemo<StripeElementsOptions>(
    () => ({
      clientSecret,
      locale: locale === 'th' ? 'th' : 'en',
      appearance: {
        theme: document.documentElement.classList.contains('dark') ? 'night' : 'stripe',
      },
    }),
    [clientSecret, locale],
  );

  if (loading.status === 'loading') return <CardFormLoading />;
  if (loading.status === 'failed') return <CardFormUnavailable onRetry={() => setAttempt((n) => n + 1)} />;
  return (
    <Elements stripe={loading.stripe} options={options}>
      <CardForm
        returnUrl={stripeReturnUrl(
          window.location.origin,
          returnTo.studio,
          returnTo.orderId,
          returnTo.orderToken,
        )}
        payLabel={payLabel}
        onLoadError={() => setLoading({ status: 'failed' })}
      />
    </Elements>
  );
}

function CardForm({
  returnUrl,
  payLabel,
  onLoadError,
}: {
  returnUrl: string;
  payLabel: string;
  onLoadError: () => void;
}) {
  const t = useTranslations('Checkout');
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [paying, setPaying] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!stripe || !elements) return;
    setPaying(true);
    setError(null);
    try {
      // On success Stripe leaves for returnUrl (after 3-D Secure if the bank asks); we only get here on an error.
      const { error: failure } = await stripe.confirmPayment({
        elements,
        confirmParams: { return_url: returnUrl },
      });
      setError(payerMessage(failure) ?? t('cardUnexpected'));
    } catch {
      setError(t('cardUnexpected'));
    } finally {
      setPaying(false);
    }
  };

  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid="stripe-card-form" aria-busy={!ready}>
      <p className="text-sm text-muted-foreground">{t('cardFormExplain')}</p>
      <PaymentElement options={{ layout: 'tabs' }} onReady={() => setReady(true)} onLoadError={onLoadError} />
      {error ? <FormMessage tone="error">{error}</FormMessage> : null}
      <Button type="submit" disabled={!stripe || !elements || !ready || paying}>
        {paying ? t('cardPaying') : payLabel}
      </Button>
    </form>
  );
}
