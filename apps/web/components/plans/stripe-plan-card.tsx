'use client';

import { isAtelierApiError, rawRequest } from '@atelier/sdk';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import type { Stripe, StripeElementsOptions } from '@stripe/stripe-js';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { payerMessage } from '@/components/shop/payment-step';
import { LOAD_TIMEOUT_MS, loadWithin } from '@/components/shop/stripe-payment-form';
import { Button } from '@/components/ui/button';
import { finishCharge } from './authenticate-charge';
import { type Notice, Outcome } from './outcome';
import { chargeNow, problemText } from './plan-actions';
import { type PlanFlash, usePlanFlash } from './plan-flash';
import { type PaymentPlan, planApi } from './plan-model';

interface CardSetup {
  clientSecret: string;
  publishableKey: string;
}

type Step =
  | { kind: 'idle' }
  | { kind: 'opening' }
  | { kind: 'form'; stripe: Stripe; setup: CardSetup }
  | { kind: 'unavailable' };

/**
 * Replaces the card a Stripe plan charges: the card is typed into Stripe's own form (a SetupIntent on
 * the plan's Stripe customer, confirmed by Stripe.js without a payment), and the plan is then told the
 * card Stripe kept. A declined instalment waiting for its retry is charged with it at once.
 */
export function ChangeStripePlanCard({
  studio,
  planId,
  retry,
}: {
  studio: string;
  planId: string;
  retry: { id: string; seq: number } | null;
}) {
  const t = useTranslations('PaymentPlans');
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [notice, setNotice] = useState<Notice>(null);

  const open = async () => {
    setStep({ kind: 'opening' });
    setNotice(null);
    try {
      const setup = await rawRequest<CardSetup>(
        { baseUrl: '', headers: {} },
        'POST',
        `${planApi(studio, planId)}/card-setup`,
      );
      const stripe = await loadWithin(setup.publishableKey, LOAD_TIMEOUT_MS);
      setStep({ kind: 'form', stripe, setup });
    } catch (error) {
      if (isAtelierApiError(error)) {
        setNotice({ tone: 'error', text: problemText(error, t('unexpected')) });
        setStep({ kind: 'idle' });
      } else setStep({ kind: 'unavailable' });
    }
  };

  if (step.kind === 'form')
    return (
      <Elements stripe={step.stripe} options={elementsOptions(step.setup.clientSecret)}>
        <SetupForm
          studio={studio}
          planId={planId}
          retry={retry}
          onDone={(outcome) => {
            setNotice(outcome);
            setStep({ kind: 'idle' });
          }}
        />
      </Elements>
    );
  return (
    <div className="space-y-3" data-testid="plan-change-card">
      {step.kind === 'unavailable' ? <FormMessage tone="error">{t('cardFormFailed')}</FormMessage> : null}
      <Button type="button" onClick={open} disabled={step.kind === 'opening'} data-testid="plan-new-card">
        {step.kind === 'opening' ? t('cardFormOpening') : t('useAnotherCard')}
      </Button>
      <Outcome notice={notice} testId="plan-card-result" />
    </div>
  );
}

function elementsOptions(clientSecret: string): StripeElementsOptions {
  return {
    clientSecret,
    appearance: { theme: document.documentElement.classList.contains('dark') ? 'night' : 'stripe' },
  };
}

function SetupForm({
  studio,
  planId,
  retry,
  onDone,
}: {
  studio: string;
  planId: string;
  retry: { id: string; seq: number } | null;
  /** The card is saved (and the retry charged, or not): back to the button, with what happened. */
  onDone: (outcome: Notice) => void;
}) {
  const t = useTranslations('PaymentPlans');
  const locale = useLocale();
  const stripe = useStripe();
  const elements = useElements();
  const router = useRouter();
  const flash = usePlanFlash();
  const [ready, setReady] = useState(false);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!stripe || !elements || saving) return;
    setSaving(true);
    setNotice(null);
    flash(null);
    try {
      const { setupIntent, error } = await stripe.confirmSetup({ elements, redirect: 'if_required' });
      if (error || !setupIntent) {
        setNotice({ tone: 'error', text: (error && payerMessage(error)) ?? t('unexpected') });
        return;
      }
      const paymentMethodId =
        typeof setupIntent.payment_method === 'string'
          ? setupIntent.payment_method
          : setupIntent.payment_method?.id;
      await rawRequest<PaymentPlan>(
        { baseUrl: '', headers: {} },
        'PUT',
        `${planApi(studio, planId)}/method`,
        {
          savedMethod: { kind: 'stripe', paymentMethodId },
        },
      );
      let outcome: PlanFlash = { tone: 'success', text: t('newCardSaved') };
      // The instalment whose charge the client answered here: its "confirm" section must not come
      // back before Stripe's word does. Not when the check never opened: it is still theirs to do.
      let answered: string | undefined;
      if (retry) {
        try {
          const charge = await chargeNow(studio, planId, retry.id, crypto.randomUUID());
          // The new card's bank may ask the client to confirm the charge (3-D Secure) right here.
          const done = await finishCharge(studio, planId, retry.id, charge);
          if (done.kind === 'paid' || done.kind === 'confirming' || done.kind === 'failed')
            answered = retry.id;
          const paid = t('newCardSavedAndPaid', { seq: retry.seq });
          outcome =
            done.kind === 'paid'
              ? { tone: 'success', text: paid }
              : done.kind === 'confirming'
                ? { tone: 'success', text: t('newCardSavedPending', { seq: retry.seq }), paidText: paid }
                : done.kind === 'failed'
                  ? {
                      tone: 'error',
                      text: t('newCardRetryDeclined', {
                        seq: retry.seq,
                        reason: done.message ?? t('authFailedPlain'),
                      }),
                    }
                  : done.kind === 'unavailable'
                    ? { tone: 'error', text: t('newCardSavedUnavailable', { seq: retry.seq }) }
                    : { tone: 'success', text: t('newCardSavedPending', { seq: retry.seq }) };
        } catch (chargeError) {
          outcome = {
            tone: 'error',
            text: t('newCardRetryDeclined', {
              seq: retry.seq,
              reason: problemText(chargeError, t('unexpected')),
            }),
          };
        }
      }
      router.refresh();
      if (retry) {
        // What the retry came to is said at the top of the page: this section may go with the payment
        // (the last instalment), and its "confirm" section after a bank check must not come back.
        flash({ ...outcome, answered });
        onDone(null);
      } else onDone(outcome);
    } catch (error) {
      setNotice({ tone: 'error', text: problemText(error, t('unexpected')) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      className="space-y-3"
      data-testid="plan-stripe-card-form"
      aria-busy={!ready}
      lang={locale}
    >
      <PaymentElement options={{ layout: 'tabs' }} onReady={() => setReady(true)} />
      <Button type="submit" disabled={!stripe || !elements || !ready || saving} data-testid="plan-save-card">
        {retry ? t('saveCardAndRetry', { seq: retry.seq }) : t('saveCard')}
      </Button>
      <Outcome notice={notice} testId="plan-card-result" />
    </form>
  );
}
