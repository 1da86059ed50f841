'use client';

import { Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { FormMessage } from '@/components/forms/field';
import { Button } from '@/components/ui/button';

export interface StripeCardProps {
  clientSecret: string;
  publishableKey: string;
  /** This order's page: Stripe sends the payer back there with `?payment_intent=...&redirect_status=...`. */
  returnTo: { studio: string; orderId: string; orderToken: string | null };
  /** The submit button's text ("Pay ฿450"). */
  payLabel: string;
}

export function CardFormLoading() {
  const t = useTranslations('Checkout');
  return (
    <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
      <Loader2 className="size-4 animate-spin motion-reduce:animate-none" aria-hidden="true" />
      {t('cardFormLoading')}
    </p>
  );
}

/** The card form could not be shown: say so plainly and offer another try. */
export function CardFormUnavailable({ onRetry }: { onRetry: () => void }) {
  const t = useTranslations('Checkout');
  return (
    <div className="space-y-3" data-testid="stripe-card-unavailable">
      <FormMessage tone="error">{t('cardFormFailed')}</FormMessage>
      <Button type="button" variant="outline" onClick={onRetry}>
        {t('cardFormRetry')}
      </Button>
    </div>
  );
}
