import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openStudio, type Requester, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { FLASH_SALE_BOUNDARY_QUEUE, runFlashSaleBoundary } from './catalog.flash-sales.js';
import { type Seeded, seedCatalog } from './catalog.test-fixtures.js';

const { signUpVerified } = identityTesting;
type Jar = InstanceType<typeof identityTesting.Jar>;

const ADMIN = '/api/v1/studios/sale-shop/admin/catalog/flash-sales';
const SHOP = '/api/v1/studios/sale-shop/catalog';

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('catalog: flash sales', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let shopId: string;
  let seeded: Seeded;

  let asOwner: Requester;
  const itemId = (slug: string) => seeded.items.get(slug)?.id as string;
  const price = async (slug: string) => {
    const detail = (await requestAs(t, null)('GET', `${SHOP}/items/${slug}`)).json();
    return {
      item: detail.item.price.amountMinor as number,
      variants: detail.variants.map(
        (variant: { price: { amountMinor: number } }) => variant.price.amountMinor,
      ),
      onSale: detail.item.onSale as boolean,
      endsAt: detail.item.flashSale?.endsAt as string | undefined,
    };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await signUpVerified(t, 'sale-owner@example.com');
    asOwner = requestAs(t, owner);
    shopId = (
      await openStudio(t, owner, {
        slug: 'sale-shop',
        name: 'Sale shop',
        currency: 'THB',
        timezone: 'Asia/Bangkok',
        locale: 'th',
      })
    ).id;
    seeded = await seedCatalog(t.database, shopId, {
      currency: 'THB',
      items: [
        { slug: 'ui-kit', name: 'UI Kit', kind: 'digital', variants: [{ priceMinor: 99_900 }] },
        {
          slug: 'script',
          name: 'Shop Script',
          kind: 'digital',
          variants: [
            { title: '1 server', priceMinor: 50_000 },
            { title: '5 servers', priceMinor: 150_000 },
          ],
        },
        { slug: 'poster', name: 'Poster', variants: [{ priceMinor: 1_000 }] },
      ],
    });
  });
  afterAll(async () => t.close());

  it('refuses bad rules naming the field, unknown items, overlaps, and strangers', async () => {
    const base = { itemId: itemId('ui-kit'), percentOff: 10, startsAt: inMs(60_000), endsAt: inMs(120_000) };
    const expectField = async (payload: object, status: number, field: string, why?: object) => {
      const res = await asOwner('POST', ADMIN, payload);
      expect(res.statusCode, res.body).toBe(status);
      expect(
        res
          .json()
          .errors.map((error: { field: string }) => error.field)
          .join(),
      ).toContain(field);
      // the rule by name (and its numbers), for the scheduler to word in the owner's language
      if (why) expect(res.json().errors[0]).toMatchObject(why);
    };
    await expectField({ ...base, endsAt: inMs(30_000) }, 400, 'endsAt', { reason: 'sale.ends_before_start' });
    await expectField({ ...base, percentOff: 0 }, 400, 'percentOff');
    await expectField({ ...base, percentOff: 100 }, 400, 'percentOff');
    await expectField({ ...base, salePriceMinor: 500 }, 400, 'percentOff');
    await expectField({ ...base, percentOff: undefined }, 400, 'percentOff');
    await expectField(
      { ...base, percentOff: undefined, itemId: itemId('script'), salePriceMinor: 100 },
      400,
      'salePriceMinor',
    );
    await expectField({ ...base, percentOff: undefined, salePriceMinor: 99_900 }, 400, 'salePriceMinor', {
      reason: 'sale.price_not_below',
      params: { amountMinor: expect.any(Number), currency: 'THB' },
    });
    await expectField({ ...base, itemId: '0190a000-0000-7000-8000-000000000000' }, 404, 'itemId');

    const created = await asOwner('POST', ADMIN, base);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ state: 'scheduled', percentOff: 10, itemSlug: 'ui-kit' });
    await expectField({ ...base, startsAt: inMs(90_000), endsAt: inMs(200_000) }, 409, 'startsAt', {
      reason: 'sale.overlaps',
    });
    // Back to back is not an overlap.
    const next = await asOwner('POST', ADMIN, { ...base, startsAt: base.endsAt, endsAt: inMs(180_000) });
    expect(next.statusCode, next.body).toBe(201);

    expect((await requestAs(t, null)('GET', ADMIN)).statusCode).toBe(401);
    const stranger = await signUpVerified(t, 'sale-stranger@example.com');
    expect((await requestAs(t, stranger)('GET', ADMIN)).statusCode).toBe(404);

    const listed = (await asOwner('GET', `${ADMIN}?itemId=${itemId('ui-kit')}`)).json();
    expect(listed.items).toHaveLength(2);
    for (const sale of listed.items) {
      expect((await asOwner('DELETE', `${ADMIN}/${sale.id}`)).statusCode).toBe(204);
    }
    expect((await asOwner('GET', `${ADMIN}/${created.json().id}`)).statusCode).toBe(404);
  });

  it('prices at read time: the sale shows at once and stops at its end, even from cache, with no job run', async () => {
    expect(await price('script')).toMatchObject({ item: 50_000, variants: [50_000, 150_000], onSale: false });
    const endsAt = inMs(2_500);
    const created = await asOwner('POST', ADMIN, {
      itemId: itemId('script'),
      name: 'Songkran',
      percentOff: 15,
      startsAt: inMs(-1_000),
      endsAt,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().state).toBe('running');
    const during = await price('script');
    expect(during).toMatchObject({ item: 42_500, variants: [42_500, 127_500], onSale: true });
    expect(during.endsAt).toBe(new Date(endsAt).toISOString());
    const list = (await requestAs(t, null)('GET', `${SHOP}/items?onSale=true`)).json();
    expect(list.items.map((item: { slug: string }) => item.slug)).toEqual(['script']);
    expect(list.facets.onSale).toBe(1);

    // No worker runs in this app: nothing invalidates the cache when the sale ends. The read-time
    // decision (and the entry's staleAt at the sale's end) must still answer the list price.
    await sleep(Math.max(0, Date.parse(endsAt) - Date.now()) + 100);
    expect(await price('script')).toMatchObject({ item: 50_000, variants: [50_000, 150_000], onSale: false });
    const after = (await requestAs(t, null)('GET', `${SHOP}/items?onSale=true`)).json();
    expect(after.items).toEqual([]);
  });

  it('applies a fixed sale price to a single-variant item and sorts by the price in force', async () => {
    const res = await asOwner('POST', ADMIN, {
      itemId: itemId('ui-kit'),
      salePriceMinor: 500,
      startsAt: inMs(-1_000),
      endsAt: inMs(600_000),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await price('ui-kit')).toMatchObject({ item: 500, variants: [500], onSale: true });
    const sorted = (await requestAs(t, null)('GET', `${SHOP}/items?sort=price_asc`)).json();
    expect(sorted.items.map((item: { slug: string }) => item.slug)).toEqual(['ui-kit', 'poster', 'script']);
    const cheap = (await requestAs(t, null)('GET', `${SHOP}/items?maxPrice=600`)).json();
    expect(cheap.items.map((item: { slug: string }) => item.slug)).toEqual(['ui-kit']);
  });

  it('schedules start and end jobs in the transaction; a job announces its boundary once it is still current', async () => {
    const startsAt = inMs(3_600_000);
    const endsAt = inMs(7_200_000);
    const res = await asOwner('POST', ADMIN, { itemId: itemId('poster'), percentOff: 20, startsAt, endsAt });
    expect(res.statusCode, res.body).toBe(201);
    const saleId = res.json().id;
    const { rows: jobs } = (await t.database.db.execute(sql`
      select data, start_after from pgboss.job where name = ${FLASH_SALE_BOUNDARY_QUEUE}
        and data->>'saleId' = ${saleId} order by start_after
    `)) as unknown as { rows: { data: { boundary: string; at: string }; start_after: string | Date }[] };
    expect(jobs.map((job) => job.data.boundary)).toEqual(['start', 'end']);
    expect(Math.abs(new Date(jobs[0]?.start_after as string).getTime() - Date.parse(startsAt))).toBeLessThan(
      5_000,
    );

    // Moving the sale leaves the old start job silent; the job for the current start emits the event.
    const moved = await asOwner('PATCH', `${ADMIN}/${saleId}`, { startsAt: inMs(1_800_000) });
    expect(moved.statusCode, moved.body).toBe(200);
    const deps = { database: t.database, cache: t.cache };
    const job = { studioId: shopId, saleId, boundary: 'start' as const };
    await runFlashSaleBoundary(deps, { ...job, at: new Date(startsAt).toISOString() });
    await runFlashSaleBoundary(deps, { ...job, at: moved.json().startsAt });
    const { rows: events } = (await t.database.db.execute(sql`
      select type, payload from outbox_events where type like 'catalog.flash_sale.%'
        and payload->>'flashSaleId' = ${saleId}
    `)) as unknown as { rows: { type: string }[] };
    expect(events.map((event) => event.type).sort()).toEqual([
      'catalog.flash_sale.scheduled',
      'catalog.flash_sale.started',
      'catalog.flash_sale.updated',
    ]);
    // The job ran early (started at its scheduled time in real life): the price is still decided by the clock.
    expect(await price('poster')).toMatchObject({ item: 1_000, onSale: false });
  });
  it('edits a scheduled or running sale under the rules of create, and refuses to edit an ended one', async () => {
    const fields = (res: { json: () => { errors?: { field: string }[] } }) =>
      (res.json().errors ?? []).map((error) => error.field);
    const jobsOf = async (saleId: string) => {
      const { rows } = (await t.database.db.execute(sql`
        select data from pgboss.job where name = ${FLASH_SALE_BOUNDARY_QUEUE} and data->>'saleId' = ${saleId}
      `)) as unknown as { rows: { data: { boundary: string; at: string } }[] };
      return rows.map((row) => `${row.data.boundary}@${row.data.at}`);
    };

    // A scheduled sale: rule, name and end change; the new end gets its own announcement job.
    const scheduled = await asOwner('POST', ADMIN, {
      itemId: itemId('ui-kit'),
      percentOff: 10,
      startsAt: inMs(3 * 3_600_000),
      endsAt: inMs(4 * 3_600_000),
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const saleId = scheduled.json().id;
    const newEnd = new Date(Date.parse(scheduled.json().endsAt) + 3_600_000).toISOString();
    const edited = await asOwner('PATCH', `${ADMIN}/${saleId}`, {
      name: 'Mid-year',
      percentOff: 25,
      endsAt: newEnd,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      name: 'Mid-year',
      percentOff: 25,
      salePriceMinor: null,
      startsAt: scheduled.json().startsAt,
      endsAt: newEnd,
      state: 'scheduled',
    });
    expect(await jobsOf(saleId)).toContain(`end@${newEnd}`);
    // Switching to a fixed price clears the percentage.
    const fixed = await asOwner('PATCH', `${ADMIN}/${saleId}`, { salePriceMinor: 50_000 });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ percentOff: null, salePriceMinor: 50_000 });

    // Same rules as create, naming the field; nothing changes on a refusal.
    const backwards = await asOwner('PATCH', `${ADMIN}/${saleId}`, { endsAt: scheduled.json().startsAt });
    expect(backwards.statusCode, backwards.body).toBe(400);
    expect(fields(backwards)).toEqual(['endsAt']);
    const tooHigh = await asOwner('PATCH', `${ADMIN}/${saleId}`, { salePriceMinor: 99_900 });
    expect(tooHigh.statusCode).toBe(400);
    expect(fields(tooHigh)).toEqual(['salePriceMinor']);
    const other = await asOwner('POST', ADMIN, {
      itemId: itemId('ui-kit'),
      percentOff: 5,
      startsAt: inMs(10 * 3_600_000),
      endsAt: inMs(11 * 3_600_000),
    });
    expect(other.statusCode, other.body).toBe(201);
    const overlap = await asOwner('PATCH', `${ADMIN}/${saleId}`, { endsAt: inMs(10.5 * 3_600_000) });
    expect(overlap.statusCode, overlap.body).toBe(409);
    expect(fields(overlap)).toEqual(['startsAt']);
    expect((await asOwner('GET', `${ADMIN}/${saleId}`)).json()).toMatchObject({
      endsAt: newEnd,
      salePriceMinor: 50_000,
    });

    // A running sale: the new percentage is the price at once (cached pages were dropped after commit).
    const running = await asOwner('POST', ADMIN, {
      itemId: itemId('poster'),
      percentOff: 20,
      startsAt: inMs(-1_000),
      endsAt: inMs(600_000),
    });
    expect(running.statusCode, running.body).toBe(201);
    expect(await price('poster')).toMatchObject({ item: 800, onSale: true });
    const deeper = await asOwner('PATCH', `${ADMIN}/${running.json().id}`, { percentOff: 50 });
    expect(deeper.statusCode, deeper.body).toBe(200);
    expect(deeper.json().state).toBe('running');
    expect(await price('poster')).toMatchObject({ item: 500, onSale: true });

    // An ended sale is history.
    const ended = await asOwner('POST', ADMIN, {
      itemId: itemId('script'),
      percentOff: 30,
      startsAt: inMs(-2 * 3_600_000),
      endsAt: inMs(-3_600_000),
    });
    expect(ended.statusCode, ended.body).toBe(201);
    expect(ended.json().state).toBe('ended');
    const late = await asOwner('PATCH', `${ADMIN}/${ended.json().id}`, { endsAt: inMs(3_600_000) });
    expect(late.statusCode, late.body).toBe(409);
    expect(fields(late)).toEqual(['endsAt']);

    // Strangers and unknown ids: 404.
    const stranger = await signUpVerified(t, 'sale-editor-stranger@example.com');
    expect((await requestAs(t, stranger)('PATCH', `${ADMIN}/${saleId}`, { name: 'x' })).statusCode).toBe(404);
    const unknown = await asOwner('PATCH', `${ADMIN}/0190a000-0000-7000-8000-000000000000`, { name: 'x' });
    expect(unknown.statusCode).toBe(404);
  });
});
