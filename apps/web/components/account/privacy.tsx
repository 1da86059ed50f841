'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Checkbox } from '@/components/auth/forms';
import { Field, FormMessage } from '@/components/forms/field';
import { useForm } from '@/components/forms/use-form';
import { Button } from '@/components/ui/button';
import { callApi } from '@/lib/browser-api';

/** Name, phone and marketing consent through `PATCH /api/v1/me` (rendered only when the route exists). */
export function ProfileForm({ name, phone }: { name: string; phone: string | null }) {
  const t = useTranslations('Account.profile');
  const tAuth = useTranslations('Auth');
  const tForms = useTranslations('Forms');
  const [saved, setSaved] = useState(false);
  const form = useForm<{ name: string; phone: string }>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({
      name: values.name.trim() ? undefined : tAuth('nameRequired'),
      phone: /^[+0-9 ()-]*$/.test(values.phone) ? undefined : tAuth('phoneInvalid'),
    }),
    async submit(values) {
      setSaved(false);
      await callApi('PATCH', '/api/v1/me', { name: values.name.trim(), phone: values.phone.trim() || null });
      setSaved(true);
    },
    onApiError: (error) => (error.unreachable ? { form: tForms('unreachable') } : { form: error.detail }),
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-4">
      {form.formError ? <FormMessage tone="error">{form.formError}</FormMessage> : null}
      {saved ? <FormMessage tone="success">{t('saved')}</FormMessage> : null}
      <Field
        idPrefix="profile"
        name="name"
        label={t('name')}
        defaultValue={name}
        autoComplete="name"
        error={form.fieldErrors.name}
      />
      <Field
        idPrefix="profile"
        name="phone"
        type="tel"
        label={t('phone')}
        defaultValue={phone ?? ''}
        autoComplete="tel"
        error={form.fieldErrors.phone}
      />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? t('pending') : t('edit')}
      </Button>
    </form>
  );
}

export function MarketingConsentForm({ consent }: { consent: boolean }) {
  const t = useTranslations('Account.privacy');
  const tForms = useTranslations('Forms');
  const [saved, setSaved] = useState(false);
  const form = useForm<{ marketingConsent: string }>({
    unexpected: tForms('unexpected'),
    async submit(_values, element) {
      setSaved(false);
      const checked = (element.elements.namedItem('marketingConsent') as HTMLInputElement).checked;
      await callApi('PATCH', '/api/v1/me', { marketingConsent: checked });
      setSaved(true);
    },
    onApiError: (error) => (error.unreachable ? { form: tForms('unreachable') } : { form: error.detail }),
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-3">
      {form.formError ? <FormMessage tone="error">{form.formError}</FormMessage> : null}
      {saved ? <FormMessage tone="success">{t('saved')}</FormMessage> : null}
      <Checkbox idPrefix="privacy" name="marketingConsent" label={t('marketing')} defaultChecked={consent} />
      <Button type="submit" variant="outline" size="sm" disabled={form.pending}>
        {t('save')}
      </Button>
    </form>
  );
}

export function DeleteAccountForm() {
  const t = useTranslations('Account.privacy');
  const tForms = useTranslations('Forms');
  const tTwo = useTranslations('Account.twoFactor');
  const form = useForm<{ confirm: string; password: string }>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({
      password: values.password ? undefined : tTwo('passwordWrong'),
      confirm: values.confirm === t('deleteWord') ? undefined : t('deleteMismatch'),
    }),
    async submit(values) {
      await callApi('DELETE', '/api/v1/me', { password: values.password });
      window.location.assign('/');
    },
    onApiError: (error) =>
      error.unreachable
        ? { form: tForms('unreachable') }
        : error.status === 400 || error.status === 401 || error.status === 403
          ? { fields: { password: tTwo('passwordWrong') } }
          : { form: error.detail },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-3">
      {form.formError ? <FormMessage tone="error">{form.formError}</FormMessage> : null}
      <Field
        idPrefix="delete"
        name="password"
        type="password"
        label={tTwo('password')}
        autoComplete="current-password"
        error={form.fieldErrors.password}
        className="max-w-xs"
      />
      <Field
        idPrefix="delete"
        name="confirm"
        label={t('deleteConfirm')}
        autoComplete="off"
        error={form.fieldErrors.confirm}
        className="max-w-xs"
      />
      <Button
        type="submit"
        variant="outline"
        className="border-destructive text-destructive"
        disabled={form.pending}
      >
        {form.pending ? t('deleting') : t('delete')}
      </Button>
    </form>
  );
}
