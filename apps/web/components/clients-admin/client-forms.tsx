'use client';

import { isAtelierApiError } from '@atelier/sdk';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { Field, FormMessage } from '@/components/forms/field';
import { problemFields, problemSummary } from '@/components/forms/problem-fields';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { toMinor } from '@/components/orders-admin/amounts';
import { newIdempotencyKey, studioCall } from '@/components/orders-admin/browser-api';
import { type Errors, useSaveForm } from '@/components/orders-admin/save-form';
import { Button } from '@/components/ui/button';
import { formatMoney } from '@/lib/money';
import type { StudioClient } from './types';

const PHONE = /^[0-9+()./ -]*$/;

/**
 * Staff correct a client's name or phone. The email is not here: it is the person's own, and moves with
 * the address they prove (their record follows them), so the page shows it without a field.
 */
export function ClientDetailsForm({ studio, client }: { studio: string; client: StudioClient }) {
  const t = useTranslations('ClientsAdmin');
  const router = useRouter();
  const [name, setName] = useState(client.name);
  const [phone, setPhone] = useState(client.phone ?? '');
  const form = useSaveForm<{ name: string; phone: string | null }>({
    savedText: t('details.saved'),
    validate: () => {
      const errors: Errors = {};
      if (!name.trim()) errors.name = t('details.nameRequired');
      if (!PHONE.test(phone.trim())) errors.phone = t('details.phoneInvalid');
      return { errors, value: { name: name.trim(), phone: phone.trim() || null } };
    },
    save: async (value) => {
      const saved = await studioCall<StudioClient>(studio, 'PATCH', `/clients/${client.id}`, value);
      setName(saved.name);
      setPhone(saved.phone ?? '');
      router.refresh();
    },
  });
  return (
    <form
      ref={form.formRef}
      onSubmit={form.onSubmit}
      noValidate
      className="space-y-4"
      aria-label={t('details.title')}
    >
      <Field
        name="name"
        idPrefix="client"
        label={t('details.name')}
        autoComplete="off"
        value={name}
        maxLength={200}
        onChange={(event) => setName(event.target.value)}
        error={form.errors.name}
      />
      <Field
        name="phone"
        idPrefix="client"
        type="tel"
        label={t('details.phone')}
        hint={t('details.phoneHint')}
        autoComplete="off"
        value={phone}
        maxLength={40}
        onChange={(event) => setPhone(event.target.value)}
        error={form.errors.phone}
      />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? t('details.saving') : t('details.save')}
      </Button>
      {form.message ? <FormMessage tone={form.message.tone}>{form.message.text}</FormMessage> : null}
    </form>
  );
}

/**
 * A staff correction of the client's wallet: add to it or take from it, with the reason the client
 * will read on their statement. Each distinct attempt carries its own Idempotency-Key, kept while the
 * same values are sent again, so a double click or a retry after a dropped answer moves money once.
 */
export function WalletAdjustmentForm({
  studio,
  clientId,
  currency,
  balanceMinor,
  retired,
}: {
  studio: string;
  clientId: string;
  currency: string;
  balanceMinor: number;
  /** A retired record's wallet takes nothing in: only "take" is offered. */
  retired: boolean;
}) {
  const t = useTranslations('ClientsAdmin');
  const tErrors = useTranslations('OrdersAdmin.errors');
  const word = useFieldErrorWords();
  const locale = useLocale();
  const router = useRouter();
  const [direction, setDirection] = useState<'add' | 'take'>(retired ? 'take' : 'add');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const attempt = useRef<{ signature: string; key: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const money = (minor: number) => formatMoney({ amountMinor: minor, currency }, locale);
  const focusFirstProblem = () =>
    requestAnimationFrame(() =>
      (
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
        formRef.current?.querySelector<HTMLElement>('[data-form-message]')
      )?.focus(),
    );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const minor = toMinor(amount, currency);
    const local: Errors = {};
    if (minor === null) local.amountMinor = tErrors('required');
    else if (Number.isNaN(minor) || minor <= 0) local.amountMinor = tErrors('amount');
    else if (direction === 'take' && minor > balanceMinor)
      local.amountMinor = t('wallet.moreThanBalance', { balance: money(balanceMinor) });
    if (!reason.trim()) local.reason = t('wallet.reasonRequired');
    setErrors(local);
    setNotice(null);
    if (Object.keys(local).length > 0 || minor === null) {
      focusFirstProblem();
      return;
    }
    const amountMinor = direction === 'add' ? minor : -minor;
    const signature = `${amountMinor}|${reason.trim()}`;
    if (attempt.current?.signature !== signature) attempt.current = { signature, key: newIdempotencyKey() };
    setPending(true);
    try {
      await studioCall(
        studio,
        'POST',
        `/clients/${clientId}/wallet/adjustments`,
        { amountMinor, reason: reason.trim() },
        attempt.current.key,
      );
      attempt.current = null;
      setAmount('');
      setReason('');
      setNotice({
        tone: 'success',
        text:
          direction === 'add'
            ? t('wallet.added', { amount: money(minor) })
            : t('wallet.taken', { amount: money(minor) }),
      });
      router.refresh();
    } catch (error) {
      // A refusal (the balance changed, a rule) is the answer to these values: the next try is a new
      // attempt with a new key, or the stored refusal would be replayed. A dropped answer or a server
      // fault may have moved the money: the same values keep the same key.
      // (Not while the first try is still being worked on: that answer is still to come.)
      if (
        isAtelierApiError(error) &&
        error.status >= 400 &&
        error.status < 500 &&
        error.code !== 'idempotency_in_progress'
      )
        attempt.current = null;
      setErrors(problemFields(error, word, { paths: 'dots' }));
      setNotice({ tone: 'error', text: problemSummary(error, (key) => tErrors(key), word) });
      focusFirstProblem();
    } finally {
      setPending(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4" aria-label={t('wallet.adjust')}>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t('wallet.direction')}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {(retired ? (['take'] as const) : (['add', 'take'] as const)).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="direction"
                value={value}
                checked={direction === value}
                onChange={() => setDirection(value)}
                className="size-4 accent-[var(--brand)]"
              />
              {t(`wallet.${value}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        name="amountMinor"
        idPrefix="adjust"
        label={t('wallet.amountLabel', { currency })}
        inputMode="decimal"
        autoComplete="off"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        error={errors.amountMinor}
      />
      <Field
        name="reason"
        idPrefix="adjust"
        label={t('wallet.reason')}
        hint={t('wallet.reasonHint')}
        autoComplete="off"
        maxLength={500}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={errors.reason}
      />
      <Button type="submit" variant="outline" disabled={pending}>
        {direction === 'add' ? t('wallet.submitAdd') : t('wallet.submitTake')}
      </Button>
      {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
    </form>
  );
}
