import { readFileSync } from 'node:fs';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutboxDelivery, outboxDelivery } from '../../platform/events/testing/deliver.js';
import { buildTestApp, type TestApp } from '../../testing.js';
import { createCatalogCheckout } from '../catalog/index.js';
import * as identityTesting from '../identity/testing.js';
import { createPaymentsService } from '../payments/index.js';
import { createOrderEventHandlers } from './orders.handlers.js';
import { createOrderLifecycle } from './orders.lifecycle.js';
import { orderEvents } from './orders.tables.js';
import { caller, fieldsOf, openShop, type ShopItem } from './orders.test-fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const SHOP = '/api/v1/studios/fx';
const ADDRESS = { name: 'Somchai', line1: '9 Rama IV', city: 'Bangkok', postalCode: '10500', country: 'TH' };

interface Entry {
  kind: string;
  from: string | null;
  to: string | null;
  note: string | null;
  reason: string | null;
  amountMinor: number | null;
  paymentId: string | null;
  method: string | null;
  manualMethod: string | null;
  actorKind: string;
  actorUserId: string | null;
  actorName: string | null;
}

describe('orders: fulfilment by what was bought, a timeline of data, payments to confirm', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let items: Record<string, ShopItem>;
  let studioId: string;
  let handlers: ReturnType<typeof createOrderEventHandlers>;
  let delivery: OutboxDelivery;
  /** Delivers new payment events to the orders handlers, as the bus does (and what they emit in turn). */
  const deliver = () => delivery.deliver();
  let n = 0;

  const admin = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    caller(t, owner.jar)(method, `${SHOP}${url}`, payload);

  /** Places an order paid by bank transfer (or PromptPay), still waiting for the studio to confirm it. */
  async function place(lines: { key: string; quantity: number }[], extra: Record<string, unknown> = {}) {
    const res = await caller(t)(
      'POST',
      `${SHOP}/checkout`,
      {
        email: `buyer${++n}@example.com`,
        name: 'ลูกค้า ทดสอบ',
        paymentProvider: 'manual',
        manualMethod: 'bank_transfer',
        lines: lines.map((l) => ({ variantId: items[l.key]!.variantId, quantity: l.quantity })),
        ...extra,
      },
      { 'idempotency-key': `fx-${n}` },
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { order: { id: string }; paymentId: string; accessToken: string };
  }

  async function confirmPaid(paymentId: string) {
    const marked = await admin('POST', `/payments/${paymentId}/mark-paid`, { note: 'Seen in KBank' });
    expect(marked.statusCode, marked.body).toBe(200);
    await deliver();
  }

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error', rateLimitPerMinute: 100_000 } });
    owner = await signUpVerified(t, 'fx-owner@example.com');
    ({ items, studioId } = await openShop(
      t,
      owner.jar,
      { slug: 'fx', currency: 'THB', timezone: 'Asia/Bangkok', locale: 'th' },
      [
        { key: 'script', kind: 'digital', priceMinor: 20_000 },
        { key: 'mixing', kind: 'service', priceMinor: 150_000 },
        { key: 'print', kind: 'product', priceMinor: 59_000, stock: 50, weightGrams: 200 },
      ],
    ));
    const settings = await admin('PATCH' as 'POST', '/admin/commerce-settings', {
      shippingMethods: [
        { id: 'kerry', name: 'Kerry', kind: 'flat', priceMinor: 5_000 },
        { id: 'counter', name: 'Collect at the studio', kind: 'pickup', priceMinor: 0 },
      ],
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const payments = createPaymentsService({
      database: t.database,
      storage: t.storage,
      appSecret: t.config.appSecret,
      sandbox: true,
    });
    handlers = createOrderEventHandlers({
      lifecycle: createOrderLifecycle({ catalog: createCatalogCheckout({ storage: t.storage }), payments }),
      getPayment: (ctx, id) => payments.getPayment(ctx, id),
      queue: t.queue,
      publicUrl: t.config.publicUrl,
      appSecret: t.config.appSecret,
    });
    delivery = outboxDelivery(t.database, handlers, (type) => type.startsWith('payments.payment.'));
    await deliver();
  });
  afterAll(async () => t.close());

  it('offers a digital and service order no ship step and no tracking; it is fulfilled, then completed', async () => {
    const { order, paymentId } = await place([
      { key: 'script', quantity: 1 },
      { key: 'mixing', quantity: 1 },
    ]);
    await confirmPaid(paymentId);
    const paid = (await admin('GET', `/admin/orders/${order.id}`)).json();
    expect(paid).toMatchObject({ status: 'paid', fulfilment: 'no_shipping' });
    expect(paid.nextStatuses).toEqual(['processing', 'fulfilled', 'cancelled']);

    for (const status of ['shipped', 'delivered']) {
      const refused = await admin('POST', `/admin/orders/${order.id}/status`, { status });
      expect(refused.statusCode).toBe(409);
      expect(fieldsOf(refused)).toEqual(['status']);
      expect(refused.json().errors[0].reason).toBe('order.nothing_to_ship');
    }
    const tracking = await admin('POST', `/admin/orders/${order.id}/tracking`, {
      carrier: 'Kerry',
      number: 'KEX1',
    });
    expect(tracking.statusCode).toBe(409);
    expect(fieldsOf(tracking)).toEqual(['number']);
    expect(tracking.json().errors[0].reason).toBe('tracking.nothing_to_ship');
    expect((await admin('GET', `/admin/orders/${order.id}`)).json().trackingNumbers).toEqual([]);

    const fulfilled = await admin('POST', `/admin/orders/${order.id}/status`, { status: 'fulfilled' });
    expect(fulfilled.statusCode, fulfilled.body).toBe(200);
    expect(fulfilled.json().nextStatuses).toEqual(['completed']);
    const done = await admin('POST', `/admin/orders/${order.id}/status`, { status: 'completed' });
    expect(done.json()).toMatchObject({ status: 'completed', nextStatuses: [] });
  });

  it('keeps shipping for a physical line (even beside digital ones), and not "fulfilled"; a pickup is handed over', async () => {
    const mixed = await place(
      [
        { key: 'print', quantity: 1 },
        { key: 'script', quantity: 1 },
      ],
      { shippingMethodId: 'kerry', shippingAddress: ADDRESS },
    );
    await confirmPaid(mixed.paymentId);
    const url = `/admin/orders/${mixed.order.id}`;
    expect((await admin('GET', url)).json()).toMatchObject({
      fulfilment: 'shipping',
      nextStatuses: ['processing', 'shipped', 'cancelled'],
    });
    const early = await admin('POST', `${url}/status`, { status: 'fulfilled' });
    expect(early.statusCode).toBe(409);
    expect(fieldsOf(early)).toEqual(['status']);
    const shipped = await admin('POST', `${url}/tracking`, { carrier: 'Kerry', number: 'KEX2' });
    expect(shipped.json()).toMatchObject({ status: 'shipped', nextStatuses: ['delivered'] });

    const pickup = await place([{ key: 'print', quantity: 1 }], { shippingMethodId: 'counter' });
    await confirmPaid(pickup.paymentId);
    expect((await admin('GET', `/admin/orders/${pickup.order.id}`)).json()).toMatchObject({
      fulfilment: 'no_shipping',
      nextStatuses: ['processing', 'fulfilled', 'cancelled'],
    });
  });

  it('names the staff member who confirmed a transfer for the studio, and only "the studio" for the payer', async () => {
    const { order, paymentId, accessToken } = await place([{ key: 'script', quantity: 2 }]);
    await confirmPaid(paymentId);
    const members = (await admin('GET', '/members')).json().items as { userId: string; name: string }[];
    const me = members.find((m) => m.userId === owner.userId)!;

    const staffView = (await admin('GET', `/admin/orders/${order.id}`)).json().timeline as Entry[];
    expect(staffView.map((e) => e.note)).toEqual([null, null, null]);
    expect(staffView[0]).toMatchObject({ kind: 'status', to: 'pending', reason: 'placed' });
    expect(staffView[1]).toMatchObject({
      kind: 'payment',
      amountMinor: 40_000,
      paymentId,
      method: 'manual',
      manualMethod: 'bank_transfer',
      actorKind: 'user',
      actorUserId: owner.userId,
      actorName: me.name,
    });

    const payerView = (await caller(t)('GET', `${SHOP}/orders/${order.id}?token=${accessToken}`)).json()
      .timeline as Entry[];
    expect(payerView[1]).toMatchObject({
      kind: 'payment',
      amountMinor: 40_000,
      actorKind: 'user',
      actorUserId: null,
      actorName: null,
    });
    expect(JSON.stringify(payerView)).not.toContain(owner.userId);

    // A full refund: its own kind with the amount, who and why; then the system's step says why in a code.
    const refunded = await caller(t, owner.jar)(
      'POST',
      `${SHOP}/admin/orders/${order.id}/refund`,
      { reason: 'Bought twice by mistake' },
      { 'idempotency-key': 'fx-refund' },
    );
    expect(refunded.statusCode, refunded.body).toBe(200);
    const after = refunded.json().timeline as Entry[];
    expect(after.slice(3)).toEqual([
      expect.objectContaining({
        kind: 'refund',
        amountMinor: 40_000,
        paymentId,
        note: 'Bought twice by mistake',
        actorName: me.name,
      }),
      expect.objectContaining({ kind: 'status', to: 'refunded', reason: 'fully_refunded', note: null }),
    ]);
  });

  it('counts orders waiting for a bank transfer or PromptPay confirmation, and lists exactly those', async () => {
    const count = async () => {
      const res = await admin('GET', '/admin/orders/awaiting-confirmation');
      expect(res.statusCode, res.body).toBe(200);
      return res.json().count as number;
    };
    const before = await count();
    const transfer = await place([{ key: 'script', quantity: 1 }]);
    await place([{ key: 'script', quantity: 1 }], { manualMethod: 'cash' }); // cash is not a transfer
    expect(await count()).toBe(before + 1);
    const listed = (await admin('GET', '/admin/orders?awaitingConfirmation=true&limit=100')).json().items as {
      id: string;
      status: string;
    }[];
    expect(listed).toHaveLength(before + 1);
    expect(listed.map((o) => o.id)).toContain(transfer.order.id);
    expect(new Set(listed.map((o) => o.status))).toEqual(new Set(['pending']));
    await confirmPaid(transfer.paymentId);
    expect(await count()).toBe(before);

    const client = await signUpVerified(t, 'fx-client@example.com');
    // Someone outside the studio learns nothing (not even that the studio has orders).
    const refused = await caller(t, client.jar)('GET', `${SHOP}/admin/orders/awaiting-confirmation`);
    expect(refused.statusCode).toBe(404);
  });

  it('rewrites timeline rows written before 0019 into the same shape (kinds, payment ids, reason codes)', async () => {
    const { order, paymentId } = await place([{ key: 'script', quantity: 1 }]);
    const legacy = [
      { kind: 'payment', note: `Received ฿200.00 (${paymentId})`, to: 'paid' },
      { kind: 'payment', note: `Refunded ฿200.00 (${paymentId})`, to: 'refunded' },
      { kind: 'status', note: 'Fully refunded', to: 'refunded' },
      { kind: 'status', note: 'Packed with care', to: 'processing' },
    ];
    for (const row of legacy)
      await t.database.db.insert(orderEvents).values({
        studioId,
        orderId: order.id,
        kind: row.kind,
        fromValue: 'x',
        toValue: row.to,
        note: row.note,
        actorKind: 'system',
      });
    const migration = readFileSync(
      new URL('../../../drizzle/0019_orders_timeline_details.sql', import.meta.url),
      'utf8',
    );
    // The data statements (the column exists already): running them again changes nothing more.
    for (const statement of migration.split('--> statement-breakpoint').slice(1))
      await t.database.db.execute(sql.raw(statement));
    const rows = await t.database.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id))
      .orderBy(asc(orderEvents.id));
    expect(rows.slice(-4).map((r) => ({ kind: r.kind, note: r.note, details: r.details }))).toEqual([
      { kind: 'payment', note: null, details: { paymentId } },
      { kind: 'refund', note: null, details: { paymentId } },
      { kind: 'status', note: null, details: { reason: 'fully_refunded' } },
      { kind: 'status', note: 'Packed with care', details: null },
    ]);
  });
});
