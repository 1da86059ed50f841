'use client';

import dynamic from 'next/dynamic';
import { Component, type ReactNode } from 'react';
import { CardFormLoading, CardFormUnavailable, type StripeCardProps } from './stripe-card-states';

/**
 * Stripe's card form (Payment Element) for the payer, loaded only when a payment needs it: the
 * Stripe.js bundle and script stay off every other page. If Stripe cannot be reached (blocked,
 * offline, js.stripe.com down) the payer gets a message and a retry button, and the rest of the order
 * page keeps working.
 */
const StripePaymentForm = dynamic(() => import('./stripe-payment-form').then((m) => m.StripePaymentForm), {
  ssr: false,
  loading: () => <CardFormLoading />,
});

export function StripeCard(props: StripeCardProps) {
  return (
    <CardFormBoundary fallback={<CardFormUnavailable onRetry={() => window.location.reload()} />}>
      <StripePaymentForm {...props} />
    </CardFormBoundary>
  );
}

/** Anything thrown while loading or rendering the form (a chunk that failed to download) stays here. */
class CardFormBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
