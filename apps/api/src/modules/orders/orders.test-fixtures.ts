import { expect } from 'vitest';
import type { TestApp } from '../../testing.js';
import type * as identityTesting from '../identity/testing.js';

type Jar = InstanceType<typeof identityTesting.Jar>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A caller for route tests: a cookie jar (signed-in person or guest browser) and optional headers. */
export function caller(t: TestApp, jar?: Jar) {
  return (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url,
      headers: { origin: t.config.publicUrl, ...(jar ? { cookie: jar.header() } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
}

export const fieldsOf = (res: { json: () => { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);

export interface ShopItem {
  itemId: string;
  variantId: string;
}

export interface ShopItemInput {
  key: string;
  kind: 'product' | 'digital' | 'service';
  priceMinor: number;
  stock?: number;
  minOrderQuantity?: number;
  weightGrams?: number;
  categoryId?: string;
}

/** One published item with a single variant, made through the catalog's admin API. */
export async function addShopItem(
  t: TestApp,
  owner: Jar,
  studioSlug: string,
  item: ShopItemInput,
): Promise<ShopItem> {
  const res = await caller(t, owner)('POST', `/api/v1/studios/${studioSlug}/admin/catalog/items`, {
    kind: item.kind,
    name: `Item ${item.key}`,
    slug: item.key,
    status: 'published',
    ...(item.categoryId ? { categoryId: item.categoryId } : {}),
    ...(item.kind === 'product' ? { details: { unit: 'pcs', specs: [] } } : {}),
    variants: [
      {
        sku: `${studioSlug}-${item.key}`,
        priceMinor: item.priceMinor,
        ...(item.stock === undefined ? { trackStock: false } : { trackStock: true, stock: item.stock }),
        ...(item.minOrderQuantity ? { minOrderQuantity: item.minOrderQuantity } : {}),
        ...(item.weightGrams !== undefined ? { weightGrams: item.weightGrams } : {}),
      },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json();
  return { itemId: body.id, variantId: body.variants[0].id };
}

/**
 * A studio with a published catalog made through the catalog's own admin API (orders never writes
 * catalog tables), plus commerce rules.
 */
export async function openShop(
  t: TestApp,
  owner: Jar,
  studio: { slug: string; currency: string; timezone: string; locale: string },
  items: ShopItemInput[],
): Promise<{ studioId: string; items: Record<string, ShopItem> }> {
  const created = await caller(t, owner)('POST', '/api/v1/studios', { ...studio, name: studio.slug });
  expect(created.statusCode, created.body).toBe(201);
  const result: Record<string, ShopItem> = {};
  for (const item of items) result[item.key] = await addShopItem(t, owner, studio.slug, item);
  return { studioId: created.json().id, items: result };
}
