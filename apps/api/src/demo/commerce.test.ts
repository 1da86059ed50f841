import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogCheckout, createOrdersService, createStudiosService } from '../modules/index.js';
import { createPlansService, createWalletService, paymentsFromConfig } from '../modules/payments/index.js';
import type { Actor } from '../platform/context.js';
import { buildTestApp, type TestApp } from '../testing.js';
import { seedCommerce } from './commerce.js';
import { DEMO_STUDIOS } from './studios.js';

const system: Actor = { kind: 'system', reason: 'test' };

describe('demo commerce', () => {
  let t: TestApp;
  let studios: ReturnType<typeof createStudiosService>;
  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error' } });
    studios = createStudiosService({ database: t.database, cache: t.cache });
    for (const demo of DEMO_STUDIOS) await studios.create(demo.studio);
  }, 180_000);
  afterAll(async () => t.close());

  it('gives the selling studios their rules, payment settings and promo codes, once', async () => {
    const deps = { config: t.config, database: t.database, studios, storage: t.storage };
    expect((await seedCommerce(deps)).changed).toBeGreaterThan(0);

    const payments = paymentsFromConfig(t.config, { database: t.database, storage: t.storage });
    const orders = createOrdersService({
      database: t.database,
      studios,
      catalog: createCatalogCheckout({ storage: t.storage }),
      payments,
      plans: createPlansService({ database: t.database, payments }),
      appSecret: t.config.appSecret,
    });
    const wallet = createWalletService({ database: t.database, studios, payments });
    const qr = await studios.getBySlug('qr-studios');
    const em = await studios.getBySlug('electric-muse');
    const vs = await studios.getBySlug('volt-supply');

    expect(await orders.settings(system, qr.id)).toMatchObject({
      orderNumberPrefix: 'QR',
      pricesIncludeTax: true,
      defaultTaxRateBps: 700,
    });
    const emSettings = await orders.settings(system, em.id);
    expect(emSettings).toMatchObject({ orderNumberPrefix: 'EM', pricesIncludeTax: false });
    expect(emSettings.shippingMethods.map((m) => m.kind)).toEqual(['free_over', 'pickup']);
    expect((await orders.settings(system, vs.id)).shippingMethods.map((m) => m.kind)).toEqual([
      'weight',
      'pickup',
    ]);
    for (const [slug, prefix] of [
      ['tysun-mike-productions', 'TM'],
      ['focusflow-demo', 'FF'],
    ] as const)
      expect((await orders.settings(system, (await studios.getBySlug(slug)).id)).orderNumberPrefix).toBe(
        prefix,
      );

    const ctx = (studioId: string) => (tx: Parameters<Parameters<typeof t.database.withStudio>[1]>[0]) =>
      payments.getSettings({ studioId, actor: system, tx });
    expect((await t.database.withStudio(qr.id, ctx(qr.id))).promptPayId).toBe('0812345678');
    expect((await t.database.withStudio(vs.id, ctx(vs.id))).bankTransferInstructions).toContain('reference');
    expect((await wallet.getSettings(system, qr.id)).bonusTiers).toEqual([
      { minTopupMinor: 100_000, bonusMinor: 10_000 },
    ]);
    const codes = async (studioId: string) =>
      (await orders.listPromos(system, studioId, {})).items.map((p) => p.code);
    expect(await codes(qr.id)).toContain('WELCOME10');
    expect(await codes(em.id)).toContain('ROCK15');

    // An owner's later edit survives the next start.
    await orders.updateSettings(system, em.id, { orderNumberPrefix: 'MUSE' });
    expect((await seedCommerce(deps)).changed).toBe(0);
    expect((await orders.settings(system, em.id)).orderNumberPrefix).toBe('MUSE');
  }, 120_000);
});
