import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openStudio, type Requester, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const ADMIN = '/api/v1/studios/volt-supply/admin/catalog';

interface Node {
  id: string;
  parentId: string | null;
  name: string;
  depth: number;
  path: string;
  position: number;
  itemCount: number;
  totalItemCount: number;
}

describe('catalog admin: category tree and brands', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let stranger: { jar: Jar; userId: string };

  let asOwner: Requester;
  const tree = async (): Promise<Node[]> => (await asOwner('GET', `${ADMIN}/categories`)).json().items;
  const byName = async (name: string) => (await tree()).find((node) => node.name === name) as Node;
  const category = async (name: string, parentId?: string) => {
    const res = await asOwner('POST', `${ADMIN}/categories`, { name, ...(parentId ? { parentId } : {}) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Node;
  };
  const product = async (name: string, categoryId: string | null, extra: Record<string, unknown> = {}) => {
    const res = await asOwner('POST', `${ADMIN}/items`, {
      kind: 'product',
      name,
      categoryId,
      variants: [{ priceMinor: 100 }],
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; categoryId: string | null };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await signUpVerified(t, 'volt-owner@example.com');
    stranger = await signUpVerified(t, 'volt-stranger@example.com');
    asOwner = requestAs(t, owner);
    await openStudio(t, owner, {
      slug: 'volt-supply',
      name: 'Volt',
      currency: 'THB',
      timezone: 'Asia/Bangkok',
      locale: 'th',
    });
  });
  afterAll(async () => t.close());

  it('builds a tree of any depth with paths, counts and breadcrumbs', async () => {
    const electrical = await category('Electrical');
    const protection = await category('Circuit protection', electrical.id);
    const breakers = await category('Circuit breakers', protection.id);
    expect(breakers).toMatchObject({
      depth: 2,
      path: `${electrical.id}/${protection.id}/${breakers.id}`,
      slug: 'circuit-breakers',
    });
    await product('MCB 16A', breakers.id);
    await product('RCBO 20A', protection.id);

    const nodes = await tree();
    expect(nodes.map((node) => node.name)).toEqual(['Electrical', 'Circuit protection', 'Circuit breakers']);
    expect(nodes.map((node) => [node.itemCount, node.totalItemCount])).toEqual([
      [0, 2],
      [1, 2],
      [1, 1],
    ]);
    const items = (await asOwner('GET', `${ADMIN}/items?categoryId=${electrical.id}`)).json().items;
    expect(items).toHaveLength(2);
    const mcb = items.find((item: { name: string }) => item.name === 'MCB 16A');
    const detail = (await asOwner('GET', `${ADMIN}/items/${mcb.id}`)).json();
    expect(detail.categoryBreadcrumb.map((crumb: { name: string }) => crumb.name)).toEqual([
      'Electrical',
      'Circuit protection',
      'Circuit breakers',
    ]);
    const duplicate = await asOwner('POST', `${ADMIN}/categories`, { name: 'Again', slug: 'electrical' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors).toEqual([expect.objectContaining({ field: 'slug' })]);
  });

  it('moves a subtree, rewriting paths and depths, and refuses moving under a descendant', async () => {
    const lighting = await category('Lighting');
    const protection = await byName('Circuit protection');
    const breakers = await byName('Circuit breakers');
    const moved = await asOwner('POST', `${ADMIN}/categories/${protection.id}/move`, {
      parentId: lighting.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ depth: 1, path: `${lighting.id}/${protection.id}` });
    expect(await byName('Circuit breakers')).toMatchObject({
      depth: 2,
      path: `${lighting.id}/${protection.id}/${breakers.id}`,
    });

    const loop = await asOwner('POST', `${ADMIN}/categories/${protection.id}/move`, {
      parentId: breakers.id,
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().errors).toEqual([expect.objectContaining({ field: 'parentId' })]);
    expect(
      (await asOwner('POST', `${ADMIN}/categories/${protection.id}/move`, { parentId: protection.id }))
        .statusCode,
    ).toBe(400);

    const root = await asOwner('POST', `${ADMIN}/categories/${breakers.id}/move`, {
      parentId: null,
      position: 0,
    });
    expect(root.json()).toMatchObject({ depth: 0, path: breakers.id, position: 0, parentId: null });
    expect((await tree()).filter((node) => node.depth === 0).map((node) => node.name)).toEqual([
      'Circuit breakers',
      'Electrical',
      'Lighting',
    ]);
  });

  it('reorders siblings and refuses ids of different parents', async () => {
    const roots = (await tree()).filter((node) => node.depth === 0);
    const wanted = ['Lighting', 'Electrical', 'Circuit breakers'].map(
      (name) => roots.find((node) => node.name === name)?.id,
    );
    const res = await asOwner('POST', `${ADMIN}/categories/reorder`, { ids: wanted });
    expect(res.statusCode, res.body).toBe(200);
    expect((await tree()).filter((node) => node.depth === 0).map((node) => node.name)).toEqual([
      'Lighting',
      'Electrical',
      'Circuit breakers',
    ]);
    const protection = await byName('Circuit protection');
    const mixed = await asOwner('POST', `${ADMIN}/categories/reorder`, { ids: [wanted[0], protection.id] });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors).toEqual([expect.objectContaining({ field: 'ids[1]' })]);
  });

  it('asks what to do with the items of a deleted category, and honours the answer', async () => {
    const lighting = await byName('Lighting');
    const protection = await byName('Circuit protection');
    const leds = await category('LED strips', protection.id);
    const strip = await product('LED strip 5 m', leds.id);

    const asked = await asOwner('DELETE', `${ADMIN}/categories/${protection.id}`);
    expect(asked.statusCode).toBe(409);
    expect(asked.json().detail).toContain('items=move');
    expect(asked.json().detail).toContain('items=uncategorise');
    expect(asked.json().errors).toEqual([expect.objectContaining({ field: 'query.items' })]);

    const noTarget = await asOwner('DELETE', `${ADMIN}/categories/${protection.id}?items=move`);
    expect(noTarget.statusCode).toBe(400);
    const unknownTarget = await asOwner(
      'DELETE',
      `${ADMIN}/categories/${protection.id}?items=move&to=0190b5c4-0000-7000-8000-000000000000`,
    );
    expect(unknownTarget.statusCode).toBe(404);

    const done = await asOwner('DELETE', `${ADMIN}/categories/${protection.id}?items=move&to=${lighting.id}`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ movedItems: 1, uncategorisedItems: 0, movedChildren: 1 });
    // The child moved up to the deleted category's parent; its own item stayed with it.
    expect(await byName('LED strips')).toMatchObject({
      parentId: lighting.id,
      depth: 1,
      path: `${lighting.id}/${leds.id}`,
    });
    expect((await asOwner('GET', `${ADMIN}/items/${strip.id}`)).json().categoryId).toBe(leds.id);
    expect(await byName('Lighting')).toMatchObject({ itemCount: 1, totalItemCount: 2 });

    const childOnly = await asOwner('DELETE', `${ADMIN}/categories/${lighting.id}?children=move_up`);
    expect(childOnly.statusCode).toBe(409);
    const uncategorised = await asOwner('DELETE', `${ADMIN}/categories/${lighting.id}?items=uncategorise`);
    expect(uncategorised.json()).toMatchObject({ uncategorisedItems: 1, movedChildren: 1 });
    expect(await byName('LED strips')).toMatchObject({ parentId: null, depth: 0, path: leds.id });
  });

  it("keeps brands with unique slugs and hides other studios' categories", async () => {
    const schneider = await asOwner('POST', `${ADMIN}/brands`, { name: 'Schneider Electric' });
    expect(schneider.statusCode).toBe(201);
    expect(schneider.json()).toMatchObject({ slug: 'schneider-electric', itemCount: 0 });
    const again = await asOwner('POST', `${ADMIN}/brands`, { name: 'Schneider', slug: 'schneider-electric' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([expect.objectContaining({ field: 'slug' })]);
    const abb = (await asOwner('POST', `${ADMIN}/brands`, { name: 'ABB' })).json();
    const rename = await asOwner('PATCH', `${ADMIN}/brands/${abb.id}`, { slug: 'schneider-electric' });
    expect(rename.statusCode).toBe(409);

    await product('Acti9 breaker', null, { brandId: schneider.json().id });
    const brands = (await asOwner('GET', `${ADMIN}/brands`)).json().items;
    expect(brands.map((brand: { name: string; itemCount: number }) => [brand.name, brand.itemCount])).toEqual(
      [
        ['ABB', 0],
        ['Schneider Electric', 1],
      ],
    );
    const unknownBrand = await asOwner('POST', `${ADMIN}/items`, {
      kind: 'product',
      name: 'Ghost',
      brandId: '0190b5c4-0000-7000-8000-000000000000',
      variants: [{ priceMinor: 1 }],
    });
    expect(unknownBrand.statusCode).toBe(404);
    expect(unknownBrand.json().errors).toEqual([expect.objectContaining({ field: 'brandId' })]);
    expect((await asOwner('DELETE', `${ADMIN}/brands/${abb.id}`)).statusCode).toBe(200);

    // A stranger's own studio cannot touch this studio's categories.
    await openStudio(t, stranger, { slug: 'stranger-shop', name: 'S' });
    const leds = await byName('LED strips');
    const foreign = await requestAs(t, stranger)(
      'PATCH',
      `/api/v1/studios/stranger-shop/admin/catalog/categories/${leds.id}`,
      { name: 'Mine' },
    );
    expect(foreign.statusCode).toBe(404);
    const foreignParent = await requestAs(t, stranger)(
      'POST',
      '/api/v1/studios/stranger-shop/admin/catalog/categories',
      { name: 'x', parentId: leds.id },
    );
    expect(foreignParent.statusCode).toBe(404);
    expect((await requestAs(t, stranger)('GET', `${ADMIN}/categories`)).statusCode).toBe(404);
  });
});
