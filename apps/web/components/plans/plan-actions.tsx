'use client';

import { isAtelierApiError, rawRequest } from '@atelier/sdk';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Field } from '@/components/forms/field';
import { SandboxLabel } from '@/components/shop/payment-panel';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/lib/dates';
import { finishCharge, type SandboxAnswer } from './authenticate-charge';
import { type Notice, Outcome } from './outcome';
import { usePlanFlash } from './plan-flash';
import { type InstalmentCharge, type PaymentPlan, PLAN_TEST_CARDS, planApi } from './plan-model';

/** One charge of an instalment now. The key is the caller's: a retry of the same click charges once. */
export function chargeNow(studio: string, planId: string, instalmentId: string, key: string) {
  return rawRequest<InstalmentCharge>(
    { baseUrl: '', headers: { 'idempotency-key': key } },
    'POST',
    `${planApi(studio, planId)}/instalments/${instalmentId}/charge`,
  );
}

export function problemText(error: unknown, fallback: string): string {
  return isAtelierApiError(error) ? (error.fields[0]?.message ?? error.detail) || fallback : fallback;
}

/**
 * The client pays the next instalment early, with the saved card (they are present: on-session). When
 * their bank asks them to confirm it (3-D Secure), the bank's check opens here; `confirming` is for an
 * instalment already waiting for that check, which the same call opens again.
 */
export function PayInstalmentNow({
  studio,
  planId,
  instalmentId,
  seq,
  amount,
  confirming = false,
}: {
  studio: string;
  planId: string;
  instalmentId: string;
  seq: number;
  /** The instalment's amount, formatted by the page. */
  amount: string;
  confirming?: boolean;
}) {
  const t = useTranslations('PaymentPlans');
  const router = useRouter();
  const flash = usePlanFlash();
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const key = useRef('');
  // The sandbox's stand-in for the bank's check, while it waits for the client's answer.
  const [sandboxCheck, setSandboxCheck] = useState<((answer: SandboxAnswer) => void) | null>(null);
  const askSandbox = () =>
    new Promise<SandboxAnswer>((resolve) => {
      setSandboxCheck(() => (answer: SandboxAnswer) => {
        setSandboxCheck(null);
        resolve(answer);
      });
    });

  const pay = async () => {
    if (pending) return;
    key.current ||= crypto.randomUUID();
    setPending(true);
    setNotice(null);
    flash(null);
    try {
      const charge = await chargeNow(studio, planId, instalmentId, key.current);
      // A charge waiting for the bank's check is found again by the next click, whatever its key.
      key.current = '';
      const outcome = await finishCharge(studio, planId, instalmentId, charge, { askSandbox });
      // Said at the top of the page: this section often goes with the payment (see plan-flash.tsx).
      const paid = t('payNowDone', { seq, amount });
      flash(
        outcome.kind === 'paid'
          ? { tone: 'success', text: paid, answered: instalmentId }
          : outcome.kind === 'confirming'
            ? {
                tone: 'success',
                text: t('payNowConfirming', { seq }),
                answered: instalmentId,
                paidText: paid,
              }
            : outcome.kind === 'failed'
              ? {
                  tone: 'error',
                  text: t('authFailed', { reason: outcome.message ?? t('authFailedPlain') }),
                  answered: instalmentId,
                }
              : outcome.kind === 'unavailable'
                ? { tone: 'error', text: t('authUnavailable') }
                : outcome.kind === 'gone'
                  ? { tone: 'error', text: t('authGone', { seq }), answered: instalmentId }
                  : { tone: 'success', text: t('payNowPending', { seq }) },
      );
      router.refresh();
    } catch (error) {
      // A decline changed nothing: a new click is a new attempt.
      if (isAtelierApiError(error) && error.status < 500) key.current = '';
      setNotice({
        tone: 'error',
        text: t('payNowDeclined', { reason: problemText(error, t('unexpected')) }),
      });
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="space-y-3">
      <Button type="button" onClick={pay} disabled={pending} data-testid="plan-pay-now">
        {confirming ? t('confirmPay', { seq, amount }) : t('payNow', { seq, amount })}
      </Button>
      {sandboxCheck ? <SandboxBankCheck answer={sandboxCheck} /> : null}
      <Outcome notice={notice} testId="plan-pay-now-result" />
    </div>
  );
}

/**
 * The sandbox's stand-in for the bank's check (its 3-D Secure test card): the client chooses what the
 * bank would answer. Takes focus as it appears, as the bank's own page would.
 */
function SandboxBankCheck({ answer }: { answer: (answer: SandboxAnswer) => void }) {
  const t = useTranslations('PaymentPlans');
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <fieldset className="space-y-3 rounded-lg border p-4" data-testid="plan-sandbox-check">
      <legend className="sr-only">{t('sandboxCheckLegend')}</legend>
      <SandboxLabel text={t('sandboxBadge')} />
      <p className="text-sm">{t('sandboxCheckExplain')}</p>
      <div className="flex flex-wrap gap-2">
        <Button ref={first} type="button" onClick={() => answer('complete')}>
          {t('sandboxComplete')}
        </Button>
        <Button type="button" variant="outline" onClick={() => answer('fail')}>
          {t('sandboxFail')}
        </Button>
      </div>
    </fieldset>
  );
}

