import { sql } from 'drizzle-orm';
import { type Static, Type } from 'typebox';
import type { Cache } from '../../platform/cache/index.js';
import type { StudioContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import type { Queue } from '../../platform/queue/index.js';
import { invalidateCatalog } from './catalog.cache.js';
import { type SaleRow, toSaleWindow } from './catalog.pricing.js';
import { CATALOG_RULES, salePriceNotBelow } from './catalog.reasons.js';
import { catalogFlashSales } from './catalog.tables.js';

/**
 * Flash sales (admin): a time-boxed price cut on one item. The price in force is always decided at read
 * time from startsAt/endsAt (catalog.pricing.ts), so the jobs scheduled here at the start and the end
 * are only announcements: they drop the studio's cached pages and emit catalog.flash_sale.started /
 * ended. A late or lost job changes nothing about the price anyone pays.
 */

export const FLASH_SALE_BOUNDARY_QUEUE = 'catalog.flash-sale-boundary';

export const FlashSaleSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    itemId: Type.String({ format: 'uuid' }),
    itemSlug: Type.String(),
    itemName: Type.String(),
    name: Type.String(),
    percentOff: Type.Union([Type.Integer(), Type.Null()]),
    salePriceMinor: Type.Union([Type.Integer(), Type.Null()]),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    state: Type.Union([Type.Literal('scheduled'), Type.Literal('running'), Type.Literal('ended')]),
  },
  { title: 'FlashSale' },
);
export type FlashSale = Static<typeof FlashSaleSchema>;

const saleRule = {
  name: Type.Optional(Type.String({ maxLength: 200 })),
  percentOff: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 99, description: 'Percent off every variant.' }),
  ),
  salePriceMinor: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 1_000_000_000_00,
      description: 'Fixed sale price, minor units: single-variant items only, below the price.',
    }),
  ),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
};

export const NewFlashSaleSchema = Type.Object(
  { itemId: Type.String({ format: 'uuid' }), ...saleRule },
  { additionalProperties: false, description: 'Give exactly one of percentOff and salePriceMinor.' },
);
export type NewFlashSale = Static<typeof NewFlashSaleSchema>;

export const FlashSaleChangesSchema = Type.Object(
  {
    name: saleRule.name,
    percentOff: Type.Optional(Type.Union([saleRule.percentOff, Type.Null()])),
    salePriceMinor: Type.Optional(Type.Union([saleRule.salePriceMinor, Type.Null()])),
    startsAt: Type.Optional(saleRule.startsAt),
    endsAt: Type.Optional(saleRule.endsAt),
  },
  { additionalProperties: false },
);
export type FlashSaleChanges = Static<typeof FlashSaleChangesSchema>;

export const FlashSaleListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  itemId: Type.Optional(Type.String({ format: 'uuid' })),
  state: Type.Optional(
    Type.Union([Type.Literal('scheduled'), Type.Literal('running'), Type.Literal('ended')]),
  ),
});
export type FlashSaleListQuery = Static<typeof FlashSaleListQuery>;

interface FlashSaleRow extends SaleRow {
  item_slug: string;
  item_name: string;
}

interface BoundaryJob {
  studioId: string;
  saleId: string;
  boundary: 'start' | 'end';
  /** The boundary time the job was scheduled for; a job for a since-moved boundary announces nothing. */
  at: string;
}

function toFlashSale(row: FlashSaleRow, now: Date): FlashSale {
  const window = toSaleWindow(row);
  const time = now.getTime();
  return {
    id: window.id,
    itemId: window.itemId,
    itemSlug: row.item_slug,
    itemName: row.item_name,
    name: window.name,
    percentOff: window.percentOff,
    salePriceMinor: window.salePriceMinor,
    startsAt: window.startsAt,
    endsAt: window.endsAt,
    state:
      time < Date.parse(window.startsAt)
        ? 'scheduled'
        : time < Date.parse(window.endsAt)
          ? 'running'
          : 'ended',
  };
}

const SELECT_SALE = sql`
  select s.id, s.item_id, s.name, s.percent_off, s.sale_price_minor, s.starts_at, s.ends_at,
    i.slug as item_slug, i.name as item_name
  from catalog_flash_sales s join catalog_items i on i.id = s.item_id`;

export type FlashSalesService = ReturnType<typeof createFlashSalesService>;

