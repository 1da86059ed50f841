'use client';

import type { FieldError } from '@atelier/sdk';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { type ReasonTranslator, reasonMessage } from './api-reasons';

/**
 * A field error in the page's language: the rule's wording from `ApiReasons` when the web knows the
 * rule, else the API's English. The page must ship `ApiReasons` in its `ClientMessages` namespaces.
 */
export function useFieldErrorWords(): (error: FieldError) => string {
  const t = useTranslations('ApiReasons') as unknown as ReasonTranslator;
  const locale = useLocale();
  return useCallback((error: FieldError) => reasonMessage(t, error, locale), [t, locale]);
}
