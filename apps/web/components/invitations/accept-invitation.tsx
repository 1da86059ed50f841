'use client';

import { isAtelierApiError, unwrap } from '@atelier/sdk';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Button } from '@/components/ui/button';
import { auth, browserApi } from '@/lib/browser-api';

type Failure =
  | 'invalid'
  | 'expired'
  | 'revoked'
  | 'used'
  | 'wrongEmail'
  | 'unverified'
  | 'teamSeats'
  | 'refused'
  | 'unreachable'
  | 'unexpected';

/** The rules the API names (`errors[].reason`) that this page explains in its own words. */
const FAILURE_OF_REASON: Record<string, Failure> = {
  'invitation.expired': 'expired',
  'invitation.revoked': 'revoked',
  'invitation.used': 'used',
  'invitation.other_email': 'wrongEmail',
  'email.unverified': 'unverified',
  'team.seats_full': 'teamSeats',
};

/** Accepts the invitation as the signed-in person, then opens the studio's admin. */
export function AcceptInvitation({
  token,
  email,
  verified,
  next,
}: {
  token: string;
  email: string;
  verified: boolean;
  next: string;
}) {
  const t = useTranslations('Invitation');
  const word = useFieldErrorWords();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(verified ? null : 'unverified');
  // Another rule the API named, in the reader's words (`ApiReasons`), for a failure of kind 'refused'.
  const [refusal, setRefusal] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failure) messageRef.current?.querySelector<HTMLElement>('[role="alert"]')?.focus();
  }, [failure]);

  const accept = async () => {
    setPending(true);
    setFailure(null);
    try {
      const joined = await unwrap(
        browserApi.POST('/api/v1/invitations/{token}/accept', { params: { path: { token } } }),
      );
      window.location.assign(`/${joined.studio.slug}/admin?joined=1`);
    } catch (error) {
      setPending(false);
      if (!isAtelierApiError(error)) return setFailure('unexpected');
      if (error.unreachable) return setFailure('unreachable');
      if (error.status === 400 || error.status === 404) return setFailure('invalid');
      // Each refusal names its rule: expired, withdrawn, used, another address, unverified, team full.
      const rule = error.fields.find((field) => field.reason);
      const known = rule?.reason ? FAILURE_OF_REASON[rule.reason] : undefined;
      if (known) return setFailure(known);
      if (rule && error.status < 500) {
        setRefusal(word(rule));
        return setFailure('refused');
      }
      setFailure('unexpected');
    }
  };

  const switchAccount = async () => {
    try {
      await auth.signOut();
    } finally {
      window.location.assign(`/sign-in?next=${encodeURIComponent(next)}`);
    }
  };

  const final = failure === 'invalid' || failure === 'expired' || failure === 'revoked' || failure === 'used';

  return (
    <div className="space-y-4">
      <p className="text-sm">
        {t.rich('signedInAs', { email, strong: (chunks) => <strong className="break-all">{chunks}</strong> })}
      </p>
      <div ref={messageRef}>
        {failure ? (
          <FormMessage tone="error">
            <span className="block font-semibold">{t(`failures.${failure}.title`)}</span>
            <span className="block">
              {failure === 'refused' ? refusal : t(`failures.${failure}.description`, { email })}
            </span>
          </FormMessage>
        ) : null}
      </div>
      {failure === 'unverified' ? (
        <Button asChild variant="outline" className="w-full">
          <a href="/verify-email">{t('verify')}</a>
        </Button>
      ) : null}
      {failure === 'wrongEmail' ? (
        <Button type="button" variant="outline" className="w-full" onClick={() => void switchAccount()}>
          {t('switchAccount')}
        </Button>
      ) : null}
      {final ? (
        <Button asChild variant="outline" className="w-full">
          <a href="/account">{t('toAccount')}</a>
        </Button>
      ) : (
        <Button type="button" className="w-full" disabled={pending} onClick={() => void accept()}>
          {pending ? t('pending') : t('accept')}
        </Button>
      )}
    </div>
  );
}
