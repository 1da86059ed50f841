import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { buildTestApp, openStudio, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { createCatalogCheckout } from './catalog.checkout.js';
import type { QuoteLineRequest } from './catalog.checkout.types.js';
import { catalogFlashSales } from './catalog.tables.js';
import { type Seeded, seedCatalog } from './catalog.test-fixtures.js';

const { signUpVerified } = identityTesting;

describe('catalog: checkout pricing and stock', () => {
  let t: TestApp;
  let shopId: string;
  let otherId: string;
  let seeded: Seeded;
  let foreignVariant: string;
  const checkout = createCatalogCheckout();

  const inShop = <T>(fn: (ctx: { studioId: string; actor: typeof ANONYMOUS; tx: never }) => Promise<T>) =>
    t.database.withStudio(shopId, (tx) => fn({ studioId: shopId, actor: ANONYMOUS, tx: tx as never }));
  const variant = (slug: string, index = 0) => seeded.items.get(slug)?.variantIds[index] as string;
  const stockOf = async (variantId: string) => {
    const { rows } = (await t.database.db.execute(
      sql`select stock from catalog_variants where id = ${variantId}`,
    )) as unknown as { rows: { stock: number }[] };
    return rows[0]?.stock;
  };
  const rejection = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const owner = await signUpVerified(t, 'checkout-owner@example.com');
    const open = async (slug: string) => (await openStudio(t, owner, { slug })).id;
    shopId = await open('till-shop');
    otherId = await open('till-other');
    seeded = await seedCatalog(t.database, shopId, {
      items: [
        {
          slug: 'print',
          name: 'Art print',
          image: 'catalog/print.png',
          variants: [
            { sku: 'PRINT-A4', title: 'A4', priceMinor: 2_000, stock: 5 },
            { sku: 'PRINT-A3', title: 'A3', priceMinor: 3_333, stock: 2 },
          ],
        },
        { slug: 'mixing', name: 'Mixing', kind: 'service', variants: [{ title: 'Pro', priceMinor: 20_000 }] },
        { slug: 'draft', name: 'Draft', status: 'draft', variants: [{ priceMinor: 100, stock: 3 }] },
      ],
    });
    const other = await seedCatalog(t.database, otherId, { items: [{ slug: 'theirs', name: 'Theirs' }] });
    foreignVariant = other.items.get('theirs')?.variantIds[0] as string;
  });
  afterAll(async () => t.close());

  it('quotes server-side prices, with the flash-sale price only while the sale runs', async () => {
    const start = new Date(Date.now() + 60_000);
    const end = new Date(Date.now() + 120_000);
    await t.database.withStudio(shopId, (tx) =>
      tx.insert(catalogFlashSales).values({
        studioId: shopId,
        itemId: seeded.items.get('print')?.id as string,
        percentOff: 25,
        startsAt: start,
        endsAt: end,
      }),
    );
    const lines: QuoteLineRequest[] = [
      { variantId: variant('print', 1), quantity: 1 },
      { variantId: variant('mixing'), quantity: 1 },
      { variantId: variant('draft'), quantity: 1 },
    ];
    const now = await inShop((ctx) => checkout.quote(ctx, lines));
    expect(now[0]).toMatchObject({
      unitPriceMinor: 3_333,
      listPriceMinor: 3_333,
      flashSale: null,
      stockAvailable: 2,
      requiresShipping: true,
      purchasable: true,
      variantTitle: 'A3',
      sku: 'PRINT-A3',
      currency: 'USD',
    });
    expect(now[1]).toMatchObject({ kind: 'service', stockAvailable: null, requiresShipping: false });
    expect(now[2]).toMatchObject({ purchasable: false });

    const during = await inShop((ctx) => checkout.quote(ctx, lines, new Date(start.getTime() + 1)));
    // 25 % off 3333 = 2499.75 -> 2500 (nearest minor unit); only the sale's item is cut.
    expect(during[0]).toMatchObject({ unitPriceMinor: 2_500, listPriceMinor: 3_333 });
    expect(during[0]?.flashSale?.endsAt).toBe(end.toISOString());
    expect(during[1]?.unitPriceMinor).toBe(20_000);
    // At the end instant the sale is over (endsAt is exclusive).
    const after = await inShop((ctx) => checkout.quote(ctx, lines, end));
    expect(after[0]).toMatchObject({ unitPriceMinor: 3_333, flashSale: null });
  });

  it('refuses unknown and other-studio variants naming the line', async () => {
    const foreign = await rejection(
      inShop((ctx) =>
        checkout.quote(ctx, [
          { variantId: variant('mixing'), quantity: 1 },
          { variantId: foreignVariant, quantity: 1 },
        ]),
      ),
    );
    expect(foreign.status).toBe(404);
    expect(foreign.fields?.[0]?.field).toBe('lines[1].variantId');
    const reserve = await rejection(
      inShop((ctx) => checkout.reserveStock(ctx, [{ variantId: foreignVariant, quantity: 1 }])),
    );
    expect(reserve.status).toBe(404);
    expect(await stockOf(foreignVariant)).toBe(0);
    const zero = await rejection(
      inShop((ctx) => checkout.quote(ctx, [{ variantId: variant('mixing'), quantity: 0 }])),
    );
    expect(zero.fields?.[0]?.field).toBe('lines[0].quantity');
  });

  it('reserves all lines or none, gives stock back, and never touches untracked stock', async () => {
    const a3 = variant('print', 1);
    const a4 = variant('print', 0);
    const short = await rejection(
      inShop((ctx) =>
        checkout.reserveStock(ctx, [
          { variantId: a4, quantity: 1 },
          { variantId: a3, quantity: 3 },
        ]),
      ),
    );
    expect(short.status).toBe(409);
    expect(short.fields?.[0]?.field).toBe('lines[1].quantity');
    // The transaction rolled back: the A4 line took nothing either.
    expect(await stockOf(a4)).toBe(5);
    expect(await stockOf(a3)).toBe(2);

    await inShop((ctx) =>
      checkout.reserveStock(ctx, [
        { variantId: a3, quantity: 2 },
        { variantId: variant('mixing'), quantity: 9 },
      ]),
    );
    expect(await stockOf(a3)).toBe(0);
    await inShop((ctx) =>
      checkout.releaseStock(ctx, [
        { variantId: a3, quantity: 2 },
        { variantId: variant('mixing'), quantity: 9 },
      ]),
    );
    expect(await stockOf(a3)).toBe(2);
    expect(await stockOf(variant('mixing'))).toBe(0);

    // Untracked stock is never written (a write would lock the row: concurrent checkouts of the same
    // print-on-demand product would queue behind each other): the row version stays the same.
    const version = async () => {
      const { rows: found } = (await t.database.db.execute(
        sql`select xmin::text as xmin from catalog_variants where id = ${variant('mixing')}`,
      )) as unknown as { rows: { xmin: string }[] };
      return found[0]?.xmin;
    };
    const before = await version();
    await inShop((ctx) => checkout.reserveStock(ctx, [{ variantId: variant('mixing'), quantity: 4 }]));
    expect(await version()).toBe(before);

    await inShop((ctx) =>
      checkout.recordSales(ctx, [
        { variantId: a3, quantity: 2 },
        { variantId: a4, quantity: 1 },
      ]),
    );
    const { rows } = (await t.database.db.execute(
      sql`select popularity from catalog_items where slug = 'print'`,
    )) as unknown as { rows: { popularity: number }[] };
    expect(rows[0]?.popularity).toBe(3);
  });

  it('sells exactly the stock when many checkouts race for it', async () => {
    const a4 = variant('print', 0);
    expect(await stockOf(a4)).toBe(5);
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        inShop((ctx) => checkout.reserveStock(ctx, [{ variantId: a4, quantity: 1 }])),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(5);
    const refused = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [attempt.reason] : []));
    expect(refused).toHaveLength(15);
    expect(refused.every((reason) => reason instanceof AppError && reason.status === 409)).toBe(true);
    expect(await stockOf(a4)).toBe(0);
  });
});
