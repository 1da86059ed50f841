import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutboxDelivery, outboxDelivery } from '../../platform/events/testing/deliver.js';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { createStudiosService } from '../studios/index.js';
import { createPaymentsService } from './payments.service.js';
import { payments as paymentsTable } from './payments.tables.js';
import { planEventHandlers } from './plans.jobs.js';
import { createPlansService, type PaymentPlanView } from './plans.service.js';
import { SANDBOX_CARDS } from './provider.sandbox.js';
import { inStudio, newCardPlan } from './testing/fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const BASE = '/api/v1/studios/plan-routes';

describe('payment plan routes: charge an instalment now', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let staff: { jar: Jar; userId: string };
  let client: { jar: Jar; userId: string };
  let stranger: { jar: Jar; userId: string };
  let studioId: string;
  let clientId: string;
  let plans: ReturnType<typeof createPlansService>;
  let delivery: OutboxDelivery;

  const newPlan = (card: string): Promise<PaymentPlanView> =>
    newCardPlan(t.database, plans, studioId, {
      clientId,
      email: 'plan-routes-client@example.com',
      card,
      totalMinor: 100_000,
    });

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error', rateLimitPerMinute: 100_000 } });
    owner = await signUpVerified(t, 'plan-routes-owner@example.com');
    staff = await signUpVerified(t, 'plan-routes-staff@example.com');
    client = await signUpVerified(t, 'plan-routes-client@example.com');
    stranger = await signUpVerified(t, 'plan-routes-stranger@example.com');
    studioId = (await openStudio(t, owner, { slug: 'plan-routes' })).id;
    await openStudio(t, stranger, { slug: 'plan-routes-other' });
    const studios = createStudiosService({ database: t.database, cache: t.cache });
    await studios.seedMember(studioId, {
      userId: staff.userId,
      name: 'Staff',
      email: 'plan-routes-staff@example.com',
      role: 'staff',
    });
    clientId = (
      await inStudio(t.database, studioId, (ctx) =>
        studios.upsertClient(ctx, {
          email: 'plan-routes-client@example.com',
          name: 'Client',
          userId: client.userId,
        }),
      )
    ).id;
    const payments = createPaymentsService({
      database: t.database,
      storage: t.storage,
      appSecret: t.config.appSecret,
      sandbox: true,
    });
    plans = createPlansService({ database: t.database, payments });
    delivery = outboxDelivery(
      t.database,
      planEventHandlers({ plans, queue: t.queue, publicUrl: t.config.publicUrl }),
      (type) => type.startsWith('payments.payment.'),
    );
  }, 120_000);
  afterAll(async () => t.close());

  it('staff charge the next instalment once per Idempotency-Key; a decline is answered and retried later', async () => {
    const plan = await newPlan(SANDBOX_CARDS.declines_off_session);
    const second = plan.instalments[1]!;
    const url = `${BASE}/payment-plans/${plan.id}/instalments/${second.id}/charge`;
    const first = await requestAs(t, owner)('POST', url, undefined, { 'idempotency-key': 'charge-2-a' });
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body.payment).toMatchObject({ status: 'failed', amountMinor: 33_333, currency: 'USD' });
    expect(body.plan.instalments[1]).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(Date.parse(body.plan.instalments[1].nextAttemptAt)).toBeGreaterThan(Date.now());

    // The same key again: the stored answer, no second charge.
    const replay = await requestAs(t, owner)('POST', url, undefined, { 'idempotency-key': 'charge-2-a' });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(body);
    const made = await inStudio(t.database, studioId, (ctx) =>
      ctx.tx
        .select()
        .from(paymentsTable)
        .where(
          and(eq(paymentsTable.payableId, plan.payable.id), eq(paymentsTable.planInstalmentId, second.id)),
        ),
    );
    expect(made).toHaveLength(1);

    // "Retry now" with a new key after the client fixed the card: paid, exactly the instalment.
    const fixed = await requestAs(t, client)('PUT', `${BASE}/payment-plans/${plan.id}/method`, {
      savedMethod: { kind: 'card', cardNumber: SANDBOX_CARDS.succeeds },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const retried = await requestAs(t, owner)('POST', url, undefined, { 'idempotency-key': 'charge-2-b' });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().payment).toMatchObject({ status: 'succeeded', amountMinor: 33_333 });
    expect(retried.json().plan).toMatchObject({ paidMinor: 66_667, status: 'active' });
    expect(retried.json().plan.instalments[1]).toMatchObject({ status: 'paid', attempts: 2 });

    const again = await requestAs(t, owner)('POST', url, undefined, { 'idempotency-key': 'charge-2-c' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([expect.objectContaining({ field: 'instalmentId' })]);
  });

  it('the client pays early with the card present; a decline is 422 naming savedMethod and changes nothing', async () => {
    const plan = await newPlan(SANDBOX_CARDS.declines_off_session);
    const [, second, third] = plan.instalments;
    const charge = (id: string, jar: Jar, key = uuidv7()) =>
      requestAs(t, jar)('POST', `${BASE}/payment-plans/${plan.id}/instalments/${id}/charge`, undefined, {
        'idempotency-key': key,
      });

    const early = await charge(third!.id, client.jar);
    expect(early.statusCode).toBe(409);
    const paid = await charge(second!.id, client.jar);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().payment).toMatchObject({ status: 'succeeded', amountMinor: 33_333 });

    await requestAs(t, client)('PUT', `${BASE}/payment-plans/${plan.id}/method`, {
      savedMethod: { kind: 'card', cardNumber: SANDBOX_CARDS.declines },
    });
    const declined = await charge(third!.id, client.jar);
    expect(declined.statusCode, declined.body).toBe(422);
    expect(declined.json().errors).toEqual([expect.objectContaining({ field: 'savedMethod' })]);
    const seen = await requestAs(t, client)('GET', `${BASE}/payment-plans/${plan.id}`);
    expect(seen.json().instalments[2]).toMatchObject({ status: 'scheduled', attempts: 0, lastError: null });
    expect(seen.json().paidMinor).toBe(66_667);
  });

  it('a sandbox card whose bank checks every charge: declined without the client, passed by them', async () => {
    await delivery.skipWritten();
    const plan = await newPlan(SANDBOX_CARDS.succeeds);
    const second = plan.instalments[1]!;
    const url = `${BASE}/payment-plans/${plan.id}/instalments/${second.id}/charge`;
    const card = await requestAs(t, client)('PUT', `${BASE}/payment-plans/${plan.id}/method`, {
      savedMethod: { kind: 'card', cardNumber: SANDBOX_CARDS.requires_action },
    });
    expect(card.statusCode, card.body).toBe(200);
    const sandboxConfirm = (paymentId: string, body: object) =>
      requestAs(t, client)('POST', `${BASE}/payments/${paymentId}/sandbox/confirm`, body);

    // The client pays it early and leaves the bank's check: if the check lapses, the instalment is
    // charged on its due date (the page says when); failing it puts the instalment back as it was.
    const early = await requestAs(t, client)('POST', url, undefined, { 'idempotency-key': uuidv7() });
    expect(early.statusCode, early.body).toBe(200);
    expect(early.json().plan.instalments[1]).toMatchObject({
      status: 'processing',
      awaitingAuthentication: true,
      chargedAgainAt: second.dueAt,
    });
    const failedCheck = await sandboxConfirm(early.json().payment.id, { outcome: 'fail' });
    expect(failedCheck.statusCode, failedCheck.body).toBe(200);
    await delivery.deliver();
    const back = (await requestAs(t, client)('GET', `${BASE}/payment-plans/${plan.id}`)).json();
    expect(back.instalments[1]).toMatchObject({
      status: 'scheduled',
      awaitingAuthentication: false,
      chargedAgainAt: null,
      nextAttemptAt: second.nextAttemptAt,
    });

    // Staff charge it without the client: nobody can answer the bank's check, so it is declined.
    const byStaff = await requestAs(t, owner)('POST', url, undefined, { 'idempotency-key': uuidv7() });
    expect(byStaff.statusCode, byStaff.body).toBe(200);
    const declined = byStaff.json();
    expect(declined.payment).toMatchObject({
      status: 'failed',
      failureReason: expect.stringMatching(/requires authentication/),
    });
    expect(declined.plan.instalments[1]).toMatchObject({ status: 'retrying', awaitingAuthentication: false });

    // That declined charge is not paid again through the sandbox: the plan charges the instalment again.
    const repaid = await sandboxConfirm(declined.payment.id, { card: SANDBOX_CARDS.succeeds });
    expect(repaid.statusCode, repaid.body).toBe(409);
    expect(repaid.json().errors).toEqual([expect.objectContaining({ field: 'status' })]);

    // The client pays it on the plan page: the charge waits for the bank's check, which they pass.
    const own = await requestAs(t, client)('POST', url, undefined, { 'idempotency-key': uuidv7() });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().payment).toMatchObject({
      status: 'requires_action',
      nextAction: { type: 'sandbox_card' },
    });
    // If this check lapses, the instalment is charged on the retry the plan had set (staff's early
    // charge is retried no sooner than the due date).
    const retryAt = declined.plan.instalments[1].nextAttemptAt;
    expect(own.json().plan.instalments[1]).toMatchObject({
      status: 'processing',
      awaitingAuthentication: true,
      chargedAgainAt: retryAt,
    });
    const seenByStaff = (await requestAs(t, owner)('GET', `${BASE}/payment-plans/${plan.id}`)).json();
    expect(seenByStaff.instalments[1].chargedAgainAt).toBe(retryAt);
    const passed = await sandboxConfirm(own.json().payment.id, { outcome: 'complete' });
    expect(passed.statusCode, passed.body).toBe(200);
    await delivery.deliver();
    const after = (await requestAs(t, client)('GET', `${BASE}/payment-plans/${plan.id}`)).json();
    expect(after.instalments[1]).toMatchObject({ status: 'paid', lastError: null, chargedAgainAt: null });
    expect(after.paidMinor).toBe(66_667);
  });

  it('refuses other people, staff without payments.manage, other studios and bad ids', async () => {
    const plan = await newPlan(SANDBOX_CARDS.succeeds);
    const second = plan.instalments[1]!;
    const path = (base: string, planId: string, id: string) =>
      `${base}/payment-plans/${planId}/instalments/${id}/charge`;
    const cases: [string, Jar | undefined, number][] = [
      [path(BASE, plan.id, second.id), stranger.jar, 404],
      [path(BASE, plan.id, second.id), staff.jar, 404],
      [path(BASE, plan.id, second.id), undefined, 401],
      [path('/api/v1/studios/plan-routes-other', plan.id, second.id), stranger.jar, 404],
      [path(BASE, plan.id, uuidv7()), owner.jar, 404],
      [path(BASE, uuidv7(), second.id), owner.jar, 404],
      [path(BASE, plan.id, 'not-a-uuid'), owner.jar, 400],
    ];
    for (const [url, jar, status] of cases) {
      const res = await requestAs(t, jar ?? null)('POST', url);
      expect(res.statusCode, `${url} ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // Staff may still read it; nothing was charged by the refusals.
    const read = await requestAs(t, staff)('GET', `${BASE}/payment-plans/${plan.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().instalments[1]).toMatchObject({ status: 'scheduled', attempts: 0 });
  });
});
