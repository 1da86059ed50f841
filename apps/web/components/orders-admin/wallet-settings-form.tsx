'use client';

import { Plus, Trash2 } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Field, FormMessage } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatMoney } from '@/lib/money';
import { toMajorText, toMinor } from './amounts';
import { studioCall } from './browser-api';
import { Check } from './fields';
import { type Errors, useSaveForm } from './save-form';
import type { StudioInfo, WalletSettings } from './types';

interface TierDraft {
  key: number;
  min: string;
  bonus: string;
}

let nextKey = 1;

/** Wallet top-ups: on/off, the allowed range, and bonus tiers (top up 1,000 get 100). */
export function WalletSettingsForm({ studio, initial }: { studio: StudioInfo; initial: WalletSettings }) {
  const t = useTranslations('OrdersAdmin');
  const locale = useLocale();
  const currency = studio.currency;
  const [enabled, setEnabled] = useState(initial.topupsEnabled);
  const [min, setMin] = useState(toMajorText(initial.minTopupMinor, currency));
  const [max, setMax] = useState(toMajorText(initial.maxTopupMinor, currency));
  const [tiers, setTiers] = useState<TierDraft[]>(
    initial.bonusTiers.map((tier) => ({
      key: nextKey++,
      min: toMajorText(tier.minTopupMinor, currency),
      bonus: toMajorText(tier.bonusMinor, currency),
    })),
  );
  const update = (key: number, patch: Partial<TierDraft>) =>
    setTiers((current) => current.map((tier) => (tier.key === key ? { ...tier, ...patch } : tier)));

  const form = useSaveForm<WalletSettings>({
    savedText: t('walletSettings.saved'),
    validate: () => {
      const errors: Errors = {};
      const amount = (text: string, field: string, allowZero = false) => {
        const minor = toMinor(text, currency);
        if (minor === null) errors[field] = t('errors.required');
        else if (Number.isNaN(minor) || (!allowZero && minor <= 0)) errors[field] = t('errors.amount');
        return minor ?? 0;
      };
      const minTopupMinor = amount(min, 'minTopupMinor');
      const maxTopupMinor = amount(max, 'maxTopupMinor');
      if (!errors.maxTopupMinor && !errors.minTopupMinor && maxTopupMinor < minTopupMinor)
        errors.maxTopupMinor = t('walletSettings.maxBelowMin');
      const bonusTiers = tiers.map((tier, index) => ({
        minTopupMinor: amount(tier.min, `bonusTiers.${index}.minTopupMinor`),
        bonusMinor: amount(tier.bonus, `bonusTiers.${index}.bonusMinor`, true),
      }));
      const seen = new Set<number>();
      bonusTiers.forEach((tier, index) => {
        if (seen.has(tier.minTopupMinor))
          errors[`bonusTiers.${index}.minTopupMinor`] = t('walletSettings.duplicate');
        seen.add(tier.minTopupMinor);
      });
      return {
        errors,
        value: {
          topupsEnabled: enabled,
          minTopupMinor,
          maxTopupMinor,
          bonusTiers: [...bonusTiers].sort((a, b) => a.minTopupMinor - b.minTopupMinor),
        },
      };
    },
    save: async (value) => {
      const saved = await studioCall<WalletSettings>(studio.slug, 'PUT', '/wallet/settings', value);
      setTiers(
        saved.bonusTiers.map((tier) => ({
          key: nextKey++,
          min: toMajorText(tier.minTopupMinor, currency),
          bonus: toMajorText(tier.bonusMinor, currency),
        })),
      );
    },
  });

  const preview = (tier: TierDraft) => {
    const minMinor = toMinor(tier.min, currency);
    const bonusMinor = toMinor(tier.bonus, currency);
    if (!minMinor || bonusMinor === null || Number.isNaN(minMinor) || Number.isNaN(bonusMinor)) return null;
    return t('walletSettings.tierPreview', {
      min: formatMoney({ amountMinor: minMinor, currency }, locale),
      bonus: formatMoney({ amountMinor: bonusMinor, currency }, locale),
    });
  };

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-6">
      <Card className="space-y-4 p-5 sm:p-6">
        <Check label={t('walletSettings.enabled')} checked={enabled} onChange={setEnabled} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            name="minTopupMinor"
            label={t('walletSettings.min', { currency })}
            inputMode="decimal"
            value={min}
            onChange={(event) => setMin(event.target.value)}
            error={form.errors.minTopupMinor}
          />
          <Field
            name="maxTopupMinor"
            label={t('walletSettings.max', { currency })}
            inputMode="decimal"
            value={max}
            onChange={(event) => setMax(event.target.value)}
            error={form.errors.maxTopupMinor}
          />
        </div>
      </Card>
      <Card className="space-y-4 p-5 sm:p-6">
        <div>
          <h2 className="text-lg font-semibold">{t('walletSettings.tiers')}</h2>
          <p className="text-sm text-muted-foreground">{t('walletSettings.tiersLead')}</p>
        </div>
        {tiers.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('walletSettings.noTiers')}</p>
        ) : null}
        <ol className="space-y-3">
          {tiers.map((tier, index) => (
            <li key={tier.key} className="rounded-lg border p-3">
              <fieldset>
                <legend className="sr-only">{t('walletSettings.tier', { n: index + 1 })}</legend>
                <div className="grid items-start gap-3 sm:grid-cols-[1fr_1fr_auto]">
                  <Field
                    name="minTopupMinor"
                    idPrefix={`tier-${tier.key}`}
                    label={t('walletSettings.tierMin', { n: index + 1, currency })}
                    inputMode="decimal"
                    value={tier.min}
                    onChange={(event) => update(tier.key, { min: event.target.value })}
                    error={form.errors[`bonusTiers.${index}.minTopupMinor`]}
                  />
                  <Field
                    name="bonusMinor"
                    idPrefix={`tier-${tier.key}`}
                    label={t('walletSettings.tierBonus', { n: index + 1, currency })}
                    inputMode="decimal"
                    value={tier.bonus}
                    onChange={(event) => update(tier.key, { bonus: event.target.value })}
                    error={form.errors[`bonusTiers.${index}.bonusMinor`]}
                  />
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="sm:mt-7"
                    aria-label={t('walletSettings.removeTier', { n: index + 1 })}
                    onClick={() => setTiers((current) => current.filter((entry) => entry.key !== tier.key))}
                  >
                    <Trash2 aria-hidden="true" />
                  </Button>
                </div>
                {preview(tier) ? <p className="mt-2 text-sm text-muted-foreground">{preview(tier)}</p> : null}
              </fieldset>
            </li>
          ))}
        </ol>
        {tiers.length < 20 ? (
          <Button
            type="button"
            variant="outline"
            onClick={() => setTiers((current) => [...current, { key: nextKey++, min: '', bonus: '' }])}
          >
            <Plus aria-hidden="true" />
            {t('walletSettings.addTier')}
          </Button>
        ) : null}
      </Card>
      {form.message ? <FormMessage tone={form.message.tone}>{form.message.text}</FormMessage> : null}
      <Button type="submit" disabled={form.pending}>
        {t('save')}
      </Button>
    </form>
  );
}
