import { describe, expect, it } from 'vitest';
import { refundsOnCancel } from './cancel-refunds';

const payment = (provider: string, status: string, amountMinor: number, refundedMinor = 0) => ({
  provider,
  status,
  amountMinor,
  refundedMinor,
});

describe('refundsOnCancel', () => {
  it('counts what is left of each payment received, split by whether the refund moves the money', () => {
    expect(
      refundsOnCancel([
        payment('wallet', 'succeeded', 5_000),
        payment('stripe', 'partially_refunded', 10_000, 2_500),
        payment('manual', 'succeeded', 20_000),
        payment('promptpay', 'succeeded', 3_000, 0),
      ]),
    ).toEqual({ automaticMinor: 12_500, byHandMinor: 23_000 });
  });

  it('leaves out payments still waiting (they are cancelled, not refunded) and ones already refunded', () => {
    expect(
      refundsOnCancel([
        payment('manual', 'pending', 20_000),
        payment('sandbox', 'requires_action', 4_000),
        payment('sandbox', 'failed', 4_000),
        payment('stripe', 'refunded', 10_000, 10_000),
      ]),
    ).toEqual({ automaticMinor: 0, byHandMinor: 0 });
  });
});
