'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { problemFields, problemSummary } from '@/components/forms/problem-fields';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';

export type Errors = Record<string, string>;

/**
 * Shared by the settings editors: validate locally (field -> message), then save; API errors land on
 * the fields they name; after each failed attempt focus moves to the first invalid field or the message.
 */
export function useSaveForm<T>(options: {
  validate: () => { errors: Errors; value?: T };
  save: (value: T) => Promise<void>;
  savedText: string;
}) {
  const t = useTranslations('OrdersAdmin.errors');
  // The page ships `ApiReasons` so refusals read in the owner's language (a taken promo code, ...).
  const word = useFieldErrorWords();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (attempt === 0) return;
    (
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      formRef.current?.querySelector<HTMLElement>('[data-form-message]')
    )?.focus();
  }, [attempt]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const { errors: local, value } = options.validate();
    if (Object.keys(local).length > 0 || value === undefined) {
      setErrors(local);
      setMessage({ tone: 'error', text: t('fix') });
      setAttempt((n) => n + 1);
      return;
    }
    setPending(true);
    setErrors({});
    setMessage(null);
    try {
      await options.save(value);
      setMessage({ tone: 'success', text: options.savedText });
    } catch (error) {
      setErrors(problemFields(error, word, { paths: 'dots' }));
      setMessage({ tone: 'error', text: problemSummary(error, (key) => t(key), word) });
    } finally {
      setPending(false);
      setAttempt((n) => n + 1);
    }
  };

  return { formRef, errors, message, pending, onSubmit };
}
