'use client';

import { useEffect, useRef } from 'react';
import { FormMessage } from '@/components/forms/field';

/** A form's answer in the plan pages: what happened, in the person's words. */
export type Notice = { tone: 'error' | 'success'; text: string } | null;

/** Moves focus to the outcome when it appears, so keyboard and screen-reader users hear it. */
export function Outcome({ notice, testId }: { notice: Notice; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Keyed by what it says, not by the object: a page refresh that hands the same notice down again
  // (the plan page's "paid" line while it waits for Stripe) must not pull focus back each time.
  const said = notice ? `${notice.tone}:${notice.text}` : null;
  useEffect(() => {
    if (said) ref.current?.querySelector<HTMLElement>('[data-form-message]')?.focus();
  }, [said]);
  return (
    <div ref={ref} data-testid={testId}>
      {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
    </div>
  );
}
