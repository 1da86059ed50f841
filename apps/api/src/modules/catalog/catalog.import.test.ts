import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { PLANS } from '../studios/index.js';
import {
  CATALOG_IMPORT_JOB,
  type CatalogImportJob,
  catalogImportWorker,
  runCatalogImport,
} from './catalog.import.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const HEADER =
  'sku,name,kind,category,brand,price,compare_at_price,stock,min_order_quantity,unit,pack_size,tags,summary,description,spec:Voltage (V),spec:Poles';

function supplierCsv(count: number, { priceOffset = 0 } = {}): string {
  const lines = [HEADER];
  for (let i = 1; i <= count; i++) {
    const amps = [6, 10, 16, 20, 25, 32][i % 6];
    lines.push(
      [
        `VS-${String(i).padStart(5, '0')}`,
        `"Circuit breaker ${amps} A, type ${i % 2 ? 'B' : 'C'} #${i}"`,
        'product',
        `Protection > Circuit breakers > ${i % 3 === 0 ? 'Three-pole' : 'Single-pole'}`,
        ['ABB', 'Schneider', 'Hager'][i % 3],
        `${(12 + (i % 50) + priceOffset).toFixed(2)}`,
        i % 10 === 0 ? '99.00' : '',
        i % 7 === 0 ? '' : String(i % 40),
        i % 5 === 0 ? '10' : '1',
        'pcs',
        i % 4 === 0 ? '12' : '',
        'din-rail|breaker',
        'Miniature circuit breaker',
        '"<p>For <b>DIN</b> rails.</p><script>alert(1)</script>"',
        '230',
        i % 3 === 0 ? '3' : '1',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('catalog: CSV import and export', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let other: { jar: Jar; userId: string };

  /** A CSV body goes up raw, as the admin page's file upload sends it. */
  const request = (jar: Jar, method: 'GET' | 'POST', url: string, csv?: string) =>
    requestAs(t, jar)(method, url, csv, csv === undefined ? {} : { 'content-type': 'text/csv' });
  const upload = async (csv: string, studio = 'volt', jar = owner.jar) => {
    const res = await request(
      jar,
      'POST',
      `/api/v1/studios/${studio}/admin/catalog/imports?fileName=t.csv`,
      csv,
    );
    expect(res.statusCode, res.body).toBe(202);
    return res.json() as { id: string; status: string };
  };
  const studioId = async (slug: string) =>
    (await request(owner.jar, 'GET', `/api/v1/studios/${slug}`)).json().id;
  const exportCsv = async (studio: string, jar: Jar) => {
    const res = await request(jar, 'GET', `/api/v1/studios/${studio}/admin/catalog/export.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    return res.body;
  };
  /** Runs the job the worker would run for the import. */
  const run = async (importId: string, studio = 'volt') => {
    const job: CatalogImportJob = { studioId: await studioId(studio), importId, currency: 'USD' };
    await runCatalogImport({ database: t.database, storage: t.storage, cache: t.cache }, job);
  };
  const report = async (id: string, jar = owner.jar, studio = 'volt') =>
    request(jar, 'GET', `/api/v1/studios/${studio}/admin/catalog/imports/${id}`);
  const asOwner = async (method: 'POST' | 'PUT', path: string, payload: Record<string, unknown>) => {
    const res = await requestAs(t, owner)(method, `/api/v1/studios/volt/admin/catalog${path}`, payload);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const rowsOf = async <T>(query: string) =>
    ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  /** When ANALYZE (not autovacuum) last ran on the catalog tables the import writes. */
  const analyzed = () =>
    rowsOf<{ relname: string; analyzed: boolean }>(
      `select relname, last_analyze is not null as analyzed from pg_stat_user_tables
       where relname in ('catalog_items', 'catalog_variants') order by relname`,
    );
  const analyzeCount = async () =>
    (
      await rowsOf<{ n: number }>(
        `select sum(analyze_count)::int as n from pg_stat_user_tables where relname = 'catalog_variants'`,
      )
    )[0]?.n;

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await signUpVerified(t, 'owner@volt.test');
    other = await signUpVerified(t, 'other@elsewhere.test');
    // Volt is on the studio plan: the 5,000-row import needs room past starter's item limit.
    await openStudio(t, owner, { slug: 'volt', plan: 'studio' }, { plan: 'studio' });
    await openStudio(t, other, { slug: 'elsewhere', plan: 'starter' });
  });
  afterAll(async () => t.close());

  it('imports 5,000 rows in batches, with progress, and creates the category tree and brands', async () => {
    const { id, status } = await upload(supplierCsv(5000));
    expect(status).toBe('queued');
    // A fresh database: nothing has analyzed the catalog tables yet.
    expect(await analyzed()).toEqual([
      { relname: 'catalog_items', analyzed: false },
      { relname: 'catalog_variants', analyzed: false },
    ]);
    const started = performance.now();
    const seen = new Set<number>();
    let done = false;
    const job = run(id).finally(() => {
      done = true;
    });
    while (!done) {
      const progress = (await report(id)).json();
      seen.add(progress.processedRows);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await job;
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`5,000-row import took ${seconds.toFixed(2)} s\n`);
    const result = (await report(id)).json();
    expect(result).toMatchObject({
      status: 'completed',
      totalRows: 5000,
      processedRows: 5000,
      createdCount: 5000,
      updatedCount: 0,
      rejectedCount: 0,
      rejected: [],
    });
    // Progress was visible between the start and the end.
    expect([...seen].some((n) => n > 0 && n < 5000)).toBe(true);
    expect(seconds).toBeLessThan(60);

    const counts = await t.database.db.execute(
      `select (select count(*)::int from catalog_items) as items,
        (select count(*)::int from catalog_variants) as variants,
        (select count(*)::int from catalog_categories) as categories,
        (select count(*)::int from catalog_brands) as brands,
        (select count(*)::int from catalog_variants where track_stock = false) as untracked,
        (select count(*)::int from catalog_items where description_html like '%script%') as scripted`,
    );
    expect((counts as unknown as { rows: unknown[] }).rows[0]).toEqual({
      items: 5000,
      variants: 5000,
      categories: 4,
      brands: 3,
      untracked: Math.floor(5000 / 7),
      scripted: 0,
    });
    const sample = (
      (await t.database.db.execute(
        `select i.details, i.price_from_minor::int as price_from_minor, i.search_vector::text as search_vector, i.status, v.min_order_quantity
         from catalog_items i join catalog_variants v on v.item_id = i.id where v.sku = 'VS-00020'`,
      )) as unknown as { rows: Record<string, unknown>[] }
    ).rows[0];
    expect(sample).toMatchObject({
      price_from_minor: 3200,
      status: 'published',
      min_order_quantity: 10,
      details: {
        unit: 'pcs',
        packSize: 12,
        specs: [
          { name: 'Voltage', unit: 'V', value: '230' },
          { name: 'Poles', value: '1' },
        ],
      },
    });
    expect(sample?.search_vector).toMatch(/'circuit'.*'breaker'|'breaker'.*'circuit'/);
    // A run that wrote thousands of rows left the planner fresh statistics (through the owner role: the
    // app role's ANALYZE would have been skipped with only a warning).
    expect(await analyzed()).toEqual([
      { relname: 'catalog_items', analyzed: true },
      { relname: 'catalog_variants', analyzed: true },
    ]);
  }, 120_000);

  it('re-importing updates by SKU instead of duplicating, and leaves missing columns alone', async () => {
    const analyzesBefore = await analyzeCount();
    const { id } = await upload(supplierCsv(300, { priceOffset: 1 }));
    await run(id);
    // 300 rows are below the threshold: no ANALYZE for a small run.
    expect(await analyzeCount()).toBe(analyzesBefore);
    expect((await report(id)).json()).toMatchObject({
      status: 'completed',
      createdCount: 0,
      updatedCount: 300,
    });
    const partial = await upload('sku,stock\nVS-00001,777\nVS-99999,5\n');
    await run(partial.id);
    const result = (await report(partial.id)).json();
    expect(result).toMatchObject({ createdCount: 0, updatedCount: 1, rejectedCount: 1 });
    expect(result.rejected).toEqual([{ row: 3, field: 'name', message: 'is required for a new SKU' }]);
    const rows = (
      (await t.database.db.execute(
        `select (select count(*)::int from catalog_items) as items, v.stock, v.price_minor::int as price_minor, i.name
         from catalog_variants v join catalog_items i on i.id = v.item_id where v.sku = 'VS-00001'`,
      )) as unknown as { rows: Record<string, unknown>[] }
    ).rows;
    expect(rows[0]).toMatchObject({
      items: 5000,
      stock: 777,
      price_minor: 1400,
      name: 'Circuit breaker 10 A, type B #1',
    });
  });

  it('brings a retired variant back on sale when the file names its SKU, unless it no longer fits its item', async () => {
    // Size M is retired by an editor save that keeps the option; Blue by one that drops its value.
    const sizes = await asOwner('POST', '/items', {
      kind: 'product',
      name: 'Cable tie',
      status: 'published',
      options: [{ name: 'Size', values: ['S', 'M'] }],
      variants: [
        { sku: 'RV-S', optionValues: { Size: 'S' }, priceMinor: 1_000, trackStock: false },
        { sku: 'RV-M', optionValues: { Size: 'M' }, priceMinor: 900, trackStock: false },
      ],
    });
    const colours = await asOwner('POST', '/items', {
      kind: 'product',
      name: 'Cable sleeve',
      status: 'published',
      options: [{ name: 'Colour', values: ['Red', 'Blue'] }],
      variants: [
        { sku: 'RV-RED', optionValues: { Colour: 'Red' }, priceMinor: 700, trackStock: false },
        { sku: 'RV-BLUE', optionValues: { Colour: 'Blue' }, priceMinor: 600, trackStock: false },
      ],
    });
    // An item without options sells one variant: RV-OLD retired when RV-NEW replaced it.
    const single = await asOwner('POST', '/items', {
      kind: 'product',
      name: 'Wire nut',
      status: 'published',
      variants: [{ sku: 'RV-OLD', priceMinor: 100, trackStock: false }],
    });
    await asOwner('PUT', `/items/${sizes.id}/variants`, {
      options: [{ name: 'Size', values: ['S', 'M'] }],
      variants: [{ sku: 'RV-S', optionValues: { Size: 'S' }, priceMinor: 1_000 }],
    });
    await asOwner('PUT', `/items/${colours.id}/variants`, {
      options: [{ name: 'Colour', values: ['Red'] }],
      variants: [{ sku: 'RV-RED', optionValues: { Colour: 'Red' }, priceMinor: 700 }],
    });
    await asOwner('PUT', `/items/${single.id}/variants`, { variants: [{ sku: 'RV-NEW', priceMinor: 120 }] });
    const state = () =>
      rowsOf<{ sku: string; active: boolean; price_minor: number; price_from_minor: number }>(
        `select v.sku, v.active, v.price_minor::int as price_minor, i.price_from_minor::int as price_from_minor
         from catalog_variants v join catalog_items i on i.id = v.item_id
         where v.sku like 'RV-%' order by v.sku`,
      );
    expect((await state()).filter((row) => !row.active).map((row) => row.sku)).toEqual([
      'RV-BLUE',
      'RV-M',
      'RV-OLD',
    ]);
    // Retired variants are not exported: an export re-imported must not bring them back.
    const exported = await exportCsv('volt', owner.jar);
    expect(exported).toContain('RV-S,');
    expect(exported).not.toContain('RV-M,');

    const { id } = await upload('sku,price\nRV-M,8.50\nRV-BLUE,5.00\nRV-OLD,1.00\nRV-S,9.50\n');
    await run(id);
    const result = (await report(id)).json();
    expect(result).toMatchObject({
      status: 'completed',
      createdCount: 0,
      updatedCount: 2,
      reactivatedCount: 1,
      rejectedCount: 2,
    });
    expect(result.rejected).toEqual([
      { row: 3, field: 'sku', message: expect.stringContaining('(Colour: Blue) no longer match') },
      { row: 4, field: 'sku', message: expect.stringContaining('now sells another variant') },
    ]);
    // RV-M is on sale again at the file's price, and the item's "from" price counts it.
    expect(await state()).toEqual([
      { sku: 'RV-BLUE', active: false, price_minor: 600, price_from_minor: 700 },
      { sku: 'RV-M', active: true, price_minor: 850, price_from_minor: 850 },
      { sku: 'RV-NEW', active: true, price_minor: 120, price_from_minor: 120 },
      { sku: 'RV-OLD', active: false, price_minor: 100, price_from_minor: 120 },
      { sku: 'RV-RED', active: true, price_minor: 700, price_from_minor: 700 },
      { sku: 'RV-S', active: true, price_minor: 950, price_from_minor: 850 },
    ]);
    expect(await exportCsv('volt', owner.jar)).toContain('RV-M,');
  });

  it('reports bad rows by row, field and reason, and imports the rest', async () => {
    const csv = [
      'sku,name,kind,price,stock,min_order_quantity,spec:Colour',
      'OK-1,Good cable,product,1.50,3,1,Grey',
      ',No SKU,product,1.00,1,1,',
      'BAD-2,,product,1.00,1,1,',
      'BAD-3,Bad price,product,12.345,1,1,',
      'BAD-4,Negative stock,product,2.00,-1,1,',
      'BAD-5,Odd kind,gadget,2.00,1,1,',
      'BAD-6,Zero minimum,product,2.00,1,0,',
      'OK-1,Repeated SKU,product,1.00,1,1,',
      'BAD-7,Service with specs,service,50.00,,1,Red',
      'OK-2,Another good one,product,0.99,,1,',
    ].join('\n');
    const { id } = await upload(csv);
    await run(id);
    const result = (await report(id)).json();
    expect(result).toMatchObject({
      status: 'completed',
      createdCount: 2,
      processedRows: 10,
      rejectedCount: 8,
    });
    expect(result.rejected).toEqual([
      { row: 3, field: 'sku', message: 'is required' },
      { row: 4, field: 'name', message: 'is required' },
      { row: 5, field: 'price', message: expect.stringContaining('at most 2 decimals') },
      { row: 6, field: 'stock', message: 'must not be negative' },
      { row: 7, field: 'kind', message: expect.stringContaining('must be one of') },
      { row: 8, field: 'min_order_quantity', message: 'must be at least 1' },
      { row: 9, field: 'sku', message: 'repeats the SKU of row 2' },
      { row: 10, field: 'spec', message: expect.stringContaining('service') },
    ]);
  });

  it('refuses a file with a NUL character at upload, naming the body (a UTF-16 or binary file has them)', async () => {
    const csv = ['sku,name,kind,price', 'NUL-1,Cable\u0000with a NUL,product,1.00'].join('\n');
    const res = await request(
      owner.jar,
      'POST',
      '/api/v1/studios/volt/admin/catalog/imports?fileName=t.csv',
      csv,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'body', message: 'must not contain the NUL character' }],
    });
  });

  it("rejects the rows past a starter studio's item limit by row, and imports the rest", async () => {
    const shop = await requestAs(t, owner)('POST', '/api/v1/studios', {
      slug: 'corner-shop',
      name: 'Corner shop',
      currency: 'USD',
      timezone: 'UTC',
      locale: 'en',
    });
    expect(shop.statusCode, shop.body).toBe(201);
    expect(shop.json().plan).toBe('starter');
    const limit = PLANS.starter.catalogItems;

    const { id } = await upload(supplierCsv(limit + 3), 'corner-shop');
    await run(id, 'corner-shop');
    const result = (await report(id, owner.jar, 'corner-shop')).json();
    expect(result).toMatchObject({ status: 'completed', createdCount: limit, rejectedCount: 3 });
    expect(result.rejected).toEqual(
      [limit + 2, limit + 3, limit + 4].map((row) => ({
        row,
        field: 'catalogItems',
        message: expect.stringContaining(`starter plan's limit of ${limit} catalog items`),
      })),
    );

    // The items already there still update; only new ones are held back.
    const again = await upload(supplierCsv(limit + 3, { priceOffset: 1 }), 'corner-shop');
    await run(again.id, 'corner-shop');
    expect((await report(again.id, owner.jar, 'corner-shop')).json()).toMatchObject({
      createdCount: 0,
      updatedCount: limit,
      rejectedCount: 3,
    });
  });

  it('refuses a file whose header has an unknown column, at upload', async () => {
    const res = await request(
      owner.jar,
      'POST',
      '/api/v1/studios/volt/admin/catalog/imports',
      'sku,prcie\nA,1\n',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ field: 'header.prcie' }));
    const noSku = await request(owner.jar, 'POST', '/api/v1/studios/volt/admin/catalog/imports', 'name\nA\n');
    expect(noSku.json().errors).toContainEqual(expect.objectContaining({ field: 'header.sku' }));
  });

  it("hides a studio's imports from another studio and from strangers", async () => {
    const { id } = await upload('sku,name,price\nX-1,Thing,1.00\n');
    const elsewhere = await studioId('elsewhere');
    // The other owner can't read it through their own studio...
    const foreign = await request(other.jar, 'GET', `/api/v1/studios/elsewhere/admin/catalog/imports/${id}`);
    expect(foreign.statusCode).toBe(404);
    // ...nor through ours.
    expect([403, 404]).toContain((await report(id, other.jar)).statusCode);
    expect((await report(id, new Jar())).statusCode).toBe(401);
    // The job refuses to run it as another studio's (RLS hides the row), so nothing is written there.
    await runCatalogImport(
      { database: t.database, storage: t.storage, cache: t.cache },
      { studioId: elsewhere, importId: id, currency: 'USD' },
    );
    expect((await report(id)).json().status).toBe('queued');
    const list = await request(owner.jar, 'GET', '/api/v1/studios/volt/admin/catalog/imports?limit=2');
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id, rejected: [] });
    expect(list.json().nextCursor).toEqual(expect.any(String));
  });

  it('exports a CSV that imports back unchanged', async () => {
    const csv = [
      'sku,name,kind,status,category,brand,price,compare_at_price,stock,min_order_quantity,unit,pack_size,weight_grams,tags,summary,description,spec:Cross-section (mm²),spec:Colour',
      'C-1,"NYY-J 3x2.5, 50 m",product,published,Cables > Power cables > NYY,Nexans,89.90,99.00,12,2,roll,1,4200,outdoor|buried,"Power cable, ""heavy""",<p>Black <em>PVC</em> sheath</p>,2.5,Black',
      'C-2,Ferrule set,product,draft,Tools,,4.50,,,1,box,100,,,,,,',
      'S-1,Site survey,service,published,,,150.00,,,1,,,,,One visit,,,',
    ].join('\n');
    const { id } = await upload(csv, 'elsewhere', other.jar);
    await run(id, 'elsewhere');
    expect((await report(id, other.jar, 'elsewhere')).json()).toMatchObject({
      createdCount: 3,
      rejectedCount: 0,
    });

    const exported = await exportCsv('elsewhere', other.jar);
    const records = parse(exported) as string[][];
    const header = records[0] ?? [];
    expect(header).toEqual([
      'sku',
      'name',
      'slug',
      'kind',
      'status',
      'category',
      'brand',
      'price',
      'compare_at_price',
      'stock',
      'min_order_quantity',
      'unit',
      'pack_size',
      'weight_grams',
      'tags',
      'summary',
      'description',
      'spec:Colour',
      'spec:Cross-section (mm²)',
    ]);
    const cable = records.find((record) => record[0] === 'C-1') ?? [];
    expect(Object.fromEntries(header.map((column, i) => [column, cable[i]]))).toEqual({
      sku: 'C-1',
      name: 'NYY-J 3x2.5, 50 m',
      slug: 'nyy-j-3x2-5-50-m',
      kind: 'product',
      status: 'published',
      category: 'Cables > Power cables > NYY',
      brand: 'Nexans',
      price: '89.90',
      compare_at_price: '99.00',
      stock: '12',
      min_order_quantity: '2',
      unit: 'roll',
      pack_size: '1',
      weight_grams: '4200',
      tags: 'outdoor|buried',
      summary: 'Power cable, "heavy"',
      description: '<p>Black <em>PVC</em> sheath</p>',
      'spec:Colour': 'Black',
      'spec:Cross-section (mm²)': '2.5',
    });
    expect(records.find((record) => record[0] === 'C-2')?.[header.indexOf('stock')]).toBe('');
    // Another studio's export holds none of these rows.
    expect(await exportCsv('volt', owner.jar)).not.toContain('Ferrule set');

    const again = await upload(exported, 'elsewhere', other.jar);
    await run(again.id, 'elsewhere');
    expect((await report(again.id, other.jar, 'elsewhere')).json()).toMatchObject({
      status: 'completed',
      createdCount: 0,
      updatedCount: 3,
      rejectedCount: 0,
    });
    expect(await exportCsv('elsewhere', other.jar)).toBe(exported);
  });

  it('runs through the queue worker like in production', async () => {
    await t.queue.work(
      CATALOG_IMPORT_JOB,
      catalogImportWorker({ database: t.database, storage: t.storage, cache: t.cache }),
      { pollingIntervalSeconds: 0.5 },
    );
    const { id } = await upload('sku,name,price\nQ-1,Queued thing,3.00\n');
    let status = 'queued';
    for (let i = 0; i < 100 && status !== 'completed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await report(id)).json().status;
    }
    expect(status).toBe('completed');
  });
});
