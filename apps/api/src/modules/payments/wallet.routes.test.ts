import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, type EventBus, emit } from '../../platform/events/index.js';
import { getMail, listMail, startMailWorker } from '../../platform/mailer/index.js';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { until } from './ledger.testing.js';
import { paymentsFromConfig } from './payments.service.js';
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
  let studioId: string;

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
    ({ id: studioId } = await openStudio(t, owner, {
      slug: 'qr-wallet',
      currency: 'THB',
      timezone: 'Asia/Bangkok',
    }));
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
    // Each line says what it is as data, for the pages to word: both name the top-up's payment, no order,
    // and carry no words of their own.
    const paymentId = first.json().payment.id;
    for (const entry of wallet.items) expect(entry).toMatchObject({ paymentId, order: null, note: null });
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
    // The studio's limits as money, for the client's page to say in their language.
    expect(small.json().errors).toEqual([
      {
        field: 'body.amountMinor',
        message: 'must be between 10000 and 5000000',
        reason: 'wallet.topup_out_of_range',
        params: { minMinor: 10_000, maxMinor: 5_000_000, currency: 'THB' },
      },
    ]);
    expect(
      (
        await requestAs(t, null)('POST', '/api/v1/studios/qr-wallet/wallet/top-ups', {
          amountMinor: 50_000,
          provider: 'sandbox',
        })
      ).statusCode,
    ).toBe(401);
    // A studio that stopped taking top-ups says so by its rule, on the amount.
    const settingsUrl = '/api/v1/studios/qr-wallet/wallet/settings';
    const settings = (await requestAs(t, owner)('GET', settingsUrl)).json();
    await requestAs(t, owner)('PUT', settingsUrl, { ...settings, topupsEnabled: false });
    const off = await requestAs(t, client)('POST', '/api/v1/studios/qr-wallet/wallet/top-ups', {
      amountMinor: 50_000,
      provider: 'sandbox',
    });
    expect(off.statusCode).toBe(422);
    expect(off.json().errors).toEqual([
      { field: 'body.amountMinor', message: expect.any(String), reason: 'wallet.topups_off' },
    ]);
    expect((await requestAs(t, owner)('PUT', settingsUrl, settings)).statusCode).toBe(200);
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
    // The staff's words are the adjustment's note, shown as written; it refers to no payment.
    expect(adjusted.json().items[0]).toMatchObject({
      kind: 'adjustment',
      amountMinor: -10_001,
      note: 'Goodwill reversed',
      paymentId: null,
      order: null,
    });
    // Money moved by hand is in the audit log: who, how much, why, about which client.
    const audit = await requestAs(t, owner)(
      'GET',
      '/api/v1/studios/qr-wallet/audit?action=payments.wallet.adjusted',
    );
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().items[0]).toMatchObject({
      actorUserId: owner.userId,
      targetType: 'client',
      targetId: clientId,
      data: { amountMinor: -10_001, currency: 'THB', reason: 'Goodwill reversed', balanceMinor: 99_999 },
    });
    const over = await requestAs(t, owner)(
      'POST',
      `/api/v1/studios/qr-wallet/clients/${clientId}/wallet/adjustments`,
      {
        amountMinor: -100_000,
        reason: 'Too much',
      },
    );
    expect(over.statusCode).toBe(409);
    expect(over.json().errors[0]).toMatchObject({
      field: 'amountMinor',
      reason: 'wallet.balance_too_low',
      params: { balanceMinor: 99_999, amountMinor: 100_000, currency: 'THB' },
    });
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

  it("names the order a wallet paid and the refunds back to it, with staff's words as the note", async () => {
    const me = (await requestAs(t, client)('GET', '/api/v1/studios/qr-wallet/wallet')).json();
    const clientId = me.clientId as string;
    const before = me.balanceMinor as number;
    const orderId = uuidv7();
    const payments = paymentsFromConfig(t.config, { database: t.database, storage: t.storage });
    // What checkout does: the wallet pays before the order has its number, which orders.order.placed
    // announces at the end of the same transaction.
    const payment = await t.database.withStudio(studioId, async (tx) => {
      const paid = await payments.startPayment(
        { studioId, actor: { kind: 'system', reason: 'test' }, tx },
        {
          payable: { type: 'order', id: orderId },
          clientId,
          email: client.email,
          amountMinor: 30_000,
          currency: 'THB',
          provider: 'wallet',
          description: 'Order at qr-wallet: Poster',
          idempotencyKey: `order-${orderId}`,
        },
      );
      await emit(tx, {
        type: 'orders.order.placed',
        studioId,
        payload: { orderId, number: 'QR-2026-0042' },
      });
      return paid;
    });
    expect(payment.status).toBe('succeeded');
    const paidLine = await until(async () => {
      const [line] = (await requestAs(t, client)('GET', '/api/v1/studios/qr-wallet/wallet')).json().items;
      return line?.order?.number ? line : null;
    });
    expect(paidLine).toMatchObject({
      kind: 'payment',
      amountMinor: -30_000,
      paymentId: payment.id,
      order: { id: orderId, number: 'QR-2026-0042' },
      note: null,
    });

    // Staff refund part to the wallet with their words to the client, and the rest to where it came from
    // (the wallet again, through its provider, which is given no reason).
    const refund = (body: Record<string, unknown>, key: string) =>
      requestAs(t, owner)('POST', `/api/v1/studios/qr-wallet/payments/${payment.id}/refunds`, body, {
        'idempotency-key': key,
      });
    expect(
      (await refund({ amountMinor: 10_000, to: 'wallet', reason: 'Print arrived creased' }, 'r-1'))
        .statusCode,
    ).toBe(200);
    expect((await refund({ amountMinor: 20_000, to: 'original', reason: 'x' }, 'r-2')).statusCode).toBe(200);

    const lines = (await requestAs(t, client)('GET', '/api/v1/studios/qr-wallet/wallet')).json();
    expect(lines.balanceMinor).toBe(before);
    const order = { id: orderId, number: 'QR-2026-0042' };
    expect(lines.items.slice(0, 3)).toMatchObject([
      { kind: 'refund', amountMinor: 20_000, paymentId: payment.id, order, note: null },
      { kind: 'refund', amountMinor: 10_000, paymentId: payment.id, order, note: 'Print arrived creased' },
      { kind: 'payment', amountMinor: -30_000, paymentId: payment.id, order, note: null },
    ]);
    // Staff see the same lines on the client's wallet.
    const staffView = await requestAs(t, owner)(
      'GET',
      `/api/v1/studios/qr-wallet/clients/${clientId}/wallet`,
    );
    expect(staffView.json().items[1]).toMatchObject({ order, note: 'Print arrived creased' });
    // Another studio's statement knows nothing of this order.
    expect((await requestAs(t, client)('GET', '/api/v1/studios/other-wallet/wallet')).json().items).toEqual(
      [],
    );
  });

  it('reads entries written before the statement data (migration 0021) like new ones', async () => {
    // Everything a page reads (the ledger's own `reason` kept what old rows said, and is not shown).
    const read = async () =>
      (await requestAs(t, client)('GET', '/api/v1/studios/qr-wallet/wallet?limit=100'))
        .json()
        .items.map(({ reason: _, ...entry }: { reason: string }) => entry);
    const now = await read();
    expect(now.some((e: { kind: string }) => e.kind === 'refund')).toBe(true);
    // Back to what the ledger held before: no payment or note columns filled, no order numbers kept, and
    // a refund to the wallet with the staff's reason as its reason.
    await t.database.db.execute(
      sql`update wallet_entries set reason = note where kind = 'refund' and note is not null`,
    );
    await t.database.db.execute(sql`update wallet_entries set payment_id = null, note = null`);
    await t.database.db.execute(sql`delete from wallet_order_numbers`);
    // The placed order of the test above, as the orders module would hold it.
    const order = now.find((e: { order: unknown }) => e.order).order as { id: string; number: string };
    await t.database.db.execute(
      sql`insert into orders (id, studio_id, number, idempotency_key, email, name, currency)
          values (${order.id}, ${studioId}, ${order.number}, 'migration-test', ${client.email}, 'Wallet Client', 'THB')`,
    );
    const migration = readFileSync(
      new URL('../../../drizzle/0021_payments_wallet_statement_data.sql', import.meta.url),
      'utf8',
    );
    // Its data statements (the columns and table exist already).
    for (const statement of migration.split('--> statement-breakpoint'))
      if (/^\s*(UPDATE|INSERT)/m.test(statement)) await t.database.db.execute(sql.raw(statement));
    expect(await read()).toEqual(now);
  });
});