export function createFlashSalesService(deps: { queue?: Queue | undefined; clock?: () => Date } = {}) {
  const clock = deps.clock ?? (() => new Date());

  const get = async (ctx: StudioContext, id: string): Promise<FlashSale> => {
    const { rows } = (await ctx.tx.execute(
      sql`${SELECT_SALE} where s.studio_id = ${ctx.studioId} and s.id = ${id}`,
    )) as unknown as { rows: FlashSaleRow[] };
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'No such flash sale');
    return toFlashSale(row, clock());
  };

  /**
   * Checks a sale's rule against its item, with the item row locked so two admins cannot create
   * overlapping sales at once.
   */
  const check = async (
    ctx: StudioContext,
    sale: {
      id?: string;
      itemId: string;
      percentOff: number | null;
      salePriceMinor: number | null;
      startsAt: Date;
      endsAt: Date;
    },
  ) => {
    if ((sale.percentOff === null) === (sale.salePriceMinor === null)) {
      throw AppError.invalid(
        'percentOff',
        'Give exactly one of percentOff and salePriceMinor',
        CATALOG_RULES.salePercentOrPrice,
      );
    }
    if (sale.endsAt.getTime() <= sale.startsAt.getTime()) {
      throw AppError.invalid(
        'endsAt',
        'The sale must end after it starts',
        CATALOG_RULES.saleEndsBeforeStart,
      );
    }
    const { rows: items } = (await ctx.tx.execute(sql`
      select i.id, i.currency, (select count(*)::int from catalog_variants v where v.item_id = i.id and v.active) as variants,
        (select min(v.price_minor) from catalog_variants v where v.item_id = i.id and v.active) as price
      from catalog_items i where i.studio_id = ${ctx.studioId} and i.id = ${sale.itemId}
      for update of i
    `)) as unknown as {
      rows: { id: string; currency: string; variants: number; price: number | string | null }[];
    };
    const item = items[0];
    if (!item) {
      throw new AppError('not_found', 'No such item', {
        fields: [{ field: 'itemId', message: 'No such item' }],
      });
    }
    if (sale.salePriceMinor !== null) {
      if (Number(item.variants) !== 1) {
        throw AppError.invalid(
          'salePriceMinor',
          'A fixed sale price is only for items with one variant; use percentOff',
          CATALOG_RULES.salePriceNeedsOneVariant,
        );
      }
      if (sale.salePriceMinor >= Number(item.price)) {
        throw AppError.invalid(
          'salePriceMinor',
          `The sale price must be below the price (${item.price})`,
          salePriceNotBelow(Number(item.price), item.currency),
        );
      }
    }
    const { rows: overlapping } = (await ctx.tx.execute(sql`
      select id from catalog_flash_sales
      where studio_id = ${ctx.studioId} and item_id = ${sale.itemId}
        and id <> ${sale.id ?? '00000000-0000-0000-0000-000000000000'}::uuid
        and starts_at < ${sale.endsAt.toISOString()}::timestamptz
        and ends_at > ${sale.startsAt.toISOString()}::timestamptz
      limit 1
    `)) as unknown as { rows: { id: string }[] };
    if (overlapping.length > 0) {
      throw AppError.conflictOn(
        'startsAt',
        'Another flash sale of this item overlaps these dates',
        CATALOG_RULES.saleOverlaps,
      );
    }
  };

  /** Announcement jobs at the start and the end (inside the transaction: they exist only if it commits). */
  const schedule = async (ctx: StudioContext, saleId: string, startsAt: Date, endsAt: Date) => {
    if (!deps.queue) return;
    const now = clock().getTime();
    for (const [boundary, at] of [
      ['start', startsAt],
      ['end', endsAt],
    ] as const) {
      const job: BoundaryJob = { studioId: ctx.studioId, saleId, boundary, at: at.toISOString() };
      await deps.queue.send(FLASH_SALE_BOUNDARY_QUEUE, job, {
        tx: ctx.tx,
        startAfterSeconds: Math.max(0, Math.ceil((at.getTime() - now) / 1000)),
      });
    }
  };

  return {
    /**
     * Declares the job queue up front: declaring (or pg-boss looking the queue up) inside a transaction
     * needs a second connection, which PGlite (one connection) cannot give while the transaction holds it.
     */
    async prepare(): Promise<void> {
      if (!deps.queue) return;
      await deps.queue.declare(FLASH_SALE_BOUNDARY_QUEUE);
      // Warms pg-boss's queue cache, which send() would otherwise fill with a query of its own.
      await deps.queue.boss.getJobById(FLASH_SALE_BOUNDARY_QUEUE, '00000000-0000-4000-8000-000000000000');
    },

    get,

    async list(ctx: StudioContext, query: FlashSaleListQuery): Promise<PageResult<FlashSale>> {
      const limit = query.limit ?? 20;
      const before = decodeCursor(query.cursor);
      const now = clock().toISOString();
      const state =
        query.state === 'scheduled'
          ? sql`and s.starts_at > ${now}::timestamptz`
          : query.state === 'running'
            ? sql`and s.starts_at <= ${now}::timestamptz and s.ends_at > ${now}::timestamptz`
            : query.state === 'ended'
              ? sql`and s.ends_at <= ${now}::timestamptz`
              : sql``;
      const { rows } = (await ctx.tx.execute(sql`
        ${SELECT_SALE}
        where s.studio_id = ${ctx.studioId}
          ${query.itemId ? sql`and s.item_id = ${query.itemId}` : sql``}
          ${before ? sql`and s.id < ${before}::uuid` : sql``}
          ${state}
        order by s.id desc limit ${limit + 1}
      `)) as unknown as { rows: FlashSaleRow[] };
      return toPage(
        rows.map((row) => toFlashSale(row, clock())),
        limit,
      );
    },

    async create(ctx: StudioContext, input: NewFlashSale): Promise<FlashSale> {
      const sale = {
        itemId: input.itemId,
        percentOff: input.percentOff ?? null,
        salePriceMinor: input.salePriceMinor ?? null,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
      };
      await check(ctx, sale);
      const [row] = await ctx.tx
        .insert(catalogFlashSales)
        .values({ studioId: ctx.studioId, name: input.name ?? '', ...sale })
        .returning({ id: catalogFlashSales.id });
      const id = row?.id as string;
      await schedule(ctx, id, sale.startsAt, sale.endsAt);
      await emit(ctx.tx, {
        type: 'catalog.flash_sale.scheduled',
        studioId: ctx.studioId,
        payload: { flashSaleId: id, itemId: sale.itemId, startsAt: input.startsAt, endsAt: input.endsAt },
      });
      return get(ctx, id);
    },

    /**
     * Changes a scheduled or running sale (rule, dates, name) under the rules of create. An ended sale
     * is history (orders were priced by it): 409. Moved boundaries get new announcement jobs; the old
     * ones find their boundary moved and stay silent. The route drops cached pages after the commit.
     */
    async update(ctx: StudioContext, id: string, changes: FlashSaleChanges): Promise<FlashSale> {
      const current = await get(ctx, id);
      if (current.state === 'ended')
        throw AppError.conflictOn(
          'endsAt',
          'This flash sale has ended; schedule a new one instead',
          CATALOG_RULES.saleEnded,
        );
      const sale = {
        id,
        itemId: current.itemId,
        percentOff: changes.percentOff !== undefined ? changes.percentOff : current.percentOff,
        salePriceMinor:
          changes.salePriceMinor !== undefined ? changes.salePriceMinor : current.salePriceMinor,
        startsAt: new Date(changes.startsAt ?? current.startsAt),
        endsAt: new Date(changes.endsAt ?? current.endsAt),
      };
      // Switching rule: giving one clears the other unless both are given.
      if (changes.percentOff != null && changes.salePriceMinor === undefined) sale.salePriceMinor = null;
      if (changes.salePriceMinor != null && changes.percentOff === undefined) sale.percentOff = null;
      await check(ctx, sale);
      await ctx.tx.execute(sql`
        update catalog_flash_sales set
          name = ${changes.name ?? current.name}, percent_off = ${sale.percentOff},
          sale_price_minor = ${sale.salePriceMinor},
          starts_at = ${sale.startsAt.toISOString()}::timestamptz, ends_at = ${sale.endsAt.toISOString()}::timestamptz,
          updated_at = now()
        where studio_id = ${ctx.studioId} and id = ${id}
      `);
      if (sale.startsAt.toISOString() !== current.startsAt || sale.endsAt.toISOString() !== current.endsAt) {
        // The old jobs find their boundary moved and stay silent; new ones announce the new times.
        await schedule(ctx, id, sale.startsAt, sale.endsAt);
      }
      const updated = await get(ctx, id);
      await emit(ctx.tx, {
        type: 'catalog.flash_sale.updated',
        studioId: ctx.studioId,
        payload: {
          flashSaleId: id,
          itemId: updated.itemId,
          startsAt: updated.startsAt,
          endsAt: updated.endsAt,
        },
      });
      return updated;
    },

    async remove(ctx: StudioContext, id: string): Promise<void> {
      const { rows } = (await ctx.tx.execute(sql`
        delete from catalog_flash_sales where studio_id = ${ctx.studioId} and id = ${id} returning id
      `)) as unknown as { rows: { id: string }[] };
      if (rows.length === 0) throw new AppError('not_found', 'No such flash sale');
    },
  };
}

