import { and, desc, eq, lt } from 'drizzle-orm';
import type { StudioContext } from '../../platform/context.js';
import { emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import type { CatalogItem, CatalogListQuery, NewCatalogItem } from './catalog.schemas.js';
import { catalogItems, catalogVariants } from './catalog.tables.js';

function toCatalogItem(row: typeof catalogItems.$inferSelect): CatalogItem {
  return {
    id: row.id,
    kind: row.kind,
    slug: row.slug,
    name: row.name,
    summary: row.summary,
    price: { amountMinor: row.priceFromMinor, currency: row.currency },
    published: row.status === 'published',
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;

/**
 * What a studio sells. Every use case runs in the studio's RLS-scoped transaction (ctx.tx); the explicit
 * studio filter below is for the index, not for safety — RLS already hides other studios' rows.
 */
export function createCatalogService() {
  return {
    async listPublished(ctx: StudioContext, query: CatalogListQuery): Promise<PageResult<CatalogItem>> {
      const limit = query.limit ?? 20;
      const before = decodeCursor(query.cursor);
      const rows = await ctx.tx
        .select()
        .from(catalogItems)
        .where(
          and(
            eq(catalogItems.studioId, ctx.studioId),
            eq(catalogItems.status, 'published'),
            query.kind ? eq(catalogItems.kind, query.kind) : undefined,
            before ? lt(catalogItems.id, before) : undefined,
          ),
        )
        .orderBy(desc(catalogItems.id))
        .limit(limit + 1);
      return toPage(rows.map(toCatalogItem), limit);
    },

    async create(ctx: StudioContext, input: NewCatalogItem & { currency: string }): Promise<CatalogItem> {
      const published = input.published ?? true;
      const [row] = await ctx.tx
        .insert(catalogItems)
        .values({
          studioId: ctx.studioId,
          kind: input.kind,
          slug: input.slug,
          name: input.name,
          summary: input.summary ?? '',
          priceFromMinor: input.priceMinor,
          currency: input.currency,
          status: published ? 'published' : 'draft',
          publishedAt: published ? new Date() : null,
        })
        .onConflictDoNothing({ target: [catalogItems.studioId, catalogItems.slug] })
        .returning();
      if (!row) throw AppError.conflictOn('slug', `An item with the slug "${input.slug}" exists`);
      await ctx.tx
        .insert(catalogVariants)
        .values({ studioId: ctx.studioId, itemId: row.id, priceMinor: input.priceMinor });
      await emit(ctx.tx, {
        type: 'catalog.item.created',
        studioId: ctx.studioId,
        payload: { itemId: row.id, slug: row.slug },
      });
      return toCatalogItem(row);
    },
  };
}
