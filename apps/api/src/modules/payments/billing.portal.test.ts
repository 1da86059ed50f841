import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../../platform/context.js';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { createStudiosService } from '../studios/index.js';
import { createBillingService } from './billing.service.js';
import { createStripeClient } from './provider.stripe.js';
import { type StripeStandIn, startStripeStandIn } from './testing/stripe-stand-in.js';

const { makePlatformAdmin, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof identityTesting.Jar>;
type Who = { jar: Jar; userId: string; email: string };

/**
 * "Manage payment method": a Stripe customer portal session for a studio billed by card, against the
 * Stripe stand-in. Studios get their Stripe customer the real way, by subscribing through the plan route.
 */
describe('studio plan billing: the customer portal for the card on file', () => {
  let t: TestApp;
  let stand: StripeStandIn;
  let standOpen = true;
  let owner: Who;
  let staff: Who;
  let stranger: Who;
  let admin: Who;
  const studioIds: Record<string, string> = {};

  const actorOf = (who: Who): UserActor => ({
    kind: 'user',
    userId: who.userId,
    email: who.email,
    name: who.email,
    platformRole: 'user',
    sessionId: 'billing-portal-test',
  });
  const open = async (who: Who, slug: string) => {
    studioIds[slug] = (await openStudio(t, who, { slug })).id;
  };

  beforeAll(async () => {
    stand = await startStripeStandIn({ cardOnFile: true });
    const stripe = {
      secretKey: 'sk_test_billing_portal',
      publishableKey: 'pk_test_billing_portal',
      webhookSecret: undefined,
      apiUrl: stand.url,
    };
    t = await buildTestApp({ config: { stripe } });
    owner = await signUpVerified(t, 'portal.owner@example.com', 'Portal Owner');
    staff = await signUpVerified(t, 'portal.staff@example.com', 'Portal Staff');
    stranger = await signUpVerified(t, 'portal.stranger@example.com', 'Other Owner');
    admin = await signUpVerified(t, 'portal.admin@example.com', 'Platform Admin');
    await makePlatformAdmin(t, admin.userId);

    // "carded" pays for professional by card; "gratis" stays on starter; "invoiced" is enterprise by hand.
    for (const slug of ['carded', 'gratis', 'invoiced']) await open(owner, slug);
    await open(stranger, 'elsewhere');
    const paid = await requestAs(t, owner)('PUT', '/api/v1/studios/carded/billing/plan', {
      plan: 'professional',
    });
    expect(paid.json()).toMatchObject({ plan: 'professional', collection: 'stripe', status: 'active' });
    const manual = await requestAs(t, admin)('PUT', '/api/v1/platform/studios/invoiced/billing', {
      plan: 'enterprise',
      priceMinor: 50_000,
    });
    expect(manual.statusCode).toBe(200);
    await createStudiosService({ database: t.database, cache: t.cache }).seedMember(studioIds.carded!, {
      userId: staff.userId,
      role: 'staff',
      name: 'Portal Staff',
      email: staff.email,
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    if (standOpen) await stand.close();
  });

  it("opens Stripe's portal for the studio's own customer, coming back to its billing page", async () => {
    const opened = await requestAs(t, owner)('POST', '/api/v1/studios/carded/billing/portal');
    expect(opened.statusCode, opened.body).toBe(201);
    const { url } = opened.json() as { url: string };

    const sessionId = /\/p\/session\/(bps_[0-9a-f]+)$/.exec(url)?.[1];
    expect(sessionId, url).toBeDefined();
    const session = stand.portalSessions.get(sessionId!);
    const [subscription] = [...stand.subscriptions.values()];
    // The customer the plan's subscription charges, and a way back built by the server.
    expect(session).toMatchObject({
      object: 'billing_portal.session',
      customer: subscription!.customer,
      return_url: `${t.config.publicUrl}/carded/admin/billing`,
      url,
    });
    expect(stand.customers.has(String(subscription!.customer))).toBe(true);
    // The portal opens with Atelier's configuration: the card and past invoices, no plan switch or
    // cancel (those go through PUT .../billing/plan, which keeps the studio's limits in step).
    expect(stand.portalConfigurations.size).toBe(1);
    const [configuration] = [...stand.portalConfigurations.values()];
    expect(configuration).toMatchObject({
      active: true,
      metadata: { atelier_portal: 'card-and-invoices-v1' },
      features: {
        payment_method_update: { enabled: 'true' },
        invoice_history: { enabled: 'true' },
        customer_update: { enabled: 'false' },
        subscription_cancel: { enabled: 'false' },
        subscription_update: { enabled: 'false' },
      },
    });
    // The body Stripe received names only the customer, the way back and that configuration.
    const sent = stand.requests.filter((r) => r.path === '/v1/billing_portal/sessions');
    expect(sent.map((r) => r.body)).toEqual([
      {
        customer: subscription!.customer,
        return_url: `${t.config.publicUrl}/carded/admin/billing`,
        configuration: configuration!.id,
      },
    ]);
    expect(session!.configuration).toBe(configuration!.id);

    // The stand-in's hosted page (what the browser lands on) links back to the billing page.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Stripe customer portal (test stand-in)');
    expect(html).toContain(`href="${t.config.publicUrl}/carded/admin/billing"`);

    // A second click is simply another session (each is short-lived at Stripe).
    const again = await requestAs(t, owner)('POST', '/api/v1/studios/carded/billing/portal');
    expect(again.statusCode).toBe(201);
    expect(again.json().url).not.toBe(url);
    expect(stand.portalSessions.size).toBe(2);
    // The configuration is looked up once per process, not per click.
    const configurationCalls = stand.requests.filter((r) => r.path === '/v1/billing_portal/configurations');
    expect(configurationCalls.map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  it("reuses Atelier's configuration already at Stripe instead of making another", async () => {
    const [ours] = [...stand.portalConfigurations.keys()];
    // The account's own configuration (not tagged as Atelier's) is never the one used.
    const client = createStripeClient({ secretKey: 'sk_test_billing_portal', apiUrl: stand.url });
    const foreign = await client.billingPortal.configurations.create({
      features: { subscription_cancel: { enabled: true } },
      metadata: { owner: 'someone else' },
    });
    // A process started later (another instance, or after a deploy) finds it by its tag.
    const later = createBillingService({
      database: t.database,
      cache: t.cache,
      studios: createStudiosService({ database: t.database, cache: t.cache }),
      stripe: client,
      publicUrl: t.config.publicUrl,
    });
    const { url } = await later.openPaymentPortal(actorOf(owner), studioIds.carded!);
    const session = stand.portalSessions.get(/\/p\/session\/(bps_[0-9a-f]+)$/.exec(url)![1]!);
    expect(session!.configuration).toBe(ours);
    expect(session!.configuration).not.toBe(foreign.id);
    expect(stand.portalConfigurations.size).toBe(2);
    expect(stand.portalSessions.size).toBe(3);
  });

  it('is for owners only: staff 403, another studio 404, signed out 401', async () => {
    const asStaff = await requestAs(t, staff)('POST', '/api/v1/studios/carded/billing/portal');
    expect(asStaff.statusCode).toBe(403);
    expect(asStaff.headers['content-type']).toContain('application/problem+json');
    // The same answer the other billing routes give a stranger: the studio is not revealed.
    const asStranger = await requestAs(t, stranger)('POST', '/api/v1/studios/carded/billing/portal');
    expect(asStranger.statusCode).toBe(404);
    expect((await requestAs(t, stranger)('GET', '/api/v1/studios/carded/billing')).statusCode).toBe(404);
    expect((await requestAs(t, null)('POST', '/api/v1/studios/carded/billing/portal')).statusCode).toBe(401);
    // The owner of the other studio reaches their own (free) one, not this one.
    expect(
      (await requestAs(t, stranger)('POST', '/api/v1/studios/elsewhere/billing/portal')).statusCode,
    ).toBe(409);
    expect(stand.portalSessions.size).toBe(3);
  });

  it('answers 409 naming how the studio is billed when there is no card to manage', async () => {
    const free = await requestAs(t, owner)('POST', '/api/v1/studios/gratis/billing/portal');
    expect(free.statusCode).toBe(409);
    expect(free.headers['content-type']).toContain('application/problem+json');
    expect(free.json()).toMatchObject({ status: 409, code: 'conflict', errors: [{ field: 'collection' }] });
    expect(free.json().detail).toMatch(/free plan/);

    const byHand = await requestAs(t, owner)('POST', '/api/v1/studios/invoiced/billing/portal');
    expect(byHand.statusCode).toBe(409);
    expect(byHand.json()).toMatchObject({ code: 'conflict', errors: [{ field: 'collection' }] });
    expect(byHand.json().detail).toMatch(/invoiced by Atelier by hand/);

    // A deployment without Stripe: the same 409, even for a studio billed by card before.
    const stripeless = createBillingService({
      database: t.database,
      cache: t.cache,
      studios: createStudiosService({ database: t.database, cache: t.cache }),
      publicUrl: t.config.publicUrl,
    });
    await expect(stripeless.openPaymentPortal(actorOf(owner), studioIds.carded!)).rejects.toMatchObject({
      status: 409,
      code: 'conflict',
      fields: [{ field: 'collection' }],
      message: expect.stringMatching(/not set up on this deployment/),
    });
    expect(stand.portalSessions.size).toBe(3);
  });

  it('takes no return address from the client', async () => {
    const res = await requestAs(t, owner)('POST', '/api/v1/studios/carded/billing/portal', {
      returnUrl: 'https://evil.example/phish',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toMatch(/returnUrl/);
    expect(stand.portalSessions.size).toBe(3);
  });

  it('asks Stripe for the configuration again after a failed attempt, rather than keeping the failure', async () => {
    const [ours] = [...stand.portalConfigurations.keys()];
    const fresh = createBillingService({
      database: t.database,
      cache: t.cache,
      studios: createStudiosService({ database: t.database, cache: t.cache }),
      stripe: createStripeClient({ secretKey: 'sk_test_billing_portal', apiUrl: stand.url }),
      publicUrl: t.config.publicUrl,
    });
    stand.outage('/v1/billing_portal/configurations');
    await expect(fresh.openPaymentPortal(actorOf(owner), studioIds.carded!)).rejects.toMatchObject({
      code: 'service_unavailable',
    });
    stand.outage();
    const { url } = await fresh.openPaymentPortal(actorOf(owner), studioIds.carded!);
    const session = stand.portalSessions.get(/\/p\/session\/(bps_[0-9a-f]+)$/.exec(url)![1]!);
    expect(session!.configuration).toBe(ours);
    expect(stand.portalConfigurations.size).toBe(2);
  }, 30_000);

  it("answers 503 through billing's Stripe wrapper when Stripe cannot be reached", async () => {
    await stand.close();
    standOpen = false;
    const res = await requestAs(t, owner)('POST', '/api/v1/studios/carded/billing/portal');
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.json()).toMatchObject({
      code: 'service_unavailable',
      detail: 'Billing is unavailable right now; try again shortly',
    });
  }, 30_000);
});
