import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openStudio, type Requester, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { SANDBOX_CARDS } from '../payments/index.js';
import { catalogVariants } from './catalog.tables.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const SHOP = '/api/v1/studios/retire-lab';
const ADMIN = `${SHOP}/admin/catalog`;

interface Variant {
  id: string;
  sku: string | null;
  title: string;
  active: boolean;
  position: number;
}

/**
 * Saving an item's variants without one of them retires it (active = false) instead of deleting it:
 * orders and carts that point at it keep working, and it is no longer sold, listed or priced.
 */
describe('catalog variants: retiring instead of deleting', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let itemId: string;
  let personal: Variant;
  let commercial: Variant;
  let orderId: string;
  const cartJar = new Jar();

  let asOwner: Requester;
  const fieldsOf = (res: { json: () => { errors?: { field: string }[] } }) =>
    (res.json().errors ?? []).map((error) => error.field);
  const checkout = (idempotencyKey: string, variantId: string) =>
    requestAs(t, null)(
      'POST',
      `${SHOP}/checkout`,
      {
        email: 'buyer@example.com',
        name: 'Buyer',
        paymentProvider: 'sandbox',
        sandboxCard: SANDBOX_CARDS.succeeds,
        lines: [{ variantId, quantity: 1 }],
      },
      { 'idempotency-key': idempotencyKey },
    );
  const storefrontItem = async () =>
    (await requestAs(t, null)('GET', `${SHOP}/catalog/items/font-pack`)).json();
  const listedPrice = async () => {
    const list = (await requestAs(t, null)('GET', `${SHOP}/catalog/items`)).json();
    return list.items.find((item: { slug: string }) => item.slug === 'font-pack')?.price.amountMinor;
  };

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error' } });
    owner = await signUpVerified(t, 'retire-owner@example.com');
    asOwner = requestAs(t, owner);
    await openStudio(t, owner, {
      slug: 'retire-lab',
      name: 'Retire lab',
      currency: 'THB',
      timezone: 'Asia/Bangkok',
      locale: 'th',
    });
    const created = await asOwner('POST', `${ADMIN}/items`, {
      kind: 'digital',
      name: 'Font pack',
      slug: 'font-pack',
      status: 'published',
      options: [{ name: 'Licence', values: ['Personal', 'Commercial'] }],
      variants: [
        { sku: 'FP-PER', optionValues: { Licence: 'Personal' }, priceMinor: 1_000, trackStock: false },
        // The cheaper one: the "from" price shows whether it still counts.
        { sku: 'FP-COM', optionValues: { Licence: 'Commercial' }, priceMinor: 500, trackStock: false },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    itemId = created.json().id;
    [personal, commercial] = created.json().variants as [Variant, Variant];

    // Someone bought the Commercial licence, and someone else has it in their cart.
    const placed = await checkout('retire-order-1', commercial.id);
    expect(placed.statusCode, placed.body).toBe(201);
    orderId = placed.json().order.id;
    const added = await requestAs(t, null)('POST', `${SHOP}/cart/lines`, {
      variantId: commercial.id,
      quantity: 1,
    });
    expect(added.statusCode, added.body).toBe(200);
    cartJar.take(added.headers['set-cookie']);
  });
  afterAll(async () => t.close());

  it('retires a variant left out of the save: the order keeps its line, the variant is not sold or priced', async () => {
    expect(await listedPrice()).toBe(500);
    const saved = await asOwner('PUT', `${ADMIN}/items/${itemId}/variants`, {
      options: [{ name: 'Licence', values: ['Personal'] }],
      variants: [
        { id: personal.id, sku: 'FP-PER', optionValues: { Licence: 'Personal' }, priceMinor: 1_000 },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().priceFromMinor).toBe(1_000);
    const summary = (v: Variant) => ({ id: v.id, sku: v.sku, active: v.active, position: v.position });
    expect(saved.json().variants.map(summary)).toEqual([
      { id: personal.id, sku: 'FP-PER', active: true, position: 0 },
      { id: commercial.id, sku: 'FP-COM', active: false, position: 1 },
    ]);
    const [row] = await t.database.db
      .select()
      .from(catalogVariants)
      .where(eq(catalogVariants.id, commercial.id));
    expect(row).toMatchObject({ active: false, sku: 'FP-COM', priceMinor: 500 });

    // The order is still readable with its line.
    const order = await asOwner('GET', `${SHOP}/admin/orders/${orderId}`);
    expect(order.statusCode, order.body).toBe(200);
    expect(order.json().lines).toEqual([
      expect.objectContaining({ variantId: commercial.id, sku: 'FP-COM', quantity: 1 }),
    ]);

    // Not purchasable: adding it to a cart or checking it out names the field.
    const add = await requestAs(t, null)('POST', `${SHOP}/cart/lines`, {
      variantId: commercial.id,
      quantity: 1,
    });
    expect(add.statusCode, add.body).toBe(409);
    expect(fieldsOf(add)).toEqual(['variantId']);
    const refused = await checkout('retire-order-2', commercial.id);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(fieldsOf(refused)).toEqual(['lines[0].variantId']);

    // Not listed: the storefront shows the remaining variant and prices the item from it.
    const detail = await storefrontItem();
    expect(detail.variants.map((v: { id: string }) => v.id)).toEqual([personal.id]);
    expect(detail.item.price.amountMinor).toBe(1_000);
    expect(await listedPrice()).toBe(1_000);
    const admin = (await asOwner('GET', `${ADMIN}/items?q=font`)).json().items[0];
    expect(admin).toMatchObject({ variantCount: 1, skus: ['FP-PER'], priceFromMinor: 1_000 });
  });

  it('keeps a cart line of a retired variant readable, as unavailable', async () => {
    const cart = await requestAs(t, cartJar)('GET', `${SHOP}/cart`);
    expect(cart.statusCode, cart.body).toBe(200);
    const lines = cart.json().lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ variantId: commercial.id, purchasable: false });
    expect(lines[0].notices.map((n: { code: string }) => n.code)).toContain('unavailable');
  });

  it('refuses to hand a retired variant’s SKU to another variant, naming the field', async () => {
    const res = await asOwner('PUT', `${ADMIN}/items/${itemId}/variants`, {
      options: [{ name: 'Licence', values: ['Personal'] }],
      variants: [
        { id: personal.id, sku: 'FP-COM', optionValues: { Licence: 'Personal' }, priceMinor: 1_000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(fieldsOf(res)).toEqual(['variants[0].sku']);
  });

  it('brings a retired variant back when its SKU is sent again, with the same id', async () => {
    const res = await asOwner('PUT', `${ADMIN}/items/${itemId}/variants`, {
      options: [{ name: 'Licence', values: ['Personal', 'Commercial'] }],
      variants: [
        { id: personal.id, sku: 'FP-PER', optionValues: { Licence: 'Personal' }, priceMinor: 1_000 },
        { sku: 'FP-COM', optionValues: { Licence: 'Commercial' }, priceMinor: 600 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().variants.map((v: Variant) => [v.id, v.active])).toEqual([
      [personal.id, true],
      [commercial.id, true],
    ]);
    expect(res.json().priceFromMinor).toBe(600);
    const add = await requestAs(t, null)('POST', `${SHOP}/cart/lines`, {
      variantId: commercial.id,
      quantity: 1,
    });
    expect(add.statusCode, add.body).toBe(200);
    expect(await listedPrice()).toBe(600);
  });

  it('proposes the active variant, not a retired twin, when the matrix is generated again', async () => {
    // Retire Commercial, then create a new Commercial variant without a SKU: two variants, one combination.
    await asOwner('PUT', `${ADMIN}/items/${itemId}/variants`, {
      options: [{ name: 'Licence', values: ['Personal'] }],
      variants: [
        { id: personal.id, sku: 'FP-PER', optionValues: { Licence: 'Personal' }, priceMinor: 1_000 },
      ],
    });
    const twin = await asOwner('PUT', `${ADMIN}/items/${itemId}/variants`, {
      options: [{ name: 'Licence', values: ['Personal', 'Commercial'] }],
      variants: [
        { id: personal.id, sku: 'FP-PER', optionValues: { Licence: 'Personal' }, priceMinor: 1_000 },
        { sku: 'FP-COM-2', optionValues: { Licence: 'Commercial' }, priceMinor: 700 },
      ],
    });
    expect(twin.statusCode, twin.body).toBe(200);
    const fresh = twin.json().variants.find((v: Variant) => v.sku === 'FP-COM-2');
    const matrix = await asOwner('POST', `${ADMIN}/items/${itemId}/variants/generate`, {
      options: [{ name: 'Licence', values: [{ value: 'Personal' }, { value: 'Commercial' }] }],
      basePriceMinor: 1_000,
    });
    expect(matrix.statusCode, matrix.body).toBe(200);
    expect(matrix.json().variants.map((v: { id?: string }) => v.id)).toEqual([personal.id, fresh.id]);
  });
});
