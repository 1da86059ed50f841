'use client';

import type { AtelierApiError } from '@atelier/sdk';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Field, FormMessage } from '@/components/forms/field';
import {
  apiFieldErrors,
  EMAIL_PATTERN,
  type FieldErrors,
  PASSWORD_MAX,
  PASSWORD_MIN,
  useForm,
} from '@/components/forms/use-form';
import { Button } from '@/components/ui/button';
import { auth } from '@/lib/browser-api';

// The address someone just signed up with, so /verify-email can offer to resend without asking again
// (kept out of the URL, where it would end up in logs).
const PENDING_EMAIL_KEY = 'atelier.pendingEmail';

function useCommonErrors() {
  const t = useTranslations('Auth');
  const tForms = useTranslations('Forms');
  const fieldMessages = {
    name: t('nameRequired'),
    email: t('emailInvalid'),
    password: t('passwordTooShort'),
    newPassword: t('passwordTooShort'),
    phone: t('phoneInvalid'),
  };
  /** Field errors from a 400, else a generic message; callers handle their own statuses first. */
  const fallback = (error: AtelierApiError): { fields?: FieldErrors; form?: string } => {
    if (error.unreachable) return { form: tForms('unreachable') };
    const fields = apiFieldErrors(error, fieldMessages);
    if (Object.keys(fields).length > 0) return { fields };
    return { form: tForms('unexpected') };
  };
  return { t, tForms, fallback };
}

function passwordError(
  t: (key: 'passwordTooShort' | 'passwordTooLong') => string,
  value: string | undefined,
) {
  if (!value || value.length < PASSWORD_MIN) return t('passwordTooShort');
  if (value.length > PASSWORD_MAX) return t('passwordTooLong');
  return undefined;
}

function SubmitButton({
  pending,
  label,
  pendingLabel,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
}) {
  return (
    <Button type="submit" className="w-full" disabled={pending} aria-disabled={pending}>
      {pending ? pendingLabel : label}
    </Button>
  );
}

type SignUpValues = {
  name: string;
  email: string;
  password: string;
  phone: string;
  marketingConsent: string;
};

/** `next`: where the emailed verification link lands once the address is confirmed (e.g. an invitation). */
export function SignUpForm({ next }: { next?: string } = {}) {
  const { t, tForms, fallback } = useCommonErrors();
  const form = useForm<SignUpValues>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({
      name: values.name.trim() ? undefined : t('nameRequired'),
      email: EMAIL_PATTERN.test(values.email.trim()) ? undefined : t('emailInvalid'),
      password: passwordError(t, values.password),
      phone: values.phone && !/^[+0-9 ()-]*$/.test(values.phone) ? t('phoneInvalid') : undefined,
    }),
    async submit(values) {
      const email = values.email.trim();
      await auth.signUp({
        name: values.name.trim(),
        email,
        password: values.password,
        ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
        marketingConsent: values.marketingConsent === 'on',
        callbackURL: next ? `/verify-email?next=${encodeURIComponent(next)}` : '/verify-email',
      });
      sessionStorage.setItem(PENDING_EMAIL_KEY, email);
      window.location.assign(
        next ? `/verify-email?sent=1&next=${encodeURIComponent(next)}` : '/verify-email?sent=1',
      );
    },
    onApiError: (error) =>
      error.status === 422 || error.status === 409
        ? { fields: { email: t('signUp.exists') } }
        : fallback(error),
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-5">
      {form.formError ? <FormMessage tone="error">{form.formError}</FormMessage> : null}
      <Field name="name" label={t('name')} autoComplete="name" required error={form.fieldErrors.name} />
      <Field
        name="email"
        type="email"
        label={t('email')}
        autoComplete="email"
        inputMode="email"
        required
        error={form.fieldErrors.email}
      />
      <Field
        name="password"
        type="password"
        label={t('password')}
        autoComplete="new-password"
        required
        maxLength={PASSWORD_MAX}
        hint={t('passwordHint')}
        error={form.fieldErrors.password}
      />
      <Field
        name="phone"
        type="tel"
        label={t('phone')}
        autoComplete="tel"
        hint={t('phoneHint')}
        error={form.fieldErrors.phone}
      />
      <Checkbox name="marketingConsent" label={t('marketing')} />
      <SubmitButton pending={form.pending} label={t('signUp.submit')} pendingLabel={t('signUp.pending')} />
    </form>
  );
}

export function Checkbox({
  name,
  label,
  defaultChecked,
  idPrefix,
}: {
  name: string;
  label: string;
  defaultChecked?: boolean;
  idPrefix?: string;
}) {
  const id = idPrefix ? `${idPrefix}-${name}` : name;
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        className="mt-0.5 size-5 shrink-0 rounded border-input accent-[var(--brand)]"
      />
      <label htmlFor={id} className="text-sm leading-snug">
        {label}
      </label>
    </div>
  );
}

