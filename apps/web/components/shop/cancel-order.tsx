'use client';

import { isAtelierApiError } from '@atelier/sdk';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Button } from '@/components/ui/button';
import { type OrderDetail, shopPaths, shopRequest } from '@/lib/shop';

/** Cancels the order (allowed while unpaid, or paid and not yet in progress), after a confirmation. */
export function CancelOrder({
  studio,
  orderId,
  token,
}: {
  studio: string;
  orderId: string;
  token: string | null;
}) {
  const t = useTranslations('Checkout');
  // The refusal (an order that moved on meanwhile) in the client's language; OrderView ships ApiReasons.
  const word = useFieldErrorWords();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const cancel = async () => {
    setPending(true);
    setError(null);
    try {
      const query = token ? `?token=${encodeURIComponent(token)}` : '';
      await shopRequest<OrderDetail>(
        'POST',
        `${shopPaths.api(studio)}/orders/${orderId}/cancel${query}`,
        undefined,
        {
          'idempotency-key': crypto.randomUUID(),
        },
      );
      setConfirming(false);
      router.refresh();
    } catch (caught) {
      const refused = isAtelierApiError(caught) && caught.status >= 400 && caught.status < 500;
      const [rule] = refused ? caught.fields : [];
      setError(rule ? word(rule) : refused ? caught.detail : t('unexpected'));
    } finally {
      setPending(false);
    }
  };

  if (!confirming)
    return (
      <Button variant="outline" onClick={() => setConfirming(true)}>
        {t('cancelOrder')}
      </Button>
    );
  return (
    <div className="space-y-3 rounded-lg border border-destructive p-4">
      <p className="text-sm font-medium" role="status">
        {t('cancelConfirm')}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          onClick={cancel}
          disabled={pending}
          className="bg-destructive text-white hover:bg-destructive/90"
        >
          {t('cancelYes')}
        </Button>
        <Button variant="outline" onClick={() => setConfirming(false)} disabled={pending}>
          {t('cancelNo')}
        </Button>
      </div>
      {error ? <FormMessage tone="error">{error}</FormMessage> : null}
    </div>
  );
}
