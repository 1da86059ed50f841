import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { createPaymentsService, type PaymentsService } from './payments.service.js';
import type { StartPaymentInput } from './payments.types.js';
import { SANDBOX_CARDS } from './provider.sandbox.js';
import { inStudio } from './testing/fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

describe('payments routes', () => {
  let t: TestApp;
  let payments: PaymentsService;
  let owner: { jar: Jar; userId: string };
  let stranger: { jar: Jar; userId: string };
  let studioId: string;

  const start = (overrides: Partial<StartPaymentInput> = {}) =>
    inStudio(t.database, studioId, (ctx) =>
      payments.startPayment(ctx, {
        payable: { type: 'order', id: uuidv7() },
        clientId: null,
        email: 'guest@example.com',
        amountMinor: 5_000,
        currency: 'USD',
        provider: 'sandbox',
        description: 'Order',
        idempotencyKey: uuidv7(),
        ...overrides,
      }),
    );

  beforeAll(async () => {
    t = await buildTestApp();
    payments = createPaymentsService({
      database: t.database,
      storage: t.storage,
      appSecret: t.config.appSecret,
      sandbox: true,
    });
    owner = await signUpVerified(t, 'owner@example.com');
    stranger = await signUpVerified(t, 'stranger@example.com');
    studioId = (await openStudio(t, owner, { slug: 'electric-muse' })).id;
    await openStudio(t, stranger, { slug: 'other-studio' });
  });
  afterAll(async () => t.close());

  it('a guest sees their payment with its token; without it, or from another studio, it is 404', async () => {
    const payment = await start();
    const base = `/api/v1/studios/electric-muse/payments/${payment.id}`;
    const seen = await requestAs(t, null)('GET', `${base}?token=${payment.accessToken}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      id: payment.id,
      sandbox: true,
      nextAction: { type: 'sandbox_card' },
    });
    expect((await requestAs(t, null)('GET', base)).statusCode).toBe(404);
    expect((await requestAs(t, null)('GET', `${base}?token=nope`)).statusCode).toBe(404);
    expect((await requestAs(t, stranger)('GET', `${base}?token=nope`)).statusCode).toBe(404);
    expect(
      (
        await requestAs(t, null)(
          'GET',
          `/api/v1/studios/other-studio/payments/${payment.id}?token=${payment.accessToken}`,
        )
      ).statusCode,
    ).toBe(404);
    // Staff of the studio may look too.
    expect((await requestAs(t, owner)('GET', base)).statusCode).toBe(200);
  });

  it('the payer pays a sandbox payment with a test card, then completes 3-D Secure', async () => {
    const payment = await start();
    const confirm = (body: object, token = payment.accessToken) =>
      requestAs(t, null)(
        'POST',
        `/api/v1/studios/electric-muse/payments/${payment.id}/sandbox/confirm?token=${token}`,
        body,
        { 'idempotency-key': uuidv7() },
      );
    // A number that is none of the test cards says which one pays, for the payer's page to word.
    expect((await confirm({ card: '4111 1111 1111 1111' })).json().errors).toEqual([
      {
        field: 'body.card',
        message: expect.any(String),
        reason: 'sandbox.unknown_card',
        params: { card: SANDBOX_CARDS.succeeds },
      },
    ]);
    expect((await confirm({ card: SANDBOX_CARDS.requires_action })).json().status).toBe('requires_action');
    expect((await confirm({ card: SANDBOX_CARDS.requires_action }, 'wrong')).statusCode).toBe(404);
    const done = await confirm({});
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('succeeded');
  });

  it('a payer attaches a slip; staff list (filters, cursor), mark paid with proof; strangers get 404', async () => {
    const transfer = await start({ provider: 'manual', manualMethod: 'bank_transfer' });
    // A bank transfer is not paid with a sandbox card.
    const notSandbox = await requestAs(t, null)(
      'POST',
      `/api/v1/studios/electric-muse/payments/${transfer.id}/sandbox/confirm?token=${transfer.accessToken}`,
      { card: SANDBOX_CARDS.succeeds },
      { 'idempotency-key': uuidv7() },
    );
    expect(notSandbox.statusCode).toBe(409);
    expect(notSandbox.json().errors).toEqual([
      { field: 'provider', message: expect.any(String), reason: 'payment.not_sandbox' },
    ]);
    const slip = await requestAs(t, null)(
      'POST',
      `/api/v1/studios/electric-muse/payments/${transfer.id}/slip?token=${transfer.accessToken}`,
      { contentType: 'image/png', dataBase64: Buffer.from('slip').toString('base64') },
    );
    expect(slip.statusCode, slip.body).toBe(200);
    expect(slip.json().hasProof).toBe(true);

    const list = await requestAs(t, owner)(
      'GET',
      '/api/v1/studios/electric-muse/payments?provider=manual&status=pending',
    );
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { id: string }) => p.id)).toContain(transfer.id);
    expect(list.json().items[0].proofUrl).toMatch(/^http/);
    const paged = await requestAs(t, owner)('GET', '/api/v1/studios/electric-muse/payments?limit=1');
    const next = await requestAs(t, owner)(
      'GET',
      `/api/v1/studios/electric-muse/payments?limit=1&cursor=${paged.json().nextCursor}`,
    );
    expect(next.json().items[0].id).not.toBe(paged.json().items[0].id);
    expect((await requestAs(t, stranger)('GET', '/api/v1/studios/electric-muse/payments')).statusCode).toBe(
      404,
    );
    expect(
      (await requestAs(t, owner)('GET', '/api/v1/studios/electric-muse/payments?status=bogus')).statusCode,
    ).toBe(400);

    const markPaid = (jar: Jar) =>
      requestAs(t, jar)(
        'POST',
        `/api/v1/studios/electric-muse/payments/${transfer.id}/mark-paid`,
        {
          note: 'Arrived in KBank',
          proof: { contentType: 'application/pdf', dataBase64: 'JVBERi0xLjQK' },
        },
        { 'idempotency-key': uuidv7() },
      );
    expect((await markPaid(stranger.jar)).statusCode).toBe(404);
    const paid = await markPaid(owner.jar);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().status).toBe('succeeded');

    // The payment is settled: another slip is refused, naming the rule so the payer's page can word it.
    const late = await requestAs(t, null)(
      'POST',
      `/api/v1/studios/electric-muse/payments/${transfer.id}/slip?token=${transfer.accessToken}`,
      { contentType: 'image/png', dataBase64: Buffer.from('slip').toString('base64') },
    );
    expect(late.statusCode).toBe(409);
    expect(late.json().errors).toEqual([
      {
        field: 'status',
        message: 'A succeeded payment takes no slip',
        reason: 'slip.payment_closed',
        params: { status: 'succeeded' },
      },
    ]);
    // A card payment takes no slip at all.
    const card = await start();
    const notTaken = await requestAs(t, null)(
      'POST',
      `/api/v1/studios/electric-muse/payments/${card.id}/slip?token=${card.accessToken}`,
      { contentType: 'image/png', dataBase64: Buffer.from('slip').toString('base64') },
    );
    expect(notTaken.statusCode).toBe(409);
    expect(notTaken.json().errors[0]).toMatchObject({ field: 'provider', reason: 'slip.not_taken' });
  });

  it('refunds with an Idempotency-Key once; more than is left is 409 naming amountMinor', async () => {
    const payment = await start({ sandboxCard: SANDBOX_CARDS.succeeds });
    const url = `/api/v1/studios/electric-muse/payments/${payment.id}/refunds`;
    const key = uuidv7();
    const refund = (amountMinor: number, idempotencyKey = uuidv7()) =>
      requestAs(t, owner)(
        'POST',
        url,
        { amountMinor, reason: 'late' },
        { 'idempotency-key': idempotencyKey },
      );
    expect((await refund(2_000, key)).json()).toMatchObject({
      refundedMinor: 2_000,
      status: 'partially_refunded',
    });
    expect((await refund(2_000, key)).json()).toMatchObject({ refundedMinor: 2_000 });
    const tooMuch = await refund(3_001);
    expect(tooMuch.statusCode).toBe(409);
    // The most that is left, as money in the message and as data for the page to word and format.
    expect(tooMuch.json().errors).toEqual([
      {
        field: 'amountMinor',
        message: 'At most $30.00 is left to refund',
        reason: 'refund.more_than_left',
        params: { amountMinor: 3_000, currency: 'USD' },
      },
    ]);
    // A guest's payment has no wallet to refund to.
    const toWallet = await requestAs(t, owner)(
      'POST',
      url,
      { amountMinor: 100, reason: 'late', to: 'wallet' },
      { 'idempotency-key': uuidv7() },
    );
    expect(toWallet.statusCode).toBe(400);
    expect(toWallet.json().errors[0]).toMatchObject({ field: 'to', reason: 'refund.guest_no_wallet' });
    expect((await refund(3_000)).json()).toMatchObject({ status: 'refunded' });
    const nothing = await refund(1);
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().errors[0]).toMatchObject({
      field: 'amountMinor',
      reason: 'refund.nothing_left',
      params: { status: 'refunded' },
    });
    expect((await refund(0)).statusCode).toBe(400);
    expect((await requestAs(t, null)('POST', url, { amountMinor: 1 })).statusCode).toBe(401);
  });

  it('payment settings: staff read, admins change, PromptPay id validated; checkout lists methods', async () => {
    const url = '/api/v1/studios/electric-muse/payment-settings';
    expect((await requestAs(t, owner)('GET', url)).json()).toMatchObject({
      stripeEnabled: false,
      promptPayId: null,
      // This server has no Stripe keys, so staff are told card payments need its operator.
      serverProviders: t.config.stripe
        ? ['stripe', 'manual', 'promptpay', 'wallet', 'sandbox']
        : ['manual', 'promptpay', 'wallet', 'sandbox'],
    });
    const bad = await requestAs(t, owner)('PUT', url, { promptPayId: '0812' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.promptPayId');
    const good = await requestAs(t, owner)('PUT', url, {
      promptPayId: '0812345678',
      manualMethods: ['bank_transfer'],
      bankTransferInstructions: 'SCB 111',
    });
    expect(good.statusCode).toBe(200);
    expect(good.json().serverProviders).toContain('sandbox');
    // What was read, sent back as it was, is taken (the server's providers are not a setting).
    const echoed = await requestAs(t, owner)('PUT', url, good.json());
    expect(echoed.statusCode, echoed.body).toBe(200);
    expect(echoed.json()).toEqual(good.json());
    expect((await requestAs(t, stranger)('PUT', url, {})).statusCode).toBe(404);
    const methods = (await requestAs(t, null)('GET', '/api/v1/studios/electric-muse/payment-methods')).json()
      .items;
    expect(methods).toContainEqual({
      provider: 'sandbox',
      manualMethod: null,
      label: expect.stringMatching(/sandbox/i),
      sandbox: true,
    });
    expect(methods).toContainEqual(
      expect.objectContaining({ provider: 'manual', manualMethod: 'bank_transfer' }),
    );
    expect(methods.find((m: { manualMethod: string }) => m.manualMethod === 'cash')).toBeUndefined();
    // USD studio: PromptPay needs baht, Stripe is off, so neither is offered.
    expect(methods.map((m: { provider: string }) => m.provider)).not.toContain('promptpay');

    // Settings that leave clients no way to pay are refused, and nothing of them is saved: every
    // provider off; only manual with no manual method; only what this studio cannot use (PromptPay in
    // USD, Stripe switched off) next to the wallet, which cannot be topped up without another way.
    for (const change of [
      { enabledProviders: [] },
      { enabledProviders: ['manual'], manualMethods: [] },
      { enabledProviders: ['promptpay', 'stripe', 'wallet'] },
    ]) {
      const none = await requestAs(t, owner)('PUT', url, change);
      expect(none.statusCode, JSON.stringify(change)).toBe(422);
      expect(none.json().errors).toEqual([
        {
          field: 'body.enabledProviders',
          message: expect.any(String),
          reason: 'payment_settings.no_way_to_pay',
        },
      ]);
    }
    expect((await requestAs(t, owner)('GET', url)).json()).toMatchObject({
      enabledProviders: expect.arrayContaining(['manual', 'sandbox']),
      manualMethods: ['bank_transfer'],
    });
    const bankOnly = await requestAs(t, owner)('PUT', url, { enabledProviders: ['manual'] });
    expect(bankOnly.statusCode, bankOnly.body).toBe(200);
  });

  it('the Stripe webhook answers 404 when Stripe is not configured', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/stripe/webhook',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(404);
  });
});