/**
 * Replaces the card a sandbox plan charges (a test card number; a Stripe plan's card is changed in
 * Stripe's own form: stripe-plan-card.tsx). When an instalment is waiting for
 * its retry, it is charged with the new card at once, the client being here: no waiting for the job.
 */
export function ChangePlanCard({
  studio,
  planId,
  retry,
  hint,
}: {
  studio: string;
  planId: string;
  /** The declined instalment waiting for its retry, if any: charged right after the card is saved. */
  retry: { id: string; seq: number } | null;
  hint?: ReactNode;
}) {
  const t = useTranslations('PaymentPlans');
  const router = useRouter();
  const flash = usePlanFlash();
  const [card, setCard] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const cardNumber = card.replace(/[\s-]+/g, '');
    if (!/^\d{12,19}$/.test(cardNumber)) {
      setFieldError(t('cardInvalid'));
      return;
    }
    setPending(true);
    setFieldError(undefined);
    setNotice(null);
    flash(null);
    try {
      const saved = await rawRequest<PaymentPlan>(
        { baseUrl: '', headers: {} },
        'PUT',
        `${planApi(studio, planId)}/method`,
        { savedMethod: { kind: 'card', cardNumber } },
      );
      const last4 = saved.method.last4 ?? cardNumber.slice(-4);
      if (!retry) {
        setNotice({ tone: 'success', text: t('cardSaved', { last4 }) });
      } else {
        // Said at the top of the page: this section goes once the last instalment is paid.
        try {
          const charge = await chargeNow(studio, planId, retry.id, crypto.randomUUID());
          // A sandbox card may want its bank's check (the 3-D Secure test card): then it is not paid yet.
          flash(
            charge.payment.status === 'succeeded'
              ? {
                  tone: 'success',
                  text: t('cardSavedAndPaid', { last4, seq: retry.seq }),
                  answered: retry.id,
                }
              : { tone: 'success', text: t('cardSavedPending', { last4, seq: retry.seq }) },
          );
        } catch (error) {
          // Declined: the plan has settled it already, the instalment is back to its retry.
          flash({
            tone: 'error',
            text: t('cardSavedRetryDeclined', {
              last4,
              seq: retry.seq,
              reason: problemText(error, t('unexpected')),
            }),
          });
        }
      }
      setCard('');
      router.refresh();
    } catch (error) {
      const message = problemText(error, t('unexpected'));
      if (isAtelierApiError(error) && error.fields.some((f) => f.field.includes('cardNumber')))
        setFieldError(message);
      else setNotice({ tone: 'error', text: message });
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="plan-change-card">
      <Field
        name="cardNumber"
        idPrefix="plan"
        label={t('newCard')}
        inputMode="numeric"
        autoComplete="off"
        value={card}
        onChange={(event) => setCard(event.target.value)}
        error={fieldError}
        hint={hint}
      />
      <Button type="submit" disabled={pending} data-testid="plan-save-card">
        {retry ? t('saveCardAndRetry', { seq: retry.seq }) : t('saveCard')}
      </Button>
      <Outcome notice={notice} testId="plan-card-result" />
    </form>
  );
}

