import { describe, expect, it } from 'vitest';
import { payerMessage, payerQuery, paymentStep, stripeReturn, stripeReturnUrl } from './payment-step';

const stripe = (clientSecret: string, publishableKey: string) => ({
  provider: 'stripe',
  status: 'pending',
  nextAction: { type: 'stripe_confirm', clientSecret, publishableKey },
});

describe('paymentStep', () => {
  it('shows the Stripe card form to the payer, who has both keys', () => {
    expect(paymentStep(stripe('pi_1_secret_2', 'pk_test_1'))).toEqual({
      kind: 'stripe_card',
      clientSecret: 'pi_1_secret_2',
      publishableKey: 'pk_test_1',
    });
  });
  it('shows nothing to pay with when the keys are blanked (not the payer)', () => {
    expect(paymentStep(stripe('', '')).kind).toBe('none');
    expect(paymentStep(stripe('pi_1_secret_2', '')).kind).toBe('none');
  });
  it('shows nothing for a payment that is no longer open', () => {
    for (const status of ['succeeded', 'failed', 'cancelled', 'refunded'])
      expect(paymentStep({ ...stripe('pi_1_secret_2', 'pk_test_1'), status }).kind).toBe('none');
  });
  it('asks a sandbox payment waiting for authentication to complete or fail it', () => {
    expect(
      paymentStep({ provider: 'sandbox', status: 'requires_action', nextAction: { type: 'sandbox_card' } }),
    ).toEqual({ kind: 'sandbox_authentication' });
    expect(
      paymentStep({
        provider: 'sandbox',
        status: 'pending',
        nextAction: { type: 'sandbox_card', testCards: [] },
      }),
    ).toEqual({ kind: 'sandbox_card' });
  });
  it('passes PromptPay, bank transfer and pay-at-studio steps through', () => {
    const qr = {
      type: 'promptpay_qr',
      payload: '000201',
      svg: '<svg/>',
      amountMinor: 100,
      promptPayId: '0812345678',
    };
    expect(paymentStep({ provider: 'promptpay', status: 'pending', nextAction: qr })).toEqual({
      kind: 'promptpay',
      action: qr,
    });
    const bank = { type: 'bank_transfer', instructions: 'KBank', reference: 'PAY-ABCD1234' };
    expect(paymentStep({ provider: 'manual', status: 'pending', nextAction: bank })).toEqual({
      kind: 'bank_transfer',
      action: bank,
    });
    expect(
      paymentStep({
        provider: 'manual',
        status: 'pending',
        nextAction: { type: 'pay_at_studio', instructions: '' },
      }),
    ).toEqual({ kind: 'pay_at_studio', instructions: '' });
  });
  it('follows a Checkout Session redirect to a web address only', () => {
    const to = (url: string) =>
      paymentStep({ provider: 'stripe', status: 'pending', nextAction: { type: 'redirect', url } });
    expect(to('https://checkout.stripe.com/c/pay/cs_1')).toEqual({
      kind: 'redirect',
      url: 'https://checkout.stripe.com/c/pay/cs_1',
    });
    expect(to('javascript:alert(1)').kind).toBe('none');
    expect(to('').kind).toBe('none');
  });
  it('tolerates an unknown or missing next action', () => {
    expect(paymentStep({ provider: 'x', status: 'pending', nextAction: null }).kind).toBe('none');
    expect(paymentStep({ provider: 'x', status: 'pending', nextAction: { type: 'later' } }).kind).toBe(
      'none',
    );
  });
});

describe('stripeReturn', () => {
  it("reads Stripe's redirect back", () => {
    expect(stripeReturn({ payment_intent: 'pi_3Abc', redirect_status: 'succeeded' })).toEqual({
      paymentIntent: 'pi_3Abc',
      outcome: 'succeeded',
    });
    expect(stripeReturn({ payment_intent: 'pi_3Abc', redirect_status: 'processing' })?.outcome).toBe(
      'processing',
    );
    expect(
      stripeReturn({ payment_intent: 'pi_3Abc', redirect_status: 'requires_payment_method' })?.outcome,
    ).toBe('failed');
    expect(stripeReturn({ payment_intent: 'pi_3Abc', redirect_status: 'failed' })?.outcome).toBe('failed');
  });
  it('ignores anything else', () => {
    expect(stripeReturn({})).toBeNull();
    expect(stripeReturn({ token: 'abc' })).toBeNull();
    expect(stripeReturn({ payment_intent: 'pi_3Abc' })).toBeNull();
    expect(stripeReturn({ payment_intent: 'pi_3Abc', redirect_status: 'paid!' })).toBeNull();
    expect(stripeReturn({ payment_intent: '<script>', redirect_status: 'succeeded' })).toBeNull();
    expect(stripeReturn({ payment_intent: ['pi_1', 'pi_2'], redirect_status: 'succeeded' })).toBeNull();
  });
});

describe('stripeReturnUrl and payerQuery', () => {
  it("returns a guest to their order with the order's token; a client by account", () => {
    expect(stripeReturnUrl('https://atelier.test', 'qr-studios', 'o-1', 'tok/en+1')).toBe(
      'https://atelier.test/qr-studios/orders/o-1?token=tok%2Fen%2B1',
    );
    expect(stripeReturnUrl('http://127.0.0.1:3000', 'qr-studios', 'o-1', null)).toBe(
      'http://127.0.0.1:3000/qr-studios/orders/o-1',
    );
  });
  it("passes a payment's access token on the payment routes", () => {
    expect(payerQuery('a-b_c')).toBe('?token=a-b_c');
    expect(payerQuery(undefined)).toBe('');
    expect(payerQuery(null)).toBe('');
  });
});

describe('payerMessage', () => {
  it("passes on Stripe's words for the payer: a decline, a form field, a failed bank check", () => {
    expect(
      payerMessage({ type: 'card_error', code: 'card_declined', message: 'Your card was declined.' }),
    ).toBe('Your card was declined.');
    expect(payerMessage({ type: 'validation_error', message: 'Your card number is incomplete.' })).toBe(
      'Your card number is incomplete.',
    );
    const check = 'We are unable to authenticate your payment method.';
    expect(
      payerMessage({
        type: 'invalid_request_error',
        code: 'payment_intent_authentication_failure',
        message: check,
      }),
    ).toBe(check);
    expect(
      payerMessage({
        type: 'invalid_request_error',
        code: 'setup_intent_authentication_failure',
        message: check,
      }),
    ).toBe(check);
  });

  it('keeps the rest (keys, network, our mistakes) for the page to word', () => {
    expect(
      payerMessage({ type: 'invalid_request_error', message: 'No such payment_intent: pi_1' }),
    ).toBeNull();
    expect(payerMessage({ type: 'api_connection_error', message: 'Failed to fetch' })).toBeNull();
    expect(payerMessage({ type: 'card_error' })).toBeNull();
  });
});
