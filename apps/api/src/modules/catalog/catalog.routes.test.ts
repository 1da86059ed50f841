import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../platform/db/index.js';
import { buildTestApp, openStudio, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { invalidateStudios } from '../studios/index.js';
import { invalidateCatalog } from './catalog.cache.js';
import type { CatalogItem, CatalogList } from './catalog.schemas.js';
import { CANDIDATE_THRESHOLD } from './catalog.search.js';
import { type Seeded, seedCatalog } from './catalog.test-fixtures.js';

const { signUpVerified } = identityTesting;

const SHOP = '/api/v1/studios/volt-shop/catalog';

describe('catalog: storefront reads', () => {
  let t: TestApp;
  let shopId: string;
  let seeded: Seeded;

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const list = async (query: string): Promise<CatalogList> => {
    const res = await get(`${SHOP}/items?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const slugs = (items: CatalogItem[]) => items.map((item) => item.slug);

  beforeAll(async () => {
    t = await buildTestApp();
    const owner = await signUpVerified(t, 'volt-owner@example.com');
    const open = async (slug: string) => (await openStudio(t, owner, { slug })).id;
    shopId = await open('volt-shop');
    const otherId = await open('volt-other');
    seeded = await seedCatalog(t.database, shopId, {
      categories: [
        { slug: 'electrical', name: 'Electrical' },
        { slug: 'breakers', name: 'Breakers', parent: 'electrical' },
        { slug: 'mcb', name: 'Miniature breakers', parent: 'breakers' },
        { slug: 'lighting', name: 'Lighting' },
      ],
      brands: [
        { slug: 'schneider', name: 'Schneider' },
        { slug: 'abb', name: 'ABB' },
      ],
      items: [
        {
          slug: 'mcb-16a',
          name: 'Circuit Breaker 16A',
          category: 'mcb',
          brand: 'schneider',
          tags: ['din', 'mcb'],
          summary: 'A single pole miniature circuit breaker for lighting circuits',
          descriptionHtml: '<p>Trips at <strong>16 amps</strong>.</p>',
          popularity: 5,
          image: 'catalog/mcb-16a.png',
          variants: [{ sku: 'SCH-MCB-16', priceMinor: 1200, stock: 10 }],
        },
        {
          slug: 'mcb-32a',
          name: 'Circuit Breaker 32A',
          category: 'mcb',
          brand: 'abb',
          tags: ['din', 'mcb'],
          popularity: 9,
          variants: [{ sku: 'ABB-MCB-32', priceMinor: 1800, stock: 0 }],
        },
        {
          slug: 'rcd',
          name: 'Residual Current Device',
          category: 'breakers',
          brand: 'abb',
          featured: true,
          popularity: 1,
          variants: [
            { sku: 'ABB-RCD-2P', title: '2 pole', optionValues: { Poles: '2' }, priceMinor: 4500 },
            { sku: 'ABB-RCD-4P', title: '4 pole', optionValues: { Poles: '4' }, priceMinor: 6500 },
          ],
        },
        {
          slug: 'led-bulb',
          name: 'LED Bulb 9W',
          category: 'lighting',
          tags: ['led'],
          popularity: 20,
          variants: [{ sku: 'LED-9W', priceMinor: 300, stock: 100 }],
        },
        {
          slug: 'thai-mic',
          name: 'ไมโครโฟนคอนเดนเซอร์สำหรับห้องอัด',
          kind: 'product',
          summary: 'Condenser microphone',
          variants: [{ priceMinor: 9900 }],
        },
        { slug: 'secret-draft', name: 'Circuit Breaker Prototype', status: 'draft' },
      ],
    });
    await seedCatalog(t.database, otherId, {
      items: [{ slug: 'other-breaker', name: 'Circuit Breaker From Elsewhere' }],
    });
  });
  afterAll(async () => t.close());

  it('lists published items of this studio only, newest first, with list prices', async () => {
    const page = await list('');
    expect(slugs(page.items)).toEqual(['thai-mic', 'led-bulb', 'rcd', 'mcb-32a', 'mcb-16a']);
    expect(page.items.every((item) => item.published)).toBe(true);
    expect(page.match).toBe('all');
    const rcd = page.items.find((item) => item.slug === 'rcd');
    expect(rcd).toMatchObject({
      price: { amountMinor: 4500, currency: 'USD' },
      brand: { slug: 'abb', name: 'ABB' },
      category: { slug: 'breakers' },
      inStock: true,
      onSale: false,
    });
    const mcb = page.items.find((item) => item.slug === 'mcb-16a');
    expect(mcb?.image?.url).toContain('catalog/mcb-16a.png');
    expect(page.items.find((item) => item.slug === 'mcb-32a')?.inStock).toBe(false);
  });

  it('filters by category (with subcategories), brand, kind, price, stock, tags and featured', async () => {
    expect(slugs((await list('category=breakers')).items).sort()).toEqual(['mcb-16a', 'mcb-32a', 'rcd']);
    expect(slugs((await list('category=electrical')).items).sort()).toEqual(['mcb-16a', 'mcb-32a', 'rcd']);
    expect(slugs((await list('category=mcb')).items).sort()).toEqual(['mcb-16a', 'mcb-32a']);
    expect((await list('category=no-such-category')).items).toEqual([]);
    expect(slugs((await list('brand=abb')).items).sort()).toEqual(['mcb-32a', 'rcd']);
    expect(slugs((await list('brand=abb&brand=schneider')).items).sort()).toEqual([
      'mcb-16a',
      'mcb-32a',
      'rcd',
    ]);
    expect(slugs((await list('minPrice=1000&maxPrice=2000')).items).sort()).toEqual(['mcb-16a', 'mcb-32a']);
    expect(slugs((await list('category=mcb&inStock=true')).items)).toEqual(['mcb-16a']);
    expect(slugs((await list('tag=din&tag=mcb')).items).sort()).toEqual(['mcb-16a', 'mcb-32a']);
    expect(slugs((await list('featured=true')).items)).toEqual(['rcd']);
    expect(slugs((await list('kind=service')).items)).toEqual([]);
    const bad = await get(`${SHOP}/items?minPrice=-5`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('minPrice');
  });

  it('counts facets under the other filters', async () => {
    const { facets } = await list('category=breakers&brand=abb');
    expect(facets?.total).toBe(2);
    // The brand facet ignores the brand filter: both brands of the category show, with counts.
    expect(facets?.brands).toEqual([
      { slug: 'abb', name: 'ABB', count: 2 },
      { slug: 'schneider', name: 'Schneider', count: 1 },
    ]);
    // The category facet ignores the category filter and rolls counts up to the ancestors.
    expect(facets?.categories).toEqual(
      expect.arrayContaining([
        { slug: 'electrical', name: 'Electrical', parentSlug: null, count: 2 },
        { slug: 'breakers', name: 'Breakers', parentSlug: 'electrical', count: 2 },
        { slug: 'mcb', name: 'Miniature breakers', parentSlug: 'breakers', count: 1 },
      ]),
    );
    expect(facets?.kinds).toEqual([{ kind: 'product', count: 2 }]);
    expect(facets?.inStock).toBe(1);
    expect(facets?.onSale).toBe(0);
    expect(facets?.priceBuckets).toEqual([
      { minMinor: 1000, maxMinor: 2500, count: 1 },
      { minMinor: 2500, maxMinor: 5000, count: 1 },
    ]);
    // The stock facet ignores the stock filter; under it, the total is exactly the items in stock.
    const unfiltered = await list('category=breakers');
    const stocked = await list('category=breakers&inStock=true');
    expect(stocked.facets?.inStock).toBe(unfiltered.facets?.inStock);
    expect(stocked.facets?.total).toBe(unfiltered.facets?.inStock);
    expect(stocked.items).toHaveLength(stocked.facets?.total ?? -1);
    expect(unfiltered.facets?.total).toBeGreaterThan(stocked.facets?.total ?? 0);
    // Later pages skip the facets unless asked.
    expect((await list('limit=1&facets=false')).facets).toBeNull();
  });

  it('sorts by price and popularity with keyset cursors that carry the sort key', async () => {
    const walk = async (query: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: CatalogList = await list(`${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...slugs(page.items));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await walk('sort=price_asc')).toEqual(['led-bulb', 'mcb-16a', 'mcb-32a', 'rcd', 'thai-mic']);
    expect(await walk('sort=price_desc')).toEqual(['thai-mic', 'rcd', 'mcb-32a', 'mcb-16a', 'led-bulb']);
    expect(await walk('sort=popularity')).toEqual(['led-bulb', 'mcb-32a', 'mcb-16a', 'rcd', 'thai-mic']);
    expect(await walk('sort=newest')).toEqual(['thai-mic', 'led-bulb', 'rcd', 'mcb-32a', 'mcb-16a']);

    const first = await list('sort=price_asc&limit=2');
    const cursor = JSON.parse(Buffer.from(first.nextCursor ?? '', 'base64url').toString());
    expect(cursor).toMatchObject({ s: 'price_asc', k: 1200 });
    // A cursor from another sort is refused, naming the field.
    const mixed = await get(`${SHOP}/items?sort=popularity&cursor=${first.nextCursor}`);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors[0].field).toBe('query.cursor');
    expect((await get(`${SHOP}/items?cursor=not-a-cursor`)).statusCode).toBe(400);
  });

  it('searches by words with relevance, and falls back to similar spellings for typos', async () => {
    const words = await list('q=circuit%20breaker');
    expect(words.match).toBe('words');
    expect(slugs(words.items).sort()).toEqual(['mcb-16a', 'mcb-32a']);
    // By SKU (weight B) and by a word of the description (weight D).
    expect(slugs((await list('q=SCH-MCB-16')).items)).toContain('mcb-16a');
    expect(slugs((await list('q=amps')).items)).toEqual(['mcb-16a']);

    const typo = await list('q=circut%20braker');
    expect(typo.match).toBe('fuzzy');
    expect(slugs(typo.items).sort()).toEqual(['mcb-16a', 'mcb-32a']);
    // Relevance pages carry the rank too.
    const paged = await list('q=circut%20braker&limit=1');
    const next = await list(`q=circut%20braker&limit=1&cursor=${paged.nextCursor}`);
    expect([...slugs(paged.items), ...slugs(next.items)].sort()).toEqual(['mcb-16a', 'mcb-32a']);
  });

  it('looks for corrections at the similarity the search module names (set on the lookup function)', async () => {
    const [fn] = await selectRows<{ config: string[] | null }>(
      t.database.db,
      sql`select proconfig as config from pg_proc where proname = 'catalog_similar_words'`,
    );
    expect(fn?.config).toContain(`pg_trgm.similarity_threshold=${CANDIDATE_THRESHOLD}`);
  });

  it('instant search highlights matches and says "did you mean" for a typo', async () => {
    const exact = await get(`${SHOP}/search?q=circuit`);
    expect(exact.statusCode).toBe(200);
    const found = exact.json();
    expect(found.match).toBe('words');
    expect(found.items[0].highlight).toContain('<mark>Circuit</mark>');

    const typo = (await get(`${SHOP}/search?q=circut%20braker`)).json();
    expect(typo.match).toBe('fuzzy');
    expect(typo.items.map((item: CatalogItem) => item.slug).sort()).toEqual(['mcb-16a', 'mcb-32a']);
    expect(typo.didYouMean).toBe('circuit breaker');
    // Swapped letters: "braeker" shares too few trigrams with "breaker" (0.33) to be alike by spelling,
    // but it is one slip away; "cirucit" likewise. The snippet marks the word the search read.
    const swapped = (await get(`${SHOP}/search?q=cirucit%20braeker`)).json();
    expect(swapped.match).toBe('fuzzy');
    expect(swapped.items.map((item: CatalogItem) => item.slug).sort()).toEqual(['mcb-16a', 'mcb-32a']);
    expect(swapped.didYouMean).toBe('circuit breaker');
    expect(swapped.items[0].highlight).toContain('<mark>Breaker</mark>');
    // Two slips in a five-letter word is another word, not a typo.
    expect((await get(`${SHOP}/search?q=bluob`)).json()).toMatchObject({ match: 'none', items: [] });
    // Never another studio's item, never a draft.
    expect(JSON.stringify(typo)).not.toContain('Elsewhere');
    expect(JSON.stringify(typo)).not.toContain('Prototype');

    // A draft's words are not in the vocabulary: no correction spells them out.
    const draft = (await get(`${SHOP}/search?q=prototipe`)).json();
    expect(draft).toMatchObject({ match: 'none', items: [], didYouMean: null, suggestions: [] });
    const nothing = (await get(`${SHOP}/search?q=zzzzqqq`)).json();
    expect(nothing).toMatchObject({ match: 'none', items: [], didYouMean: null });
  });

  it('finds Thai text by a Thai word (segmented at write and query time)', async () => {
    const res = (await get(`${SHOP}/search?q=${encodeURIComponent('ไมโครโฟน')}`)).json();
    expect(res.match).toBe('words');
    expect(res.items.map((item: CatalogItem) => item.slug)).toEqual(['thai-mic']);
    expect(res.items[0].highlight).toContain('<mark>');
    const inside = await list(`q=${encodeURIComponent('ห้องอัด')}`);
    expect(slugs(inside.items)).toEqual(['thai-mic']);
  });

  it('corrects a mistyped Thai word whole, though ICU cuts it into other words', async () => {
    const search = async (q: string) => (await get(`${SHOP}/search?q=${encodeURIComponent(q)}`)).json();
    // "ไมโครโฟม" (microphone, last letter slipped) is no word to ICU either: it reads "ไมโคร" "โฟม"
    // (micro, foam), pieces that were corrected apart into whatever looked like each.
    const slipped = await search('ไมโครโฟม');
    expect(slipped).toMatchObject({ match: 'fuzzy', didYouMean: 'ไมโครโฟน' });
    expect(slipped.items.map((item: CatalogItem) => item.slug)).toEqual(['thai-mic']);
    // Beside a word typed right, the mistyped run is still read as the one word it was meant to be.
    const mixed = await search('condenser ไมโครโฟม');
    expect(mixed).toMatchObject({ match: 'fuzzy', didYouMean: 'condenser ไมโครโฟน' });
    // A run that is two words, the second mistyped ("ห้อง" + "อัต"), is corrected piece by piece, and
    // suggested as it was typed: one run, no space between its words.
    const twoWords = await search('ห้องอัต');
    expect(twoWords).toMatchObject({ match: 'fuzzy', didYouMean: 'ห้องอัด' });
    expect(twoWords.items.map((item: CatalogItem) => item.slug)).toEqual(['thai-mic']);
    // A catalog word and a word the catalog lacks ("ดำ", black) is not one word mistyped: nothing
    // tells the client their "black" was a typo.
    const black = await search('ไมโครโฟนดำ');
    expect(black).toMatchObject({ match: 'fuzzy', didYouMean: null });
    expect(black.items.map((item: CatalogItem) => item.slug)).toEqual(['thai-mic']);
  });

  it('shows an item with variants, breadcrumbs, brand and related items; 404 for drafts and strangers', async () => {
    const res = await get(`${SHOP}/items/rcd`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail.item).toMatchObject({ slug: 'rcd', price: { amountMinor: 4500 } });
    expect(detail.variants.map((variant: { title: string }) => variant.title)).toEqual(['2 pole', '4 pole']);
    expect(detail.variants[1]).toMatchObject({ price: { amountMinor: 6500 }, stock: null, available: true });
    expect(detail.breadcrumbs.map((crumb: { slug: string }) => crumb.slug)).toEqual([
      'electrical',
      'breakers',
    ]);
    expect(detail.related.map((item: CatalogItem) => item.slug).slice(0, 2)).toEqual(['led-bulb', 'mcb-32a']);
    const mcb = (await get(`${SHOP}/items/mcb-16a`)).json();
    expect(mcb.breadcrumbs.map((crumb: { slug: string }) => crumb.slug)).toEqual([
      'electrical',
      'breakers',
      'mcb',
    ]);
    // Same category first in related.
    expect(mcb.related[0].slug).toBe('mcb-32a');
    expect(mcb.images[0].url).toContain('mcb-16a.png');
    expect((await get(`${SHOP}/items/secret-draft`)).statusCode).toBe(404);
    expect((await get(`${SHOP}/items/other-breaker`)).statusCode).toBe(404);
    expect((await get('/api/v1/studios/no-such-studio/catalog/items')).statusCode).toBe(404);
  });

  it('lists categories as a tree with counts, brands, and sitemap data', async () => {
    const tree = (await get(`${SHOP}/categories`)).json();
    expect(
      tree.items.map((node: { slug: string; itemCount: number }) => [node.slug, node.itemCount]),
    ).toEqual([
      ['electrical', 3],
      ['breakers', 3],
      ['mcb', 2],
      ['lighting', 1],
    ]);
    const brands = (await get(`${SHOP}/brands`)).json();
    expect(brands.items).toEqual([
      { slug: 'abb', name: 'ABB', itemCount: 2 },
      { slug: 'schneider', name: 'Schneider', itemCount: 1 },
    ]);
    const sitemap = (await get(`${SHOP}/sitemap`)).json();
    expect(sitemap.items.map((item: { slug: string }) => item.slug).sort()).toEqual([
      'led-bulb',
      'mcb-16a',
      'mcb-32a',
      'rcd',
      'thai-mic',
    ]);
    expect(sitemap.categories).toHaveLength(4);
  });

  it('serves reads from cache until a catalog write invalidates them', async () => {
    const before = (await get(`${SHOP}/items/led-bulb`)).json();
    expect(before.item.name).toBe('LED Bulb 9W');
    const ledId = seeded.items.get('led-bulb')?.id as string;
    await t.database.withStudio(shopId, (tx) =>
      tx.execute(sql`update catalog_items set name = 'LED Bulb 10W' where id = ${ledId}`),
    );
    // Cached: the write did not say so yet.
    expect((await get(`${SHOP}/items/led-bulb`)).json().item.name).toBe('LED Bulb 9W');
    await invalidateCatalog(t.cache, shopId);
    expect((await get(`${SHOP}/items/led-bulb`)).json().item.name).toBe('LED Bulb 10W');
  });

  it("replays a kept answer at the door with the full path's headers, until the studio or catalog changes", async () => {
    // Replays happen in the server's request listener, which injected requests never pass: over a socket.
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const fetchFromDoor = async (path: string) => {
      const response = await fetch(`${base}${path}`);
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.text(),
      };
    };
    // Replays are counted in the request metrics under the route's template, as full answers are.
    const answeredCount = async () => {
      const metrics = await (await fetch(`${base}/metrics`)).text();
      const line = metrics
        .split('\n')
        .find((row) =>
          row.startsWith(
            'atelier_http_request_duration_seconds_count{method="GET",route="/api/v1/studios/:studio/catalog/items",status="200"}',
          ),
        );
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    const url = `${SHOP}/items?category=lighting`;
    const first = await fetchFromDoor(url);
    const countedBefore = await answeredCount();
    const replayed = await fetchFromDoor(url);
    expect(await answeredCount()).toBe(countedBefore + 1);
    expect(replayed.body).toBe(first.body);
    for (const header of ['content-type', 'cache-control', 'x-frame-options', 'strict-transport-security'])
      expect(replayed.headers[header], header).toBe(first.headers[header]);
    expect(replayed.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    // Answered at the door: the rate limiter (which counts every request it sees) never saw it.
    expect(first.headers['x-ratelimit-remaining']).toBeDefined();
    expect(replayed.headers['x-ratelimit-remaining']).toBeUndefined();

    // A studio lookup change (here its slug) is seen on the very next request, not after the lifetime.
    await t.database.db.execute(sql`update studios set slug = 'volt-shop-renamed' where id = ${shopId}`);
    await invalidateStudios(t.cache);
    expect((await fetchFromDoor(url)).status).toBe(404);
    expect((await fetchFromDoor(url.replace('volt-shop', 'volt-shop-renamed'))).status).toBe(200);
    await t.database.db.execute(sql`update studios set slug = 'volt-shop' where id = ${shopId}`);
    await invalidateStudios(t.cache);
    expect((await fetchFromDoor(url)).body).toBe(first.body);
    // And a catalog write: the next request takes the full path again.
    await invalidateCatalog(t.cache, shopId);
    expect((await fetchFromDoor(url)).headers['x-ratelimit-remaining']).toBeDefined();
  });
});
