'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { problemFields, problemSummary } from '@/components/forms/problem-fields';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Button } from '@/components/ui/button';
import { newIdempotencyKey, studioCall } from './browser-api';
import { TextArea } from './fields';

/** A payment's slip as the admin order view (and the turn-down answer) tell it. */
export interface SlipFacts {
  provider: string;
  hasSlip: boolean;
  slipRejectedReason: string | null;
}

/** The API's limits for a turn-down reason (RejectSlipSchema). */
export const REASON_MAX = 500;

/**
 * Turns the payer's slip down with a reason they will read (wrong amount, unreadable, not our
 * account). The slip is detached and the payment stays open, so they can attach another.
 */
export function TurnDownSlipForm({
  studio,
  paymentId,
  onDone,
  onCancel,
  onProblem,
}: {
  studio: string;
  paymentId: string;
  onDone: (payment: SlipFacts, reason: string) => void;
  onCancel: () => void;
  onProblem: (text: string) => void;
}) {
  const t = useTranslations('OrdersAdmin');
  // The API's refusals (no slip any more, the payment settled meanwhile) in the owner's language.
  const word = useFieldErrorWords();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  // One key per attempt kept across retries, as mark-paid does: a double click turns it down once.
  const [key, setKey] = useState('');
  const fieldId = `${id}-reason`;

  useEffect(() => {
    document.getElementById(fieldId)?.focus();
  }, [fieldId]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const text = reason.trim();
    if (!text) {
      setError(t('errors.required'));
      document.getElementById(fieldId)?.focus();
      return;
    }
    if (text.length > REASON_MAX) {
      setError(t('slipCheck.tooLong', { max: REASON_MAX }));
      document.getElementById(fieldId)?.focus();
      return;
    }
    const attempt = key || newIdempotencyKey();
    setKey(attempt);
    setError(undefined);
    setPending(true);
    try {
      const payment = await studioCall<SlipFacts>(
        studio,
        'POST',
        `/payments/${paymentId}/slip/reject`,
        { reason: text },
        attempt,
      );
      setKey('');
      onDone(payment, text);
    } catch (caught) {
      const fields = problemFields(caught, word, { paths: 'dots' });
      if (fields.reason) {
        setError(fields.reason);
        document.getElementById(fieldId)?.focus();
      } else onProblem(problemSummary(caught, (k) => t(`errors.${k}`), word));
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-md border border-destructive/60 p-3"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-explain`}
      data-testid="turn-down-slip"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !pending) onCancel();
      }}
    >
      <h3 id={`${id}-title`} className="font-medium">
        {t('slipCheck.title')}
      </h3>
      <p id={`${id}-explain`} className="text-muted-foreground">
        {t('slipCheck.explain')}
      </p>
      <TextArea
        name="reason"
        idPrefix={id}
        label={t('slipCheck.reason')}
        hint={t('slipCheck.reasonHint', { max: REASON_MAX, left: REASON_MAX - reason.length })}
        value={reason}
        onChange={(value) => {
          setReason(value);
          // The "required" note goes once there is something; the API's own word stays until resent.
          if (error && value.trim()) setError(undefined);
        }}
        error={error}
        maxLength={REASON_MAX}
      />
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          variant="outline"
          className="border-destructive text-destructive"
          disabled={pending}
        >
          {t('slipCheck.confirm')}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={pending}>
          {t('slipCheck.cancel')}
        </Button>
      </div>
    </form>
  );
}