/** The test cards, for the card form's hint. */
export function TestCardsHint() {
  const t = useTranslations('PaymentPlans');
  return (
    <span className="block space-y-0.5">
      <span className="block">{t('testCardsIntro')}</span>
      {PLAN_TEST_CARDS.map((card) => (
        <span key={card.number} className="block">
          <code className="font-mono">{card.number}</code> {t(`testCard.${card.outcome}`)}
        </span>
      ))}
    </span>
  );
}

/**
 * Staff collect the next instalment now ("charge now"), or retry a declined one at once ("retry
 * now"): the saved card, charged without the client. Asks once more, since it takes money.
 */
export function StaffChargeNow({
  studio,
  planId,
  instalmentId,
  seq,
  count,
  amount,
  retry,
  card,
  timeZone,
}: {
  studio: string;
  planId: string;
  instalmentId: string;
  seq: number;
  count: number;
  amount: string;
  /** A declined instalment waiting for its retry (the button reads "Retry now"). */
  retry: boolean;
  /** "card ending 4242", or a generic name. */
  card: string;
  timeZone: string;
}) {
  const t = useTranslations('PaymentPlans');
  const locale = useLocale();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const key = useRef('');

  const charge = async () => {
    if (pending) return;
    key.current ||= crypto.randomUUID();
    setPending(true);
    setNotice(null);
    try {
      const answer = await chargeNow(studio, planId, instalmentId, key.current);
      key.current = '';
      setConfirming(false);
      const after = answer.plan.instalments.find((i) => i.id === instalmentId);
      if (answer.payment.status === 'succeeded') {
        setNotice({ tone: 'success', text: t('staffPaid', { seq, amount }) });
      } else if (answer.payment.status === 'failed') {
        const reason = answer.payment.failureReason ?? t('declined');
        setNotice({
          tone: 'error',
          text: after?.nextAttemptAt
            ? t('staffDeclinedRetry', {
                seq,
                reason,
                when: formatDateTime(after.nextAttemptAt, locale, timeZone),
              })
            : t('staffDeclinedLast', { seq, reason }),
        });
      } else {
        setNotice({ tone: 'success', text: t('staffPending', { seq }) });
      }
      router.refresh();
      // The order follows the payment through an event a moment later: look again so it shows.
      for (const delay of [1500, 4000]) setTimeout(() => router.refresh(), delay);
    } catch (error) {
      if (isAtelierApiError(error) && error.status < 500) key.current = '';
      setNotice({ tone: 'error', text: problemText(error, t('unexpected')) });
    } finally {
      setPending(false);
    }
  };

  const label = retry ? t('retryNow', { seq }) : t('chargeNow', { seq, amount });
  return (
    <div className="space-y-3" data-testid="plan-staff-actions">
      {confirming ? (
        <div className="space-y-3 rounded-md border p-3">
          <p className="text-sm">{t('staffConfirm', { amount, card, seq, count })}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={charge} disabled={pending} data-testid="plan-charge-confirm">
              {label}
            </Button>
            <Button type="button" variant="outline" onClick={() => setConfirming(false)} disabled={pending}>
              {t('keepSchedule')}
            </Button>
          </div>
        </div>
      ) : (
        <Button
          type="button"
          variant={retry ? 'brand' : 'outline'}
          onClick={() => {
            setNotice(null);
            setConfirming(true);
          }}
          data-testid="plan-charge-now"
        >
          {label}
        </Button>
      )}
      <Outcome notice={notice} testId="plan-charge-result" />
    </div>
  );
}
