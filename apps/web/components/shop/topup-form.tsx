'use client';

import { isAtelierApiError } from '@atelier/sdk';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Field, FormMessage } from '@/components/forms/field';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { toMinor } from '@/components/orders-admin/amounts';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { newIdempotencyKey, SANDBOX_CARDS, shopPaths, shopRequest, type Topup } from '@/lib/shop';
import { ChoiceCard } from './checkout-parts';
import { type BonusTier, tierFor } from './topup-tiers';
import { useMoney } from './use-money';

/** The studio's top-up rules, from the client's wallet answer. */
export interface TopupOffer {
  minTopupMinor: number;
  maxTopupMinor: number;
  bonusTiers: BonusTier[];
}

/** Suggested top-ups in minor units; 1,000 THB is where the demo's bonus tier starts. */
const PRESETS: Record<string, number[]> = { THB: [50_000, 100_000, 200_000] };
const DEFAULT_PRESETS = [2_500, 5_000, 10_000];

/**
 * Adds money to the wallet by the SANDBOX card or PromptPay. The studio's bonus tiers are listed before
 * paying, and the one the chosen or typed amount reaches is highlighted. The server fixes the bonus when
 * the top-up starts and credits amount + bonus once the payment succeeds (an event, so the balance shown
 * by the page follows a moment later: the page refreshes until it does).
 */
