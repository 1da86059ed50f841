import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../platform/events/events.tables.js';
import { createEventBus, type EventBus, hasReceipt } from '../../platform/events/index.js';
import { listMail, startMailWorker } from '../../platform/mailer/index.js';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { assertWithinPlan, createStudiosService } from '../studios/index.js';
import { BILLING_EVENTS, BILLING_GRACE_DAYS, enforceBillingGrace } from './billing.lifecycle.js';
import { billingEventHandlers } from './billing.mail.js';
import { until } from './ledger.testing.js';
import { createStripeClient, type StripeSettings } from './provider.stripe.js';
import { stripeWebhook } from './testing/fixtures.js';
import { type StripeStandIn, startStripeStandIn } from './testing/stripe-stand-in.js';

const { makePlatformAdmin, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof identityTesting.Jar>;
type Who = { jar: Jar; userId: string; email: string };

const WEBHOOK_SECRET = 'whsec_billing_test';
const DAY_S = 86_400;
const nowS = () => Math.floor(Date.now() / 1000);

describe('studio plan billing: Stripe subscription and invoice webhooks, invoices, grace', () => {
  let t: TestApp;
  let bus: EventBus;
  let stand: StripeStandIn;
  let settings: StripeSettings;
  const people: Record<string, Who> = {};
  const studioIds: Record<string, string> = {};

  /** Delivers a signed event to the one Stripe webhook endpoint. */
  const deliver = (event: Record<string, unknown>) => stripeWebhook(t, stand, WEBHOOK_SECRET).deliver(event);
  const billing = async (slug: string) =>
    (await requestAs(t, people[slug]!)('GET', `/api/v1/studios/${slug}/billing`)).json();
  const subscriptionOf = (slug: string) =>
    [...stand.subscriptions.values()].find(
      (s) => (s.metadata as { studioId?: string }).studioId === studioIds[slug],
    )!;
  const mailsTo = async (address: string, template: string) =>
    (await listMail(t.database, { limit: 100 })).items.filter(
      (m) => m.toAddress === address && m.template === template,
    );

  /** An owner, their studio (starter), then subscribed to professional through the billing route. */
  const subscribedStudio = async (slug: string) => {
    const owner = await signUpVerified(t, `${slug}.owner@example.com`, `${slug} owner`);
    people[slug] = owner;
    studioIds[slug] = (await openStudio(t, owner, { slug, currency: 'THB', timezone: 'Asia/Bangkok' })).id;
    const paid = await requestAs(t, owner)('PUT', `/api/v1/studios/${slug}/billing/plan`, {
      plan: 'professional',
    });
    expect(paid.json()).toMatchObject({ plan: 'professional', status: 'active', collection: 'stripe' });
    return subscriptionOf(slug);
  };

  beforeAll(async () => {
    stand = await startStripeStandIn({ cardOnFile: true });
    settings = {
      secretKey: 'sk_test_billing_hooks',
      publishableKey: 'pk_test_billing_hooks',
      webhookSecret: WEBHOOK_SECRET,
      apiUrl: stand.url,
    };
    t = await buildTestApp({ config: { stripe: settings } });
    bus = createEventBus({ database: t.database, queue: t.queue, logger: pino({ level: 'silent' }) });
    for (const handler of billingEventHandlers({ queue: t.queue, publicUrl: t.config.publicUrl }))
      bus.subscribe(handler);
    await bus.start({ pollIntervalMs: 50 });
    await startMailWorker(t.queue, t.mailer, { work: true });
  }, 60_000);
  afterAll(async () => {
    await bus.stop();
    await t.close();
    await stand.close();
  });

  it('records paid and failed invoices, marks billing past due, emails the owners, ignores stale news', async () => {
    const sub = await subscribedStudio('lapsing');
    const owner = people.lapsing!;
    const t0 = nowS() - 3 * DAY_S;

    const paidInvoice = stand.invoice(sub.id, { status: 'paid', amount: 2_900, created: t0 });
    const paidEvent = stand.event('invoice.paid', paidInvoice, t0);
    expect(await deliver(paidEvent)).toMatchObject({ status: 'processed' });
    expect(await deliver(paidEvent)).toMatchObject({ status: 'duplicate' });

    const failedInvoice = stand.invoice(sub.id, { status: 'open', amount: 2_900, created: t0 + DAY_S });
    expect(await deliver(stand.event('invoice.payment_failed', failedInvoice, t0 + DAY_S))).toMatchObject({
      status: 'processed',
    });
    const pastDue = await billing('lapsing');
    expect(pastDue).toMatchObject({ plan: 'professional', status: 'past_due' });
    expect(new Date(pastDue.graceEndsAt).getTime()).toBe((t0 + DAY_S + BILLING_GRACE_DAYS * DAY_S) * 1000);

    // An "active" snapshot from before the failure arrives late: it does not roll the status back.
    const stale = stand.event('customer.subscription.updated', stand.subscriptionAs(sub.id, 'active'), t0);
    expect(await deliver(stale)).toMatchObject({ status: 'ignored', reason: 'stale_event' });
    expect((await billing('lapsing')).status).toBe('past_due');
    // Neither does a late "payment_failed" for the invoice that was paid.
    expect(await deliver(stand.event('invoice.payment_failed', paidInvoice, t0 - 60))).toMatchObject({
      status: 'processed',
    });

    // An invoice issued before both, delivered last, still lists last (newest first by issue date).
    const older = stand.invoice(sub.id, { status: 'open', amount: 2_900, created: t0 - DAY_S });
    await deliver(stand.event('invoice.finalized', older, t0 - DAY_S));

    const invoices = (await requestAs(t, owner)('GET', '/api/v1/studios/lapsing/billing/invoices')).json();
    expect(invoices.items.map((i: { number: string; status: string }) => [i.number, i.status])).toEqual([
      [failedInvoice.number, 'failed'],
      [paidInvoice.number, 'paid'],
      [older.number, 'open'],
    ]);
    expect(invoices.items[1]).toMatchObject({
      collection: 'stripe',
      amountMinor: 2_900,
      currency: 'USD',
      hostedUrl: paidInvoice.hosted_invoice_url,
    });

    // One "payment failed" for the failed invoice; none for the late duplicate about the paid one. The
    // event is written with the webhook's own transaction, so it is counted without waiting.
    const failures = await t.database.db
      .select({ id: outboxEvents.id, payload: outboxEvents.payload })
      .from(outboxEvents)
      .where(
        and(
          eq(outboxEvents.studioId, studioIds.lapsing!),
          eq(outboxEvents.type, BILLING_EVENTS.paymentFailed),
        ),
      );
    expect(failures.map((e) => (e.payload as { number: string }).number)).toEqual([failedInvoice.number]);
    // And its one email.
    await until(async () => hasReceipt(t.database, 'payments.billing.mail-payment-failed', failures[0]!.id));
    const failedMail = await until(async () => {
      const found = await mailsTo(owner.email, 'billing-payment-failed');
      return found.length > 0 ? found : null;
    });
    expect(failedMail).toHaveLength(1);
    expect(failedMail[0]!.subject).toContain('lapsing');

    // Paid after all: active again, the grace is gone.
    const recovered = stand.event(
      'customer.subscription.updated',
      stand.subscriptionAs(sub.id, 'active'),
      t0 + 2 * DAY_S,
    );
    expect(await deliver(recovered)).toMatchObject({ status: 'processed' });
    expect(await billing('lapsing')).toMatchObject({ status: 'active', graceEndsAt: null });
  });

  it('falls back to starter when the subscription is deleted, keeps the data and blocks additions', async () => {
    const sub = await subscribedStudio('ending');
    const owner = people.ending!;
    const studios = createStudiosService({ database: t.database, cache: t.cache });
    for (const n of [1, 2, 3])
      await studios.seedMember(studioIds.ending!, {
        userId: uuidv7(),
        role: 'staff',
        name: `Staff ${n}`,
        email: `ending.staff${n}@example.com`,
      });
    const t0 = nowS();
    expect(
      await deliver(
        stand.event('customer.subscription.deleted', stand.subscriptionAs(sub.id, 'canceled'), t0),
      ),
    ).toMatchObject({ status: 'processed' });
    expect(await billing('ending')).toMatchObject({ plan: 'starter', status: 'cancelled', priceMinor: 0 });
    // The studio itself says starter at once (the webhook dropped the cached lookup).
    expect((await requestAs(t, null)('GET', '/api/v1/studios/ending')).json().plan).toBe('starter');

    // A late "updated: active" from before the deletion does not bring the plan back.
    const late = stand.event('customer.subscription.updated', stand.subscriptionAs(sub.id, 'active'), t0 - 5);
    expect(await deliver(late)).toMatchObject({ status: 'ignored' });
    expect((await billing('ending')).plan).toBe('starter');

    // Four people on a two-seat plan: all kept, nobody new.
    const members = (await requestAs(t, owner)('GET', '/api/v1/studios/ending/members')).json();
    expect(members.items).toHaveLength(4);
    const invite = await requestAs(t, owner)('POST', '/api/v1/studios/ending/invitations', {
      email: 'one.more@example.com',
      role: 'staff',
    });
    expect(invite.statusCode).toBe(422);
    expect(invite.json().errors[0].field).toBe('teamSeats');
    await expect(
      assertWithinPlan(t.database.db, studioIds.ending!, 'catalogItems', 150),
    ).rejects.toMatchObject({
      fields: [{ field: 'catalogItems' }],
    });
    await until(async () => (await mailsTo(owner.email, 'billing-plan-ended')).length === 1);
  });

  it('keeps the plan through the grace when Stripe gives up, then falls back (webhook or sweep)', async () => {
    // Past due ten days ago, unpaid now: the grace is over, so the studio falls back at once and the
    // Stripe subscription is cancelled.
    const old = await subscribedStudio('long-overdue');
    const t0 = nowS();
    await deliver(
      stand.event('customer.subscription.updated', stand.subscriptionAs(old.id, 'past_due'), t0 - 10 * DAY_S),
    );
    expect((await billing('long-overdue')).status).toBe('past_due');
    await deliver(stand.event('customer.subscription.updated', stand.subscriptionAs(old.id, 'unpaid'), t0));
    expect(await billing('long-overdue')).toMatchObject({ plan: 'starter', status: 'cancelled' });
    await until(async () => stand.subscriptions.get(old.id)!.status === 'canceled');

    // Unpaid today: the plan stays, with the grace shown, until the sweep runs after it ends.
    const fresh = await subscribedStudio('just-unpaid');
    await deliver(stand.event('customer.subscription.updated', stand.subscriptionAs(fresh.id, 'unpaid'), t0));
    const waiting = await billing('just-unpaid');
    expect(waiting).toMatchObject({ plan: 'professional', status: 'unpaid' });
    const graceEnds = new Date(waiting.graceEndsAt);
    const deps = { database: t.database, cache: t.cache, stripe: createStripeClient(settings) };
    expect((await enforceBillingGrace(deps, new Date(graceEnds.getTime() - 60_000))).fellBack).toEqual([]);
    expect((await enforceBillingGrace(deps, new Date(graceEnds.getTime() + 60_000))).fellBack).toEqual([
      studioIds['just-unpaid'],
    ]);
    expect(await billing('just-unpaid')).toMatchObject({ plan: 'starter', status: 'cancelled' });
    expect(stand.subscriptions.get(fresh.id)!.status).toBe('canceled');
  });

  it('parks events for subscriptions nobody has, and refuses unsigned ones', async () => {
    const stranger = stand.event('invoice.paid', {
      id: 'in_nobody',
      object: 'invoice',
      customer: 'cus_nobody',
      currency: 'usd',
      amount_due: 100,
      amount_paid: 100,
      created: nowS(),
      period_start: nowS(),
      period_end: nowS(),
      parent: { subscription_details: { subscription: 'sub_nobody', metadata: {} } },
    });
    expect(await deliver(stranger)).toMatchObject({ status: 'parked', reason: 'unknown_subscription' });
    const unsigned = await stripeWebhook(t, stand, WEBHOOK_SECRET).post(
      JSON.stringify(stranger),
      't=1,v1=00',
    );
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json().errors[0].field).toBe('headers.stripe-signature');
  });

  it('lists manual invoices a platform admin raises for an enterprise studio, newest first, in pages', async () => {
    const admin = await signUpVerified(t, 'billing.platform@example.com', 'Platform Admin');
    await makePlatformAdmin(t, admin.userId);
    const owner = await signUpVerified(t, 'enterprise.owner@example.com', 'Enterprise Owner');
    people.grand = owner;
    await openStudio(t, owner, {
      slug: 'grand',
      name: 'Grand',
      currency: 'THB',
      timezone: 'Asia/Bangkok',
      locale: 'th',
    });
    const period = (month: number) => ({
      periodStart: `2026-0${month}-01T00:00:00Z`,
      periodEnd: `2026-0${month + 1}-01T00:00:00Z`,
    });
    // Not billed by hand yet: no manual invoices.
    const early = await requestAs(t, admin)(
      'POST',
      '/api/v1/platform/studios/grand/billing/invoices',
      period(1),
    );
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].field).toBe('collection');

    await requestAs(t, admin)('PUT', '/api/v1/platform/studios/grand/billing', {
      plan: 'enterprise',
      priceMinor: 50_000,
    });
    expect(
      (await requestAs(t, owner)('POST', '/api/v1/platform/studios/grand/billing/invoices', period(1)))
        .statusCode,
    ).toBe(403);
    const january = await requestAs(t, admin)(
      'POST',
      '/api/v1/platform/studios/grand/billing/invoices',
      period(1),
    );
    expect(january.statusCode).toBe(201);
    expect(january.json()).toMatchObject({
      number: 'ATL-0001',
      collection: 'manual',
      status: 'open',
      amountMinor: 50_000,
      currency: 'USD',
    });
    const february = await requestAs(t, admin)('POST', '/api/v1/platform/studios/grand/billing/invoices', {
      ...period(2),
      amountMinor: 45_000,
    });
    expect(february.json().number).toBe('ATL-0002');
    const clash = await requestAs(t, admin)('POST', '/api/v1/platform/studios/grand/billing/invoices', {
      ...period(3),
      number: 'ATL-0001',
    });
    expect(clash.statusCode).toBe(409);
    const badPeriod = await requestAs(t, admin)('POST', '/api/v1/platform/studios/grand/billing/invoices', {
      periodStart: '2026-05-01T00:00:00Z',
      periodEnd: '2026-04-01T00:00:00Z',
    });
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().errors[0].field).toBe('body.periodEnd');

    const paid = await requestAs(t, admin)(
      'PUT',
      `/api/v1/platform/studios/grand/billing/invoices/${january.json().id}`,
      {
        status: 'paid',
      },
    );
    expect(paid.json()).toMatchObject({ status: 'paid', paidAt: expect.any(String) });
    const voidPaid = await requestAs(t, admin)(
      'PUT',
      `/api/v1/platform/studios/grand/billing/invoices/${january.json().id}`,
      { status: 'void' },
    );
    expect(voidPaid.statusCode).toBe(422);
    // Another studio's invoice id is not found here.
    expect(
      (
        await requestAs(t, admin)(
          'PUT',
          `/api/v1/platform/studios/lapsing/billing/invoices/${january.json().id}`,
          {
            status: 'void',
          },
        )
      ).statusCode,
    ).toBe(404);

    const first = (await requestAs(t, owner)('GET', '/api/v1/studios/grand/billing/invoices?limit=1')).json();
    expect(first.items.map((i: { number: string }) => i.number)).toEqual(['ATL-0002']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await requestAs(t, owner)(
        'GET',
        `/api/v1/studios/grand/billing/invoices?limit=1&cursor=${first.nextCursor}`,
      )
    ).json();
    expect(second.items.map((i: { number: string; status: string }) => [i.number, i.status])).toEqual([
      ['ATL-0001', 'paid'],
    ]);
    expect(second.nextCursor).toBeNull();
    // Only the studio's owners read them.
    expect(
      (await requestAs(t, people.lapsing!)('GET', '/api/v1/studios/grand/billing/invoices')).statusCode,
    ).toBe(404);
    expect(
      (await requestAs(t, owner)('GET', '/api/v1/studios/grand/billing/invoices?cursor=nope')).statusCode,
    ).toBe(400);
  });
});
