import { and, asc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { StudioContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type {
  CategoryDeleteQuery,
  CategoryMove,
  CategoryNode,
  CategoryPatch,
  NewCategory,
} from './catalog.admin.schemas.js';
import { slugify } from './catalog.admin.service.js';
import { CATALOG_RULES, slugTaken } from './catalog.reasons.js';
import { catalogCategories, catalogItems } from './catalog.tables.js';
import { isUniqueViolation } from './catalog.variants.js';

/**
 * The category tree. Each row keeps `path` (ancestor ids + own id, joined by '/') and `depth`, so a
 * subtree is one prefix match; moving a category rewrites the path and depth of its whole subtree in
 * one UPDATE. Siblings are ordered by `position`.
 */

type CategoryRow = typeof catalogCategories.$inferSelect;

async function findCategory(ctx: StudioContext, id: string, field?: string): Promise<CategoryRow> {
  const [row] = await ctx.tx
    .select()
    .from(catalogCategories)
    .where(and(eq(catalogCategories.studioId, ctx.studioId), eq(catalogCategories.id, id)));
  if (!row)
    throw new AppError('not_found', 'No such category', {
      ...(field ? { fields: [{ field, message: 'is not a category of this studio' }] } : {}),
    });
  return row;
}

const siblingsOf = (ctx: StudioContext, parentId: string | null) =>
  and(
    eq(catalogCategories.studioId, ctx.studioId),
    parentId ? eq(catalogCategories.parentId, parentId) : isNull(catalogCategories.parentId),
  );

async function nextPosition(ctx: StudioContext, parentId: string | null): Promise<number> {
  const [row] = await ctx.tx
    .select({ max: sql<number>`coalesce(max(${catalogCategories.position}), -1)::int` })
    .from(catalogCategories)
    .where(siblingsOf(ctx, parentId));
  return (row?.max ?? -1) + 1;
}

async function assertSlugFree(ctx: StudioContext, slug: string, exceptId?: string) {
  const [taken] = await ctx.tx
    .select({ id: catalogCategories.id })
    .from(catalogCategories)
    .where(and(eq(catalogCategories.studioId, ctx.studioId), eq(catalogCategories.slug, slug)));
  if (taken && taken.id !== exceptId)
    throw AppError.conflictOn('slug', `A category with the slug "${slug}" exists`, slugTaken(slug));
}

const toNode = (
  row: CategoryRow,
  counts: Map<string, number>,
  totals: Map<string, number>,
): CategoryNode => ({
  id: row.id,
  parentId: row.parentId,
  slug: row.slug,
  name: row.name,
  description: row.description,
  position: row.position,
  depth: row.depth,
  path: row.path,
  itemCount: counts.get(row.id) ?? 0,
  totalItemCount: totals.get(row.id) ?? 0,
});

/** The whole tree, depth-first (each category right after its parent, siblings by position), with counts. */
export async function listCategoryTree(ctx: StudioContext): Promise<CategoryNode[]> {
  // One after another: a transaction is one connection, and pg cannot run two queries on it at once.
  const rows = await ctx.tx
    .select()
    .from(catalogCategories)
    .where(eq(catalogCategories.studioId, ctx.studioId))
    .orderBy(asc(catalogCategories.position), asc(catalogCategories.name));
  const counted = await ctx.tx
    .select({ categoryId: catalogItems.categoryId, count: sql<number>`count(*)::int` })
    .from(catalogItems)
    .where(eq(catalogItems.studioId, ctx.studioId))
    .groupBy(catalogItems.categoryId);
  const counts = new Map(counted.map((row) => [row.categoryId ?? '', row.count]));
  const totals = new Map<string, number>();
  for (const row of rows)
    for (const ancestor of row.path.split('/'))
      totals.set(ancestor, (totals.get(ancestor) ?? 0) + (counts.get(row.id) ?? 0));
  const children = new Map<string | null, CategoryRow[]>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const ordered: CategoryNode[] = [];
  const walk = (parentId: string | null) => {
    for (const row of children.get(parentId) ?? []) {
      ordered.push(toNode(row, counts, totals));
      walk(row.id);
    }
  };
  walk(null);
  return ordered;
}

async function nodeOf(ctx: StudioContext, id: string): Promise<CategoryNode> {
  const tree = await listCategoryTree(ctx);
  return tree.find((node) => node.id === id) as CategoryNode;
}

const slugConflict = (error: unknown, slug: string | undefined) => {
  if (isUniqueViolation(error, 'catalog_categories_studio_slug_key'))
    return AppError.conflictOn('slug', `A category with the slug "${slug}" exists`, slugTaken(slug));
  return error;
};

export async function createCategory(ctx: StudioContext, input: NewCategory): Promise<CategoryNode> {
  const parent = input.parentId ? await findCategory(ctx, input.parentId, 'parentId') : null;
  const slug = input.slug ?? slugify(input.name, 'category');
  await assertSlugFree(ctx, slug);
  const id = uuidv7();
  try {
    await ctx.tx.insert(catalogCategories).values({
      id,
      studioId: ctx.studioId,
      parentId: parent?.id ?? null,
      slug,
      name: input.name,
      description: input.description ?? '',
      position: await nextPosition(ctx, parent?.id ?? null),
      path: parent ? `${parent.path}/${id}` : id,
      depth: parent ? parent.depth + 1 : 0,
    });
  } catch (error) {
    throw slugConflict(error, slug);
  }
  return nodeOf(ctx, id);
}

export async function updateCategory(
  ctx: StudioContext,
  id: string,
  patch: CategoryPatch,
): Promise<CategoryNode> {
  await findCategory(ctx, id);
  if (patch.slug !== undefined) await assertSlugFree(ctx, patch.slug, id);
  try {
    await ctx.tx
      .update(catalogCategories)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(catalogCategories.id, id));
  } catch (error) {
    throw slugConflict(error, patch.slug);
  }
  return nodeOf(ctx, id);
}

/** Rewrites path and depth of `category` and everything under it to hang below `parent`. */
async function rehang(ctx: StudioContext, category: CategoryRow, parent: CategoryRow | null) {
  const newPath = parent ? `${parent.path}/${category.id}` : category.id;
  const depthChange = (parent ? parent.depth + 1 : 0) - category.depth;
  await ctx.tx
    .update(catalogCategories)
    .set({
      path: sql`${newPath} || substr(${catalogCategories.path}, ${category.path.length + 1})`,
      depth: sql`${catalogCategories.depth} + ${depthChange}`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(catalogCategories.studioId, ctx.studioId),
        or(eq(catalogCategories.path, category.path), like(catalogCategories.path, `${category.path}/%`)),
      ),
    );
}

/** Places `id` among its siblings at `position` (others shift), renumbering 0..n. */
async function placeAmongSiblings(
  ctx: StudioContext,
  id: string,
  parentId: string | null,
  position?: number,
) {
  const siblings = await ctx.tx
    .select({ id: catalogCategories.id })
    .from(catalogCategories)
    .where(siblingsOf(ctx, parentId))
    .orderBy(asc(catalogCategories.position), asc(catalogCategories.name));
  const others = siblings.map((row) => row.id).filter((other) => other !== id);
  const at = Math.min(position ?? others.length, others.length);
  const order = [...others.slice(0, at), id, ...others.slice(at)];
  for (const [index, sibling] of order.entries())
    await ctx.tx.update(catalogCategories).set({ position: index }).where(eq(catalogCategories.id, sibling));
}

/** Moves a category (and its subtree) under another parent, or to the root with parentId null. */
export async function moveCategory(
  ctx: StudioContext,
  id: string,
  input: CategoryMove,
): Promise<CategoryNode> {
  const category = await findCategory(ctx, id);
  const parent = input.parentId ? await findCategory(ctx, input.parentId, 'parentId') : null;
  if (parent && (parent.id === id || parent.path.startsWith(`${category.path}/`)))
    throw AppError.invalid(
      'parentId',
      'A category cannot move under itself or one of its descendants',
      CATALOG_RULES.categoryUnderItself,
    );
  if ((parent?.id ?? null) !== category.parentId) {
    await ctx.tx
      .update(catalogCategories)
      .set({ parentId: parent?.id ?? null })
      .where(eq(catalogCategories.id, id));
    await rehang(ctx, category, parent);
  }
  await placeAmongSiblings(ctx, id, parent?.id ?? null, input.position);
  return nodeOf(ctx, id);
}

/** New order of siblings: position = index in `ids`. All ids must share one parent. */
export async function reorderCategories(ctx: StudioContext, ids: string[]): Promise<CategoryNode[]> {
  const rows = await ctx.tx
    .select({ id: catalogCategories.id, parentId: catalogCategories.parentId })
    .from(catalogCategories)
    .where(and(eq(catalogCategories.studioId, ctx.studioId), inArray(catalogCategories.id, ids)));
  const parents = new Map(rows.map((row) => [row.id, row.parentId]));
  const missing = ids.findIndex((id) => !parents.has(id));
  if (missing >= 0)
    throw new AppError('not_found', 'No such category', {
      fields: [{ field: `ids[${missing}]`, message: 'is not a category of this studio' }],
    });
  const parentId = parents.get(ids[0] as string) ?? null;
  const stranger = ids.findIndex((id) => (parents.get(id) ?? null) !== parentId);
  if (stranger >= 0)
    throw AppError.invalid(`ids[${stranger}]`, 'is not a sibling of ids[0]; reorder one parent at a time');
  // The listed ids first, in the given order; siblings left out keep their relative order after them.
  const siblings = await ctx.tx
    .select({ id: catalogCategories.id })
    .from(catalogCategories)
    .where(siblingsOf(ctx, parentId))
    .orderBy(asc(catalogCategories.position), asc(catalogCategories.name));
  const order = [...ids, ...siblings.map((row) => row.id).filter((id) => !ids.includes(id))];
  for (const [position, id] of order.entries())
    await ctx.tx.update(catalogCategories).set({ position }).where(eq(catalogCategories.id, id));
  return listCategoryTree(ctx);
}

/**
 * Deletes a category. Its children move up to its parent. Its items need a decision: without
 * `items=move&to=...` or `items=uncategorise` (or, with only children, `children=move_up`) the answer
 * is a 409 that says what is in it and what the choices are. Returns the ids of the items that changed.
 */
export async function deleteCategory(ctx: StudioContext, id: string, choice: CategoryDeleteQuery) {
  const category = await findCategory(ctx, id);
  const items = await ctx.tx
    .select({ id: catalogItems.id })
    .from(catalogItems)
    .where(and(eq(catalogItems.studioId, ctx.studioId), eq(catalogItems.categoryId, id)));
  const children = await ctx.tx.select().from(catalogCategories).where(siblingsOf(ctx, id));

  if (items.length > 0 && !choice.items) {
    const what = `${items.length} item(s)${children.length ? ` and ${children.length} subcategor${children.length === 1 ? 'y' : 'ies'}` : ''}`;
    throw new AppError(
      'conflict',
      `"${category.name}" holds ${what}. Say what happens to its items: ?items=move&to=<categoryId> moves them ` +
        'to another category, ?items=uncategorise leaves them without a category. Subcategories move up to its parent.',
      {
        fields: [
          {
            field: 'query.items',
            message: `choose "move" (with "to") or "uncategorise" for ${items.length} item(s)`,
          },
        ],
      },
    );
  }
  if (items.length === 0 && children.length > 0 && !choice.items && choice.children !== 'move_up') {
    throw new AppError(
      'conflict',
      `"${category.name}" has ${children.length} subcategor${children.length === 1 ? 'y' : 'ies'}; ` +
        'repeat with ?children=move_up to delete it and move them up to its parent.',
      { fields: [{ field: 'query.children', message: 'send "move_up" to confirm' }] },
    );
  }

  let target: CategoryRow | null = null;
  if (choice.items === 'move' && items.length > 0) {
    if (!choice.to) throw AppError.invalid('query.to', 'items=move needs the target category in `to`');
    if (choice.to === id)
      throw AppError.invalid(
        'query.to',
        'cannot move the items into the category being deleted',
        CATALOG_RULES.categoryMoveIntoDeleted,
      );
    target = await findCategory(ctx, choice.to, 'query.to');
  }
  const itemIds = items.map((item) => item.id);
  if (itemIds.length > 0)
    await ctx.tx
      .update(catalogItems)
      .set({ categoryId: target?.id ?? null, updatedAt: new Date() })
      .where(inArray(catalogItems.id, itemIds));

  const parent = category.parentId ? await findCategory(ctx, category.parentId) : null;
  let position = await nextPosition(ctx, parent?.id ?? null);
  for (const child of children) {
    await ctx.tx
      .update(catalogCategories)
      .set({ parentId: parent?.id ?? null, position: position++ })
      .where(eq(catalogCategories.id, child.id));
    await rehang(ctx, child, parent);
  }
  await ctx.tx.delete(catalogCategories).where(eq(catalogCategories.id, id));
  return {
    result: {
      id,
      movedItems: target ? itemIds.length : 0,
      uncategorisedItems: target ? 0 : itemIds.length,
      movedChildren: children.length,
    },
    itemIds,
  };
}