export function TopupForm({
  studio,
  currency,
  methods,
  balanceMinor,
  offer,
}: {
  studio: string;
  currency: string;
  methods: ('sandbox' | 'promptpay')[];
  balanceMinor: number;
  offer: TopupOffer;
}) {
  const t = useTranslations('Checkout');
  // A refusal (limits, top-ups turned off, a card that is no test card) in the client's language.
  const word = useFieldErrorWords();
  const money = useMoney(currency);
  const router = useRouter();
  const presets = (PRESETS[currency] ?? DEFAULT_PRESETS).filter(
    (preset) => preset >= offer.minTopupMinor && preset <= offer.maxTopupMinor,
  );
  const [preset, setPreset] = useState<number | null>(presets[1] ?? presets[0] ?? null);
  const [typed, setTyped] = useState('');
  // A typed amount wins over the preset cards; NaN while what is typed is not an amount.
  const typedMinor = toMinor(typed, currency);
  const amount = typedMinor ?? preset;
  const amountError =
    amount === null
      ? null
      : Number.isNaN(amount)
        ? t('topupAmountInvalid')
        : amount < offer.minTopupMinor || amount > offer.maxTopupMinor
          ? t('topupAmountRange', { min: money(offer.minTopupMinor), max: money(offer.maxTopupMinor) })
          : null;
  const usable = amount !== null && amountError === null ? amount : null;
  const { reached, next } = tierFor(offer.bonusTiers, usable);
  const [provider, setProvider] = useState<'sandbox' | 'promptpay'>(methods[0] ?? 'sandbox');
  const [card, setCard] = useState<string>(SANDBOX_CARDS.succeeds);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [topup, setTopup] = useState<Topup | null>(null);
  const startBalance = useRef(balanceMinor);

  // After a top-up, refresh until the credit (an outbox event) has reached the balance.
  const waiting =
    topup !== null && balanceMinor === startBalance.current && topup.payment?.status !== 'failed';
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => router.refresh(), 2_000);
    return () => clearInterval(timer);
  }, [waiting, router]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (usable === null) {
      setError(amountError ?? t('topupAmountInvalid'));
      return;
    }
    setPending(true);
    setError(null);
    startBalance.current = balanceMinor;
    try {
      const started = await shopRequest<Topup>(
        'POST',
        `${shopPaths.api(studio)}/wallet/top-ups`,
        {
          amountMinor: usable,
          provider,
          ...(provider === 'sandbox' ? { sandboxCard: card.replace(/\s+/g, '') } : {}),
        },
        { 'idempotency-key': newIdempotencyKey() },
      );
      setTopup(started);
      router.refresh();
    } catch (caught) {
      const [rule] = isAtelierApiError(caught) ? caught.fields : [];
      setError(rule ? word(rule) : isAtelierApiError(caught) ? caught.detail : t('unexpected'));
    } finally {
      setPending(false);
    }
  };

  const action = topup?.payment?.nextAction;
  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-medium">{t('topupAmount')}</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {presets.map((choice) => {
            const bonus = tierFor(offer.bonusTiers, choice).reached;
            return (
              <ChoiceCard
                key={choice}
                name="amount"
                value={String(choice)}
                checked={typed.trim() === '' && preset === choice}
                onChange={() => {
                  setPreset(choice);
                  setTyped('');
                }}
                title={money(choice)}
                description={bonus ? t('topupPlusBonus', { bonus: money(bonus.bonusMinor) }) : undefined}
              />
            );
          })}
        </div>
        <Field
          name="customAmount"
          idPrefix="topup"
          label={t('topupOther')}
          inputMode="decimal"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          hint={t('topupLimits', { min: money(offer.minTopupMinor), max: money(offer.maxTopupMinor) })}
          error={typed.trim() !== '' && amountError ? amountError : undefined}
        />
      </fieldset>
      {offer.bonusTiers.length > 0 ? (
        <section aria-labelledby="topup-tiers-heading" className="space-y-2">
          <h3 id="topup-tiers-heading" className="text-sm font-medium">
            {t('topupTiersHeading')}
          </h3>
          <ul className="grid gap-2 sm:grid-cols-2" data-testid="topup-tiers">
            {offer.bonusTiers.map((tier) => {
              const isReached = reached?.minTopupMinor === tier.minTopupMinor;
              return (
                <li
                  key={tier.minTopupMinor}
                  data-reached={isReached ? 'true' : undefined}
                  className={cn(
                    'rounded-lg border p-3 text-sm',
                    isReached ? 'border-brand bg-brand/10 font-medium' : 'text-muted-foreground',
                  )}
                >
                  {t('topupTier', { amount: money(tier.minTopupMinor), bonus: money(tier.bonusMinor) })}
                  {isReached ? <span className="sr-only"> ({t('topupTierReachedLabel')})</span> : null}
                </li>
              );
            })}
          </ul>
          <p className="text-sm" aria-live="polite" data-testid="topup-tier-note">
            {reached
              ? t('topupTierReached', { bonus: money(reached.bonusMinor) })
              : next && usable !== null
                ? t('topupTierNext', {
                    more: money(next.minTopupMinor - usable),
                    bonus: money(next.bonusMinor),
                  })
                : ''}
          </p>
        </section>
      ) : null}
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-medium">{t('paymentHeading')}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {methods.map((method) => (
            <ChoiceCard
              key={method}
              name="provider"
              value={method}
              checked={provider === method}
              onChange={() => setProvider(method)}
              title={t(`methods.${method}`)}
              badge={method === 'sandbox' ? t('sandboxBadge') : undefined}
            />
          ))}
        </div>
      </fieldset>
      {provider === 'sandbox' ? (
        <Field
          name="card"
          idPrefix="topup"
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
      ) : null}
      <Button type="submit" disabled={pending} data-testid="topup-submit">
        {usable !== null ? t('topupSubmit', { amount: money(usable) }) : t('topupSubmitAny')}
      </Button>
      {error ? <FormMessage tone="error">{error}</FormMessage> : null}
      {topup ? (
        <div className="space-y-3">
          <FormMessage tone={topup.payment?.status === 'failed' ? 'error' : 'success'}>
            <span data-testid="topup-result">
              {topup.payment?.status === 'failed'
                ? t('topupFailed')
                : topup.bonusMinor > 0
                  ? t('topupStartedBonus', {
                      amount: money(topup.amountMinor),
                      bonus: money(topup.bonusMinor),
                    })
                  : t('topupStarted', { amount: money(topup.amountMinor) })}
              {waiting && topup.payment?.status === 'succeeded' ? ` ${t('topupCrediting')}` : ''}
            </span>
          </FormMessage>
          {action?.type === 'promptpay_qr' && topup.payment?.status !== 'succeeded' ? (
            <div className="flex flex-wrap items-center gap-4">
              {/* biome-ignore lint/performance/noImgElement: an inline data: SVG, nothing to optimise */}
              <img
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(action.svg)}`}
                alt={t('promptPayQrAlt', { amount: money(action.amountMinor) })}
                className="w-48 rounded-lg bg-white p-2"
                width={192}
                height={192}
              />
              <p className="text-sm">{t('promptPayExplain')}</p>
            </div>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