type SignInValues = { email: string; password: string };

export function SignInForm({ next }: { next: string }) {
  const { t, tForms, fallback } = useCommonErrors();
  const [unverifiedEmail, setUnverifiedEmail] = useState<string | null>(null);
  const form = useForm<SignInValues>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({
      email: EMAIL_PATTERN.test(values.email.trim()) ? undefined : t('emailInvalid'),
      password: values.password ? undefined : t('passwordRequired'),
    }),
    async submit(values) {
      setUnverifiedEmail(null);
      const result = await auth.signIn({ email: values.email.trim(), password: values.password });
      if (result.status === 'two-factor-required') {
        window.location.assign(`/two-factor?next=${encodeURIComponent(next)}`);
        return;
      }
      window.location.assign(next);
    },
    onApiError: (error) => {
      if (error.status === 401) return { form: t('signIn.wrong') };
      if (error.status === 403) {
        const email = (form.formRef.current?.elements.namedItem('email') as HTMLInputElement | null)?.value;
        if (email) sessionStorage.setItem(PENDING_EMAIL_KEY, email.trim());
        setUnverifiedEmail(email ?? '');
        return { form: t('signIn.unverified') };
      }
      if (error.status === 429) {
        return {
          form: t('signIn.rateLimited', { minutes: Math.max(1, Math.ceil((error.retryAfter ?? 900) / 60)) }),
        };
      }
      return fallback(error);
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-5">
      {form.formError ? (
        <FormMessage tone="error">
          {form.formError}
          {unverifiedEmail !== null ? (
            <>
              {' '}
              <a href="/verify-email" className="font-medium underline">
                {t('signIn.resendLink')}
              </a>
            </>
          ) : null}
        </FormMessage>
      ) : null}
      <Field
        name="email"
        type="email"
        label={t('email')}
        autoComplete="username"
        inputMode="email"
        required
        error={form.fieldErrors.email}
      />
      <div className="space-y-2">
        <Field
          name="password"
          type="password"
          label={t('password')}
          autoComplete="current-password"
          required
          error={form.fieldErrors.password}
        />
        <a href="/forgot-password" className="inline-block text-sm font-medium text-brand-ink underline">
          {t('signIn.forgot')}
        </a>
      </div>
      <SubmitButton pending={form.pending} label={t('signIn.submit')} pendingLabel={t('signIn.pending')} />
    </form>
  );
}

export function ResendVerificationForm() {
  const { t, tForms, fallback } = useCommonErrors();
  const [sent, setSent] = useState(false);
  const [email, setEmail] = useState('');
  useEffect(() => {
    setEmail(sessionStorage.getItem(PENDING_EMAIL_KEY) ?? '');
  }, []);
  const form = useForm<{ email: string }>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({
      email: EMAIL_PATTERN.test(values.email.trim()) ? undefined : t('emailInvalid'),
    }),
    async submit(values) {
      setSent(false);
      await auth.sendVerificationEmail({ email: values.email.trim(), callbackURL: '/verify-email' });
      setSent(true);
    },
    onApiError: fallback,
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-4">
      {form.formError ? <FormMessage tone="error">{form.formError}</FormMessage> : null}
      {sent ? <FormMessage tone="success">{t('verify.sent')}</FormMessage> : null}
      <Field
        name="email"
        type="email"
        label={t('email')}
        autoComplete="email"
        inputMode="email"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={form.fieldErrors.email}
      />
      <Button type="submit" variant="outline" className="w-full" disabled={form.pending}>
        {form.pending ? t('verify.pending') : t('verify.submit')}
      </Button>
    </form>
  );
}

