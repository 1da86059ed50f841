import type { Config } from '../config.js';
import { createCatalogCheckout, createOrdersService, type StudiosService } from '../modules/index.js';
import { createPlansService, createWalletService, paymentsFromConfig } from '../modules/payments/index.js';
import type { Actor } from '../platform/context.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/http/errors.js';
import { createStorage, type Storage } from '../platform/storage/index.js';

type CommercePatch = Parameters<ReturnType<typeof createOrdersService>['updateSettings']>[2];
type NewPromo = Parameters<ReturnType<typeof createOrdersService>['createPromo']>[2];
type PaymentChanges = Parameters<ReturnType<typeof paymentsFromConfig>['updateSettings']>[1];
type WalletSettings = Parameters<ReturnType<typeof createWalletService>['updateSettings']>[2];

interface DemoCommerce {
  commerce: CommercePatch;
  payments?: PaymentChanges;
  wallet?: WalletSettings;
  promos?: NewPromo[];
}

/**
 * How each selling studio takes money in the demo (all amounts in the studio's minor units). The
 * sandbox card provider is on wherever the deployment allows it (PAYMENTS_SANDBOX): it is in every
 * studio's default enabled providers, so nothing here has to switch it on.
 */
const DEMO_COMMERCE: Record<string, DemoCommerce> = {
  'qr-studios': {
    // Thailand: 7% VAT included in the shown prices. Digital goods only, so no shipping methods.
    commerce: { orderNumberPrefix: 'QR', pricesIncludeTax: true, defaultTaxRateBps: 700, taxRates: [] },
    payments: { promptPayId: '0812345678' },
    wallet: {
      topupsEnabled: true,
      minTopupMinor: 10_000,
      maxTopupMinor: 5_000_000,
      // Top up 1,000 THB, get 100 THB on top.
      bonusTiers: [{ minTopupMinor: 100_000, bonusMinor: 10_000 }],
    },
    promos: [
      {
        code: 'WELCOME10',
        description: '10% off your first scripts (up to 500 THB)',
        kind: 'percentage',
        percentOff: 10,
        maxDiscountMinor: 50_000,
      },
    ],
  },
  'electric-muse': {
    // Los Angeles: California sales tax added on top of the prices (shipping not taxed there).
    commerce: {
      orderNumberPrefix: 'EM',
      pricesIncludeTax: false,
      defaultTaxRateBps: 0,
      taxRates: [{ country: 'US', rateBps: 725 }],
      taxShipping: false,
      // One way to ship that turns free from $150 (checkout says how much more is needed), not a
      // second method beside it that cost the same below the line and was not picked above it.
      shippingMethods: [
        {
          id: 'standard',
          name: 'Standard shipping',
          kind: 'free_over',
          priceMinor: 899,
          freeOverMinor: 15_000,
        },
        { id: 'pickup', name: 'Pick up at the studio', kind: 'pickup', priceMinor: 0 },
      ],
    },
    promos: [
      {
        code: 'ROCK15',
        description: '15% off prints and shoots',
        kind: 'percentage',
        percentOff: 15,
      },
    ],
  },
  'volt-supply': {
    commerce: {
      orderNumberPrefix: 'VS',
      shippingMethods: [
        {
          id: 'ground',
          name: 'Ground freight by weight',
          kind: 'weight',
          priceMinor: 0,
          bands: [
            { upToGrams: 1_000, priceMinor: 900 },
            { upToGrams: 5_000, priceMinor: 1_900 },
            { upToGrams: 20_000, priceMinor: 4_900 },
            { upToGrams: 100_000, priceMinor: 12_900 },
          ],
        },
        { id: 'pickup', name: 'Will call (pick up at the counter)', kind: 'pickup', priceMinor: 0 },
      ],
    },
    payments: {
      bankTransferInstructions:
        'Volt Supply Co. — First Prairie Bank, routing 071000013, account 4410 2287 19. ' +
        'Quote the reference on the transfer; net 0, we ship once it clears.',
    },
  },
  'tysun-mike-productions': { commerce: { orderNumberPrefix: 'TM' } },
  'focusflow-demo': { commerce: { orderNumberPrefix: 'FF' } },
};

/** The orders service (with its payments) as the app wires it, for the seeds that write through it. */
export function demoOrdersService(deps: {
  config: Config;
  database: Database;
  studios: StudiosService;
  storage: Storage;
}) {
  const { config, database, studios, storage } = deps;
  const payments = paymentsFromConfig(config, { database, storage });
  const orders = createOrdersService({
    database,
    studios,
    catalog: createCatalogCheckout({ storage }),
    payments,
    plans: createPlansService({ database, payments }),
    appSecret: config.appSecret,
  });
  return { payments, orders };
}

/** The default prefix a studio gets before anyone saved its commerce settings. */
const UNSET_PREFIX = 'ORD';

interface CommerceSeedDeps {
  config: Config;
  database: Database;
  studios: StudiosService;
  /** Payments keep slips there (unused by the seed); the configured storage when not given. */
  storage?: Storage | undefined;
}

/**
 * Gives the selling demo studios their commerce, payment and wallet settings and promo codes through
 * the modules' own services. Idempotent and polite: a part is written only while it still has its
 * defaults, so an owner's later edits survive restarts; promo codes that exist are left alone.
 */
export async function seedCommerce({ config, database, studios, ...deps }: CommerceSeedDeps) {
  const storage = deps.storage ?? createStorage(config);
  const actor: Actor = { kind: 'system', reason: 'demo seed' };
  const { payments, orders } = demoOrdersService({ config, database, studios, storage });
  const wallet = createWalletService({ database, studios, payments });
  let changed = 0;

  for (const [slug, demo] of Object.entries(DEMO_COMMERCE)) {
    const studio = await studios.getBySlug(slug);
    const current = await orders.settings(actor, studio.id);
    if (current.orderNumberPrefix === UNSET_PREFIX) {
      await orders.updateSettings(actor, studio.id, demo.commerce);
      changed++;
    }
    if (demo.payments) {
      const changes = demo.payments;
      await database.withStudio(studio.id, async (tx) => {
        const ctx = { studioId: studio.id, actor, tx };
        const now = await payments.getSettings(ctx);
        if (now.promptPayId === null && now.bankTransferInstructions === '') {
          await payments.updateSettings(ctx, changes);
          changed++;
        }
      });
    }
    if (demo.wallet) {
      const now = await wallet.getSettings(actor, studio.id);
      if (now.bonusTiers.length === 0) {
        await wallet.updateSettings(actor, studio.id, demo.wallet);
        changed++;
      }
    }
    for (const promo of demo.promos ?? []) {
      try {
        await orders.createPromo(actor, studio.id, promo);
        changed++;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'conflict')) throw error;
      }
    }
  }
  return { changed };
}
