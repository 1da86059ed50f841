import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.js';
import { selectRows } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { createLedgerWorld, type LedgerWorld, mailTo, person, until } from './ledger.testing.js';
import { payments as paymentsTable } from './payments.tables.js';
import { cancelPlanInTx } from './plans.service.js';
import { paymentPlans } from './plans.tables.js';
import { SANDBOX_CARDS } from './provider.sandbox.js';

const DAY = 86_400_000;
const at = (base: Date, days: number) => new Date(base.getTime() + days * DAY);

describe('payment plans', () => {
  let w: LedgerWorld;
  let studioId: string;
  let thaiStudioId: string;
  const owner = person('Plan Owner');
  const clientPerson = person('Plan Client');
  let clientId: string;

  beforeAll(async () => {
    w = await createLedgerWorld();
    const studio = await w.studios.create({
      slug: 'plan-studio',
      name: 'Plan Studio',
      currency: 'THB',
      timezone: 'Asia/Bangkok',
      locale: 'en',
    });
    studioId = studio.id;
    const thai = await w.studios.create({
      slug: 'thai-plans',
      name: 'สตูดิโอไทย',
      currency: 'THB',
      timezone: 'Asia/Bangkok',
      locale: 'th',
    });
    thaiStudioId = thai.id;
    await w.studios.seedMember(thaiStudioId, {
      userId: owner.userId,
      name: owner.name,
      email: owner.email,
      role: 'owner',
    });
    await w.studios.seedMember(studioId, {
      userId: owner.userId,
      name: owner.name,
      email: owner.email,
      role: 'owner',
    });
    const client = await w.database.withStudio(studioId, (tx) =>
      w.studios.upsertClient(
        { studioId, actor: clientPerson, tx },
        { email: clientPerson.email, name: clientPerson.name, userId: clientPerson.userId },
      ),
    );
    clientId = client.id;
  });
  afterAll(async () => {
    await w.close();
  });

  const createPlan = (
    sid: string,
    input: {
      card: string;
      instalments?: number;
      email?: string;
      locale?: 'en' | 'th';
      retryDays?: number[];
      depositMinor?: number;
      totalMinor?: number;
    },
  ) =>
    w.database.withStudio(sid, (tx) =>
      w.plans.createPaymentPlan(
        { studioId: sid, actor: { kind: 'system', reason: 'checkout' }, tx },
        {
          payable: { type: 'order', id: uuidv7() },
          clientId: sid === studioId ? clientId : null,
          email: input.email ?? clientPerson.email,
          totalMinor: input.totalMinor ?? 1_000_000,
          currency: 'THB',
          instalments: input.instalments ?? 3,
          depositMinor: input.depositMinor,
          schedule: { intervalDays: 30 },
          provider: 'sandbox',
          savedMethod: { kind: 'card', cardNumber: input.card },
          locale: input.locale,
          retryDays: input.retryDays,
        },
      ),
    );

  const succeededFor = async (sid: string, payableId: string) =>
    (
      await w.database.withStudio(sid, (tx) =>
        tx.select().from(paymentsTable).where(eq(paymentsTable.payableId, payableId)),
      )
    ).filter((p) => p.status === 'succeeded');

  it('charges the deposit now; the second charge fails, is retried, and recovers after the client changes card', async () => {
    const t0 = new Date('2026-03-01T03:00:00Z');
    w.clock.now = t0;
    const { plan, depositPayment } = await createPlan(studioId, { card: SANDBOX_CARDS.succeeds });
    // 1,000,000 in 3: the remainder unit goes to the first instalment.
    expect(plan.instalments.map((i) => i.amountMinor)).toEqual([333_334, 333_333, 333_333]);
    expect(depositPayment).toMatchObject({ status: 'succeeded', amountMinor: 333_334, currency: 'THB' });
    expect(plan.instalments[0]!.status).toBe('paid');
    expect(plan.instalments.map((i) => i.dueAt)).toEqual(
      [t0, at(t0, 30), at(t0, 60)].map((d) => d.toISOString()),
    );

    // The card on file stops working.
    const clientActor: Actor = clientPerson;
    await w.plans.updateMethod(clientActor, studioId, plan.id, {
      kind: 'card',
      cardNumber: SANDBOX_CARDS.declines,
    });

    // Three days before: a reminder, once.
    expect(await w.plans.runDueInstalments(at(t0, 27))).toEqual({
      reminded: 1,
      charged: 0,
      unauthenticated: 0,
    });
    expect(await w.plans.runDueInstalments(at(t0, 27.5))).toEqual({
      reminded: 0,
      charged: 0,
      unauthenticated: 0,
    });
    await until(async () =>
      (await mailTo(w.database, clientPerson.email)).find((m) => m.template === 'plan-instalment-reminder'),
    );

    // Due: declined; retried a day later (counted from the attempt), declined again; 3 days after that next.
    expect((await w.plans.runDueInstalments(at(t0, 30))).charged).toBe(1);
    let view = await w.plans.getPlan(clientActor, studioId, plan.id);
    expect(view.instalments[1]).toMatchObject({
      status: 'retrying',
      attempts: 1,
      nextAttemptAt: at(t0, 31).toISOString(),
    });
    expect((await w.plans.runDueInstalments(at(t0, 30.9))).charged).toBe(0);
    expect((await w.plans.runDueInstalments(at(t0, 31))).charged).toBe(1);
    view = await w.plans.getPlan(clientActor, studioId, plan.id);
    expect(view.instalments[1]).toMatchObject({
      status: 'retrying',
      attempts: 2,
      nextAttemptAt: at(t0, 34).toISOString(),
    });
    const failures = await until(async () => {
      const mails = (await mailTo(w.database, clientPerson.email)).filter(
        (m) => m.template === 'plan-instalment-failed',
      );
      return mails.length === 2 ? mails : null;
    });
    expect(failures[0]!.text).toContain('instalment 2 of 3');
    expect(failures[0]!.text).toContain('Update your card');

    // The client puts in a working card: the waiting retry is due at once.
    w.clock.now = at(t0, 32);
    view = await w.plans.updateMethod(clientActor, studioId, plan.id, {
      kind: 'card',
      cardNumber: SANDBOX_CARDS.succeeds,
    });
    expect(view.method).toEqual({ kind: 'card', last4: '4242', saved: true });
    expect(await w.plans.runDueInstalments(at(t0, 32))).toEqual({
      reminded: 0,
      charged: 1,
      unauthenticated: 0,
    });
    view = await w.plans.getPlan(clientActor, studioId, plan.id);
    expect(view.instalments[1]).toMatchObject({ status: 'paid', attempts: 3 });
    expect(view).toMatchObject({ status: 'active', paidMinor: 666_667 });

    // The third is reminded and charged on time; the plan completes.
    expect(await w.plans.runDueInstalments(at(t0, 57))).toEqual({
      reminded: 1,
      charged: 0,
      unauthenticated: 0,
    });
    expect(await w.plans.runDueInstalments(at(t0, 60))).toEqual({
      reminded: 0,
      charged: 1,
      unauthenticated: 0,
    });
    view = await w.plans.getPlan(clientActor, studioId, plan.id);
    expect(view).toMatchObject({ status: 'completed', paidMinor: 1_000_000, totalMinor: 1_000_000 });

    // Money: five payments made (1 deposit, 2 declined, 2 paid); the succeeded ones sum to the total exactly.
    const paid = await succeededFor(studioId, plan.payable.id);
    expect(paid.map((p) => p.amountMinor).sort()).toEqual([333_333, 333_333, 333_334]);
    expect(paid.every((p) => p.planInstalmentId !== null)).toBe(true);
    // The events arrive after the answers already settled everything: nothing changes twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await w.plans.getPlan(clientActor, studioId, plan.id)).paidMinor).toBe(1_000_000);
  });

  it('fails the plan after the last retry, tells the client and (in Thai) the studio owners', async () => {
    const t0 = new Date('2026-04-01T03:00:00Z');
    w.clock.now = t0;
    const email = 'thai.client@example.com';
    const { plan } = await createPlan(thaiStudioId, {
      card: SANDBOX_CARDS.succeeds,
      instalments: 1,
      depositMinor: 20_000,
      totalMinor: 50_000,
      email,
      locale: 'th',
      retryDays: [2],
    });
    expect(plan.instalments.map((i) => i.amountMinor)).toEqual([20_000, 30_000]);
    await w.database.withStudio(thaiStudioId, (tx) =>
      tx
        .update(paymentPlans)
        .set({ savedMethod: { kind: 'card', cardNumber: SANDBOX_CARDS.declines } })
        .where(eq(paymentPlans.id, plan.id)),
    );
    expect((await w.plans.runDueInstalments(at(t0, 30))).charged).toBe(1);
    expect((await w.plans.runDueInstalments(at(t0, 32))).charged).toBe(1);
    const system: Actor = { kind: 'system', reason: 'test' };
    const view = await w.plans.getPlan(system, thaiStudioId, plan.id);
    expect(view.status).toBe('failed');
    expect(view.instalments[1]).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: null });
    expect(view.paidMinor).toBe(20_000);
    // Nothing more is charged once failed.
    expect((await w.plans.runDueInstalments(at(t0, 90))).charged).toBe(0);

    const ownerMail = await until(async () =>
      (await mailTo(w.database, owner.email)).find(
        (m) => m.template === 'plan-failed-studio' && m.studioId === thaiStudioId,
      ),
    );
    expect(ownerMail.subject).toContain('แผนผ่อนชำระ');
    expect(ownerMail.text).toContain(email);
    expect(ownerMail.html).toContain('แผนผ่อนชำระล้มเหลว');
    const clientMails = await until(async () => {
      const mails = (await mailTo(w.database, email)).filter((m) => m.template === 'plan-instalment-failed');
      return mails.length === 2 ? mails : null;
    });
    expect(clientMails.some((m) => m.text.includes('ครั้งสุดท้าย'))).toBe(true);
  });

  it('refuses a declined deposit and leaves nothing behind; refuses bad input naming the field', async () => {
    const payableId = uuidv7();
    const attempt = w.database.withStudio(studioId, (tx) =>
      w.plans.createPaymentPlan(
        { studioId, actor: { kind: 'system', reason: 'checkout' }, tx },
        {
          payable: { type: 'order', id: payableId },
          clientId,
          email: clientPerson.email,
          totalMinor: 90_000,
          currency: 'THB',
          instalments: 2,
          schedule: { intervalDays: 14 },
          provider: 'sandbox',
          savedMethod: { kind: 'card', cardNumber: SANDBOX_CARDS.declines },
        },
      ),
    );
    await expect(attempt).rejects.toMatchObject({ status: 422, fields: [{ field: 'savedMethod' }] });
    const rows = await w.database.withStudio(studioId, (tx) =>
      tx.select().from(paymentPlans).where(eq(paymentPlans.payableId, payableId)),
    );
    expect(rows).toHaveLength(0);

    const bad = (patch: Record<string, unknown>) =>
      w.database.withStudio(studioId, (tx) =>
        w.plans.createPaymentPlan(
          { studioId, actor: { kind: 'system', reason: 'checkout' }, tx },
          {
            payable: { type: 'order', id: uuidv7() },
            clientId,
            email: clientPerson.email,
            totalMinor: 90_000,
            currency: 'THB',
            instalments: 2,
            schedule: { intervalDays: 14 },
            provider: 'sandbox',
            savedMethod: { kind: 'card', cardNumber: SANDBOX_CARDS.succeeds },
            ...patch,
          },
        ),
      );
    for (const [patch, field] of [
      [{ instalments: 5 }, 'instalments'],
      [{ depositMinor: 90_000, instalments: 1 }, 'depositMinor'],
      [{ schedule: { dueDates: ['2020-01-01T00:00:00Z'] } }, 'schedule.dueDates[0]'],
      [{ schedule: { dueDates: [] } }, 'schedule.dueDates'],
      [{ retryDays: [0] }, 'retryDays[0]'],
      [{ totalMinor: 10.5 }, 'totalMinor'],
    ] as const) {
      const error = await bad(patch).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(AppError);
      expect((error as AppError).fields?.[0]?.field).toBe(field);
    }
  });

  it("changes a Stripe plan's card only within the plan's own Stripe customer", async () => {
    const { plan } = await createPlan(studioId, { card: SANDBOX_CARDS.succeeds });
    // As a Stripe plan is saved once its first payment kept a card: its client's customer and card.
    const onFile = { kind: 'stripe' as const, customerId: 'cus_ownclient', paymentMethodId: 'pm_first' };
    const setRow = (savedMethod: typeof onFile | { kind: 'card'; cardNumber: string }) =>
      w.database.withStudio(studioId, (tx) =>
        tx.update(paymentPlans).set({ provider: 'stripe', savedMethod }).where(eq(paymentPlans.id, plan.id)),
      );
    await setRow(onFile);
    const savedOf = async () =>
      (
        await w.database.withStudio(studioId, (tx) =>
          tx.select().from(paymentPlans).where(eq(paymentPlans.id, plan.id)),
        )
      )[0]!.savedMethod;

    // Someone else's customer and card: refused, naming the field, and nothing changes.
    const theirs = { kind: 'stripe' as const, customerId: 'cus_someoneelse', paymentMethodId: 'pm_theirs' };
    for (const actor of [clientPerson, owner] as Actor[])
      await expect(w.plans.updateMethod(actor, studioId, plan.id, theirs)).rejects.toMatchObject({
        status: 400,
        fields: [{ field: 'body.savedMethod.customerId', reason: 'plan.other_customer' }],
      });
    expect(await savedOf()).toEqual(onFile);

    // A card id of the same customer that Stripe does not keep on it is refused too (with the stand-in,
    // a card Stripe kept is taken: orders.stripe-plan.test.ts).
    const madeUp = { ...onFile, paymentMethodId: 'pm_second' };
    await expect(w.plans.updateMethod(clientPerson, studioId, plan.id, madeUp)).rejects.toMatchObject({
      status: 400,
      fields: [{ field: 'body.savedMethod.paymentMethodId', reason: 'plan.card_not_on_customer' }],
    });
    expect(await savedOf()).toEqual(onFile);

    // A Stripe plan charging a test card has no customer yet: Stripe ids cannot be slipped in.
    await setRow({ kind: 'card', cardNumber: SANDBOX_CARDS.succeeds });
    await expect(w.plans.updateMethod(clientPerson, studioId, plan.id, theirs)).rejects.toMatchObject({
      fields: [{ reason: 'plan.other_customer' }],
    });
  });

  it('hides a plan from other people and other studios', async () => {
    w.clock.now = new Date('2026-05-01T03:00:00Z');
    const { plan } = await createPlan(studioId, { card: SANDBOX_CARDS.succeeds, instalments: 2 });
    const stranger = person('Stranger');
    await expect(w.plans.getPlan(stranger, studioId, plan.id)).rejects.toMatchObject({ status: 404 });
    await expect(w.plans.getPlan(owner, thaiStudioId, plan.id)).rejects.toMatchObject({ status: 404 });
    await expect(w.plans.cancelPlan(clientPerson, studioId, plan.id)).rejects.toMatchObject({ status: 404 });
    const cancelled = await w.plans.cancelPlan(owner, studioId, plan.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.instalments.map((i) => i.status)).toEqual(['paid', 'cancelled']);
  });

  it('charge now: staff collect early (a decline is recorded and retried); the client pays early, card present', async () => {
    const t0 = new Date('2026-06-01T03:00:00Z');
    w.clock.now = t0;
    // The off-session-declining test card: the deposit (client present) pays.
    const { plan } = await createPlan(studioId, {
      card: SANDBOX_CARDS.declines_off_session,
      totalMinor: 100_000,
    });
    expect(plan.instalments.map((i) => [i.amountMinor, i.status])).toEqual([
      [33_334, 'paid'],
      [33_333, 'scheduled'],
      [33_333, 'scheduled'],
    ]);
    const [, second, third] = plan.instalments as [unknown, { id: string; dueAt: string }, { id: string }];

    // Only the first unpaid instalment may be charged early.
    await expect(w.plans.chargeInstalmentNow(owner, studioId, plan.id, third.id)).rejects.toMatchObject({
      status: 409,
      fields: [{ field: 'instalmentId' }],
    });
    // Nobody else, and not from another studio.
    await expect(
      w.plans.chargeInstalmentNow(person('Stranger'), studioId, plan.id, second.id),
    ).rejects.toMatchObject({ status: 404 });
    await expect(w.plans.chargeInstalmentNow(owner, thaiStudioId, plan.id, second.id)).rejects.toMatchObject({
      status: 404,
    });
    await expect(w.plans.chargeInstalmentNow(owner, studioId, plan.id, uuidv7())).rejects.toMatchObject({
      status: 404,
    });

    // Staff collect instalment 2 early, without the client: this card declines it. The attempt is kept
    // like the job's and the client is emailed, but the retry waits for the instalment's own due date
    // (a day later would charge the client, without them, before the date they agreed to).
    const failedMails = async () =>
      (await mailTo(w.database, clientPerson.email)).filter((m) => m.template === 'plan-instalment-failed');
    const mailsBefore = (await failedMails()).length;
    w.clock.now = at(t0, 10);
    const declined = await w.plans.chargeInstalmentNow(owner, studioId, plan.id, second.id);
    expect(declined.payment).toMatchObject({ status: 'failed', amountMinor: 33_333, currency: 'THB' });
    expect(declined.payment.failureReason).toMatch(/declined/);
    expect(declined.plan.instalments[1]).toMatchObject({
      status: 'retrying',
      attempts: 1,
      nextAttemptAt: second.dueAt,
    });
    const mails = await until(async () => {
      const all = await failedMails();
      return all.length === mailsBefore + 1 ? all : null;
    });
    expect(mails.some((m) => m.text.includes('instalment 2 of 3') && m.text.includes('333.33'))).toBe(true);

    // The client pays it from the portal: the card is present, so the same card goes through.
    const paid = await w.plans.chargeInstalmentNow(clientPerson, studioId, plan.id, second.id);
    expect(paid.payment).toMatchObject({ status: 'succeeded', amountMinor: 33_333, failureReason: null });
    expect(paid.plan.instalments[1]).toMatchObject({ status: 'paid', attempts: 2, nextAttemptAt: null });
    expect(paid.plan.paidMinor).toBe(66_667);
    await expect(
      w.plans.chargeInstalmentNow(clientPerson, studioId, plan.id, second.id),
    ).rejects.toMatchObject({ status: 409, fields: [{ field: 'instalmentId' }] });

    // The client's own payment with a declining card is refused and changes nothing.
    await w.plans.updateMethod(clientPerson, studioId, plan.id, {
      kind: 'card',
      cardNumber: SANDBOX_CARDS.declines,
    });
    await expect(
      w.plans.chargeInstalmentNow(clientPerson, studioId, plan.id, third.id),
    ).rejects.toMatchObject({ status: 422, fields: [{ field: 'savedMethod' }] });
    let view = await w.plans.getPlan(owner, studioId, plan.id);
    expect(view.instalments[2]).toMatchObject({ status: 'scheduled', attempts: 0, lastError: null });

    // Staff charge the last one after the card change: the plan completes to the minor unit.
    await w.plans.updateMethod(clientPerson, studioId, plan.id, {
      kind: 'card',
      cardNumber: SANDBOX_CARDS.succeeds,
    });
    const done = await w.plans.chargeInstalmentNow(owner, studioId, plan.id, third.id);
    expect(done.payment.status).toBe('succeeded');
    expect(done.plan).toMatchObject({ status: 'completed', paidMinor: 100_000, totalMinor: 100_000 });
    await expect(w.plans.chargeInstalmentNow(owner, studioId, plan.id, third.id)).rejects.toMatchObject({
      status: 422,
    });
    expect((await w.plans.runDueInstalments(at(t0, 90))).charged).toBe(0);
    const succeeded = await succeededFor(studioId, plan.payable.id);
    expect(succeeded.map((p) => p.amountMinor).sort()).toEqual([33_333, 33_333, 33_334]);
    view = await w.plans.getPlan(clientPerson, studioId, plan.id);
    expect(view.instalments.map((i) => i.status)).toEqual(['paid', 'paid', 'paid']);
  });

  it("a charge waiting for the bank's check says when the instalment is charged again if the check lapses", async () => {
    const t0 = new Date('2026-07-01T03:00:00Z');
    w.clock.now = t0;
    const { plan } = await createPlan(studioId, { card: SANDBOX_CARDS.succeeds, totalMinor: 90_000 });
    await w.plans.updateMethod(clientPerson, studioId, plan.id, {
      kind: 'card',
      cardNumber: SANDBOX_CARDS.requires_action,
    });
    const second = plan.instalments[1]!;
    // Due on day 30, charged without the client: the bank's check cannot be done, so it is declined
    // and retried a day later.
    expect((await w.plans.runDueInstalments(at(t0, 30))).charged).toBe(1);
    const retrying = (await w.plans.getPlan(clientPerson, studioId, plan.id)).instalments[1]!;
    expect(retrying).toMatchObject({ status: 'retrying', nextAttemptAt: at(t0, 31).toISOString() });

    // Half a day later the client pays it with their bank's check and leaves the check open. The check
    // waits 24 hours, past the planned retry: if it lapses, the job charges the instalment at once.
    w.clock.now = at(t0, 30.5);
    const waiting = await w.plans.chargeInstalmentNow(clientPerson, studioId, plan.id, second.id);
    expect(waiting.payment).toMatchObject({ status: 'requires_action' });
    expect(waiting.plan.instalments[1]).toMatchObject({
      status: 'processing',
      awaitingAuthentication: true,
      nextAttemptAt: at(t0, 31.5).toISOString(),
      chargedAgainAt: at(t0, 31.5).toISOString(),
    });
    // Staff see the same on the order's page.
    const [listed] = await w.database.withStudio(studioId, (tx) =>
      w.plans.listForPayable({ studioId, actor: owner, tx }, plan.payable),
    );
    expect(listed!.instalments[1]!.chargedAgainAt).toBe(at(t0, 31.5).toISOString());
    // Nothing else waits for a check, so nothing else names a date.
    expect(waiting.plan.instalments.map((i) => i.chargedAgainAt)).toEqual([
      null,
      at(t0, 31.5).toISOString(),
      null,
    ]);

    // It lapses: back to the planned retry, and the job charges it on that same run.
    expect(await w.plans.runDueInstalments(at(t0, 31.5))).toMatchObject({ unauthenticated: 1 });
    const after = (await w.plans.getPlan(clientPerson, studioId, plan.id)).instalments[1]!;
    expect(after).toMatchObject({ awaitingAuthentication: false, chargedAgainAt: null });
    expect(await w.plans.runDueInstalments(at(t0, 31.5))).toMatchObject({ charged: 1 });
    // The job's later runs in other tests must not meet this plan.
    await w.plans.cancelPlan(owner, studioId, plan.id);
  });

  it("cancelPlanInTx stops a plan in the caller's transaction; the job charges nothing after", async () => {
    const t0 = new Date('2026-07-01T03:00:00Z');
    w.clock.now = t0;
    const { plan } = await createPlan(studioId, {
      card: SANDBOX_CARDS.declines_off_session,
      totalMinor: 90_000,
    });
    // The job charges without the client: this card declines instalment 2, which waits for its retry.
    expect((await w.plans.runDueInstalments(at(t0, 30))).charged).toBe(1);
    let view = await w.plans.getPlan(owner, studioId, plan.id);
    expect(view.instalments[1]).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(view.instalments[1]!.lastError).toMatch(/without the cardholder/);

    // A caller that rolls back keeps the plan going.
    await expect(
      w.database.withStudio(studioId, async (tx) => {
        await cancelPlanInTx(tx, studioId, plan.id, 'Order cancelled');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await w.plans.getPlan(owner, studioId, plan.id)).status).toBe('active');
    // Another studio's scope cannot touch it.
    expect(
      await w.database.withStudio(thaiStudioId, (tx) => cancelPlanInTx(tx, thaiStudioId, plan.id, 'x')),
    ).toBeNull();

    const cancelled = await w.database.withStudio(studioId, (tx) =>
      cancelPlanInTx(tx, studioId, plan.id, 'Order cancelled'),
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', paidMinor: 30_000 });
    expect(cancelled!.instalments.map((i) => [i.status, i.nextAttemptAt])).toEqual([
      ['paid', null],
      ['cancelled', null],
      ['cancelled', null],
    ]);
    // Again: nothing to do.
    expect(
      await w.database.withStudio(studioId, (tx) => cancelPlanInTx(tx, studioId, plan.id, 'again')),
    ).toBeNull();
    const events = await selectRows<{ payload: { reason: string } }>(
      w.database.db,
      sql`select payload from outbox_events where type = 'payments.plan.cancelled' and payload->>'planId' = ${plan.id}`,
    );
    expect(events.map((e) => e.payload.reason)).toEqual(['Order cancelled']);

    // Neither the retry nor the third instalment is ever charged, and nobody may charge them by hand.
    expect((await w.plans.runDueInstalments(at(t0, 31))).charged).toBe(0);
    expect((await w.plans.runDueInstalments(at(t0, 120))).charged).toBe(0);
    await expect(
      w.plans.chargeInstalmentNow(owner, studioId, plan.id, view.instalments[1]!.id),
    ).rejects.toMatchObject({ status: 422 });
    view = await w.plans.getPlan(owner, studioId, plan.id);
    expect(view.instalments.map((i) => i.attempts)).toEqual([1, 1, 0]);
    expect(await succeededFor(studioId, plan.payable.id)).toHaveLength(1);
  });
});
