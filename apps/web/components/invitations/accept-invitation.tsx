'use client';

import { isAtelierApiError, unwrap } from '@atelier/sdk';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
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
  | 'unreachable'
  | 'unexpected';

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
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(verified ? null : 'unverified');
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
      const field = error.fields[0]?.field;
      if (error.status === 400 || error.status === 404) return setFailure('invalid');
      if (error.status === 403 && error.fields[0]?.message.includes('not verified'))
        return setFailure('unverified');
      if (error.status === 403 && field === 'email') return setFailure('wrongEmail');
      if (field === 'invitationExpired') return setFailure('expired');
      if (field === 'invitationRevoked') return setFailure('revoked');
      if (field === 'invitationUsed') return setFailure('used');
      if (field === 'teamSeats') return setFailure('teamSeats');
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
            <span className="block">{t(`failures.${failure}.description`, { email })}</span>
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
