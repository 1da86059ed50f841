import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Method, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { createStudiosService } from '../studios/index.js';
import { createPaymentsService, type PaymentsService } from './payments.service.js';
import type { StartPaymentInput } from './payments.types.js';
import { createPlansService, type PaymentPlanView } from './plans.service.js';
import { SANDBOX_CARDS } from './provider.sandbox.js';
import { inStudio, newCardPlan } from './testing/fixtures.js';

const { Jar, signUpVerified, makePlatformAdmin } = identityTesting;
type Jar = InstanceType<typeof Jar>;
type Person = { jar: Jar; userId: string };
interface Entry {
  actorUserId: string | null;
  actorKind: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  data: Record<string, unknown>;
  studioId: string | null;
}

const STUDIO = '/api/v1/studios/audit-money';
const USER_AGENT = 'audit-test-browser/1.0';

describe('audit entries for money actions', () => {
  let t: TestApp;
  let payments: PaymentsService;
  let plans: ReturnType<typeof createPlansService>;
  let owner: Person;
  let otherOwner: Person;
  let client: Person;
  let admin: Person;
  let studioId: string;
  let clientId: string;

  /** Every request comes from the same browser, which the entries must record. */
  const call = (
    method: Method,
    url: string,
    person: Person | undefined,
    payload?: object,
    headers?: Record<string, string>,
  ) => requestAs(t, person ?? null, { 'user-agent': USER_AGENT })(method, url, payload, headers);

  /** The studio's audit entries for one action about one target, as its owner reads them. */
  const entries = async (action: string, targetId: string, studio = STUDIO): Promise<Entry[]> => {
    const res = await call('GET', `${studio}/audit?action=${action}&limit=100`, owner);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as Entry[]).filter((entry) => entry.targetId === targetId);
  };

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

  const newPlan = (card: string): Promise<PaymentPlanView> =>
    newCardPlan(t.database, plans, studioId, {
      clientId,
      email: 'audit-client@example.com',
      card,
      totalMinor: 90_000,
    });

  const attachSlip = (payment: { id: string; accessToken: string }) =>
    call('POST', `${STUDIO}/payments/${payment.id}/slip?token=${payment.accessToken}`, undefined, {
      contentType: 'image/png',
      dataBase64: Buffer.from('a slip').toString('base64'),
    });

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error', rateLimitPerMinute: 100_000 } });
    owner = await signUpVerified(t, 'audit-owner@example.com');
    otherOwner = await signUpVerified(t, 'audit-other@example.com');
    client = await signUpVerified(t, 'audit-client@example.com');
    admin = await signUpVerified(t, 'audit-admin@example.com');
    await makePlatformAdmin(t, admin.userId);
    studioId = (await openStudio(t, owner, { slug: 'audit-money' })).id;
    await openStudio(t, otherOwner, { slug: 'audit-elsewhere' });
    const studios = createStudiosService({ database: t.database, cache: t.cache });
    clientId = (
      await inStudio(t.database, studioId, (ctx) =>
        studios.upsertClient(ctx, {
          email: 'audit-client@example.com',
          name: 'Client',
          userId: client.userId,
        }),
      )
    ).id;
    payments = createPaymentsService({
      database: t.database,
      storage: t.storage,
      appSecret: t.config.appSecret,
      sandbox: true,
    });
    plans = createPlansService({ database: t.database, payments });
  }, 120_000);
  afterAll(async () => t.close());

  it('a refund leaves one entry with who, the amounts in minor units, the payment and where from', async () => {
    const payment = await start({ sandboxCard: SANDBOX_CARDS.succeeds });
    const refund = () =>
      call(
        'POST',
        `${STUDIO}/payments/${payment.id}/refunds`,
        owner,
        { amountMinor: 1_500, reason: 'Scratched' },
        {
          'idempotency-key': `refund-${payment.id}`,
        },
      );
    expect((await refund()).statusCode).toBe(200);
    // A retry of the same request refunds (and logs) once.
    expect((await refund()).json().refundedMinor).toBe(1_500);
    const logged = await entries('payments.payment.refunded', payment.id);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      studioId,
      actorUserId: owner.userId,
      actorKind: 'user',
      targetType: 'payment',
      ip: '127.0.0.1',
      userAgent: USER_AGENT,
      data: {
        paymentId: payment.id,
        amountMinor: 5_000,
        refundedMinor: 1_500,
        totalRefundedMinor: 1_500,
        currency: 'USD',
        to: 'original',
        reason: 'Scratched',
        payableType: 'order',
        payableId: payment.payable.id,
      },
    });
  });

  it('marking a bank transfer paid leaves one entry; marking it again is a no-op and logs nothing', async () => {
    const payment = await start({ provider: 'manual', manualMethod: 'bank_transfer', amountMinor: 12_345 });
    expect((await attachSlip(payment)).statusCode).toBe(200);
    const markPaid = () =>
      call(
        'POST',
        `${STUDIO}/payments/${payment.id}/mark-paid`,
        owner,
        { note: 'Seen on the statement' },
        {
          'idempotency-key': uuidv7(),
        },
      );
    expect((await markPaid()).json().status).toBe('succeeded');
    expect((await markPaid()).statusCode).toBe(200);
    const logged = await entries('payments.payment.marked_paid', payment.id);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      actorUserId: owner.userId,
      ip: '127.0.0.1',
      userAgent: USER_AGENT,
      data: {
        amountMinor: 12_345,
        currency: 'USD',
        provider: 'manual',
        manualMethod: 'bank_transfer',
        note: 'Seen on the statement',
        slipAccepted: true,
      },
    });
  });

  it('rejecting a slip detaches it with the reason, logs once, and a new slip clears the reason', async () => {
    const payment = await start({ provider: 'manual', manualMethod: 'bank_transfer', amountMinor: 7_000 });
    const reject = () =>
      call(
        'POST',
        `${STUDIO}/payments/${payment.id}/slip/reject`,
        owner,
        { reason: 'Amount is 70.00, not 7.00' },
        {
          'idempotency-key': uuidv7(),
        },
      );
    const noSlip = await reject();
    expect(noSlip.statusCode).toBe(409);
    expect(noSlip.json().errors[0].field).toBe('hasProof');

    expect((await attachSlip(payment)).statusCode).toBe(200);
    const rejected = await reject();
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'pending',
      hasProof: false,
      hasSlip: false,
      // The staff's words as given: the pages say "not accepted" in the reader's language.
      slipRejectedReason: 'Amount is 70.00, not 7.00',
      failureReason: 'Amount is 70.00, not 7.00',
    });
    expect((await reject()).statusCode).toBe(409);
    const logged = await entries('payments.payment.slip_rejected', payment.id);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      actorUserId: owner.userId,
      ip: '127.0.0.1',
      data: { amountMinor: 7_000, currency: 'USD', reason: 'Amount is 70.00, not 7.00' },
    });
    expect(String(logged[0]!.data.slipStorageKey)).toContain(payment.id);

    const again = await attachSlip(payment);
    expect(again.json()).toMatchObject({
      hasProof: true,
      hasSlip: true,
      failureReason: null,
      slipRejectedReason: null,
    });
    // Blank reasons are refused by the schema before anything changes.
    const blank = await call('POST', `${STUDIO}/payments/${payment.id}/slip/reject`, owner, { reason: '' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('body.reason');
  });

  it('staff "charge now", "retry now" and cancelling a plan each leave one entry; the client paying does not', async () => {
    const plan = await newPlan(SANDBOX_CARDS.declines_off_session);
    const [, second, third] = plan.instalments;
    const charge = (id: string, person: Person) =>
      call('POST', `${STUDIO}/payment-plans/${plan.id}/instalments/${id}/charge`, person, undefined, {
        'idempotency-key': uuidv7(),
      });
    const declined = await charge(second!.id, owner);
    expect(declined.json().payment).toMatchObject({ status: 'failed', amountMinor: 30_000 });
    await call('PUT', `${STUDIO}/payment-plans/${plan.id}/method`, client, {
      savedMethod: { kind: 'card', cardNumber: SANDBOX_CARDS.succeeds },
    });
    const retried = await charge(second!.id, owner);
    expect(retried.json().payment).toMatchObject({ status: 'succeeded', amountMinor: 30_000 });
    expect((await charge(third!.id, client)).json().payment.status).toBe('succeeded');

    const charged = await entries('payments.plan.instalment_charged', plan.id);
    expect(charged.map((entry) => [entry.data.kind, entry.data.outcome, entry.actorUserId])).toEqual([
      ['retry_now', 'succeeded', owner.userId],
      ['charge_now', 'failed', owner.userId],
    ]);
    expect(charged[1]).toMatchObject({
      ip: '127.0.0.1',
      userAgent: USER_AGENT,
      data: {
        planId: plan.id,
        instalmentId: second!.id,
        seq: 2,
        paymentId: declined.json().payment.id,
        amountMinor: 30_000,
        currency: 'USD',
      },
    });

    const open = await newPlan(SANDBOX_CARDS.succeeds);
    const cancel = () => call('POST', `${STUDIO}/payment-plans/${open.id}/cancel`, owner);
    expect((await cancel()).json().status).toBe('cancelled');
    expect((await cancel()).statusCode).toBe(422);
    const cancelled = await entries('payments.plan.cancelled', open.id);
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({
      actorUserId: owner.userId,
      targetType: 'payment_plan',
      data: { totalMinor: 90_000, paidMinor: 30_000, currency: 'USD', payableId: open.payable.id },
    });
  });

  it('a payment settings change is logged once, without the PromptPay id or the instructions in clear', async () => {
    const change = {
      promptPayId: '0812345678',
      bankTransferInstructions: 'Kasikorn 123-4-56789-0, Audit Money Co.',
      stripeEnabled: true,
    };
    expect((await call('PUT', `${STUDIO}/payment-settings`, owner, change)).statusCode).toBe(200);
    // The same values again change nothing and log nothing; nor does sending back what was read,
    // with the server's providers in it (not a setting of the studio's).
    expect((await call('PUT', `${STUDIO}/payment-settings`, owner, change)).statusCode).toBe(200);
    const read = (await call('GET', `${STUDIO}/payment-settings`, owner)).json();
    expect(read.serverProviders).toEqual(expect.arrayContaining(['manual', 'sandbox']));
    expect((await call('PUT', `${STUDIO}/payment-settings`, owner, read)).statusCode).toBe(200);
    const logged = await entries('payments.settings.updated', studioId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      actorUserId: owner.userId,
      ip: '127.0.0.1',
      data: {
        changed: {
          promptPayId: { from: null, to: '***5678' },
          bankTransferInstructions: 'changed',
          stripeEnabled: { from: false, to: true },
        },
      },
    });
    const text = JSON.stringify(logged[0]);
    expect(text).not.toContain('0812345678');
    expect(text).not.toContain('123-4-56789-0');
  });

  it("a platform admin's manual billing and invoices are logged in the studio's log and the platform's", async () => {
    const billing = '/api/v1/platform/studios/audit-money/billing';
    const plan = await call('PUT', billing, admin, { plan: 'enterprise', priceMinor: 50_000 });
    expect(plan.statusCode, plan.body).toBe(200);
    const period = (month: number) => ({
      periodStart: `2026-0${month}-01T00:00:00Z`,
      periodEnd: `2026-0${month + 1}-01T00:00:00Z`,
    });
    const january = (await call('POST', `${billing}/invoices`, admin, period(1))).json();
    const february = (
      await call('POST', `${billing}/invoices`, admin, { ...period(2), amountMinor: 45_000 })
    ).json();
    expect(
      (await call('PUT', `${billing}/invoices/${january.id}`, admin, { status: 'paid' })).statusCode,
    ).toBe(200);
    // Paid again: a no-op, not a second entry.
    expect(
      (await call('PUT', `${billing}/invoices/${january.id}`, admin, { status: 'paid' })).statusCode,
    ).toBe(200);
    expect(
      (await call('PUT', `${billing}/invoices/${february.id}`, admin, { status: 'void' })).statusCode,
    ).toBe(200);

    const set = await entries('payments.billing.manual_plan_set', studioId);
    expect(set).toHaveLength(1);
    expect(set[0]).toMatchObject({
      actorUserId: admin.userId,
      data: { plan: 'enterprise', previousPlan: 'starter', priceMinor: 50_000, currency: 'USD' },
    });
    const raised = [
      ...(await entries('payments.billing.invoice_raised', january.id)),
      ...(await entries('payments.billing.invoice_raised', february.id)),
    ];
    expect(raised.map((entry) => [entry.data.number, entry.data.amountMinor, entry.data.currency])).toEqual([
      ['ATL-0001', 50_000, 'USD'],
      ['ATL-0002', 45_000, 'USD'],
    ]);
    expect(raised[0]).toMatchObject({ actorUserId: admin.userId, ip: '127.0.0.1', userAgent: USER_AGENT });
    const paid = await entries('payments.billing.invoice_marked_paid', january.id);
    expect(paid).toHaveLength(1);
    expect(paid[0]!.data).toMatchObject({ number: 'ATL-0001', amountMinor: 50_000 });
    expect(await entries('payments.billing.invoice_voided', february.id)).toHaveLength(1);
    expect(await entries('payments.billing.invoice_voided', january.id)).toHaveLength(0);

    const platform = await call('GET', '/api/v1/platform/audit?action=payments.billing.*&limit=100', admin);
    expect(platform.json().items.filter((entry: Entry) => entry.studioId === studioId)).toHaveLength(5);
  });

  it("another studio's staff cannot read these entries, and their own log has none of them", async () => {
    const foreign = await call('GET', `${STUDIO}/audit?action=payments.*`, otherOwner);
    expect(foreign.statusCode).toBe(404);
    const own = await call(
      'GET',
      '/api/v1/studios/audit-elsewhere/audit?action=payments.*&limit=100',
      otherOwner,
    );
    expect(own.statusCode).toBe(200);
    expect(own.json().items).toEqual([]);
    // The client paid an instalment but is not staff: no audit log for them either.
    expect((await call('GET', `${STUDIO}/audit`, client)).statusCode).toBe(404);
    // And the studio's own log does hold them (the earlier tests wrote them).
    const mine = await call('GET', `${STUDIO}/audit?action=payments.*&limit=100`, owner);
    expect(mine.json().items.length).toBeGreaterThanOrEqual(10);
  });
});
