import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as identityTesting from '../modules/identity/testing.js';
import { createStudiosService } from '../modules/index.js';
import { buildTestApp, type TestApp } from '../testing.js';
import { demoBillingHistory, seedBilling } from './billing.js';
import { DEMO_STUDIOS } from './studios.js';

const { signUpVerified } = identityTesting;

describe('demo billing: the paying studios look like paying studios', () => {
  let t: TestApp;
  let studios: ReturnType<typeof createStudiosService>;
  const now = new Date('2026-05-17T10:00:00Z');
  const owners: Record<string, Awaited<ReturnType<typeof signUpVerified>>> = {};

  const asOwner = (slug: string, path: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/studios/${slug}${path}`,
      headers: { cookie: owners[slug]!.jar.header() },
    });

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error' } });
    studios = createStudiosService({ database: t.database, cache: t.cache });
    // The studios and an owner each, without the catalogs (the whole demo takes minutes).
    for (const { studio } of DEMO_STUDIOS) {
      const created = await studios.create(studio);
      owners[studio.slug] = await signUpVerified(t, `owner@${studio.slug}.test`);
      await studios.seedMember(created.id, {
        userId: owners[studio.slug]!.userId,
        name: 'Owner',
        email: `owner@${studio.slug}.test`,
        role: 'owner',
      });
    }
  }, 120_000);
  afterAll(async () => t.close());

  it('puts them on their paid plan, billed by hand, with paid months and this month open', async () => {
    // Looked up before seeding, so a stale cached plan would show if the cache were not dropped.
    expect((await studios.getBySlug('volt-supply')).plan).toBe('starter');
    expect(await seedBilling({ database: t.database, cache: t.cache, studios, now })).toEqual({ billed: 4 });

    // (The supplier's owner needs two-factor for the admin API; its plan is read here.)
    expect((await studios.getBySlug('volt-supply')).plan).toBe('studio');
    const tysun = await asOwner('tysun-mike-productions', '/billing');
    expect(tysun.statusCode, tysun.body).toBe(200);
    expect(tysun.json()).toMatchObject({
      plan: 'professional',
      collection: 'manual',
      status: 'active',
      priceMinor: 2_900,
      currency: 'USD',
      currentPeriodEnd: '2026-06-01T00:00:00.000Z',
      graceEndsAt: null,
    });

    const invoices = (await asOwner('tysun-mike-productions', '/billing/invoices?limit=100')).json()
      .items as {
      number: string;
      status: string;
      amountMinor: number;
      periodStart: string;
      paidAt: string | null;
      createdAt: string;
    }[];
    // Three paid months and May open, newest first, numbered in the order they were raised.
    expect(invoices.map((i) => [i.number, i.status, i.periodStart.slice(0, 7)])).toEqual([
      ['ATL-0004', 'open', '2026-05'],
      ['ATL-0003', 'paid', '2026-04'],
      ['ATL-0002', 'paid', '2026-03'],
      ['ATL-0001', 'paid', '2026-02'],
    ]);
    expect(invoices.every((i) => i.amountMinor === 2_900)).toBe(true);
    expect(invoices[1]).toMatchObject({
      paidAt: '2026-04-03T00:00:00.000Z',
      createdAt: '2026-04-01T00:00:00.000Z',
    });
    expect(invoices[0]!.paidAt).toBeNull();

    // The Thai shop sells in baht but pays Atelier in dollars.
    const qr = (await asOwner('qr-studios', '/billing')).json();
    expect(qr).toMatchObject({
      plan: 'professional',
      collection: 'manual',
      priceMinor: 2_900,
      currency: 'USD',
    });
    // The studio the team journey upgrades stays free.
    const em = (await asOwner('electric-muse', '/billing')).json();
    expect(em).toMatchObject({ plan: 'starter', collection: 'free', priceMinor: 0 });
    expect((await asOwner('electric-muse', '/billing/invoices')).json().items).toEqual([]);
  });

  it('is idempotent, and leaves a studio alone once it has billing (an owner changed plan since)', async () => {
    // The owner moves QR Studios down to starter (no Stripe here: recorded by hand, at once).
    const down = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/studios/qr-studios/billing/plan',
      headers: { origin: t.config.publicUrl, cookie: owners['qr-studios']!.jar.header() },
      payload: { plan: 'starter' },
    });
    expect(down.statusCode, down.body).toBe(200);
    const later = new Date('2026-09-02T00:00:00Z');
    expect(await seedBilling({ database: t.database, cache: t.cache, studios, now: later })).toEqual({
      billed: 0,
    });
    expect((await asOwner('qr-studios', '/billing')).json().plan).toBe('starter');
    expect(
      (await asOwner('tysun-mike-productions', '/billing/invoices?limit=100')).json().items,
    ).toHaveLength(4);
  });

  it('spans year ends in whole UTC months', () => {
    const history = demoBillingHistory('professional', 2, new Date('2026-01-31T23:59:59Z'));
    expect(
      history.invoices.map((i) => [i.periodStart.toISOString(), i.periodEnd.toISOString(), i.status]),
    ).toEqual([
      ['2025-11-01T00:00:00.000Z', '2025-12-01T00:00:00.000Z', 'paid'],
      ['2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'paid'],
      ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 'open'],
    ]);
    expect(history.currentPeriodEnd.toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });
});
