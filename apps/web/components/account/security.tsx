'use client';

import { parseTotpUri } from '@atelier/sdk';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Checkbox } from '@/components/auth/forms';
import { Field, FormMessage } from '@/components/forms/field';
import { apiFieldErrors, PASSWORD_MAX, PASSWORD_MIN, useForm } from '@/components/forms/use-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { auth } from '@/lib/browser-api';

export function ChangePasswordForm() {
  const t = useTranslations('Account.password');
  const tAuth = useTranslations('Auth');
  const tForms = useTranslations('Forms');
  const [done, setDone] = useState(false);
  const form = useForm<{
    currentPassword: string;
    newPassword: string;
    confirmPassword: string;
    revokeOtherSessions: string;
  }>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({
      currentPassword: values.currentPassword ? undefined : tAuth('passwordRequired'),
      newPassword:
        values.newPassword.length < PASSWORD_MIN
          ? tAuth('passwordTooShort')
          : values.newPassword.length > PASSWORD_MAX
            ? tAuth('passwordTooLong')
            : undefined,
      confirmPassword: values.confirmPassword === values.newPassword ? undefined : tAuth('confirmMismatch'),
    }),
    async submit(values, element) {
      setDone(false);
      await auth.changePassword({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
        revokeOtherSessions: values.revokeOtherSessions === 'on',
      });
      element.reset();
      setDone(true);
    },
    onApiError: (error) => {
      if (error.unreachable) return { form: tForms('unreachable') };
      if (error.status === 400 && error.fields.length === 0)
        return { fields: { currentPassword: t('wrongCurrent') } };
      if (error.status === 401) return { fields: { currentPassword: t('wrongCurrent') } };
      const fields = apiFieldErrors(error, { newPassword: tAuth('passwordTooShort') });
      return Object.keys(fields).length > 0 ? { fields } : { form: tForms('unexpected') };
    },
  });
  return (
    <form
      ref={form.formRef}
      onSubmit={form.onSubmit}
      noValidate
      className="space-y-4"
      aria-labelledby="change-password"
    >
      <h3 id="change-password" className="font-semibold">
        {t('title')}
      </h3>
      {form.formError ? <FormMessage tone="error">{form.formError}</FormMessage> : null}
      {done ? <FormMessage tone="success">{t('done')}</FormMessage> : null}
      <Field
        name="currentPassword"
        type="password"
        label={t('current')}
        autoComplete="current-password"
        error={form.fieldErrors.currentPassword}
      />
      <Field
        name="newPassword"
        type="password"
        label={t('new')}
        autoComplete="new-password"
        maxLength={PASSWORD_MAX}
        hint={tAuth('passwordHint')}
        error={form.fieldErrors.newPassword}
      />
      <Field
        name="confirmPassword"
        type="password"
        label={t('confirm')}
        autoComplete="new-password"
        error={form.fieldErrors.confirmPassword}
      />
      <Checkbox name="revokeOtherSessions" label={t('revokeOthers')} defaultChecked />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? t('pending') : t('submit')}
      </Button>
    </form>
  );
}

type Step =
  | { kind: 'idle' }
  | { kind: 'confirm-enable' }
  | { kind: 'setup'; totpURI: string; backupCodes: string[] }
  | { kind: 'confirm-disable' };

