'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Field, FormMessage } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { studioCall } from './browser-api';
import { TextArea } from './fields';
import { useSaveForm } from './save-form';
import type { PaymentSettings, StudioInfo } from './types';

const PROVIDERS = ['manual', 'promptpay', 'stripe', 'wallet', 'sandbox'] as const;
const MANUAL = ['bank_transfer', 'cash', 'invoice'] as const;

/** What the studio chooses (the view adds which providers the server can run, which it cannot change). */
type StudioChoices = Omit<PaymentSettings, 'serverProviders'>;

/** Thai mobile (0 + 9 digits) or a 13-digit id; the API checks the id's check digit too. */
const PROMPTPAY = /^(0\d{9}|\d{13})$/;

/** How the studio takes money: providers, manual methods, PromptPay id and the payer's instructions. */
export function PaymentSettingsForm({ studio, initial }: { studio: StudioInfo; initial: PaymentSettings }) {
  const t = useTranslations('OrdersAdmin');
  // The form shows what checkout offers. PromptPay is offered only once it has an id: a studio that
  // never saved these settings has it on in the API's defaults but not at checkout, and a first save
  // should not ask for an id the owner never meant to give. A provider this server cannot run (Stripe
  // without keys, test cards off) is shown off and cannot be switched on, with the reason beside it;
  // on by default, it looked like a checkout that had lost its card option. Its stored choice is kept
  // through saves, though: a server that lost its Stripe keys for a while must not cost the studio
  // its card payments (nor write a change to the audit log the owner never made).
  const { serverProviders, ...chosen } = initial;
  const shown = (choices: StudioChoices): StudioChoices => ({
    ...choices,
    enabledProviders: choices.enabledProviders.filter(
      (provider) => serverProviders.includes(provider) && (provider !== 'promptpay' || choices.promptPayId),
    ),
  });
  const [stored, setStored] = useState<StudioChoices>(chosen);
  const [settings, setSettings] = useState<StudioChoices>(() => shown(chosen));
  const set = <K extends keyof StudioChoices>(key: K, value: StudioChoices[K]) =>
    setSettings((current) => ({ ...current, [key]: value }));
  const toggle = <V extends string>(list: V[], value: V, on: boolean) =>
    on ? [...new Set([...list, value])] : list.filter((entry) => entry !== value);

  const form = useSaveForm<StudioChoices>({
    savedText: t('paymentSettings.saved'),
    validate: () => {
      const errors: Record<string, string> = {};
      const id = (settings.promptPayId ?? '').replace(/[\s-]/g, '');
      if (settings.enabledProviders.includes('promptpay') && !id)
        errors.promptPayId = t('paymentSettings.promptPayNeeded');
      else if (id && !PROMPTPAY.test(id)) errors.promptPayId = t('paymentSettings.promptPayInvalid');
      // Nothing on leaves checkout no way to pay; the API refuses that too (422 on enabledProviders).
      if (settings.enabledProviders.length === 0)
        errors.enabledProviders = t('paymentSettings.providersNeeded');
      if (settings.enabledProviders.includes('manual') && settings.manualMethods.length === 0)
        errors.manualMethods = t('paymentSettings.manualNeeded');
      const keptOffServer = stored.enabledProviders.filter((provider) => !serverProviders.includes(provider));
      return {
        errors,
        value: {
          ...settings,
          promptPayId: id || null,
          enabledProviders: [...settings.enabledProviders, ...keptOffServer],
        },
      };
    },
    save: async (value) => {
      const { serverProviders: _server, ...saved } = await studioCall<PaymentSettings>(
        studio.slug,
        'PUT',
        '/payment-settings',
        value,
      );
      setStored(saved);
      setSettings(shown(saved));
    },
  });

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-6">
      <Card className="space-y-4 p-5 sm:p-6">
        <fieldset
          className="space-y-2"
          aria-describedby={form.errors.enabledProviders ? 'providers-error' : undefined}
        >
          <legend className="text-lg font-semibold">{t('paymentSettings.providers')}</legend>
          <p className="text-sm text-muted-foreground">{t('paymentSettings.providersLead')}</p>
          {PROVIDERS.map((provider) => {
            const onServer = serverProviders.includes(provider);
            const note = `provider-${provider}-server`;
            return (
              <label key={provider} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="enabledProviders"
                  value={provider}
                  checked={settings.enabledProviders.includes(provider)}
                  disabled={!onServer}
                  onChange={(event) =>
                    set('enabledProviders', toggle(settings.enabledProviders, provider, event.target.checked))
                  }
                  aria-invalid={form.errors.enabledProviders ? true : undefined}
                  aria-describedby={onServer ? undefined : note}
                  className="mt-0.5 size-4 accent-[var(--brand)] disabled:opacity-50"
                />
                <span>
                  <span className="font-medium">{t(`provider.${provider}`)}</span>
                  <span className="block text-muted-foreground">
                    {t(`paymentSettings.providerHint.${provider}`)}
                  </span>
                  {onServer ? null : (
                    <span id={note} data-testid={note} className="block font-medium text-muted-foreground">
                      {t(
                        `paymentSettings.notOnServer.${provider === 'stripe' || provider === 'sandbox' ? provider : 'other'}`,
                      )}
                    </span>
                  )}
                </span>
              </label>
            );
          })}
          {form.errors.enabledProviders ? (
            <p id="providers-error" className="text-sm font-medium text-destructive">
              {form.errors.enabledProviders}
            </p>
          ) : null}
        </fieldset>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={settings.stripeEnabled}
            // Connecting a studio means nothing on a server without Stripe keys (it can still be undone).
            disabled={!serverProviders.includes('stripe') && !stored.stripeEnabled}
            onChange={(event) => set('stripeEnabled', event.target.checked)}
            className="size-4 accent-[var(--brand)]"
          />
          {t('paymentSettings.stripeEnabled')}
        </label>
      </Card>

      <Card className="space-y-4 p-5 sm:p-6">
        <fieldset
          className="space-y-2"
          aria-describedby={form.errors.manualMethods ? 'manual-methods-error' : undefined}
        >
          <legend className="text-lg font-semibold">{t('paymentSettings.manualMethods')}</legend>
          {MANUAL.map((method) => (
            <label key={method} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                value={method}
                checked={settings.manualMethods.includes(method)}
                onChange={(event) =>
                  set('manualMethods', toggle(settings.manualMethods, method, event.target.checked))
                }
                aria-invalid={form.errors.manualMethods ? true : undefined}
                className="size-4 accent-[var(--brand)]"
              />
              {t(`manualMethod.${method}`)}
            </label>
          ))}
          {form.errors.manualMethods ? (
            <p id="manual-methods-error" className="text-sm font-medium text-destructive">
              {form.errors.manualMethods}
            </p>
          ) : null}
        </fieldset>
        <TextArea
          name="bankTransferInstructions"
          label={t('paymentSettings.bankInstructions')}
          hint={t('paymentSettings.bankInstructionsHint')}
          value={settings.bankTransferInstructions}
          onChange={(value) => set('bankTransferInstructions', value)}
          error={form.errors.bankTransferInstructions}
          maxLength={2000}
        />
        <TextArea
          name="payAtStudioInstructions"
          label={t('paymentSettings.studioInstructions')}
          hint={t('paymentSettings.studioInstructionsHint')}
          value={settings.payAtStudioInstructions}
          onChange={(value) => set('payAtStudioInstructions', value)}
          error={form.errors.payAtStudioInstructions}
          maxLength={2000}
        />
      </Card>

      <Card className="space-y-4 p-5 sm:p-6">
        <h2 className="text-lg font-semibold">{t('paymentSettings.promptPay')}</h2>
        <Field
          name="promptPayId"
          label={t('paymentSettings.promptPayId')}
          hint={t('paymentSettings.promptPayHint')}
          inputMode="numeric"
          autoComplete="off"
          value={settings.promptPayId ?? ''}
          onChange={(event) => set('promptPayId', event.target.value)}
          error={form.errors.promptPayId}
          maxLength={20}
        />
      </Card>

      {form.message ? <FormMessage tone={form.message.tone}>{form.message.text}</FormMessage> : null}
      <Button type="submit" disabled={form.pending}>
        {t('save')}
      </Button>
    </form>
  );
}
