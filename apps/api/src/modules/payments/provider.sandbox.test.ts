import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import type { ProviderContext } from './payments.providers.js';
import type { StartPaymentInput } from './payments.types.js';
import { createSandboxProvider, SANDBOX_CARDS, sandboxCardOutcome } from './provider.sandbox.js';

describe('sandbox test cards', () => {
  it('4000 0000 0000 0341 pays while the client is there and declines charges made without them', () => {
    for (const card of [SANDBOX_CARDS.declines_off_session, '4000 0000 0000 0341', '4000-0000-0000-0341']) {
      expect(sandboxCardOutcome(card, 'sandboxCard')).toMatchObject({ status: 'succeeded' });
      expect(sandboxCardOutcome(card, 'sandboxCard', { offSession: false })).toMatchObject({
        status: 'succeeded',
      });
      const later = sandboxCardOutcome(card, 'sandboxCard', { offSession: true });
      expect(later.status).toBe('failed');
      expect(later.failureReason).toMatch(/declined/);
    }
  });

  it('the 3-D Secure card asks for the check while the client is there, and declines without them', () => {
    expect(sandboxCardOutcome(SANDBOX_CARDS.requires_action, 'c')).toMatchObject({
      status: 'requires_action',
      nextAction: { type: 'sandbox_card' },
    });
    const later = sandboxCardOutcome(SANDBOX_CARDS.requires_action, 'c', { offSession: true });
    expect(later).toMatchObject({ status: 'failed', nextAction: { type: 'none' } });
    expect(later.failureReason).toMatch(/requires authentication/);
  });

  it('the other cards answer the same on and off session', () => {
    for (const offSession of [false, true]) {
      expect(sandboxCardOutcome(SANDBOX_CARDS.succeeds, 'c', { offSession }).status).toBe('succeeded');
      expect(sandboxCardOutcome(SANDBOX_CARDS.declines, 'c', { offSession }).status).toBe('failed');
    }
    const error = (() => {
      try {
        sandboxCardOutcome('4000000000000999', 'body.card');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields?.[0]?.field).toBe('body.card');
  });

  it('the provider passes the payment’s offSession on: a plan’s later charge declines, the first pays', async () => {
    const provider = createSandboxProvider({ enabled: true });
    const input: StartPaymentInput = {
      payable: { type: 'order', id: '00000000-0000-7000-8000-000000000001' },
      clientId: null,
      email: 'client@example.com',
      amountMinor: 33_334,
      currency: 'USD',
      provider: 'sandbox',
      sandboxCard: SANDBOX_CARDS.declines_off_session,
      description: 'Instalment',
      idempotencyKey: 'k',
    };
    const payment = { id: '00000000-0000-7000-8000-000000000002' } as Parameters<typeof provider.start>[1];
    const ctx = {} as ProviderContext;
    expect((await provider.start(ctx, payment, input)).status).toBe('succeeded');
    expect((await provider.start(ctx, payment, { ...input, offSession: false })).status).toBe('succeeded');
    const later = await provider.start(ctx, payment, { ...input, offSession: true });
    expect(later).toMatchObject({ status: 'failed', providerRef: `sandbox_${payment.id}` });
  });
});
