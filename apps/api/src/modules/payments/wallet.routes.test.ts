import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, type EventBus } from '../../platform/events/index.js';
import { getMail, listMail, startMailWorker } from '../../platform/mailer/index.js';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { until } from './ledger.testing.js';
import { SANDBOX_CARDS } from './provider.sandbox.js';
import { walletEventHandlers } from './wallet.service.js';

const { signUpVerified } = identityTesting;
type Jar = InstanceType<typeof identityTesting.Jar>;

describe('wallet routes', () => {
  let t: TestApp;
  let bus: EventBus;
  let owner: { jar: Jar; userId: string; email: string };
  let client: { jar: Jar; userId: string; email: string };
  let otherOwner: { jar: Jar; userId: string; email: string };

  beforeAll(async () => {
    t = await buildTestApp({ config: { paymentsSandbox: true } });
    bus = createEventBus({ database: t.database, queue: t.queue, logger: pino({ level: 'silent' }) });
    for (const handler of walletEventHandlers({ queue: t.queue, publicUrl: t.config.publicUrl }))
      bus.subscribe(handler);
    await bus.start({ pollIntervalMs: 50 });
    await startMailWorker(t.queue, t.mailer, { work: true });
    owner = await signUpVerified(t, 'wallet.owner@example.com', 'Wallet Owner');
    client = await signUpVerified(t, 'wallet.client@example.com', 'Wallet Client');
    otherOwner = await signUpVerified(t, 'other.owner@example.com', 'Other Owner');
    await openStudio(t, owner, { slug: 'qr-wallet', currency: 'THB', timezone: 'Asia/Bangkok' });
    await openStudio(t, otherOwner, { slug: 'other-wallet', currency: 'THB', timezone: 'Asia/Bangkok' });
  }, 60_000);
  afterAll(async () => {
    await bus.stop();
    await t.close();
  });

  it('lets the owner set bonus tiers and refuses bad ones naming the field', async () => {
    const tiers = {
      topupsEnabled: true,
      minTopupMinor: 10_000,
      maxTopupMinor: 5_000_000,
      bonusTiers: [
        { minTopupMinor: 300_000, bonusMinor: 40_000 },
        { minTopupMinor: 100_000, bonusMinor: 10_000 },
      ],
    };
    const saved = await requestAs(t, owner)('PUT', '/api/v1/studios/qr-wallet/wallet/settings', tiers);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().bonusTiers[0]).toEqual({ minTopupMinor: 100_000, bonusMinor: 10_000 });
    expect(
      (await requestAs(t, client)('PUT', '/api/v1/studios/qr-wallet/wallet/settings', tiers)).statusCode,
    ).toBe(404);
    const bad = await requestAs(t, owner)('PUT', '/api/v1/studios/qr-wallet/wallet/settings', {
      ...tiers,
      minTopupMinor: 9_000_000,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.minTopupMinor');
    const dup = await requestAs(t, owner)('PUT', '/api/v1/studios/qr-wallet/wallet/settings', {
      ...tiers,
      bonusTiers: [tiers.bonusTiers[0], tiers.bonusTiers[0]],
    });
    expect(dup.json().errors[0].field).toBe('body.bonusTiers[1].minTopupMinor');
  });

  it("shows a client this studio's bonus tiers (and only this studio's) before they pay", async () => {
    const otherTiers = {
      topupsEnabled: true,
      minTopupMinor: 5_000,
      maxTopupMinor: 1_000_000,
      bonusTiers: [{ minTopupMinor: 50_000, bonusMinor: 7_777 }],
    };
    expect(
      (await requestAs(t, otherOwner)('PUT', '/api/v1/studios/other-wallet/wallet/settings', otherTiers))
        .statusCode,
    ).toBe(200);

    const mine = await requestAs(t, client)('GET', '/api/v1/studios/qr-wallet/wallet');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().topups).toEqual({
      enabled: true,
      minTopupMinor: 10_000,
      maxTopupMinor: 5_000_000,
      bonusTiers: [
        { minTopupMinor: 100_000, bonusMinor: 10_000 },
        { minTopupMinor: 300_000, bonusMinor: 40_000 },
      ],
    });
    const there = await requestAs(t, client)('GET', '/api/v1/studios/other-wallet/wallet');
    expect(there.json().topups).toEqual({
      enabled: true,
      minTopupMinor: 5_000,
      maxTopupMinor: 1_000_000,
      bonusTiers: [{ minTopupMinor: 50_000, bonusMinor: 7_777 }],
    });
    // Signed out: no wallet, and no tiers either.
    expect((await requestAs(t, null)('GET', '/api/v1/studios/qr-wallet/wallet')).statusCode).toBe(401);
  });

  it('tops up 1,000 THB with a 100 THB bonus, once, however often the request is repeated', async () => {
    const body = { amountMinor: 100_000, provider: 'sandbox', sandboxCard: SANDBOX_CARDS.succeeds };
    const first = await requestAs(t, client)('POST', '/api/v1/studios/qr-wallet/wallet/top-ups', body, {
      'idempotency-key': 'topup-1',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      amountMinor: 100_000,
      bonusMinor: 10_000,
      currency: 'THB',
      payment: { status: 'succeeded' },
    });
    const again = await requestAs(t, client)('POST', '/api/v1/studios/qr-wallet/wallet/top-ups', body, {
      'idempotency-key': 'topup-1',
    });
    expect(again.json().id).toBe(first.json().id);

    const wallet = await until(async () => {
      const res = await requestAs(t, client)('GET', '/api/v1/studios/qr-wallet/wallet');
      return res.json().balanceMinor > 0 ? res.json() : null;
    });
    expect(wallet.balanceMinor).toBe(110_000);
    expect(wallet.items.map((e: { kind: string; amountMinor: number }) => [e.kind, e.amountMinor])).toEqual([
      ['bonus', 10_000],
      ['topup', 100_000],
    ]);
    const receipt = await until(async () =>
      (await listMail(t.database, { limit: 100 })).items.find((m) => m.template === 'wallet-topup-receipt'),
    );
    const text = (await getMail(t.database, receipt.id)).text;
    expect(text).toContain('1,000.00');
    expect(text).toContain('1,100.00');

    // A second event for the same payment (redelivery, duplicate webhook) credits nothing more.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await requestAs(t, client)('GET', '/api/v1/studios/qr-wallet/wallet')).json().balanceMinor).toBe(
      110_000,
    );

    // Pages of the statement.
    const page = await requestAs(t, client)('GET', '/api/v1/studios/qr-wallet/wallet?limit=1');
    expect(page.json().items).toHaveLength(1);
    const next = await requestAs(t, client)(
      'GET',
      `/api/v1/studios/qr-wallet/wallet?limit=1&cursor=${page.json().nextCursor}`,
    );
    expect(next.json().items[0].kind).toBe('topup');
  });

  it('leaves the wallet alone when the top-up card is declined, and checks the amount', async () => {
    const declined = await requestAs(t, client)('POST', '/api/v1/studios/qr-wallet/wallet/top-ups', {
      amountMinor: 50_000,
      provider: 'sandbox',
      sandboxCard: SANDBOX_CARDS.declines,
    });
    expect(declined.statusCode).toBe(201);
    expect(declined.json().payment.status).toBe('failed');
    const small = await requestAs(t, client)('POST', '/api/v1/studios/qr-wallet/wallet/top-ups', {
      amountMinor: 5,
      provider: 'sandbox',
    });
    expect(small.statusCode).toBe(400);
    expect(small.json().errors[0].field).toBe('body.amountMinor');
    expect(
      (
        await requestAs(t, null)('POST', '/api/v1/studios/qr-wallet/wallet/top-ups', {
          amountMinor: 50_000,
          provider: 'sandbox',
        })
      ).statusCode,
    ).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await requestAs(t, client)('GET', '/api/v1/studios/qr-wallet/wallet')).json().balanceMinor).toBe(
      110_000,
    );
  });

  it('lets staff see and adjust a client wallet, never below zero, and hides it from other studios', async () => {
    const clientId = (await requestAs(t, client)('GET', '/api/v1/studios/qr-wallet/wallet')).json()
      .clientId as string;
    const seen = await requestAs(t, owner)('GET', `/api/v1/studios/qr-wallet/clients/${clientId}/wallet`);
    expect(seen.json().balanceMinor).toBe(110_000);
    const adjusted = await requestAs(t, owner)(
      'POST',
      `/api/v1/studios/qr-wallet/clients/${clientId}/wallet/adjustments`,
      {
        amountMinor: -10_001,
        reason: 'Goodwill reversed',
      },
    );
    expect(adjusted.statusCode).toBe(201);
    expect(adjusted.json().balanceMinor).toBe(99_999);
    const over = await requestAs(t, owner)(
      'POST',
      `/api/v1/studios/qr-wallet/clients/${clientId}/wallet/adjustments`,
      {
        amountMinor: -100_000,
        reason: 'Too much',
      },
    );
    expect(over.statusCode).toBe(409);
    expect(over.json().errors[0].field).toBe('amountMinor');
    const zero = await requestAs(t, owner)(
      'POST',
      `/api/v1/studios/qr-wallet/clients/${clientId}/wallet/adjustments`,
      { amountMinor: 0, reason: 'x' },
    );
    expect(zero.statusCode).toBe(400);
    // The client is not staff; another studio's owner cannot reach this studio's client.
    expect(
      (
        await requestAs(t, client)(
          'POST',
          `/api/v1/studios/qr-wallet/clients/${clientId}/wallet/adjustments`,
          {
            amountMinor: 1,
            reason: 'x',
          },
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await requestAs(t, otherOwner)('GET', `/api/v1/studios/other-wallet/clients/${clientId}/wallet`))
        .statusCode,
    ).toBe(404);
    // And the client's wallet in the other studio is empty.
    expect((await requestAs(t, client)('GET', '/api/v1/studios/other-wallet/wallet')).json()).toMatchObject({
      balanceMinor: 0,
      items: [],
    });
  });
});
