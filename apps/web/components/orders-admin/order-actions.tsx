'use client';

import type { FieldError } from '@atelier/sdk';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { Field, FormMessage } from '@/components/forms/field';
import { problemFields, problemSummary } from '@/components/forms/problem-fields';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Button } from '@/components/ui/button';
import { FilePicker } from '@/components/ui/file-picker';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { formatMoney } from '@/lib/money';
import { toMajorText, toMinor } from './amounts';
import { newIdempotencyKey, studioCall } from './browser-api';
import { adminPage } from './paths';
import { type SlipFacts, TurnDownSlipForm } from './slip-check';
import type { OrderStatus, StudioInfo } from './types';

type Notice = { tone: 'error' | 'success'; text: string } | null;

/** Focuses a form's message when it appears, so keyboard and screen-reader users hear the outcome. */
function useFocusOnNotice(notice: Notice) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) ref.current?.querySelector<HTMLElement>('[data-form-message]')?.focus();
  }, [notice]);
  return ref;
}

/** Order statuses a refusal names (`order.cannot_move` from/to, `tracking.order_closed` status). */
const STATUS_PARAMS = ['from', 'to', 'status'] as const;

/**
 * An API refusal in the owner's language: the rule's words from `ApiReasons` (the page ships them),
 * with the order statuses it names in this page's own status labels rather than the API's codes.
 */
function useRefusalWords(): (error: FieldError) => string {
  const word = useFieldErrorWords();
  const tStatus = useTranslations('OrdersAdmin.status');
  return useCallback(
    (error: FieldError) => {
      if (!error.reason?.startsWith('order.') && !error.reason?.startsWith('tracking.')) return word(error);
      const params = { ...error.params };
      for (const key of STATUS_PARAMS) {
        const status = params[key];
        if (typeof status === 'string' && tStatus.has(status)) params[key] = tStatus(status);
      }
      return word({ ...error, params });
    },
    [word, tStatus],
  );
}

/** An API failure for the forms below: the rule worded for the owner wherever the API names one. */
function useProblem() {
  const t = useTranslations('OrdersAdmin.errors');
  const word = useRefusalWords();
  return {
    /** What to say under the form. */
    summary: (error: unknown) => problemSummary(error, (key) => t(key), word),
    /** Field -> message, for the fields the API named. */
    fields: (error: unknown) => problemFields(error, word, { paths: 'dots' }),
  };
}

