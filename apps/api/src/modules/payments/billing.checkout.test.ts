import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { stripeWebhook } from './testing/fixtures.js';
import { type StripeStandIn, startStripeStandIn } from './testing/stripe-stand-in.js';

const { signUpVerified } = identityTesting;
type Who = Awaited<ReturnType<typeof signUpVerified>>;

const WEBHOOK_SECRET = 'whsec_plan_checkout_test';

/**
 * A first paid plan when the owner has no card on file: Stripe Checkout takes the card, and the plan
 * changes only once that is paid, on the owner's return to the billing page or by the webhook,
 * whichever comes first. Against the Stripe stand-in, whose customers start without a card.
 */
describe('studio plan billing: a first paid plan goes through Stripe Checkout', () => {
  let t: TestApp;
  let stand: StripeStandIn;
  const people: Record<string, Who> = {};

  const as = (slug: string) => requestAs(t, people[slug]!);
  const billingOf = async (slug: string) => (await as(slug)('GET', `/api/v1/studios/${slug}/billing`)).json();
  const sessionOf = (url: string) => {
    const id = /\/c\/pay\/(cs_test_[0-9a-f]+)$/.exec(url)?.[1];
    expect(id, url).toBeDefined();
    return stand.sessions.get(id!)!;
  };
  const deliver = (event: Record<string, unknown>) => stripeWebhook(t, stand, WEBHOOK_SECRET).deliver(event);
  const ownStudio = async (slug: string) => {
    people[slug] = await signUpVerified(t, `${slug}.owner@example.com`, `${slug} owner`);
    return (await openStudio(t, people[slug]!, { slug })).id;
  };
  const choosePlan = async (slug: string, plan: string) => {
    const res = await as(slug)('PUT', `/api/v1/studios/${slug}/billing/plan`, { plan });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    stand = await startStripeStandIn();
    const stripe = {
      secretKey: 'sk_test_plan_checkout',
      publishableKey: 'pk_test_plan_checkout',
      webhookSecret: WEBHOOK_SECRET,
      apiUrl: stand.url,
    };
    t = await buildTestApp({ config: { stripe } });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await stand.close();
  });

  it('sends the owner to Checkout, keeps the plan until paid, and applies it once on return', async () => {
    const studioId = await ownStudio('first-paid');
    const chosen = await choosePlan('first-paid', 'professional');
    // Nothing changed yet: no subscription was made without a card.
    expect(chosen).toMatchObject({ plan: 'starter', collection: 'free' });
    expect(chosen.checkout.url.startsWith(`${stand.url}/c/pay/cs_test_`), chosen.checkout.url).toBe(true);
    expect(stand.subscriptions.size).toBe(0);

    const session = sessionOf(chosen.checkout.url);
    const billingPage = `${t.config.publicUrl}/first-paid/admin/billing`;
    expect(session).toMatchObject({
      mode: 'subscription',
      status: 'open',
      client_reference_id: studioId,
      metadata: { purpose: 'atelier_plan', studioId, plan: 'professional' },
      subscription_data: { metadata: { studioId, plan: 'professional' } },
      success_url: `${billingPage}?checkout={CHECKOUT_SESSION_ID}`,
      cancel_url: `${billingPage}?checkout=cancelled`,
    });
    expect(stand.customers.get(String(session.customer))).toMatchObject({
      email: 'first-paid.owner@example.com',
    });

    // Back before paying (or by guessing): not paid, so nothing to apply.
    const early = await as('first-paid')('POST', '/api/v1/studios/first-paid/billing/checkout', {
      session: session.id,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'conflict', errors: [{ field: 'session' }] });
    expect(early.json().detail).toMatch(/not paid yet/);

    stand.completeSession(String(session.id));
    const settled = await as('first-paid')('POST', '/api/v1/studios/first-paid/billing/checkout', {
      session: session.id,
    });
    expect(settled.statusCode, settled.body).toBe(200);
    const [subscription] = [...stand.subscriptions.values()];
    expect(settled.json()).toMatchObject({
      plan: 'professional',
      collection: 'stripe',
      status: 'active',
      priceMinor: expect.any(Number),
    });
    expect(settled.json().priceMinor).toBeGreaterThan(0);
    // The renewal date comes with the subscription, read with the session.
    expect(Date.parse(settled.json().currentPeriodEnd)).toBeGreaterThan(Date.now() + 25 * 86_400_000);
    expect(subscription).toMatchObject({ customer: session.customer, metadata: { studioId } });
    // The studio's own plan moved with it (its limits come from there).
    expect((await as('first-paid')('GET', '/api/v1/studios/first-paid')).json().plan).toBe('professional');

    // Coming back twice, and the webhook after: the same plan, one subscription, nothing doubled.
    const again = await as('first-paid')('POST', '/api/v1/studios/first-paid/billing/checkout', {
      session: session.id,
    });
    expect(again.statusCode).toBe(200);
    expect(await deliver(stand.event('checkout.session.completed', session))).toMatchObject({
      status: 'ignored',
      reason: 'already_applied',
    });
    expect(await billingOf('first-paid')).toMatchObject({ plan: 'professional', status: 'active' });

    // With a live subscription, the next change swaps its price at once (no second Checkout).
    const upgraded = await choosePlan('first-paid', 'studio');
    expect(upgraded).toMatchObject({ plan: 'studio', collection: 'stripe', status: 'active' });
    expect(upgraded.checkout).toBeUndefined();
    expect(stand.subscriptions.size).toBe(1);
  });

  it('applies a paid Checkout from the webhook alone, for an owner who never comes back', async () => {
    const studioId = await ownStudio('webhook-only');
    const session = sessionOf((await choosePlan('webhook-only', 'studio')).checkout.url);
    stand.completeSession(String(session.id));
    expect(await deliver(stand.event('checkout.session.completed', session))).toMatchObject({
      status: 'processed',
    });
    expect(await billingOf('webhook-only')).toMatchObject({
      plan: 'studio',
      collection: 'stripe',
      status: 'active',
    });
    const subscription = [...stand.subscriptions.values()].find(
      (s) => (s.metadata as { studioId?: string }).studioId === studioId,
    );
    expect(subscription?.id).toBe(session.subscription);
  });

  it('keeps one open Checkout per owner: choosing again expires the earlier one', async () => {
    await ownStudio('second-thoughts');
    const first = sessionOf((await choosePlan('second-thoughts', 'professional')).checkout.url);
    const second = sessionOf((await choosePlan('second-thoughts', 'studio')).checkout.url);
    expect(first.status).toBe('expired');
    expect(second).toMatchObject({ status: 'open', metadata: { plan: 'studio' } });
    // Both belong to the same Stripe customer (made once for the studio).
    expect(second.customer).toBe(first.customer);

    const expired = await as('second-thoughts')('POST', '/api/v1/studios/second-thoughts/billing/checkout', {
      session: first.id,
    });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().detail).toMatch(/expired/);
    expect((await billingOf('second-thoughts')).plan).toBe('starter');
  });

  it("finds the studio's Stripe customer again for an owner back days after abandoning Checkout", async () => {
    const studioId = await ownStudio('days-later');
    const first = sessionOf((await choosePlan('days-later', 'professional')).checkout.url);
    // More than a day later Stripe no longer replays the customer's Idempotency-Key.
    stand.forgetIdempotencyKeys();
    const again = sessionOf((await choosePlan('days-later', 'professional')).checkout.url);
    expect(again.customer).toBe(first.customer);
    const studioCustomers = [...stand.customers.values()].filter(
      (customer) => (customer.metadata as Record<string, unknown>).studioId === studioId,
    );
    expect(studioCustomers).toHaveLength(1);
  });

  it('applies one of two Checkouts paid for the same studio, even when both come back at once', async () => {
    const studioId = await ownStudio('two-tabs');
    // Paid but not yet back, then a second Checkout (the first is no longer open, so it is not expired).
    const first = sessionOf((await choosePlan('two-tabs', 'professional')).checkout.url);
    stand.completeSession(String(first.id));
    const second = sessionOf((await choosePlan('two-tabs', 'studio')).checkout.url);
    stand.completeSession(String(second.id));

    const settle = (session: unknown) =>
      as('two-tabs')('POST', '/api/v1/studios/two-tabs/billing/checkout', { session });
    const answers = await Promise.all([settle(first.id), settle(second.id)]);
    expect(answers.map((res) => res.statusCode).sort()).toEqual([200, 409]);
    const refused = answers.find((res) => res.statusCode === 409)!;
    expect(refused.json().detail).toMatch(/another subscription/);
    // The billing row names the subscription of the Checkout that was applied, and the plan is its plan.
    const applied = answers.findIndex((res) => res.statusCode === 200) === 0 ? first : second;
    const billing = await billingOf('two-tabs');
    expect(billing.plan).toBe((applied.metadata as { plan: string }).plan);
    const rows = await t.database.db.execute(
      sql`select stripe_subscription_id from billing_subscriptions where studio_id = ${studioId}`,
    );
    expect((rows as unknown as { rows: { stripe_subscription_id: string }[] }).rows).toEqual([
      { stripe_subscription_id: applied.subscription },
    ]);
  });

  it("refuses another studio's session, a made-up one and a malformed id, naming session", async () => {
    await ownStudio('nosy');
    const theirs = [...stand.sessions.values()].find((s) => s.status === 'complete')!;
    const foreign = await as('nosy')('POST', '/api/v1/studios/nosy/billing/checkout', { session: theirs.id });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'not_found', errors: [{ field: 'session' }] });

    const unknown = await as('nosy')('POST', '/api/v1/studios/nosy/billing/checkout', {
      session: 'cs_test_000000000000000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors[0].field).toBe('session');

    const malformed = await as('nosy')('POST', '/api/v1/studios/nosy/billing/checkout', {
      session: 'https://evil.example',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toMatch(/session/);
    expect((await billingOf('nosy')).plan).toBe('starter');

    // Only the studio's owner may settle its Checkout: a signed-out caller is asked to sign in.
    const anonymous = await requestAs(t, null)('POST', '/api/v1/studios/nosy/billing/checkout', {
      session: theirs.id,
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
