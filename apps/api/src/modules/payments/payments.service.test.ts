import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { MIGRATIONS_FOLDER, selectRows } from '../../platform/db/index.js';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing.js';
import { createMailer, getMail, listMail, startMailWorker } from '../../platform/mailer/index.js';
import { createQueue } from '../../platform/queue/index.js';
import { createStorage, type Storage } from '../../platform/storage/index.js';
import { paymentsEventHandlers } from './payments.mail.js';
import { createPaymentsService, type PaymentsService } from './payments.service.js';
import { PAYMENT_EVENTS } from './payments.transitions.js';
import type { StartPaymentInput } from './payments.types.js';
import { SANDBOX_CARDS } from './provider.sandbox.js';
import { inStudio, insertStudio, paymentEvents } from './testing/fixtures.js';
import { creditWallet, walletBalance } from './wallet.ledger.js';

describe('payments service (real database)', () => {
  let database: TestDatabase;
  let storage: Storage;
  let dataDir: string;
  let payments: PaymentsService;
  let studioId: string;
  let thaiStudioId: string;

  const input = (overrides: Partial<StartPaymentInput> = {}): StartPaymentInput => ({
    payable: { type: 'order', id: uuidv7() },
    clientId: null,
    email: 'buyer@example.com',
    amountMinor: 12_345,
    currency: 'USD',
    provider: 'sandbox',
    description: 'Order QR-2026-000001',
    idempotencyKey: uuidv7(),
    ...overrides,
  });
  const start = (studio: string, overrides: Partial<StartPaymentInput> = {}) =>
    inStudio(database, studio, (ctx) => payments.startPayment(ctx, input(overrides)));
  const expectError = async (promise: Promise<unknown>, code: string, field?: string) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e as { code: string; fields?: { field: string }[] },
    );
    expect(error?.code).toBe(code);
    if (field) expect(error?.fields?.map((f) => f.field)).toContain(field);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'payments-test-'));
    storage = createStorage(testConfig({ dataDir }));
    payments = createPaymentsService({ database, storage, appSecret: 'x'.repeat(32), sandbox: true });
    studioId = await insertStudio(database, { slug: 'electric-muse' });
    thaiStudioId = await insertStudio(database, { slug: 'qr-studios', currency: 'THB', locale: 'th' });
  });
  afterAll(async () => {
    await database.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('sandbox', () => {
    it('4242... succeeds at once and emits succeeded exactly once; the view says sandbox', async () => {
      const paid = await start(studioId, { sandboxCard: SANDBOX_CARDS.succeeds });
      expect(paid).toMatchObject({
        status: 'succeeded',
        sandbox: true,
        amountMinor: 12_345,
        currency: 'USD',
      });
      expect(paid.paidAt).not.toBeNull();
      expect(await paymentEvents(database, PAYMENT_EVENTS.succeeded, paid.id)).toHaveLength(1);
    });

    it('4000...0002 is declined (failed event); a later good card on the same payment succeeds', async () => {
      const declined = await start(studioId, { sandboxCard: SANDBOX_CARDS.declines });
      expect(declined.status).toBe('failed');
      expect(declined.failureReason).toMatch(/declined/);
      expect(await paymentEvents(database, PAYMENT_EVENTS.failed, declined.id)).toHaveLength(1);
      const retried = await inStudio(database, studioId, (ctx) =>
        payments.confirmSandbox(ctx, declined.id, { card: SANDBOX_CARDS.succeeds }),
      );
      expect(retried.status).toBe('succeeded');
    });

    it('4000002500003155 requires action; confirming completes it, once', async () => {
      const pending = await start(studioId, { sandboxCard: SANDBOX_CARDS.requires_action });
      expect(pending).toMatchObject({ status: 'requires_action', nextAction: { type: 'sandbox_card' } });
      const done = await inStudio(database, studioId, (ctx) => payments.confirmSandbox(ctx, pending.id, {}));
      expect(done.status).toBe('succeeded');
      const again = await inStudio(database, studioId, (ctx) => payments.confirmSandbox(ctx, pending.id, {}));
      expect(again.status).toBe('succeeded');
      expect(await paymentEvents(database, PAYMENT_EVENTS.succeeded, pending.id)).toHaveLength(1);
    });

    it('is refused when PAYMENTS_SANDBOX is off, and an unknown card is a 400 naming sandboxCard', async () => {
      const off = createPaymentsService({ database, storage, appSecret: 'x'.repeat(32), sandbox: false });
      await expectError(
        inStudio(database, studioId, (ctx) => off.startPayment(ctx, input())),
        'validation_failed',
        'provider',
      );
      await expectError(
        start(studioId, { sandboxCard: '4111111111111111' }),
        'validation_failed',
        'sandboxCard',
      );
    });
  });

  describe('idempotency', () => {
    it('the same key returns the same payment; the same key with another amount is refused', async () => {
      const key = uuidv7();
      const payable = { type: 'order' as const, id: uuidv7() };
      const first = await start(studioId, {
        idempotencyKey: key,
        payable,
        sandboxCard: SANDBOX_CARDS.succeeds,
      });
      const second = await start(studioId, {
        idempotencyKey: key,
        payable,
        sandboxCard: SANDBOX_CARDS.succeeds,
      });
      expect(second.id).toBe(first.id);
      expect(await paymentEvents(database, PAYMENT_EVENTS.succeeded, first.id)).toHaveLength(1);
      await expectError(
        start(studioId, { idempotencyKey: key, payable, amountMinor: 1 }),
        'idempotency_key_reused',
        'idempotencyKey',
      );
    });

    it('two requests in flight with one key make one payment and one charge', async () => {
      const key = uuidv7();
      const payable = { type: 'order' as const, id: uuidv7() };
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          start(studioId, { idempotencyKey: key, payable, sandboxCard: SANDBOX_CARDS.succeeds }),
        ),
      );
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      const rows = await selectRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from payments where idempotency_key = ${key}`,
      );
      expect(rows[0]?.n).toBe(1);
      expect(await paymentEvents(database, PAYMENT_EVENTS.succeeded, results[0]!.id)).toHaveLength(1);
    });
  });

  describe('manual and PromptPay', () => {
    it('a bank transfer waits with instructions and a reference until staff mark it paid (once)', async () => {
      // A studio that wrote no instructions gets none invented (in English) for it: the page words it.
      const plain = await start(studioId, { provider: 'manual', manualMethod: 'bank_transfer' });
      expect(plain.nextAction).toMatchObject({ type: 'bank_transfer', instructions: '' });
      await inStudio(database, studioId, (ctx) =>
        payments.updateSettings(ctx, { bankTransferInstructions: 'KBank 123-4-56789-0, Electric Muse Co.' }),
      );
      const pending = await start(studioId, { provider: 'manual', manualMethod: 'bank_transfer' });
      expect(pending.status).toBe('pending');
      expect(pending.nextAction).toEqual({
        type: 'bank_transfer',
        instructions: 'KBank 123-4-56789-0, Electric Muse Co.',
        reference: expect.stringMatching(/^PAY-[0-9A-F]{8}$/),
      });
      const proof = {
        contentType: 'image/png' as const,
        dataBase64: Buffer.from('png-bytes').toString('base64'),
      };
      const paid = await inStudio(database, studioId, (ctx) =>
        payments.markPaid(ctx, pending.id, { note: 'Seen on statement', proof }),
      );
      expect(paid).toMatchObject({ status: 'succeeded', hasProof: true });
      await inStudio(database, studioId, (ctx) => payments.markPaid(ctx, pending.id, {}));
      expect(await paymentEvents(database, PAYMENT_EVENTS.succeeded, pending.id)).toHaveLength(1);
      await expectError(start(studioId, { provider: 'manual' }), 'validation_failed', 'manualMethod');
    });

    it('paying at the studio carries what the studio wrote, or nothing for the page to word', async () => {
      const plain = await start(studioId, { provider: 'manual', manualMethod: 'cash' });
      expect(plain.nextAction).toEqual({ type: 'pay_at_studio', instructions: '' });
      await inStudio(database, studioId, (ctx) =>
        payments.updateSettings(ctx, { payAtStudioInstructions: 'Pay at the front desk, Mon-Sat 10-18' }),
      );
      const worded = await start(studioId, { provider: 'manual', manualMethod: 'cash' });
      expect(worded.nextAction).toEqual({
        type: 'pay_at_studio',
        instructions: 'Pay at the front desk, Mon-Sat 10-18',
      });
      await inStudio(database, studioId, (ctx) =>
        payments.updateSettings(ctx, { payAtStudioInstructions: '' }),
      );
    });

    it('migration 0024 blanks the English defaults stored in waiting payments, and nothing a studio wrote', async () => {
      const transfer = await start(studioId, { provider: 'manual', manualMethod: 'bank_transfer' });
      const cash = await start(studioId, { provider: 'manual', manualMethod: 'cash' });
      const worded = await start(studioId, { provider: 'manual', manualMethod: 'bank_transfer' });
      const setInstructions = (id: string, text: string) =>
        database.db.execute(
          sql`update payments set next_action = jsonb_set(next_action, '{instructions}', to_jsonb(${text}::text)) where id = ${id}`,
        );
      // As written before the migration.
      await setInstructions(transfer.id, 'The studio will send its bank details. Quote the reference below.');
      await setInstructions(cash.id, 'Pay at the studio when you visit.');
      await setInstructions(worded.id, 'KBank 123-4-56789-0');
      const file = path.join(MIGRATIONS_FOLDER, '0024_payments_manual_instructions_in_payer_language.sql');
      for (const statement of (await readFile(file, 'utf8')).split('--> statement-breakpoint'))
        await database.db.execute(sql.raw(statement));
      const rows = await selectRows<{ id: string; instructions: string; reference: string | null }>(
        database.db,
        sql`select id, next_action->>'instructions' as instructions, next_action->>'reference' as reference
            from payments where id in (${transfer.id}, ${cash.id}, ${worded.id})`,
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(transfer.id)).toMatchObject({
        instructions: '',
        reference: expect.stringMatching(/^PAY-/),
      });
      expect(byId.get(cash.id)).toMatchObject({ instructions: '' });
      expect(byId.get(worded.id)).toMatchObject({ instructions: 'KBank 123-4-56789-0' });
    });

    it('PromptPay shows a QR for the studio id and amount; the payer attaches a slip; staff confirm', async () => {
      await expectError(
        start(thaiStudioId, { provider: 'promptpay', currency: 'THB' }),
        'validation_failed',
        'provider',
      );
      await expectError(
        inStudio(database, thaiStudioId, (ctx) => payments.updateSettings(ctx, { promptPayId: '12345' })),
        'validation_failed',
        'body.promptPayId',
      );
      await inStudio(database, thaiStudioId, (ctx) =>
        payments.updateSettings(ctx, { promptPayId: '0812345678' }),
      );
      const qr = await start(thaiStudioId, { provider: 'promptpay', currency: 'THB', amountMinor: 150_000 });
      expect(qr.status).toBe('pending');
      if (qr.nextAction.type !== 'promptpay_qr') throw new Error('expected a QR');
      expect(qr.nextAction.payload).toContain('01130066812345678');
      expect(qr.nextAction.payload).toContain('54071500.00');
      expect(qr.nextAction.svg).toMatch(/^<svg/);
      const slipped = await inStudio(database, thaiStudioId, (ctx) =>
        payments.attachSlip(ctx, qr.id, {
          contentType: 'image/jpeg',
          dataBase64: Buffer.from('slip').toString('base64'),
        }),
      );
      expect(slipped.hasProof).toBe(true);
      const paid = await inStudio(database, thaiStudioId, (ctx) => payments.markPaid(ctx, qr.id, {}));
      expect(paid.status).toBe('succeeded');
      await expectError(start(studioId, { provider: 'promptpay' }), 'validation_failed', 'provider');
    });
  });

  describe('wallet', () => {
    it('debits the wallet inside the caller transaction and succeeds; too little balance is 409 amountMinor', async () => {
      const clientId = uuidv7();
      await inStudio(database, thaiStudioId, (ctx) =>
        creditWallet(ctx.tx, {
          kind: 'topup',
          studioId: thaiStudioId,
          clientId,
          amountMinor: 100_000,
          currency: 'THB',
          reason: 'top-up',
          reference: uuidv7(),
        }),
      );
      const paid = await start(thaiStudioId, {
        provider: 'wallet',
        clientId,
        currency: 'THB',
        amountMinor: 60_000,
      });
      expect(paid.status).toBe('succeeded');
      expect(
        await inStudio(database, thaiStudioId, (ctx) => walletBalance(ctx.tx, thaiStudioId, clientId, 'THB')),
      ).toBe(40_000);
      await expectError(
        start(thaiStudioId, { provider: 'wallet', clientId, currency: 'THB', amountMinor: 50_000 }),
        'conflict',
        'amountMinor',
      );
      await expectError(
        start(thaiStudioId, { provider: 'wallet', currency: 'THB' }),
        'validation_failed',
        'provider',
      );

      // Refund part to the wallet and part to "original" (the wallet again, for a wallet payment).
      await inStudio(database, thaiStudioId, (ctx) =>
        payments.refund(ctx, {
          paymentId: paid.id,
          amountMinor: 10_000,
          to: 'wallet',
          reason: '',
          idempotencyKey: uuidv7(),
        }),
      );
      expect(
        await inStudio(database, thaiStudioId, (ctx) => walletBalance(ctx.tx, thaiStudioId, clientId, 'THB')),
      ).toBe(50_000);
    });
  });

  describe('refunds and cancellation', () => {
    it('refunds partly then fully, never more than paid, once per key', async () => {
      const paid = await start(studioId, { sandboxCard: SANDBOX_CARDS.succeeds, amountMinor: 10_000 });
      const refund = (amountMinor: number, idempotencyKey = uuidv7()) =>
        inStudio(database, studioId, (ctx) =>
          payments.refund(ctx, {
            paymentId: paid.id,
            amountMinor,
            to: 'original',
            reason: 'damaged',
            idempotencyKey,
          }),
        );
      const key = uuidv7();
      expect(await refund(3_000, key)).toMatchObject({ status: 'partially_refunded', refundedMinor: 3_000 });
      expect(await refund(3_000, key)).toMatchObject({ refundedMinor: 3_000 });
      await expectError(refund(7_001), 'conflict', 'amountMinor');
      expect(await refund(7_000)).toMatchObject({ status: 'refunded', refundedMinor: 10_000 });
      await expectError(refund(1), 'conflict', 'amountMinor');
      const events = await paymentEvents(database, PAYMENT_EVENTS.refunded, paid.id);
      expect(events.map((e) => e.payload.refundedMinor)).toEqual([3_000, 7_000]);
      await expectError(refund(1, key), 'idempotency_key_reused', 'idempotencyKey');
    });

    it('cancels an unpaid payment; a paid one cannot be cancelled', async () => {
      const pending = await start(studioId, { provider: 'manual', manualMethod: 'cash' });
      expect(pending.nextAction.type).toBe('pay_at_studio');
      await inStudio(database, studioId, (ctx) => payments.cancelPayment(ctx, pending.id));
      expect((await inStudio(database, studioId, (ctx) => payments.getPayment(ctx, pending.id))).status).toBe(
        'cancelled',
      );
      await expectError(
        inStudio(database, studioId, (ctx) => payments.markPaid(ctx, pending.id, {})),
        'conflict',
        'status',
      );
      const paid = await start(studioId, { sandboxCard: SANDBOX_CARDS.succeeds });
      await expectError(
        inStudio(database, studioId, (ctx) => payments.cancelPayment(ctx, paid.id)),
        'conflict',
        'status',
      );
    });

    it("another studio's payment is not found", async () => {
      const paid = await start(studioId, { sandboxCard: SANDBOX_CARDS.succeeds });
      await expectError(
        inStudio(database, thaiStudioId, (ctx) => payments.getPayment(ctx, paid.id)),
        'not_found',
      );
      const listed = await inStudio(database, studioId, (ctx) => payments.listForPayable(ctx, paid.payable));
      expect(listed.map((p) => p.id)).toEqual([paid.id]);
    });
  });

  describe('emails', () => {
    it('renders receipt, failure and refund emails, in Thai for a Thai studio', async () => {
      const mailer = createMailer({ config: testConfig(), database });
      const queue = createQueue({ database, logger: pino({ level: 'silent' }), schedule: false });
      await queue.start();
      await startMailWorker(queue, mailer, { work: true });
      const handlers = paymentsEventHandlers({ queue });
      const deliver = async (type: string, paymentId: string, studio: string) => {
        const [event] = await paymentEvents(database, type, paymentId);
        const handler = handlers.find((h) => h.eventType === type)!;
        await database.withStudio(studio, (tx) =>
          handler.handle(
            { id: event!.id, type, studioId: studio, payload: event!.payload, occurredAt: '' },
            tx,
          ),
        );
      };
      const en = await start(studioId, { sandboxCard: SANDBOX_CARDS.succeeds, email: 'en@example.com' });
      await deliver(PAYMENT_EVENTS.succeeded, en.id, studioId);
      const th = await start(thaiStudioId, {
        provider: 'manual',
        manualMethod: 'cash',
        currency: 'THB',
        amountMinor: 150_050,
        email: 'th@example.com',
      });
      await inStudio(database, thaiStudioId, (ctx) => payments.markPaid(ctx, th.id, {}));
      await deliver(PAYMENT_EVENTS.succeeded, th.id, thaiStudioId);
      await inStudio(database, thaiStudioId, (ctx) =>
        payments.refund(ctx, {
          paymentId: th.id,
          amountMinor: 50_000,
          to: 'original',
          reason: '',
          idempotencyKey: uuidv7(),
        }),
      );
      await deliver(PAYMENT_EVENTS.refunded, th.id, thaiStudioId);
      const failed = await start(studioId, {
        sandboxCard: SANDBOX_CARDS.declines,
        email: 'declined@example.com',
      });
      await deliver(PAYMENT_EVENTS.failed, failed.id, studioId);

      let mails = (await listMail(database, { limit: 20 })).items;
      for (let i = 0; i < 100 && mails.length < 4; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        mails = (await listMail(database, { limit: 20 })).items;
      }
      await queue.stop(1000);
      const subjectTo = (to: string) => mails.filter((m) => m.toAddress === to).map((m) => m.subject);
      expect(subjectTo('en@example.com')).toEqual(['Your receipt for $123.45 from Studio electric-muse']);
      expect(subjectTo('th@example.com').sort()).toEqual(
        ['ใบเสร็จรับเงิน ฿1,500.50 จาก Studio qr-studios', 'Studio qr-studios คืนเงิน ฿500.00 ให้คุณแล้ว'].sort(),
      );
      expect(subjectTo('declined@example.com')[0]).toMatch(/did not go through/);
      const receipt = await getMail(database, mails.find((m) => m.toAddress === 'en@example.com')!.id);
      expect(receipt.html).toContain('$123.45');
      expect(receipt.text).toContain('Payment reference');
    });
  });
});
