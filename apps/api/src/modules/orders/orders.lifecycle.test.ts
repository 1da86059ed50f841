import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../platform/events/events.tables.js';
import { toDomainEvent } from '../../platform/events/outbox.js';
import { type OutboxDelivery, outboxDelivery } from '../../platform/events/testing/deliver.js';
import { formatMoney, getMail, listMail, startMailWorker } from '../../platform/mailer/index.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import { createCatalogCheckout } from '../catalog/index.js';
import * as identityTesting from '../identity/testing.js';
import { createPaymentsService, SANDBOX_CARDS } from '../payments/index.js';
import { createOrderEventHandlers } from './orders.handlers.js';
import { sweepUnpaidOrders } from './orders.jobs.js';
import { createOrderLifecycle } from './orders.lifecycle.js';
import { caller, fieldsOf, openShop, type ShopItem } from './orders.test-fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const SHOP = '/api/v1/studios/qr';
const ADDRESS = { name: 'Somchai', line1: '9 Rama IV', city: 'Bangkok', postalCode: '10500', country: 'TH' };

describe('orders: races, the state machine and payment events', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let items: Record<string, ShopItem>;
  let studioId: string;
  let handlers: ReturnType<typeof createOrderEventHandlers>;
  let lifecycle: ReturnType<typeof createOrderLifecycle>;
  let delivery: OutboxDelivery;
  let n = 0;

  const checkout = (body: Record<string, unknown>, jar?: Jar) =>
    caller(t, jar)('POST', `${SHOP}/checkout`, body, { 'idempotency-key': `k-${++n}` });
  const buyer = (extra: Record<string, unknown> = {}) => ({
    email: `buyer${++n}@example.com`,
    name: 'ลูกค้า ทดสอบ',
    shippingAddress: ADDRESS,
    paymentProvider: 'manual',
    manualMethod: 'bank_transfer',
    ...extra,
  });
  const admin = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ) => caller(t, owner.jar)(method, url, payload, headers);

  /** Delivers the new outbox events to this module's handlers, as the bus does (studio scope, once). */
  const deliver = () => delivery.deliver();

  /** The cancel email to `to` about order `number`, with its bodies, once the mail worker has sent it. */
  async function cancelMail(to: string, number: string) {
    for (let i = 0; i < 100; i++) {
      const mail = await listMail(t.database, { studioId, limit: 100 });
      const sent = mail.items.find(
        (m) => m.toAddress === to && m.template === 'order-cancelled' && m.subject.includes(number),
      );
      if (sent) return getMail(t.database, sent.id, { studioId });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no cancel email to ${to} about ${number}`);
  }

  /** The mail worker sends in the background: wait until `to` has mail with every template named. */
  async function mailTo(to: string, templates: string[]) {
    for (let i = 0; i < 100; i++) {
      const mail = await listMail(t.database, { studioId, limit: 100 });
      const mine = mail.items.filter((m) => m.toAddress === to);
      if (templates.every((name) => mine.some((m) => m.template === name))) return mine;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no ${templates.join(', ')} mail to ${to}`);
  }

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error', rateLimitPerMinute: 100_000 } });
    owner = await signUpVerified(t, 'qr-owner@example.com');
    ({ studioId, items } = await openShop(
      t,
      owner.jar,
      { slug: 'qr', currency: 'THB', timezone: 'Asia/Bangkok', locale: 'th' },
      [
        { key: 'figure', kind: 'product', priceMinor: 150_000, stock: 5, weightGrams: 400 },
        { key: 'shirt', kind: 'product', priceMinor: 59_000, stock: 100, weightGrams: 200 },
        { key: 'skin', kind: 'digital', priceMinor: 20_000 },
      ],
    ));
    await openShop(
      t,
      (await signUpVerified(t, 'other-owner@example.com')).jar,
      { slug: 'other', currency: 'THB', timezone: 'UTC', locale: 'en' },
      [],
    );
    const settings = await admin('PATCH', `${SHOP}/admin/commerce-settings`, {
      orderNumberPrefix: 'QR',
      pricesIncludeTax: true,
      defaultTaxRateBps: 700,
      shippingMethods: [
        { id: 'kerry', name: 'Kerry', kind: 'flat', priceMinor: 5_000, freeOverMinor: 300_000 },
      ],
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const payments = createPaymentsService({
      database: t.database,
      storage: t.storage,
      appSecret: t.config.appSecret,
      sandbox: true,
    });
    lifecycle = createOrderLifecycle({ catalog: createCatalogCheckout({ storage: t.storage }), payments });
    handlers = createOrderEventHandlers({
      lifecycle,
      getPayment: (ctx, id) => payments.getPayment(ctx, id),
      queue: t.queue,
      publicUrl: t.config.publicUrl,
      appSecret: t.config.appSecret,
    });
    delivery = outboxDelivery(
      t.database,
      handlers,
      (type) => type.startsWith('payments.payment.') || type.startsWith('orders.order.'),
    );
    await delivery.skipWritten(); // the setup's events
    await startMailWorker(t.queue, t.mailer, { work: true });
  });
  afterAll(async () => t.close());

  it('sells exactly the stock when 200 buyers race for 5 figures', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        checkout(
          buyer({ shippingMethodId: 'kerry', lines: [{ variantId: items.figure!.variantId, quantity: 1 }] }),
        ),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(195);
    expect(new Set(results.filter((r) => r.statusCode === 409).flatMap(fieldsOf))).toEqual(
      new Set(['lines[0].quantity']),
    );
    const numbers = results.filter((r) => r.statusCode === 201).map((r) => r.json().order.number);
    expect(new Set(numbers).size).toBe(5);
  });

  it('gives a code limited to 10 uses to exactly 10 of 50 concurrent checkouts', async () => {
    const promo = await admin('POST', `${SHOP}/admin/promo-codes`, {
      code: 'launch10',
      kind: 'percentage',
      percentOff: 10,
      maxDiscountMinor: 1_500,
      usageLimit: 10,
    });
    expect(promo.statusCode, promo.body).toBe(201);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        checkout(
          buyer({
            paymentProvider: 'sandbox',
            sandboxCard: SANDBOX_CARDS.succeeds,
            manualMethod: undefined,
            shippingAddress: undefined,
            promoCode: 'LAUNCH10',
            lines: [{ variantId: items.skin!.variantId, quantity: 1 }],
          }),
        ),
      ),
    );
    const placed = results.filter((r) => r.statusCode === 201);
    expect(placed).toHaveLength(10);
    // 10% of 200.00 = 20.00, capped at 15.00; VAT inside: 18500 - round(18500/1.07) = 1210.
    for (const r of placed)
      expect(r.json().order).toMatchObject({
        discountMinor: 1_500,
        totalMinor: 18_500,
        taxMinor: 1_210,
        status: 'paid',
      });
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused.map((r) => r.statusCode)).toEqual(Array(40).fill(409));
    expect(new Set(refused.flatMap(fieldsOf))).toEqual(new Set(['promoCode']));
    const after = await admin('GET', `${SHOP}/admin/promo-codes/${promo.json().id}`);
    expect(after.json().usedCount).toBe(10);
  });

  it('moves an order through payment, fulfilment and refund, recording each step, with the client emails', async () => {
    const placed = await checkout(
      buyer({
        email: 'flow@example.com',
        shippingMethodId: 'kerry',
        lines: [{ variantId: items.shirt!.variantId, quantity: 2 }],
      }),
    );
    expect(placed.statusCode, placed.body).toBe(201);
    const { order, paymentId, accessToken } = placed.json();
    // Inclusive prices: 118000 + 5000 shipping; VAT inside each: 7720 + 327.
    expect(order).toMatchObject({
      subtotalMinor: 118_000,
      shippingMinor: 5_000,
      taxMinor: 8_047,
      totalMinor: 123_000,
      paymentStatus: 'unpaid',
    });
    const ORDER = `${SHOP}/admin/orders/${order.id}`;

    const early = await admin('POST', `${ORDER}/status`, { status: 'shipped' });
    expect(early.statusCode).toBe(409);
    expect(fieldsOf(early)).toEqual(['status']);
    // The rule by name with both statuses, so the admin page words it with its own status labels.
    expect(early.json().errors[0]).toMatchObject({
      reason: 'order.cannot_move',
      params: { from: 'pending', to: 'shipped' },
    });

    const marked = await admin('POST', `${SHOP}/payments/${paymentId}/mark-paid`, { note: 'Slip checked' });
    expect(marked.statusCode, marked.body).toBe(200);
    await deliver(); // and the orders.order.paid event that delivery emitted
    const paid = (await admin('GET', ORDER)).json();
    expect(paid).toMatchObject({ status: 'paid', paymentStatus: 'paid', paidMinor: 123_000 });
    // The timeline says staff confirmed it (not "automatically"); their note stays on the payment.
    const entries = paid.timeline as {
      kind: string;
      note: string | null;
      actorKind: string;
      to: string | null;
    }[];
    expect(entries.filter((e) => e.kind === 'payment')).toEqual([
      expect.objectContaining({ kind: 'payment', to: 'paid', actorKind: 'user' }),
    ]);

    // Redelivering the same payment event changes nothing.
    const [succeeded] = await t.database.db
      .select()
      .from(outboxEvents)
      .where(
        and(
          eq(outboxEvents.type, 'payments.payment.succeeded'),
          sql`${outboxEvents.payload}->>'paymentId' = ${paymentId}`,
        ),
      );
    expect(succeeded).toBeDefined();
    const apply = handlers.find((h) => h.name === 'orders.apply-payment')!;
    await t.database.withStudio(studioId, (tx) => apply.handle(toDomainEvent(succeeded!), tx));
    expect((await admin('GET', ORDER)).json().paidMinor).toBe(123_000);

    expect((await admin('POST', `${ORDER}/status`, { status: 'processing' })).statusCode).toBe(200);
    const tracked = await admin('POST', `${ORDER}/tracking`, { carrier: 'Kerry', number: 'KEX123' });
    expect(tracked.json()).toMatchObject({
      status: 'shipped',
      trackingNumbers: [expect.objectContaining({ number: 'KEX123' })],
    });
    expect((await admin('POST', `${ORDER}/status`, { status: 'delivered' })).statusCode).toBe(200);
    const done = await admin('POST', `${ORDER}/status`, { status: 'completed' });
    expect(done.json().status).toBe('completed');
    expect((await admin('POST', `${ORDER}/status`, { status: 'processing' })).statusCode).toBe(409);

    const refund = await admin(
      'POST',
      `${ORDER}/refund`,
      { amountMinor: 23_000, reason: 'One shirt damaged' },
      { 'idempotency-key': 'refund-1' },
    );
    expect(refund.statusCode, refund.body).toBe(200);
    expect(refund.json()).toMatchObject({
      refundedMinor: 23_000,
      paymentStatus: 'partially_refunded',
      status: 'completed',
    });
    const again = await admin(
      'POST',
      `${ORDER}/refund`,
      { amountMinor: 23_000, reason: 'One shirt damaged' },
      { 'idempotency-key': 'refund-1' },
    );
    expect(again.json().refundedMinor).toBe(23_000);
    const tooMuch = await admin(
      'POST',
      `${ORDER}/refund`,
      { amountMinor: 200_000, reason: 'x' },
      { 'idempotency-key': 'refund-2' },
    );
    expect(tooMuch.statusCode).toBe(409);
    expect(fieldsOf(tooMuch)).toEqual(['amountMinor']);
    expect(tooMuch.json().errors[0]).toMatchObject({
      reason: 'refund.more_than_left',
      params: { amountMinor: 100_000, currency: 'THB' },
    });

    const timeline = (await admin('GET', ORDER))
      .json()
      .timeline.filter((e: { kind: string }) => e.kind === 'status');
    expect(timeline.map((e: { to: string }) => e.to)).toEqual([
      'pending',
      'paid',
      'processing',
      'shipped',
      'delivered',
      'completed',
    ]);
    expect(timeline[2]).toMatchObject({ actorKind: 'user', actorUserId: owner.userId });
    // Money as data, not English sentences: the payment received, then its refund (own kind), by whom and why.
    const money = (await admin('GET', ORDER))
      .json()
      .timeline.filter((e: { kind: string }) => e.kind === 'payment' || e.kind === 'refund');
    expect(money).toEqual([
      expect.objectContaining({
        kind: 'payment',
        amountMinor: 123_000,
        currency: 'THB',
        paymentId,
        method: 'manual',
        manualMethod: 'bank_transfer',
        note: null,
        actorKind: 'user',
        actorUserId: owner.userId,
      }),
      expect.objectContaining({
        kind: 'refund',
        amountMinor: 23_000,
        paymentId,
        note: 'One shirt damaged',
        refundTo: 'original',
        actorKind: 'user',
        actorUserId: owner.userId,
      }),
    ]);

    await deliver();
    const subjects = (await mailTo('flow@example.com', ['order-confirmation', 'order-shipped'])).map(
      (m) => m.subject,
    );
    expect(subjects).toContain(`ยืนยันคำสั่งซื้อ ${order.number} จาก qr`);
    expect(subjects).toContain(`จัดส่งคำสั่งซื้อ ${order.number} แล้ว`);

    // The guest's link opens the order and its receipt; a wrong token and another studio see nothing.
    const guest = await caller(t)('GET', `${SHOP}/orders/${order.id}?token=${accessToken}`);
    expect(guest.json().number).toBe(order.number);
    expect((await caller(t)('GET', `${SHOP}/orders/${order.id}?token=${'x'.repeat(43)}`)).statusCode).toBe(
      404,
    );
    const pdf = await caller(t)('GET', `${SHOP}/orders/${order.id}/receipt.pdf?token=${accessToken}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.subarray(-6).toString()).toContain('%%EOF');
    const otherOwner = await signUpVerified(t, 'other-staff@example.com');
    expect(
      (await caller(t, otherOwner.jar)('GET', `/api/v1/studios/other/admin/orders/${order.id}`)).statusCode,
    ).toBe(404);
    expect(
      (await caller(t)('GET', `/api/v1/studios/other/orders/${order.id}?token=${accessToken}`)).statusCode,
    ).toBe(404);
  });

  it('cancels an unpaid order after its hold (stock and promo back, once) and reminds the payer before', async () => {
    const promo = await admin('POST', `${SHOP}/admin/promo-codes`, {
      code: 'ONCE',
      kind: 'fixed',
      amountOffMinor: 1_000,
      usageLimit: 1,
    });
    expect(promo.statusCode).toBe(201);
    const placed = await checkout(
      buyer({
        email: 'late@example.com',
        shippingMethodId: 'kerry',
        promoCode: 'once',
        lines: [{ variantId: items.shirt!.variantId, quantity: 100 - 2 }],
      }),
    );
    expect(placed.statusCode, placed.body).toBe(201);
    const { order } = placed.json();
    const sold = await checkout(
      buyer({ shippingMethodId: 'kerry', lines: [{ variantId: items.shirt!.variantId, quantity: 1 }] }),
    );
    expect(sold.statusCode).toBe(409);

    const created = new Date(order.createdAt).getTime();
    const reminders = await sweepUnpaidOrders(
      { database: t.database, lifecycle },
      new Date(created + 25 * 3600_000),
    );
    // The race's bank-transfer orders are reminded too; nothing has expired yet.
    expect(reminders.expired).toBe(0);
    expect(reminders.reminded).toBeGreaterThanOrEqual(1);
    await deliver(); // the reminder goes out while the order still waits
    const expiry = await sweepUnpaidOrders(
      { database: t.database, lifecycle },
      new Date(created + 73 * 3600_000),
    );
    expect(expiry.expired).toBeGreaterThanOrEqual(1);
    await sweepUnpaidOrders({ database: t.database, lifecycle }, new Date(created + 74 * 3600_000));

    const cancelled = (await admin('GET', `${SHOP}/admin/orders/${order.id}`)).json();
    expect(cancelled.status).toBe('cancelled');
    expect((await admin('GET', `${SHOP}/admin/promo-codes/${promo.json().id}`)).json().usedCount).toBe(0);
    // All 98 shirts are back exactly once: 98 can be bought, 99 cannot.
    const back = await checkout(
      buyer({
        shippingMethodId: 'kerry',
        promoCode: 'ONCE',
        lines: [{ variantId: items.shirt!.variantId, quantity: 98 }],
      }),
    );
    expect(back.statusCode, back.body).toBe(201);
    await deliver();
    await mailTo('late@example.com', ['order-unpaid-reminder', 'order-cancelled']);
    expect(cancelled.timeline.find((e: { to: string }) => e.to === 'cancelled')).toMatchObject({
      kind: 'status',
      reason: 'not_paid_in_time',
      note: null,
    });

    // The studio speaks Thai, so the client reads why in Thai: the code worded by the email, not the
    // English the lifecycle keeps for the provider's records.
    const mail = await cancelMail('late@example.com', order.number);
    expect(mail.subject).toBe(`ยกเลิกคำสั่งซื้อ ${order.number}`);
    expect(mail.text).toContain('ไม่ได้รับการชำระเงินภายในเวลาที่กำหนด');
    expect(mail.text).toContain('ไม่มีการเรียกเก็บเงินสำหรับคำสั่งซื้อนี้');
    expect(`${mail.text}\n${mail.html}`).not.toMatch(/not paid in time|reason|did not arrive|เหตุผล/i);
  });

  it('lets a signed-in client list, open and cancel their own order; a failed payment releases the stock', async () => {
    const client = await signUpVerified(t, 'client@example.com');
    const placed = await checkout(
      buyer({
        email: 'client@example.com',
        paymentProvider: 'sandbox',
        sandboxCard: SANDBOX_CARDS.requires_action,
        manualMethod: undefined,
        lines: [{ variantId: items.skin!.variantId, quantity: 1 }],
      }),
      client.jar,
    );
    expect(placed.statusCode, placed.body).toBe(201);
    const { order, paymentId } = placed.json();
    expect(placed.json().nextAction.type).toBe('sandbox_card');
    const mine = await caller(t, client.jar)('GET', `${SHOP}/my/orders`);
    expect(mine.json().items.map((o: { id: string }) => o.id)).toEqual([order.id]);
    // What is still waiting for payment, asked for by state (the portal counts it, however old).
    const ids = async (query: string) =>
      (await caller(t, client.jar)('GET', `${SHOP}/my/orders?${query}`))
        .json()
        .items.map((o: { id: string }) => o.id);
    expect(await ids('status=pending')).toEqual([order.id]);
    expect(await ids('status=paid')).toEqual([]);
    const counts = await caller(t, client.jar)('GET', `${SHOP}/my/orders/counts`);
    expect(counts.statusCode, counts.body).toBe(200);
    expect(counts.json()).toMatchObject({ total: 1, byStatus: { pending: 1, paid: 0, cancelled: 0 } });
    expect((await caller(t)('GET', `${SHOP}/my/orders/counts`)).statusCode).toBe(401);
    const badState = await caller(t, client.jar)('GET', `${SHOP}/my/orders?status=lost`);
    expect(badState.statusCode).toBe(400);
    expect(badState.headers['content-type']).toContain('application/problem+json');
    expect(badState.json().errors[0]).toMatchObject({ field: 'query.status' });
    const stranger = await signUpVerified(t, 'nosy@example.com');
    expect((await caller(t, stranger.jar)('GET', `${SHOP}/orders/${order.id}`)).statusCode).toBe(404);

    // The payment fails (delivered twice): the order is cancelled once.
    const failed = handlers.find((h) => h.name === 'orders.payment-failed')!;
    const event = {
      id: '01900000-0000-7000-8000-0000000000f1',
      type: 'payments.payment.failed',
      studioId,
      payload: {
        paymentId,
        payableType: 'order',
        payableId: order.id,
        amountMinor: order.totalMinor,
        currency: 'THB',
      },
      occurredAt: new Date().toISOString(),
    };
    await t.database.withStudio(studioId, (tx) => failed.handle(event, tx));
    await t.database.withStudio(studioId, (tx) => failed.handle(event, tx));
    const detail = (await caller(t, client.jar)('GET', `${SHOP}/orders/${order.id}`)).json();
    expect(detail.status).toBe('cancelled');
    expect(detail.timeline.filter((e: { to: string }) => e.to === 'cancelled')).toHaveLength(1);
    const cancelAgain = await caller(t, client.jar)('POST', `${SHOP}/orders/${order.id}/cancel`);
    expect(cancelAgain.statusCode).toBe(409);
    expect(cancelAgain.json().errors[0]).toMatchObject({
      reason: 'order.no_longer_cancellable',
      params: { status: 'cancelled' },
    });

    // A paid order not yet in progress: the client cancels and the money goes back.
    const paid = await checkout(
      buyer({
        email: 'client@example.com',
        paymentProvider: 'sandbox',
        sandboxCard: SANDBOX_CARDS.succeeds,
        manualMethod: undefined,
        lines: [{ variantId: items.skin!.variantId, quantity: 1 }],
      }),
      client.jar,
    );
    const cancel = await caller(t, client.jar)('POST', `${SHOP}/orders/${paid.json().order.id}/cancel`);
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({
      status: 'cancelled',
      paymentStatus: 'refunded',
      refundedMinor: 20_000,
    });
    // The email says who cancelled and what goes back, in the client's language (this studio's Thai).
    await deliver();
    const mail = await cancelMail('client@example.com', cancel.json().number);
    expect(mail.text).toContain('คุณยกเลิกคำสั่งซื้อนี้เอง');
    expect(mail.text).toContain(formatMoney(20_000, 'THB', 'th'));
  });

  it('keeps a staff member’s cancel note beside the code, in the timeline and the email', async () => {
    const placed = await checkout(
      buyer({
        email: 'noted@example.com',
        locale: 'en',
        paymentProvider: 'sandbox',
        sandboxCard: SANDBOX_CARDS.succeeds,
        manualMethod: undefined,
        lines: [{ variantId: items.skin!.variantId, quantity: 1 }],
      }),
    );
    expect(placed.statusCode, placed.body).toBe(201);
    const { order } = placed.json();
    // Part of it was refunded before: the email states only what the cancel gives back.
    const partial = await admin(
      'POST',
      `${SHOP}/admin/orders/${order.id}/refund`,
      { amountMinor: 5_000, reason: 'Goodwill' },
      { 'idempotency-key': `partial-${order.id}` },
    );
    expect(partial.statusCode, partial.body).toBe(200);
    const note = 'The artist is away until March';
    const cancel = await admin('POST', `${SHOP}/admin/orders/${order.id}/status`, {
      status: 'cancelled',
      note,
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const detail = (await admin('GET', `${SHOP}/admin/orders/${order.id}`)).json();
    expect(detail.timeline.find((e: { to: string }) => e.to === 'cancelled')).toMatchObject({
      reason: 'cancelled_by_studio',
      note,
      actorKind: 'user',
    });
    await deliver();
    const mail = await cancelMail('noted@example.com', order.number);
    expect(mail.subject).toBe(`Order ${order.number} was cancelled`);
    expect(mail.text).toContain('The studio cancelled it.');
    expect(mail.text).toContain(`The studio's note: “${note}”`);
    expect(mail.text).toContain(
      `The ${formatMoney(15_000, 'THB', 'en')} you paid goes back the way you paid it.`,
    );
    expect(mail.text).not.toContain('Nothing was charged');
  });

  it('exports the orders as CSV and refuses strangers', async () => {
    const csv = await admin('GET', `${SHOP}/admin/orders/export.csv?status=cancelled`);
    expect(csv.statusCode).toBe(200);
    const [header, ...rows] = csv.body.trim().split('\n');
    expect(header).toContain('number,created_at,status');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.includes(',cancelled,'))).toBe(true);
    const stranger = await signUpVerified(t, 'csv-stranger@example.com');
    expect((await caller(t, stranger.jar)('GET', `${SHOP}/admin/orders/export.csv`)).statusCode).toBe(404);
  });
});