/**
 * What a boundary job does: drop the studio's cached catalog pages (the next read recomputes the sale
 * state anyway) and announce the start or end, once, if the sale still has that boundary.
 */
export async function runFlashSaleBoundary(
  deps: { database: Database; cache: Cache },
  job: BoundaryJob,
): Promise<void> {
  await deps.database.withStudio(job.studioId, async (tx) => {
    const { rows } = (await tx.execute(sql`
      select id, item_id, starts_at, ends_at from catalog_flash_sales
      where studio_id = ${job.studioId} and id = ${job.saleId}
    `)) as unknown as {
      rows: { id: string; item_id: string; starts_at: string | Date; ends_at: string | Date }[];
    };
    const sale = rows[0];
    if (!sale) return;
    const boundary = new Date(job.boundary === 'start' ? sale.starts_at : sale.ends_at).toISOString();
    if (boundary !== job.at) return;
    await emit(tx, {
      type: job.boundary === 'start' ? 'catalog.flash_sale.started' : 'catalog.flash_sale.ended',
      studioId: job.studioId,
      payload: { flashSaleId: sale.id, itemId: sale.item_id, at: job.at },
    });
  });
  await invalidateCatalog(deps.cache, job.studioId);
}

/** Wires the boundary worker (main.ts, processes that run workers). */
export async function registerFlashSaleWorkers(deps: { database: Database; cache: Cache; queue: Queue }) {
  await deps.queue.work<BoundaryJob>(FLASH_SALE_BOUNDARY_QUEUE, (job) => runFlashSaleBoundary(deps, job));
}
