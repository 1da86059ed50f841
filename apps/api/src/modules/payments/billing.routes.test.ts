import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { assertWithinPlan, createStudiosService } from '../studios/index.js';
import { type StripeStandIn, startStripeStandIn } from './testing/stripe-stand-in.js';

const { makePlatformAdmin, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof identityTesting.Jar>;

describe('studio plan billing', () => {
  let t: TestApp;
  let stripe: StripeStandIn;
  let owner: { jar: Jar; userId: string; email: string };
  let decliner: { jar: Jar; userId: string; email: string };
  let admin: { jar: Jar; userId: string; email: string };
  let studioId: string;

  beforeAll(async () => {
    stripe = await startStripeStandIn({ cardOnFile: true });
    t = await buildTestApp({
      config: {
        stripe: {
          secretKey: 'sk_test_billing',
          publishableKey: 'pk_test_billing',
          webhookSecret: undefined,
          apiUrl: stripe.url,
        },
      },
    });
    owner = await signUpVerified(t, 'billing.owner@example.com', 'Billing Owner');
    decliner = await signUpVerified(t, 'decline.owner@example.com', 'Declined Owner');
    admin = await signUpVerified(t, 'billing.admin@example.com', 'Platform Admin');
    await makePlatformAdmin(t, admin.userId);
    studioId = (await openStudio(t, owner, { slug: 'billed', currency: 'THB', timezone: 'Asia/Bangkok' })).id;
    await openStudio(t, decliner, { slug: 'declined', currency: 'THB', timezone: 'Asia/Bangkok' });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  it('starts free on starter and moves up and down through one Stripe subscription', async () => {
    const start = await requestAs(t, owner)('GET', '/api/v1/studios/billed/billing');
    expect(start.json()).toMatchObject({
      plan: 'starter',
      collection: 'free',
      usage: { teamSeats: 1, catalogItems: 0 },
    });

    const pro = await requestAs(t, owner)('PUT', '/api/v1/studios/billed/billing/plan', {
      plan: 'professional',
    });
    expect(pro.statusCode).toBe(200);
    expect(pro.json()).toMatchObject({
      plan: 'professional',
      collection: 'stripe',
      status: 'active',
      priceMinor: 2_900,
      currency: 'USD',
    });
    expect(pro.json().limits.catalogItems).toBe(1_000);
    expect(stripe.subscriptions.size).toBe(1);

    const studio = await requestAs(t, owner)('PUT', '/api/v1/studios/billed/billing/plan', {
      plan: 'studio',
    });
    expect(studio.json()).toMatchObject({ plan: 'studio', priceMinor: 7_900 });
    expect(stripe.subscriptions.size).toBe(1);
    const [subscription] = [...stripe.subscriptions.values()];
    expect(
      (subscription!.items as { data: { price: { id: string } }[] }).data.map((i) => i.price.id),
    ).toEqual(['price_atelier_studio_monthly']);
    // The studio itself reports the new plan (the studios module's cache was dropped).
    expect((await requestAs(t, owner)('GET', '/api/v1/studios/billed')).json().plan).toBe('studio');

    const enterprise = await requestAs(t, owner)('PUT', '/api/v1/studios/billed/billing/plan', {
      plan: 'enterprise',
    });
    expect(enterprise.statusCode).toBe(422);
    expect(enterprise.json().errors[0].field).toBe('plan');

    const down = await requestAs(t, owner)('PUT', '/api/v1/studios/billed/billing/plan', { plan: 'starter' });
    expect(down.json()).toMatchObject({ plan: 'starter', status: 'cancelled', priceMinor: 0 });
    expect(subscription!.status).toBe('canceled');
  });

  it('refuses a downgrade the team does not fit, and a declined card, leaving the plan as it was', async () => {
    await requestAs(t, owner)('PUT', '/api/v1/studios/billed/billing/plan', { plan: 'professional' });
    const studios = createStudiosService({ database: t.database, cache: t.cache });
    for (const n of [1, 2])
      await studios.seedMember(studioId, {
        userId: uuidv7(),
        role: 'staff',
        name: `Staff ${n}`,
        email: `staff${n}@example.com`,
      });
    const tooSmall = await requestAs(t, owner)('PUT', '/api/v1/studios/billed/billing/plan', {
      plan: 'starter',
    });
    expect(tooSmall.statusCode).toBe(422);
    expect(tooSmall.json().errors[0].field).toBe('teamSeats');
    expect((await requestAs(t, owner)('GET', '/api/v1/studios/billed/billing')).json().plan).toBe(
      'professional',
    );

    const declined = await requestAs(t, decliner)('PUT', '/api/v1/studios/declined/billing/plan', {
      plan: 'professional',
    });
    expect(declined.statusCode).toBe(422);
    expect(declined.json().errors[0].field).toBe('paymentMethod');
    expect((await requestAs(t, decliner)('GET', '/api/v1/studios/declined/billing')).json().plan).toBe(
      'starter',
    );
  });

  it('lets only owners see or change billing, and only platform admins set manual enterprise billing', async () => {
    expect((await requestAs(t, decliner)('GET', '/api/v1/studios/billed/billing')).statusCode).toBe(404);
    expect(
      (await requestAs(t, null)('PUT', '/api/v1/studios/billed/billing/plan', { plan: 'studio' })).statusCode,
    ).toBe(401);
    expect(
      (
        await requestAs(t, owner)('PUT', '/api/v1/platform/studios/billed/billing', {
          plan: 'enterprise',
          priceMinor: 50_000,
        })
      ).statusCode,
    ).toBe(403);

    const manual = await requestAs(t, admin)('PUT', '/api/v1/platform/studios/billed/billing', {
      plan: 'enterprise',
      priceMinor: 50_000,
    });
    expect(manual.statusCode).toBe(200);
    expect(manual.json()).toMatchObject({
      plan: 'enterprise',
      collection: 'manual',
      priceMinor: 50_000,
      status: 'active',
    });
    expect([...stripe.subscriptions.values()].every((s) => s.status === 'canceled')).toBe(true);
    expect((await requestAs(t, owner)('GET', '/api/v1/studios/billed')).json().plan).toBe('enterprise');
    // An enterprise studio does not leave through self-serve.
    expect(
      (await requestAs(t, owner)('PUT', '/api/v1/studios/billed/billing/plan', { plan: 'studio' }))
        .statusCode,
    ).toBe(422);
  });

  it('gives other modules one check for plan limits', async () => {
    const declinedStudio = (await requestAs(t, decliner)('GET', '/api/v1/studios/declined')).json()
      .id as string;
    await expect(
      assertWithinPlan(t.database.db, declinedStudio, 'catalogItems', 99),
    ).resolves.toBeUndefined();
    await expect(assertWithinPlan(t.database.db, declinedStudio, 'catalogItems', 100)).rejects.toMatchObject({
      status: 422,
      fields: [{ field: 'catalogItems' }],
    });
    await expect(assertWithinPlan(t.database.db, declinedStudio, 'teamSeats', 2)).rejects.toMatchObject({
      status: 422,
      fields: [{ field: 'teamSeats' }],
    });
    await expect(assertWithinPlan(t.database.db, studioId, 'catalogItems', 5_000)).resolves.toBeUndefined();
  });
});
