'use client';

import { type AtelierApiError, isAtelierApiError } from '@atelier/sdk';
import { type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';

export type FieldErrors = Record<string, string | undefined>;

interface FormState {
  pending: boolean;
  fieldErrors: FieldErrors;
  formError: string | null;
}

/**
 * Submit handling shared by the account forms: runs `validate` then `submit`, keeps per-field and
 * form-level errors, and after each failed attempt moves focus to the first invalid field (or to the
 * form's error message), so keyboard and screen-reader users land where the problem is.
 */
export function useForm<Values extends Record<string, string>>(options: {
  validate?: (values: Values) => FieldErrors;
  submit: (values: Values, form: HTMLFormElement) => Promise<void>;
  /** Turns an API failure into field errors and/or a form message. */
  onApiError: (error: AtelierApiError) => { fields?: FieldErrors; form?: string | null };
  unexpected: string;
}): FormState & {
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  setFormError: (message: string | null) => void;
} {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, setState] = useState<FormState>({ pending: false, fieldErrors: {}, formError: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (attempt === 0) return;
    const form = formRef.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('[data-form-message="error"]');
    target?.focus();
  }, [attempt]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (state.pending) return;
    const form = event.currentTarget;
    const values = Object.fromEntries(
      [...new FormData(form).entries()].map(([key, value]) => [key, typeof value === 'string' ? value : '']),
    ) as Values;
    const invalid = Object.fromEntries(
      Object.entries(options.validate?.(values) ?? {}).filter(([, message]) => message),
    );
    if (Object.keys(invalid).length > 0) {
      setState({ pending: false, fieldErrors: invalid, formError: null });
      setAttempt((n) => n + 1);
      return;
    }
    setState({ pending: true, fieldErrors: {}, formError: null });
    options.submit(values, form).then(
      () => setState((current) => ({ ...current, pending: false })),
      (error: unknown) => {
        const mapped = isAtelierApiError(error) ? options.onApiError(error) : { form: options.unexpected };
        setState({ pending: false, fieldErrors: mapped.fields ?? {}, formError: mapped.form ?? null });
        setAttempt((n) => n + 1);
      },
    );
  };

  return {
    ...state,
    formRef,
    onSubmit,
    setFormError: (message) => setState((current) => ({ ...current, formError: message })),
  };
}

/** `body.email` -> `email`: the API names fields by their place in the request. */
export function apiFieldErrors(error: AtelierApiError, messages: Record<string, string>): FieldErrors {
  const fields: FieldErrors = {};
  for (const { field } of error.fields) {
    const name = field.replace(/^body\./, '');
    if (messages[name] && !fields[name]) fields[name] = messages[name];
  }
  return fields;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