export function ForgotPasswordForm() {
  const { t, tForms, fallback } = useCommonErrors();
  const [sent, setSent] = useState(false);
  const form = useForm<{ email: string }>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({
      email: EMAIL_PATTERN.test(values.email.trim()) ? undefined : t('emailInvalid'),
    }),
    async submit(values) {
      setSent(false);
      await auth.requestPasswordReset({ email: values.email.trim(), redirectTo: '/reset-password' });
      setSent(true);
    },
    onApiError: fallback,
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-5">
      {form.formError ? <FormMessage tone="error">{form.formError}</FormMessage> : null}
      {sent ? <FormMessage tone="success">{t('forgot.sent')}</FormMessage> : null}
      <Field
        name="email"
        type="email"
        label={t('email')}
        autoComplete="email"
        inputMode="email"
        required
        error={form.fieldErrors.email}
      />
      <SubmitButton pending={form.pending} label={t('forgot.submit')} pendingLabel={t('forgot.pending')} />
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const { t, tForms, fallback } = useCommonErrors();
  const [done, setDone] = useState(false);
  const form = useForm<{ newPassword: string; confirmPassword: string }>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({
      newPassword: passwordError(t, values.newPassword),
      confirmPassword: values.confirmPassword === values.newPassword ? undefined : t('confirmMismatch'),
    }),
    async submit(values) {
      await auth.resetPassword({ newPassword: values.newPassword, token });
      setDone(true);
    },
    onApiError: (error) =>
      error.status === 400 && error.fields.length === 0 ? { form: t('reset.invalid') } : fallback(error),
  });
  if (done) {
    return (
      <div className="space-y-4">
        <FormMessage tone="success">{t('reset.done')}</FormMessage>
        <Button asChild className="w-full">
          <a href="/sign-in">{t('reset.signIn')}</a>
        </Button>
      </div>
    );
  }
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-5">
      {form.formError ? (
        <FormMessage tone="error">
          {form.formError}{' '}
          <a href="/forgot-password" className="font-medium underline">
            {t('reset.requestNew')}
          </a>
        </FormMessage>
      ) : null}
      <Field
        name="newPassword"
        type="password"
        label={t('newPassword')}
        autoComplete="new-password"
        required
        maxLength={PASSWORD_MAX}
        hint={t('passwordHint')}
        error={form.fieldErrors.newPassword}
      />
      <Field
        name="confirmPassword"
        type="password"
        label={t('confirmPassword')}
        autoComplete="new-password"
        required
        error={form.fieldErrors.confirmPassword}
      />
      <SubmitButton pending={form.pending} label={t('reset.submit')} pendingLabel={t('reset.pending')} />
    </form>
  );
}

export function TwoFactorForm({ next }: { next: string }) {
  const { t, tForms, fallback } = useCommonErrors();
  const [mode, setMode] = useState<'totp' | 'backup'>('totp');
  const [expired, setExpired] = useState(false);
  const form = useForm<{ code: string; trustDevice: string }>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({
      code:
        mode === 'totp'
          ? /^\d{6}$/.test(values.code.replace(/\s/g, ''))
            ? undefined
            : t('twoFactor.codeInvalid')
          : values.code.trim()
            ? undefined
            : t('twoFactor.backupInvalid'),
    }),
    async submit(values) {
      setExpired(false);
      const trustDevice = values.trustDevice === 'on';
      if (mode === 'totp') {
        await auth.twoFactor.verifyTotp({ code: values.code.replace(/\s/g, ''), trustDevice });
      } else {
        await auth.twoFactor.verifyBackupCode({ code: values.code.trim(), trustDevice });
      }
      window.location.assign(next);
    },
    onApiError: (error) => {
      // No pending two-factor sign-in (the cookie expired or was never set): start again.
      if (error.status === 401 && /session|cookie|sign/i.test(error.detail) && !/code/i.test(error.detail)) {
        setExpired(true);
        return { form: t('twoFactor.expired') };
      }
      if (error.status === 401 || error.status === 400) return { fields: { code: t('twoFactor.wrong') } };
      return fallback(error);
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-5">
      <p className="text-muted-foreground">
        {mode === 'totp' ? t('twoFactor.lead') : t('twoFactor.leadBackup')}
      </p>
      {form.formError ? (
        <FormMessage tone="error">
          {form.formError}
          {expired ? (
            <>
              {' '}
              <a href={`/sign-in?next=${encodeURIComponent(next)}`} className="font-medium underline">
                {t('twoFactor.signInAgain')}
              </a>
            </>
          ) : null}
        </FormMessage>
      ) : null}
      <Field
        key={mode}
        name="code"
        label={mode === 'totp' ? t('twoFactor.code') : t('twoFactor.backupCode')}
        autoComplete="one-time-code"
        inputMode={mode === 'totp' ? 'numeric' : 'text'}
        maxLength={mode === 'totp' ? 7 : 64}
        required
        hint={mode === 'totp' ? t('twoFactor.codeHint') : undefined}
        error={form.fieldErrors.code}
        className="[&_input]:font-mono [&_input]:tracking-widest"
      />
      <Checkbox name="trustDevice" label={t('twoFactor.trust')} />
      <SubmitButton
        pending={form.pending}
        label={t('twoFactor.submit')}
        pendingLabel={t('twoFactor.pending')}
      />
      <Button
        type="button"
        variant="ghost"
        className="w-full text-brand-ink underline"
        onClick={() => setMode(mode === 'totp' ? 'backup' : 'totp')}
      >
        {mode === 'totp' ? t('twoFactor.useBackup') : t('twoFactor.useApp')}
      </Button>
    </form>
  );
}