/** Moves the order to one of the statuses staff may choose from here (the API's transition table). */
export function StatusChange({
  studio,
  orderId,
  current,
  moves,
  cancelRefunds,
}: {
  studio: StudioInfo;
  orderId: string;
  current: OrderStatus;
  moves: OrderStatus[];
  /** What a cancel would give back, formatted in the studio's currency (null: nothing of that kind). */
  cancelRefunds: { automatic: string | null; byHand: string | null };
}) {
  const t = useTranslations('OrdersAdmin');
  const router = useRouter();
  const problem = useProblem();
  const [next, setNext] = useState<OrderStatus | ''>(moves[0] ?? '');
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const ref = useFocusOnNotice(notice);

  if (moves.length === 0) return <p className="text-sm text-muted-foreground">{t('statusChange.final')}</p>;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!next || pending) return;
    // Cancelling gives back stock and money and cannot be undone: it asks once more, saying how much.
    if (next === 'cancelled' && !confirming) {
      setConfirming(true);
      return;
    }
    const note = String(new FormData(event.currentTarget).get('note') ?? '').trim();
    setPending(true);
    setNotice(null);
    try {
      await studioCall(studio.slug, 'POST', `/admin/orders/${orderId}/status`, {
        status: next,
        ...(note ? { note } : {}),
      });
      setNotice({ tone: 'success', text: t('statusChange.done', { status: t(`status.${next}`) }) });
      setConfirming(false);
      router.refresh();
    } catch (error) {
      setNotice({ tone: 'error', text: problem.summary(error) });
    } finally {
      setPending(false);
    }
  };

  return (
    <div ref={ref} className="space-y-3">
      <form onSubmit={submit} className="space-y-3" aria-label={t('statusChange.title')}>
        <p className="text-sm text-muted-foreground">
          {t('statusChange.current', { status: t(`status.${current}`) })}
        </p>
        <div className="space-y-1">
          <Label htmlFor="status-next">{t('statusChange.next')}</Label>
          <NativeSelect
            id="status-next"
            value={next}
            onChange={(event) => {
              setNext(event.target.value as OrderStatus);
              setConfirming(false);
            }}
          >
            {moves.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="status-note">
            {t('statusChange.note')} <span className="text-muted-foreground">({t('optional')})</span>
          </Label>
          <Input id="status-note" name="note" maxLength={1000} />
        </div>
        {current === 'pending' ? (
          <p className="text-xs text-muted-foreground">{t('statusChange.pendingHint')}</p>
        ) : null}
        {confirming ? (
          <div role="alert" className="space-y-2 rounded-md border border-destructive p-3 text-sm">
            <p>{t('statusChange.cancelWarning')}</p>
            {cancelRefunds.automatic ? (
              <p data-testid="cancel-refund-automatic">
                {t('statusChange.cancelRefundAutomatic', { amount: cancelRefunds.automatic })}
              </p>
            ) : null}
            {cancelRefunds.byHand ? (
              <p data-testid="cancel-refund-by-hand">
                {t('statusChange.cancelRefundByHand', { amount: cancelRefunds.byHand })}
              </p>
            ) : null}
            {!cancelRefunds.automatic && !cancelRefunds.byHand ? (
              <p>{t('statusChange.cancelNothingToRefund')}</p>
            ) : null}
          </div>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending} variant={next === 'cancelled' ? 'outline' : 'brand'}>
            {confirming
              ? t('statusChange.confirmCancel')
              : t('statusChange.apply', { status: next ? t(`status.${next}`) : '' })}
          </Button>
          {confirming ? (
            <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
              {t('statusChange.keep')}
            </Button>
          ) : null}
        </div>
      </form>
      {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
    </div>
  );
}

/** Adds a carrier's tracking number; by default also marks the order shipped. */
export function TrackingForm({
  studio,
  orderId,
  status,
}: {
  studio: StudioInfo;
  orderId: string;
  status: OrderStatus;
}) {
  const t = useTranslations('OrdersAdmin');
  const router = useRouter();
  const problem = useProblem();
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const ref = useFocusOnNotice(notice);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const carrier = String(data.get('carrier') ?? '').trim();
    const number = String(data.get('number') ?? '').trim();
    const url = String(data.get('url') ?? '').trim();
    const local: Record<string, string> = {};
    if (!carrier) local.carrier = t('errors.required');
    if (!number) local.number = t('errors.required');
    if (url && !/^https?:\/\//.test(url)) local.url = t('errors.url');
    setErrors(local);
    if (Object.keys(local).length > 0) {
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setPending(true);
    setNotice(null);
    try {
      await studioCall(studio.slug, 'POST', `/admin/orders/${orderId}/tracking`, {
        carrier,
        number,
        ...(url ? { url } : {}),
        markShipped: status !== 'shipped' && data.get('markShipped') === 'on',
      });
      form.reset();
      setNotice({ tone: 'success', text: t('tracking.added', { number }) });
      router.refresh();
    } catch (error) {
      setErrors(problem.fields(error));
      setNotice({ tone: 'error', text: problem.summary(error) });
    } finally {
      setPending(false);
    }
  };

  return (
    <div ref={ref} className="space-y-3">
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-3" aria-label={t('tracking.add')}>
        <Field
          name="carrier"
          idPrefix="tracking"
          label={t('tracking.carrier')}
          error={errors.carrier}
          maxLength={100}
        />
        <Field
          name="number"
          idPrefix="tracking"
          label={t('tracking.number')}
          error={errors.number}
          maxLength={100}
        />
        <Field
          name="url"
          idPrefix="tracking"
          type="url"
          label={`${t('tracking.url')} (${t('optional')})`}
          error={errors.url}
          maxLength={2000}
          placeholder="https://"
        />
        {status !== 'shipped' ? (
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="markShipped"
              defaultChecked
              className="size-4 accent-[var(--brand)]"
            />
            {t('tracking.markShipped')}
          </label>
        ) : null}
        <Button type="submit" disabled={pending}>
          {t('tracking.add')}
        </Button>
      </form>
      {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
    </div>
  );
}

/** Refunds part or all of what is left, to the original method or the client's wallet, after a review. */
export function RefundForm({
  studio,
  orderId,
  refundableMinor,
  walletPossible,
}: {
  studio: StudioInfo;
  orderId: string;
  refundableMinor: number;
  walletPossible: boolean;
}) {
  const t = useTranslations('OrdersAdmin');
  const locale = useLocale();
  const router = useRouter();
  const problem = useProblem();
  const id = useId();
  const [amountText, setAmountText] = useState(toMajorText(refundableMinor, studio.currency));
  const [to, setTo] = useState<'original' | 'wallet'>('original');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [review, setReview] = useState<{ amountMinor: number; key: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const ref = useFocusOnNotice(notice);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: studio.currency }, locale);

  useEffect(() => {
    if (review) confirmRef.current?.focus();
  }, [review]);

  const check = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const amountMinor = toMinor(amountText, studio.currency);
    const local: Record<string, string> = {};
    if (amountMinor === null) local.amountMinor = t('errors.required');
    else if (Number.isNaN(amountMinor) || amountMinor <= 0) local.amountMinor = t('errors.amount');
    else if (amountMinor > refundableMinor)
      local.amountMinor = t('refund.tooMuch', { max: money(refundableMinor) });
    if (!reason.trim()) local.reason = t('errors.required');
    setErrors(local);
    if (Object.keys(local).length > 0 || amountMinor === null) {
      const form = event.currentTarget;
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    // One key per reviewed refund: a double click or a retry refunds once.
    setReview({ amountMinor, key: newIdempotencyKey() });
  };

  const confirm = async () => {
    if (!review || pending) return;
    setPending(true);
    setNotice(null);
    try {
      await studioCall(
        studio.slug,
        'POST',
        `/admin/orders/${orderId}/refund`,
        { amountMinor: review.amountMinor, to, reason: reason.trim() },
        review.key,
      );
      setNotice({ tone: 'success', text: t('refund.done', { amount: money(review.amountMinor) }) });
      setReview(null);
      setReason('');
      router.refresh();
    } catch (error) {
      setErrors(problem.fields(error));
      setNotice({ tone: 'error', text: problem.summary(error) });
      setReview(null);
    } finally {
      setPending(false);
    }
  };

  return (
    <div ref={ref} className="space-y-3">
      {review ? (
        <div className="space-y-3 rounded-lg border border-destructive p-3">
          <p id={`${id}-review`} className="font-medium">
            {to === 'wallet'
              ? t('refund.reviewWallet', { amount: money(review.amountMinor) })
              : t('refund.reviewOriginal', { amount: money(review.amountMinor) })}
          </p>
          <p className="text-muted-foreground">{t('refund.reviewReason', { reason: reason.trim() })}</p>
          <p className="text-muted-foreground">{t('refund.final')}</p>
          <div className="flex flex-wrap gap-2">
            <Button ref={confirmRef} type="button" onClick={confirm} disabled={pending}>
              {t('refund.confirm', { amount: money(review.amountMinor) })}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setReview(null)} disabled={pending}>
              {t('refund.back')}
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={check} noValidate className="space-y-3" aria-label={t('refund.title')}>
          <p className="text-muted-foreground">{t('refund.left', { amount: money(refundableMinor) })}</p>
          <Field
            name="amountMinor"
            idPrefix="refund"
            label={t('refund.amount', { currency: studio.currency })}
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(event) => setAmountText(event.target.value)}
            error={errors.amountMinor}
            hint={t('refund.amountHint')}
          />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t('refund.to')}</legend>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="to"
                value="original"
                checked={to === 'original'}
                onChange={() => setTo('original')}
                className="size-4 accent-[var(--brand)]"
              />
              {t('refund.toOriginal')}
            </label>
            {walletPossible ? (
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="to"
                  value="wallet"
                  checked={to === 'wallet'}
                  onChange={() => setTo('wallet')}
                  className="size-4 accent-[var(--brand)]"
                />
                {t('refund.toWallet')}
              </label>
            ) : null}
          </fieldset>
          <Field
            name="reason"
            idPrefix="refund"
            label={t('refund.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={errors.reason}
            maxLength={500}
          />
          <Button type="submit" variant="outline">
            {t('refund.review')}
          </Button>
        </form>
      )}
      {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
    </div>
  );
}

/** Queues the order confirmation email again. */
export function ResendConfirmation({
  studio,
  orderId,
  email,
}: {
  studio: StudioInfo;
  orderId: string;
  email: string;
}) {
  const t = useTranslations('OrdersAdmin');
  const problem = useProblem();
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const ref = useFocusOnNotice(notice);
  const resend = async () => {
    setPending(true);
    setNotice(null);
    try {
      await studioCall(studio.slug, 'POST', `/admin/orders/${orderId}/resend-confirmation`);
      setNotice({ tone: 'success', text: t('resend.done', { email }) });
    } catch (error) {
      setNotice({ tone: 'error', text: problem.summary(error) });
    } finally {
      setPending(false);
    }
  };
  return (
    <div ref={ref} className="space-y-2">
      {/* May wrap: the order page's side column is narrow at laptop widths. */}
      <Button
        type="button"
        variant="outline"
        size="sm"
        className="h-auto min-h-8 max-w-full whitespace-normal py-1.5"
        onClick={resend}
        disabled={pending}
      >
        {t('resend.button')}
      </Button>
      {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
    </div>
  );
}

const PROOF_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'];
const PROOF_MAX_BYTES = 5 * 1024 * 1024;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * Confirms that a bank transfer, cash, invoice or PromptPay payment arrived, with optional proof; or,
 * when the payer attached a slip that does not check out, turns the slip down with a reason.
 */
export function MarkPaid({
  studio,
  paymentId,
  amount,
  method,
  slip,
}: {
  studio: StudioInfo;
  paymentId: string;
  amount: string;
  method: string;
  /** The payment's slip from the order view: attached, or turned down and why. */
  slip: SlipFacts;
}) {
  const t = useTranslations('OrdersAdmin');
  const router = useRouter();
  const problem = useProblem();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [turningDown, setTurningDown] = useState(false);
  // The order view's word until a turn-down answers here; a refresh brings the order's own again.
  const [facts, setFacts] = useState<SlipFacts>(slip);
  useEffect(() => setFacts(slip), [slip]);
  const turnDownRef = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState(false);
  const [proofError, setProofError] = useState<string | undefined>();
  const [notice, setNotice] = useState<Notice>(null);
  const keyRef = useRef<string>('');
  const ref = useFocusOnNotice(notice);
  const firstRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) firstRef.current?.focus();
  }, [open]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const note = String(data.get('note') ?? '').trim();
    const file = data.get('proof');
    let proof: { contentType: string; dataBase64: string } | undefined;
    setProofError(undefined);
    if (file instanceof File && file.size > 0) {
      if (!PROOF_TYPES.includes(file.type)) {
        setProofError(t('markPaid.proofType'));
        return;
      }
      if (file.size > PROOF_MAX_BYTES) {
        setProofError(t('markPaid.proofSize'));
        return;
      }
      proof = { contentType: file.type, dataBase64: await toBase64(file) };
    }
    keyRef.current ||= newIdempotencyKey();
    setPending(true);
    setNotice(null);
    try {
      await studioCall(
        studio.slug,
        'POST',
        `/payments/${paymentId}/mark-paid`,
        { ...(note ? { note } : {}), ...(proof ? { proof } : {}) },
        keyRef.current,
      );
      setNotice({ tone: 'success', text: t('markPaid.done', { amount }) });
      setOpen(false);
      keyRef.current = '';
      router.refresh();
      // The order follows its payment through an event (payments -> orders), a moment after this answer:
      // look again a few times so "Paid in full" appears without a manual reload.
      for (const delay of [1000, 2500, 5000, 10000]) setTimeout(() => router.refresh(), delay);
    } catch (error) {
      const fields = problem.fields(error);
      if (fields['proof.dataBase64'] || fields['proof.contentType'] || fields.proof)
        setProofError(fields['proof.dataBase64'] ?? fields['proof.contentType'] ?? fields.proof);
      setNotice({ tone: 'error', text: problem.summary(error) });
    } finally {
      setPending(false);
    }
  };

  const turnedDown = facts.hasSlip ? null : facts.slipRejectedReason;

  return (
    <div ref={ref} className="space-y-3 rounded-lg border border-dashed p-3 text-sm">
      <p>{t('markPaid.waiting', { method, amount })}</p>
      {facts.hasSlip ? (
        <p data-testid="slip-attached">
          {t('slipCheck.attached')}{' '}
          <a
            href={adminPage(studio.slug, `/payments?provider=${facts.provider}`)}
            className="text-brand-ink underline underline-offset-4"
          >
            {t('slipCheck.view')}
          </a>
        </p>
      ) : turnedDown !== null ? (
        <p data-testid="slip-turned-down" className="text-muted-foreground">
          {t('slipCheck.lastTurnedDown', { reason: turnedDown })}
        </p>
      ) : null}
      {turningDown ? (
        <TurnDownSlipForm
          studio={studio.slug}
          paymentId={paymentId}
          onDone={(payment) => {
            setFacts(payment);
            setTurningDown(false);
            setNotice({ tone: 'success', text: t('slipCheck.done') });
            router.refresh();
          }}
          onCancel={() => {
            setTurningDown(false);
            requestAnimationFrame(() => turnDownRef.current?.focus());
          }}
          onProblem={(text) => {
            setNotice({ tone: 'error', text });
            // Perhaps the payer already sent another slip, or the payment settled: look again.
            router.refresh();
          }}
        />
      ) : open ? (
        <form onSubmit={submit} className="space-y-3" aria-labelledby={`${id}-title`}>
          <h3 id={`${id}-title`} className="font-medium">
            {t('markPaid.title', { method, amount })}
          </h3>
          <div className="space-y-1">
            <Label htmlFor={`${id}-note`}>
              {t('markPaid.note')} <span className="text-muted-foreground">({t('optional')})</span>
            </Label>
            <Input ref={firstRef} id={`${id}-note`} name="note" maxLength={1000} />
          </div>
          <div className="space-y-1">
            <Label htmlFor={`${id}-proof`}>
              {t('markPaid.proof')} <span className="text-muted-foreground">({t('optional')})</span>
            </Label>
            <FilePicker
              id={`${id}-proof`}
              name="proof"
              accept={PROOF_TYPES.join(',')}
              aria-describedby={`${id}-proof-hint${proofError ? ` ${id}-proof-error` : ''}`}
              aria-invalid={proofError ? true : undefined}
              chooseLabel={t('markPaid.proofPick')}
              emptyLabel={t('markPaid.proofNoFile')}
            />
            {proofError ? (
              <p id={`${id}-proof-error`} className="text-sm font-medium text-destructive">
                {proofError}
              </p>
            ) : null}
            <p id={`${id}-proof-hint`} className="text-xs text-muted-foreground">
              {t('markPaid.proofHint')}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending}>
              {t('markPaid.confirm', { amount })}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              {t('markPaid.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={() => setOpen(true)}>
            {t('markPaid.open')}
          </Button>
          {facts.hasSlip ? (
            <Button
              ref={turnDownRef}
              type="button"
              variant="outline"
              data-testid="turn-down-slip-open"
              onClick={() => {
                setNotice(null);
                setTurningDown(true);
              }}
            >
              {t('slipCheck.open')}
            </Button>
          ) : null}
        </div>
      )}
      {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
    </div>
  );
}