export function TwoFactorSettings({ enabled: initiallyEnabled }: { enabled: boolean }) {
  const t = useTranslations('Account.twoFactor');
  const tForms = useTranslations('Forms');
  const [enabled, setEnabled] = useState(initiallyEnabled);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);

  const passwordForm = useForm<{ password: string }>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({ password: values.password ? undefined : t('passwordWrong') }),
    async submit(values) {
      setNotice(null);
      if (step.kind === 'confirm-disable') {
        await auth.twoFactor.disable({ password: values.password });
        setEnabled(false);
        setStep({ kind: 'idle' });
        setNotice(t('disabled'));
      } else {
        const setup = await auth.twoFactor.enable({ password: values.password });
        setStep({ kind: 'setup', ...setup });
      }
    },
    onApiError: (error) =>
      error.unreachable
        ? { form: tForms('unreachable') }
        : error.status === 400 || error.status === 401
          ? { fields: { password: t('passwordWrong') } }
          : { form: tForms('unexpected') },
  });

  const codeForm = useForm<{ code: string }>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({
      code: /^\d{6}$/.test(values.code.replace(/\s/g, '')) ? undefined : t('codeWrong'),
    }),
    async submit(values) {
      await auth.twoFactor.verifyTotp({ code: values.code.replace(/\s/g, '') });
      setEnabled(true);
      setStep({ kind: 'idle' });
      setNotice(t('enabled'));
    },
    onApiError: (error) =>
      error.unreachable
        ? { form: tForms('unreachable') }
        : error.status === 400 || error.status === 401
          ? { fields: { code: t('codeWrong') } }
          : { form: tForms('unexpected') },
  });

  const setup = step.kind === 'setup' ? parseTotpUri(step.totpURI) : null;

  return (
    <section aria-labelledby="two-factor" className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h3 id="two-factor" className="font-semibold">
          {t('title')}
        </h3>
        <Badge variant={enabled ? 'secondary' : 'outline'} data-testid="two-factor-status">
          {enabled ? t('on') : t('off')}
        </Badge>
      </div>
      <p className="text-sm text-muted-foreground">{enabled ? t('leadOn') : t('leadOff')}</p>
      {notice ? <FormMessage tone="success">{notice}</FormMessage> : null}

      {step.kind === 'idle' ? (
        <Button
          type="button"
          variant="outline"
          onClick={() => {
            setNotice(null);
            setStep({ kind: enabled ? 'confirm-disable' : 'confirm-enable' });
          }}
        >
          {enabled ? t('disable') : t('enable')}
        </Button>
      ) : null}

      {step.kind === 'confirm-enable' || step.kind === 'confirm-disable' ? (
        <form ref={passwordForm.formRef} onSubmit={passwordForm.onSubmit} noValidate className="space-y-4">
          {passwordForm.formError ? <FormMessage tone="error">{passwordForm.formError}</FormMessage> : null}
          <Field
            idPrefix="two-factor"
            name="password"
            type="password"
            label={t('confirmPassword')}
            autoComplete="current-password"
            error={passwordForm.fieldErrors.password}
            autoFocus
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" disabled={passwordForm.pending}>
              {passwordForm.pending
                ? t('pending')
                : step.kind === 'confirm-disable'
                  ? t('disable')
                  : t('enable')}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setStep({ kind: 'idle' })}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      ) : null}

      {step.kind === 'setup' ? (
        <div className="space-y-5 rounded-lg border p-4">
          <h4 className="font-semibold">{t('setupTitle')}</h4>
          <p className="text-sm">{t('setupManual')}</p>
          {setup ? (
            <p>
              <span className="sr-only">{t('secret')}: </span>
              <code
                data-testid="totp-secret"
                className="block break-all rounded-md bg-muted px-3 py-2 font-mono text-base tracking-wider"
              >
                {setup.secret}
              </code>
            </p>
          ) : null}
          <div className="space-y-1">
            <p className="text-sm">{t('uri')}</p>
            <code
              data-testid="totp-uri"
              className="block break-all rounded-md bg-muted px-3 py-2 font-mono text-xs"
            >
              {step.totpURI}
            </code>
          </div>
          <p className="text-xs text-muted-foreground">{t('noQr')}</p>
          <div className="space-y-2">
            <h5 className="font-semibold">{t('backupTitle')}</h5>
            <p className="text-sm text-muted-foreground">{t('backupLead')}</p>
            <ul
              className="grid grid-cols-2 gap-2 font-mono text-sm sm:grid-cols-3"
              data-testid="backup-codes"
            >
              {step.backupCodes.map((code) => (
                <li key={code} className="rounded bg-muted px-2 py-1 text-center">
                  {code}
                </li>
              ))}
            </ul>
          </div>
          <form ref={codeForm.formRef} onSubmit={codeForm.onSubmit} noValidate className="space-y-4">
            {codeForm.formError ? <FormMessage tone="error">{codeForm.formError}</FormMessage> : null}
            <Field
              idPrefix="two-factor"
              name="code"
              label={t('code')}
              hint={t('codeHint')}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={7}
              error={codeForm.fieldErrors.code}
              className="max-w-xs [&_input]:font-mono [&_input]:tracking-widest"
            />
            <div className="flex flex-wrap gap-3">
              <Button type="submit" disabled={codeForm.pending}>
                {codeForm.pending ? t('pending') : t('verify')}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setStep({ kind: 'idle' })}>
                {t('cancel')}
              </Button>
            </div>
          </form>
        </div>
      ) : null}
    </section>
  );
}

export function SignOutEverywhere() {
  const t = useTranslations('Account.sessions');
  const tForms = useTranslations('Forms');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error ? <FormMessage tone="error">{error}</FormMessage> : null}
      <p className="text-sm text-muted-foreground">{t('signOutAllLead')}</p>
      <Button
        type="button"
        variant="outline"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            await auth.revokeSessions();
            window.location.assign('/sign-in?signedOut=1');
          } catch {
            setPending(false);
            setError(tForms('unexpected'));
          }
        }}
      >
        {pending ? t('signOutAllPending') : t('signOutAll')}
      </Button>
    </div>
  );
}
