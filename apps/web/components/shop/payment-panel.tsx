'use client';

import { isAtelierApiError } from '@atelier/sdk';
import { Clock } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useState } from 'react';
import { Field, FormMessage } from '@/components/forms/field';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Button } from '@/components/ui/button';
import { FilePicker } from '@/components/ui/file-picker';
import {
  fileToBase64,
  type OrderPayment,
  type Payment,
  SANDBOX_CARDS,
  SLIP_MAX_BYTES,
  SLIP_TYPES,
  shopPaths,
  shopRequest,
} from '@/lib/shop';
import { payerQuery, paymentStep } from './payment-step';
import { StripeCard } from './stripe-card';
import { useMoney } from './use-money';

/** How often a page waiting for money asks again (a webhook, the studio or a job may settle it). */
const REFRESH_MS = 4_000;

/** Re-renders the server page on a timer while `active`: "waiting for confirmation" updates itself. */
export function AutoRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}

/**
 * The payer's next step for the order's open payment: Stripe's card form, a SANDBOX card form, the
 * PromptPay QR with its amount and a slip upload, bank transfer details with the reference, or
 * pay-at-studio instructions. Guests act with the payment's access token from their order view.
 */
export function PaymentPanel({
  studio,
  orderId,
  payment,
  currency,
  token,
  turnedDown = null,
}: {
  studio: string;
  orderId: string;
  payment: OrderPayment;
  currency: string;
  /** A guest's order token: Stripe returns the guest to this order with it. */
  token: string | null;
  /** The studio turned the last slip down, in its words: the payer attaches another. */
  turnedDown?: string | null;
}) {
  const t = useTranslations('Checkout');
  // The API's refusals (a slip on a payment already settled, a file too large) in the payer's language.
  const word = useFieldErrorWords();
  const money = useMoney(currency);
  const router = useRouter();
  const step = paymentStep(payment);
  const base = `${shopPaths.api(studio)}/payments/${payment.id}`;
  // The order view gives the buyer (signed in, or a guest with the order link) each open payment's token.
  const asPayer = payerQuery(payment.accessToken);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [card, setCard] = useState<string>(SANDBOX_CARDS.succeeds);

  // A "slip received" from before the studio turned it down would contradict the notice below.
  useEffect(() => {
    if (turnedDown) setMessage(null);
  }, [turnedDown]);

  const run = async (call: () => Promise<Payment>, success: string) => {
    setPending(true);
    setMessage(null);
    try {
      const result = await call();
      setMessage(
        result.status === 'failed'
          ? { tone: 'error', text: t('paymentFailed', { reason: result.failureReason ?? '' }) }
          : { tone: 'success', text: success },
      );
      router.refresh();
    } catch (error) {
      setMessage({
        tone: 'error',
        text: isAtelierApiError(error)
          ? error.status === 404 && token
            ? t('guestPaymentActions')
            : error.fields[0]
              ? word(error.fields[0])
              : error.detail
          : t('unexpected'),
      });
    } finally {
      setPending(false);
    }
  };

  const confirmSandbox = (body: { card?: string; outcome?: 'complete' | 'fail' }) =>
    run(
      () =>
        shopRequest<Payment>('POST', `${base}/sandbox/confirm${asPayer}`, body, {
          'idempotency-key': crypto.randomUUID(),
        }),
      t('paymentSubmitted'),
    );

  const onCard = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void confirmSandbox({ card: card.replace(/\s+/g, '') });
  };

  return (
    <section aria-labelledby="pay-heading" className="space-y-4 rounded-xl border-2 border-brand p-5">
      <h2 id="pay-heading" className="text-lg font-semibold">
        {t('payHeading', { amount: money(payment.amountMinor) })}
      </h2>

      {turnedDown !== null ? (
        <div
          className="space-y-1 rounded-md border border-destructive p-3 text-sm"
          role="status"
          data-testid="slip-turned-down"
        >
          <p className="font-medium text-destructive">{t('slipTurnedDown')}</p>
          {turnedDown ? <p className="whitespace-pre-line">{turnedDown}</p> : null}
          <p>{t('slipTurnedDownNext')}</p>
        </div>
      ) : null}

      {step.kind === 'stripe_card' ? (
        <StripeCard
          clientSecret={step.clientSecret}
          publishableKey={step.publishableKey}
          returnTo={{ studio, orderId, orderToken: token }}
          payLabel={t('payWithCard', { amount: money(payment.amountMinor) })}
        />
      ) : step.kind === 'sandbox_authentication' ? (
        <div className="space-y-3" data-testid="sandbox-action">
          <SandboxLabel text={t('sandboxBadge')} />
          <p className="text-sm">{t('sandboxActionExplain')}</p>
          <div className="flex flex-wrap gap-2">
            <Button disabled={pending} onClick={() => confirmSandbox({ outcome: 'complete' })}>
              {t('sandboxComplete')}
            </Button>
            <Button variant="outline" disabled={pending} onClick={() => confirmSandbox({ outcome: 'fail' })}>
              {t('sandboxFail')}
            </Button>
          </div>
        </div>
      ) : step.kind === 'sandbox_card' ? (
        <form onSubmit={onCard} className="space-y-3" data-testid="sandbox-card-form">
          <SandboxLabel text={t('sandboxBadge')} />
          <p className="text-sm text-muted-foreground">{t('sandboxExplain')}</p>
          <Field
            name="card"
            idPrefix="pay"
            label={t('cardNumber')}
            inputMode="numeric"
            autoComplete="off"
            value={card}
            onChange={(e) => setCard(e.target.value)}
            hint={t('testCards', {
              ok: SANDBOX_CARDS.succeeds,
              declined: SANDBOX_CARDS.declines,
              action: SANDBOX_CARDS.requiresAction,
            })}
          />
          <Button type="submit" disabled={pending}>
            {t('payWithCard', { amount: money(payment.amountMinor) })}
          </Button>
        </form>
      ) : step.kind === 'promptpay' ? (
        <div className="grid gap-5 sm:grid-cols-[14rem_1fr]" data-testid="promptpay">
          {/* The API renders the QR as SVG; as an image it cannot run anything. White behind it for scanners. */}
          {/* biome-ignore lint/performance/noImgElement: an inline data: SVG, nothing to optimise */}
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(step.action.svg)}`}
            alt={t('promptPayQrAlt', { amount: money(step.action.amountMinor) })}
            className="w-56 rounded-lg bg-white p-2"
            width={224}
            height={224}
          />
          <div className="space-y-3 text-sm">
            <p className="text-2xl font-semibold" data-testid="promptpay-amount">
              {money(step.action.amountMinor)}
            </p>
            <p>{t('promptPayExplain')}</p>
            <p>
              {t('promptPayId')} <span className="font-mono">{step.action.promptPayId}</span>
            </p>
            <SlipUpload url={`${base}/slip${asPayer}`} onDone={run} />
          </div>
        </div>
      ) : step.kind === 'bank_transfer' ? (
        <div className="space-y-3 text-sm" data-testid="bank-transfer">
          <p className="whitespace-pre-line">{step.action.instructions || t('bankTransferDefault')}</p>
          <p>
            {t('bankReference')}{' '}
            <span
              className="rounded bg-muted px-2 py-1 font-mono text-base font-semibold"
              data-testid="bank-reference"
            >
              {step.action.reference}
            </span>
          </p>
          <p>{t('bankAmount', { amount: money(payment.amountMinor) })}</p>
          <SlipUpload url={`${base}/slip${asPayer}`} onDone={run} />
        </div>
      ) : step.kind === 'pay_at_studio' ? (
        <p className="whitespace-pre-line text-sm">{step.instructions || t('payAtStudioDefault')}</p>
      ) : step.kind === 'redirect' ? (
        // A Stripe Checkout Session (the API makes one when the checkout gave a returnUrl).
        <Button asChild>
          <a href={step.url}>{t('continueToPay')}</a>
        </Button>
      ) : null}

      {step.kind === 'stripe_card' ? null : (
        // Before the card form is filled in there is nothing to wait for yet.
        <p
          className="flex items-center gap-2 text-sm text-muted-foreground"
          role="status"
          data-testid="waiting"
        >
          <Clock className="size-4" aria-hidden="true" />
          {t('waitingForConfirmation')}
        </p>
      )}
      {message ? <FormMessage tone={message.tone}>{message.text}</FormMessage> : null}
    </section>
  );
}

/** The label that says a payment step is the sandbox's (no money moves). */
export function SandboxLabel({ text }: { text: string }) {
  return (
    <p className="inline-block rounded bg-brand px-2 py-0.5 text-xs font-bold uppercase tracking-wide text-brand-foreground">
      {text}
    </p>
  );
}

/** Attach a transfer slip (image or PDF, up to 5 MiB) for the studio to check. */
function SlipUpload({
  url,
  onDone,
}: {
  /** The slip route, with the payer's token for a guest. */
  url: string;
  onDone: (call: () => Promise<Payment>, success: string) => Promise<void>;
}) {
  const t = useTranslations('Checkout');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('slip');
    if (!(file instanceof File) || file.size === 0) return setError(t('slipChoose'));
    if (!(SLIP_TYPES as readonly string[]).includes(file.type)) return setError(t('slipType'));
    if (file.size > SLIP_MAX_BYTES) return setError(t('slipTooBig'));
    setError(null);
    const dataBase64 = await fileToBase64(file);
    await onDone(
      () =>
        shopRequest<Payment>(
          'POST',
          url,
          { contentType: file.type, dataBase64 },
          { 'idempotency-key': crypto.randomUUID() },
        ),
      t('slipSent'),
    );
  };
  return (
    <form onSubmit={onSubmit} className="space-y-2 border-t pt-3">
      <label htmlFor="slip" className="block text-sm font-medium">
        {t('slipLabel')}
      </label>
      <FilePicker
        id="slip"
        name="slip"
        accept={SLIP_TYPES.join(',')}
        aria-describedby={error ? 'slip-error' : undefined}
        aria-invalid={error ? true : undefined}
        chooseLabel={t('slipPick')}
        emptyLabel={t('slipNoFile')}
      />
      {error ? (
        <p id="slip-error" className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="outline" size="sm">
        {t('slipSend')}
      </Button>
    </form>
  );
}
