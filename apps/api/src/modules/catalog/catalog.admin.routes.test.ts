import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openStudio, type Requester, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { PLANS } from '../studios/index.js';
import { catalogItems } from './catalog.tables.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const ADMIN = '/api/v1/studios/print-lab/admin/catalog';
// A 1x1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('catalog admin: items, variants, images', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let stranger: { jar: Jar; userId: string };

  let asOwner: Requester;
  const fieldsOf = (res: { json: () => { errors?: { field: string }[] } }) =>
    (res.json().errors ?? []).map((error) => error.field);

  const print = (overrides: Record<string, unknown> = {}) => ({
    kind: 'product',
    name: 'Neon Dreams print',
    slug: 'neon-dreams',
    descriptionHtml: '<p>Giclée print</p>',
    details: { unit: 'pcs', specs: [{ name: 'Paper weight', value: '310', unit: 'gsm' }] },
    options: [
      { name: 'Size', values: ['A4', 'A3'] },
      { name: 'Material', values: ['Matte', 'Gloss'] },
    ],
    variants: [
      { sku: 'ND-A4-M', optionValues: { Size: 'A4', Material: 'Matte' }, priceMinor: 2500, stock: 5 },
      { sku: 'ND-A4-G', optionValues: { Size: 'A4', Material: 'Gloss' }, priceMinor: 2700, stock: 5 },
      { sku: 'ND-A3-M', optionValues: { Size: 'A3', Material: 'Matte' }, priceMinor: 3900, stock: 2 },
    ],
    ...overrides,
  });

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await signUpVerified(t, 'catalog-owner@example.com');
    stranger = await signUpVerified(t, 'catalog-stranger@example.com');
    asOwner = requestAs(t, owner);
    await openStudio(t, owner, { slug: 'print-lab' });
    await openStudio(t, stranger, { slug: 'other-lab' });
  });
  afterAll(async () => t.close());

  it('creates a product with options and variants in one call and keeps the "from" price', async () => {
    const res = await asOwner('POST', `${ADMIN}/items`, print());
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({ status: 'draft', publishedAt: null, currency: 'USD', priceFromMinor: 2500 });
    expect(item.variants.map((v: { title: string }) => v.title)).toEqual([
      'A4 / Matte',
      'A4 / Gloss',
      'A3 / Matte',
    ]);
    expect(item.variants[0].trackStock).toBe(true);
    const got = await asOwner('GET', `${ADMIN}/items/${item.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().options.map((o: { name: string }) => o.name)).toEqual(['Size', 'Material']);
  });

  it('refuses a duplicate slug or SKU with 409 naming the field', async () => {
    const slug = await asOwner(
      'POST',
      `${ADMIN}/items`,
      print({ variants: [{ sku: 'X-1', optionValues: { Size: 'A4', Material: 'Matte' }, priceMinor: 1 }] }),
    );
    expect(slug.statusCode).toBe(409);
    expect(fieldsOf(slug)).toEqual(['slug']);
    // the rule by name, so the admin page can word it in the owner's language
    expect(slug.json().errors[0]).toMatchObject({ reason: 'slug.taken', params: { slug: 'neon-dreams' } });
    const sku = await asOwner(
      'POST',
      `${ADMIN}/items`,
      print({
        slug: 'neon-dreams-2',
        variants: [
          { sku: 'NEW-1', optionValues: { Size: 'A4', Material: 'Matte' }, priceMinor: 100 },
          { sku: 'NEW-2', optionValues: { Size: 'A4', Material: 'Gloss' }, priceMinor: 100 },
          { sku: 'ND-A3-M', optionValues: { Size: 'A3', Material: 'Matte' }, priceMinor: 100 },
        ],
      }),
    );
    expect(sku.statusCode).toBe(409);
    expect(fieldsOf(sku)).toEqual(['variants[2].sku']);
    expect(sku.json().errors[0]).toMatchObject({ reason: 'sku.taken', params: { sku: 'ND-A3-M' } });
    // Nothing of the refused item was kept.
    expect((await asOwner('GET', `${ADMIN}/items?q=neon-dreams-2`)).json().items).toEqual([]);
  });

  it('refuses negative prices and stock, mismatched variants and bad details with 400 naming the field', async () => {
    const negative = await asOwner(
      'POST',
      `${ADMIN}/items`,
      print({
        slug: 'neg',
        variants: [{ optionValues: { Size: 'A4', Material: 'Matte' }, priceMinor: -1, stock: -3 }],
      }),
    );
    expect(negative.statusCode).toBe(400);
    expect(fieldsOf(negative)).toEqual(
      expect.arrayContaining(['body.variants[0].priceMinor', 'body.variants[0].stock']),
    );

    const mismatch = await asOwner(
      'POST',
      `${ADMIN}/items`,
      print({
        slug: 'mismatch',
        variants: [
          { optionValues: { Size: 'A4', Material: 'Matte' }, priceMinor: 1 },
          { optionValues: { Size: 'A5', Material: 'Matte' }, priceMinor: 1 },
          { optionValues: { Size: 'A4' }, priceMinor: 1 },
          { optionValues: { Size: 'A3', Material: 'Matte', Colour: 'Red' }, priceMinor: 1 },
        ],
      }),
    );
    expect(mismatch.statusCode).toBe(400);
    expect(fieldsOf(mismatch)).toEqual([
      'variants[1].optionValues',
      'variants[2].optionValues',
      'variants[3].optionValues',
    ]);

    const details = await asOwner('POST', `${ADMIN}/items`, {
      kind: 'digital',
      name: 'Fivem script',
      details: { currentVersion: '1.0.0', licence: { durationDays: null, ipSlots: -1 } },
      variants: [{ priceMinor: 99000 }],
    });
    expect(details.statusCode).toBe(400);
    expect(fieldsOf(details)).toEqual(['details.licence.ipSlots']);
  });

  it('publishes the details schemas of every kind for the editor', async () => {
    const res = await asOwner('GET', `${ADMIN}/details-schemas`);
    expect(res.statusCode, res.body).toBe(200);
    expect(Object.keys(res.json())).toEqual(['service', 'package', 'product', 'digital']);
    expect(res.json().digital.item.properties.licence.properties).toHaveProperty('ipSlots');
    expect(res.json().service.variant.properties).toHaveProperty('clientUploads');
  });

  it('sanitises the description', async () => {
    const res = await asOwner('POST', `${ADMIN}/items`, {
      kind: 'service',
      name: 'Mixing',
      descriptionHtml:
        '<p>Great mix<script>alert(1)</script></p><img src=x onerror="alert(2)"><a href="https://x.test">x</a>',
      details: { deliverables: ['Mix WAV'] },
      options: [{ name: 'Tier', values: ['Basic', 'Pro'] }],
      variants: [
        {
          optionValues: { Tier: 'Basic' },
          priceMinor: 5000,
          details: { turnaroundDays: 5, revisionsIncluded: 1, clientUploads: ['Stems'] },
        },
        {
          optionValues: { Tier: 'Pro' },
          priceMinor: 9000,
          details: { turnaroundDays: 3, revisionsIncluded: 3 },
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { descriptionHtml, variants, slug } = res.json();
    expect(descriptionHtml).toBe('<p>Great mix</p><a href="https://x.test" rel="noopener noreferrer">x</a>');
    expect(slug).toBe('mixing');
    expect(variants[0]).toMatchObject({ trackStock: false, details: { turnaroundDays: 5 } });
    const patched = await asOwner('PATCH', `${ADMIN}/items/${res.json().id}`, {
      descriptionHtml: '<p onclick="x()">ok</p><script>1</script>',
    });
    expect(patched.json().descriptionHtml).toBe('<p>ok</p>');
  });

  it('publishes (setting publishedAt), shows the edit on the storefront at once, and emits events', async () => {
    const created = await asOwner(
      'POST',
      `${ADMIN}/items`,
      print({
        slug: 'sunset',
        name: 'Sunset',
        variants: [{ sku: 'SUN-1', optionValues: { Size: 'A4', Material: 'Matte' }, priceMinor: 1500 }],
      }),
    );
    const id = created.json().id;
    const storefront = () => requestAs(t, null)('GET', '/api/v1/studios/print-lab/catalog/items?limit=100');
    const before = await storefront();
    expect(before.json().items.map((i: { id: string }) => i.id)).not.toContain(id);

    const published = await asOwner('PATCH', `${ADMIN}/items/${id}`, {
      status: 'published',
      name: 'Sunset Boulevard',
    });
    expect(published.statusCode).toBe(200);
    expect(published.json().publishedAt).not.toBeNull();
    const after = await storefront();
    expect(after.json().items.map((i: { name: string }) => i.name)).toContain('Sunset Boulevard');

    const { rows } = (await t.database.db.execute(
      `select type from outbox_events where payload->>'itemId' = '${id}' order by id` as never,
    )) as unknown as { rows: { type: string }[] };
    expect(rows.map((row) => row.type)).toEqual([
      'catalog.item.created',
      'catalog.item.updated',
      'catalog.item.published',
    ]);
  });

  it("replaces variants keeping ids, and refuses a stranger or another studio's ids with 404", async () => {
    const item = (await asOwner('GET', `${ADMIN}/items?q=ND-A4`)).json().items[0];
    const full = (await asOwner('GET', `${ADMIN}/items/${item.id}`)).json();
    const keep = full.variants[0];
    const replaced = await asOwner('PUT', `${ADMIN}/items/${item.id}/variants`, {
      options: [{ name: 'Size', values: ['A4', 'A2'] }],
      variants: [
        { id: keep.id, sku: keep.sku, optionValues: { Size: 'A4' }, priceMinor: 2000, stock: 1 },
        { sku: 'ND-A2', optionValues: { Size: 'A2' }, priceMinor: 6000, compareAtMinor: 7000 },
      ],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().variants.map((v: { id: string }) => v.id)[0]).toBe(keep.id);
    // The two variants left out are retired (kept for past orders), after the ones on sale.
    expect(replaced.json().variants.map((v: { sku: string; active: boolean }) => [v.sku, v.active])).toEqual([
      [keep.sku, true],
      ['ND-A2', true],
      [full.variants[1].sku, false],
      [full.variants[2].sku, false],
    ]);
    expect(replaced.json().priceFromMinor).toBe(2000);

    expect((await requestAs(t, stranger)('GET', `${ADMIN}/items/${item.id}`)).statusCode).toBe(404);
    expect((await requestAs(t, new Jar())('GET', `${ADMIN}/items/${item.id}`)).statusCode).toBe(401);
    // The stranger's own studio does not see print-lab's item either.
    const foreign = await requestAs(t, stranger)(
      'GET',
      `/api/v1/studios/other-lab/admin/catalog/items/${item.id}`,
    );
    expect(foreign.statusCode).toBe(404);
    const foreignPatch = await requestAs(t, stranger)(
      'PATCH',
      `/api/v1/studios/other-lab/admin/catalog/items/${item.id}`,
      { name: 'x' },
    );
    expect(foreignPatch.statusCode).toBe(404);
    expect((await asOwner('GET', `${ADMIN}/items/0190b5c4-0000-7000-8000-000000000000`)).statusCode).toBe(
      404,
    );
  });

  it('generates a variant matrix with price deltas and SKU pattern, keeping existing combinations', async () => {
    const item = (await asOwner('GET', `${ADMIN}/items?q=ND-A2`)).json().items[0];
    const res = await asOwner('POST', `${ADMIN}/items/${item.id}/variants/generate`, {
      options: [
        { name: 'Size', values: [{ value: 'A4' }, { value: 'A2', priceDeltaMinor: 3000 }] },
        {
          name: 'Frame',
          values: [{ value: 'None' }, { value: 'Oak wood', priceDeltaMinor: 1500, skuPart: 'OAK' }],
        },
      ],
      basePriceMinor: 2000,
      skuPattern: '{slug}-{Size}-{Frame}',
    });
    expect(res.statusCode, res.body).toBe(200);
    const { variants } = res.json();
    expect(variants.map((v: { sku: string; priceMinor: number }) => [v.sku, v.priceMinor])).toEqual([
      ['NEON-DREAMS-A4-NONE', 2000],
      ['NEON-DREAMS-A4-OAK', 3500],
      ['NEON-DREAMS-A2-NONE', 5000],
      ['NEON-DREAMS-A2-OAK', 6500],
    ]);
    // Nothing saved: still the two variants on sale (and the two retired earlier).
    const saved = (await asOwner('GET', `${ADMIN}/items/${item.id}`)).json().variants;
    expect(saved.filter((v: { active: boolean }) => v.active)).toHaveLength(2);
    expect(saved).toHaveLength(4);
    const bad = await asOwner('POST', `${ADMIN}/items/${item.id}/variants/generate`, {
      options: [{ name: 'Size', values: [{ value: 'A4' }] }],
      basePriceMinor: 100,
      skuPattern: '{Colour}',
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['skuPattern']);
    // A pattern that makes SKUs a variant could not have (too long, a space at an end): 400, not a
    // proposal the save would refuse (it used to fail on the way out, as a 500).
    for (const skuPattern of ['x'.repeat(101), ' {Size}', '{Size} ']) {
      const refused = await asOwner('POST', `${ADMIN}/items/${item.id}/variants/generate`, {
        options: [{ name: 'Size', values: [{ value: 'A4' }] }],
        basePriceMinor: 100,
        skuPattern,
      });
      expect(refused.statusCode, skuPattern).toBe(400);
      expect(fieldsOf(refused)).toEqual(['skuPattern']);
    }
  });

  it('lists with search and filters, and runs bulk actions', async () => {
    const all = (await asOwner('GET', `${ADMIN}/items?limit=2`)).json();
    expect(all.items).toHaveLength(2);
    expect(all.nextCursor).not.toBeNull();
    const next = (await asOwner('GET', `${ADMIN}/items?limit=2&cursor=${all.nextCursor}`)).json();
    expect(next.items.map((i: { id: string }) => i.id)).not.toContain(all.items[0].id);
    const services = (await asOwner('GET', `${ADMIN}/items?kind=service`)).json().items;
    expect(services.map((i: { name: string }) => i.name)).toEqual(['Mixing']);

    const drafts = (await asOwner('GET', `${ADMIN}/items?status=draft`))
      .json()
      .items.map((i: { id: string }) => i.id);
    const published = await asOwner('POST', `${ADMIN}/items/bulk`, { ids: drafts, action: 'publish' });
    expect(published.json()).toEqual({ action: 'publish', affected: drafts.length });
    expect((await asOwner('GET', `${ADMIN}/items?status=draft`)).json().items).toEqual([]);

    const mixing = services[0].id;
    const cut = await asOwner('POST', `${ADMIN}/items/bulk`, {
      ids: [mixing],
      action: 'set_price',
      percent: -10,
    });
    expect(cut.statusCode).toBe(200);
    const prices = (await asOwner('GET', `${ADMIN}/items/${mixing}`)).json();
    expect(prices.variants.map((v: { priceMinor: number }) => v.priceMinor)).toEqual([4500, 8100]);
    expect(prices.priceFromMinor).toBe(4500);

    const unknown = await asOwner('POST', `${ADMIN}/items/bulk`, {
      ids: [mixing, '0190b5c4-0000-7000-8000-000000000000'],
      action: 'archive',
    });
    expect(unknown.statusCode).toBe(404);
    expect(fieldsOf(unknown)).toEqual(['ids[1]']);
    const noPrice = await asOwner('POST', `${ADMIN}/items/bulk`, { ids: [mixing], action: 'set_price' });
    expect(noPrice.statusCode).toBe(400);

    const removed = await asOwner('POST', `${ADMIN}/items/bulk`, { ids: [mixing], action: 'delete' });
    expect(removed.json().affected).toBe(1);
    expect((await asOwner('GET', `${ADMIN}/items/${mixing}`)).statusCode).toBe(404);
  });

  it('uploads images as raw bodies, edits alt, assigns to a variant, reorders and deletes', async () => {
    const item = (await asOwner('GET', `${ADMIN}/items?q=ND-A2`)).json().items[0];
    const full = (await asOwner('GET', `${ADMIN}/items/${item.id}`)).json();
    const upload = (body: Buffer | string, contentType: string, query = '') =>
      asOwner('POST', `${ADMIN}/items/${item.id}/images${query}`, body, { 'content-type': contentType });
    const first = await upload(PNG, 'image/png', `?alt=${encodeURIComponent('Neon print on a wall')}`);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ alt: 'Neon print on a wall', width: 1, height: 1, position: 0 });
    const svg = await upload(
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"></svg>',
      'image/svg+xml',
      `?variantId=${full.variants[1].id}`,
    );
    expect(svg.statusCode, svg.body).toBe(201);
    expect(svg.json()).toMatchObject({ width: 40, height: 20, variantIds: [full.variants[1].id] });

    expect((await upload('<svg onload="alert(1)"></svg>', 'image/svg+xml')).statusCode).toBe(400);
    expect((await upload(PNG, 'image/jpeg')).statusCode).toBe(400);
    expect((await upload('hello', 'text/plain')).statusCode).toBe(415);

    const stored = await t.storage.get(
      `studios/${((await t.database.db.execute("select id from studios where slug = 'print-lab'" as never)) as unknown as { rows: { id: string }[] }).rows[0]?.id}/catalog/${item.id}/${first.json().id}.png`,
    );
    stored.body.destroy();
    expect(stored.contentType).toBe('image/png');

    const alt = await asOwner('PATCH', `${ADMIN}/items/${item.id}/images/${first.json().id}`, {
      alt: 'Framed',
      variantIds: [full.variants[0].id],
    });
    expect(alt.json()).toMatchObject({ alt: 'Framed', variantIds: [full.variants[0].id] });
    const order = await asOwner('PUT', `${ADMIN}/items/${item.id}/images/order`, {
      ids: [svg.json().id, first.json().id],
    });
    expect(order.json().items.map((i: { id: string }) => i.id)).toEqual([svg.json().id, first.json().id]);
    const partial = await asOwner('PUT', `${ADMIN}/items/${item.id}/images/order`, { ids: [svg.json().id] });
    expect(partial.statusCode).toBe(400);

    expect((await asOwner('DELETE', `${ADMIN}/items/${item.id}/images/${first.json().id}`)).statusCode).toBe(
      200,
    );
    const after = (await asOwner('GET', `${ADMIN}/items/${item.id}`)).json();
    expect(after.images.map((i: { id: string }) => i.id)).toEqual([svg.json().id]);
    expect(after.variants[0].imageId).toBeNull();
  });

  it("holds a starter studio to its plan's item limit (422 naming catalogItems); archived items do not count", async () => {
    const OTHER = '/api/v1/studios/other-lab/admin/catalog';
    const studio = (await requestAs(t, stranger)('GET', '/api/v1/studios/other-lab')).json();
    expect(studio.plan).toBe('starter');
    const limit = PLANS.starter.catalogItems;
    // The studio one item short of its limit, plus one archived item (setup rows, straight into the table).
    const filler = (n: number, status: 'draft' | 'archived') => ({
      studioId: studio.id as string,
      kind: 'product' as const,
      slug: `filler-${status}-${n}`,
      name: `Filler ${n}`,
      status,
      currency: 'USD',
    });
    await t.database.db
      .insert(catalogItems)
      .values([...Array.from({ length: limit - 1 }, (_, n) => filler(n, 'draft')), filler(0, 'archived')]);
    const archived = (await requestAs(t, stranger)('GET', `${OTHER}/items?status=archived`)).json().items[0]
      .id as string;
    const item = (n: number) =>
      print({
        slug: `limit-${n}`,
        options: [],
        variants: [{ sku: `LIMIT-${n}`, optionValues: {}, priceMinor: 1000 }],
      });

    const last = await requestAs(t, stranger)('POST', `${OTHER}/items`, item(1));
    expect(last.statusCode, last.body).toBe(201);
    const over = await requestAs(t, stranger)('POST', `${OTHER}/items`, item(2));
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'rule_broken', errors: [{ field: 'catalogItems' }] });
    expect(over.json().detail).toContain(`starter plan allows ${limit} catalog items`);
    // Bringing the archived item back would be one more too, by edit or by bulk publish.
    const revived = await requestAs(t, stranger)('PATCH', `${OTHER}/items/${archived}`, { status: 'draft' });
    expect(revived.statusCode).toBe(422);
    expect(fieldsOf(revived)).toEqual(['catalogItems']);
    const bulk = await requestAs(t, stranger)('POST', `${OTHER}/items/bulk`, {
      ids: [archived],
      action: 'publish',
    });
    expect(bulk.statusCode).toBe(422);

    // Archiving one makes room again.
    const archive = await requestAs(t, stranger)('POST', `${OTHER}/items/bulk`, {
      ids: [last.json().id],
      action: 'archive',
    });
    expect(archive.statusCode).toBe(200);
    expect((await requestAs(t, stranger)('POST', `${OTHER}/items`, item(2))).statusCode).toBe(201);
  });

  it('never lets stock go negative, even by a direct update', async () => {
    const item = (await asOwner('GET', `${ADMIN}/items?q=ND-A2`)).json().items[0];
    const full = (await asOwner('GET', `${ADMIN}/items/${item.id}`)).json();
    const res = await asOwner('PUT', `${ADMIN}/items/${item.id}/variants`, {
      options: [{ name: 'Size', values: ['A4', 'A2'] }],
      variants: full.variants.map((v: Record<string, unknown>, i: number) => ({
        id: v.id,
        optionValues: v.optionValues,
        priceMinor: v.priceMinor,
        stock: i === 0 ? -1 : 1,
      })),
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.variants[0].stock']);
    await expect(
      t.database.db.execute(
        `update catalog_variants set stock = -1 where id = '${full.variants[0].id}'` as never,
      ),
    ).rejects.toThrow();
  });
});
