import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { StudioContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import type {
  MatrixRequest,
  OptionInput,
  ProposedMatrix,
  VariantInput,
  VariantsReplacement,
} from './catalog.admin.schemas.js';
import { assertNoFieldErrors, validateVariantDetails } from './catalog.details.js';
import {
  CATALOG_RULES,
  skuKeptByRetired,
  skuRepeated,
  skuTaken,
  tooManyVariants,
  unknownSkuPlaceholder,
  variantBelowZero,
} from './catalog.reasons.js';
import { toUuidArray } from './catalog.search.js';
import {
  type CatalogItemKind,
  catalogImages,
  catalogItems,
  catalogOptions,
  catalogVariants,
} from './catalog.tables.js';

/**
 * An item's options (axes such as Size x Material) and variants (one purchasable combination each),
 * replaced together, plus the matrix generator that proposes every combination.
 *
 * The rule that holds everything together: every variant names exactly one value of every option and
 * nothing else (an item without options has exactly one variant naming nothing), and no two variants
 * name the same combination. The storefront's variant picker and the cart rely on it.
 */

/**
 * Recomputes `priceFromMinor` / `compareAtFromMinor` of the given items from their variants: the
 * cheapest active variant (or the cheapest of all when none is active), and its compare-at price when
 * that is higher than its price. One UPDATE for any number of items; call it in the same transaction
 * as any variant write (the CSV import does too).
 */
export async function refreshItemPrices(tx: Tx, itemIds: string[]): Promise<void> {
  const ids = [...new Set(itemIds)];
  if (ids.length === 0) return;
  await tx.execute(sql`
    update catalog_items i set
      price_from_minor = coalesce(c.price_minor, 0),
      compare_at_from_minor = case when c.compare_at_minor > c.price_minor then c.compare_at_minor end,
      updated_at = now()
    from (
      select ids.id, v.price_minor, v.compare_at_minor
      from unnest(${toUuidArray(ids)}) as ids(id)
      left join lateral (
        select price_minor, compare_at_minor from catalog_variants
        where item_id = ids.id
        order by active desc, price_minor, position
        limit 1
      ) v on true
    ) c
    where i.id = c.id
  `);
}

/** "A4 / Matte / Black" from the option order. */
export function variantTitle(options: OptionInput[], optionValues: Record<string, string>): string {
  return options.map((option) => optionValues[option.name] ?? '').join(' / ');
}

const combinationKey = (options: OptionInput[], values: Record<string, string>) =>
  JSON.stringify(options.map((option) => values[option.name]));

/** 400s for options that are not a clean set of axes: duplicate names, duplicate or empty values. */
export function optionErrors(options: OptionInput[], prefix = 'options'): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  options.forEach((option, i) => {
    const name = option.name.trim().toLowerCase();
    if (names.has(name))
      errors.push({ field: `${prefix}[${i}].name`, message: `option "${option.name}" is listed twice` });
    names.add(name);
    const seen = new Set<string>();
    option.values.forEach((value, j) => {
      if (seen.has(value))
        errors.push({ field: `${prefix}[${i}].values[${j}]`, message: `"${value}" is listed twice` });
      seen.add(value);
    });
  });
  return errors;
}

/**
 * The variants must cover the options exactly: `variants[i].optionValues` names every option once, with
 * one of its values, and no other key; no two variants share a combination; an item without options
 * has exactly one variant with `{}`.
 */
export function variantErrors(
  kind: CatalogItemKind,
  options: OptionInput[],
  variants: VariantInput[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (options.length === 0 && variants.length > 1)
    errors.push({
      field: 'variants',
      message: 'an item without options has exactly one variant; add options to sell more',
    });
  const seen = new Map<string, number>();
  variants.forEach((variant, i) => {
    const values = variant.optionValues ?? {};
    const field = `variants[${i}].optionValues`;
    const extra = Object.keys(values).filter((key) => !options.some((option) => option.name === key));
    const problems: string[] = [];
    if (extra.length > 0) problems.push(`names no option ${extra.map((key) => `"${key}"`).join(', ')}`);
    for (const option of options) {
      const value = values[option.name];
      if (value === undefined) problems.push(`is missing "${option.name}"`);
      else if (!option.values.includes(value))
        problems.push(`"${value}" is not a value of "${option.name}" (${option.values.join(', ')})`);
    }
    if (problems.length > 0) {
      errors.push({ field, message: `does not match the item's options: ${problems.join('; ')}` });
    } else {
      const key = combinationKey(options, values);
      const first = seen.get(key);
      if (first !== undefined)
        errors.push({ field, message: `is the same combination as variants[${first}]` });
      else seen.set(key, i);
    }
    if (variant.compareAtMinor != null && variant.compareAtMinor < variant.priceMinor)
      errors.push({ field: `variants[${i}].compareAtMinor`, message: 'must not be lower than the price' });
    errors.push(...validateVariantDetails(kind, variant.details ?? {}, `variants[${i}].details`));
  });
  return errors;
}

/** 409 naming `variants[i].sku` when another item of the studio already uses that SKU. */
export async function assertSkusFree(
  ctx: StudioContext,
  itemId: string | null,
  variants: VariantInput[],
): Promise<void> {
  const seen = new Map<string, number>();
  variants.forEach((variant, i) => {
    if (!variant.sku) return;
    const before = seen.get(variant.sku);
    if (before !== undefined)
      throw AppError.conflictOn(
        `variants[${i}].sku`,
        `SKU "${variant.sku}" is also on variants[${before}]`,
        skuRepeated(variant.sku),
      );
    seen.set(variant.sku, i);
  });
  const wanted = [...seen.keys()];
  if (wanted.length === 0) return;
  const taken = await ctx.tx
    .select({ sku: catalogVariants.sku })
    .from(catalogVariants)
    .where(
      and(
        eq(catalogVariants.studioId, ctx.studioId),
        inArray(catalogVariants.sku, wanted),
        itemId ? ne(catalogVariants.itemId, itemId) : undefined,
      ),
    );
  const takenSkus = new Set(taken.map((row) => row.sku));
  const index = variants.findIndex((variant) => variant.sku && takenSkus.has(variant.sku));
  if (index >= 0)
    throw AppError.conflictOn(
      `variants[${index}].sku`,
      `SKU "${variants[index]?.sku}" is used by another item`,
      skuTaken(variants[index]?.sku ?? ''),
    );
}

/** True for Postgres' unique-violation (a concurrent writer took the SKU between check and insert). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let current: unknown = error;
  while (current && typeof current === 'object') {
    const {
      code,
      constraint: name,
      message,
    } = current as { code?: string; constraint?: string; message?: string };
    if (code === '23505')
      return constraint === undefined || name === constraint || !!message?.includes(constraint);
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Replaces an item's options and variants. Variants sent with the `id` of an existing variant of this
 * item keep that id; the others are created, except that one sent without an id but with the SKU of
 * one of this item's variants is that variant (so re-sending a retired variant's SKU brings it back).
 *
 * Existing variants not sent are retired, never deleted: `active = false`, placed after the sent ones,
 * SKU and stock kept. Carts, orders and their stock movements point at variant ids (orders keep a
 * snapshot, but cancelling one gives stock back to the variant), so a variant that was ever sold must
 * stay; an inactive variant is not sold, listed or counted in the item's "from" price. The catalog
 * cannot see whether an order refers to a variant (it never reads the orders tables), so every
 * removal retires. Validates everything before writing; refreshes the item's "from" prices.
 */
export async function replaceVariants(
  ctx: StudioContext,
  item: { id: string; kind: CatalogItemKind },
  input: VariantsReplacement,
): Promise<void> {
  const options = input.options ?? [];
  assertNoFieldErrors([...optionErrors(options), ...variantErrors(item.kind, options, input.variants)]);

  const existing = await ctx.tx
    .select({ id: catalogVariants.id, sku: catalogVariants.sku })
    .from(catalogVariants)
    .where(eq(catalogVariants.itemId, item.id));
  const existingIds = new Set(existing.map((row) => row.id));
  const unknown = input.variants.findIndex((variant) => variant.id && !existingIds.has(variant.id));
  if (unknown >= 0)
    throw new AppError('not_found', 'No such variant of this item', {
      fields: [{ field: `variants[${unknown}].id`, message: 'is not a variant of this item' }],
    });

  const imageIds = input.variants.map((variant) => variant.imageId).filter((id): id is string => !!id);
  if (imageIds.length > 0) {
    const images = await ctx.tx
      .select({ id: catalogImages.id })
      .from(catalogImages)
      .where(and(eq(catalogImages.itemId, item.id), inArray(catalogImages.id, imageIds)));
    const found = new Set(images.map((image) => image.id));
    const bad = input.variants.findIndex((variant) => variant.imageId && !found.has(variant.imageId));
    if (bad >= 0)
      throw AppError.invalid(
        `variants[${bad}].imageId`,
        'is not an image of this item',
        CATALOG_RULES.variantImageNotOfItem,
      );
  }
  await assertSkusFree(ctx, item.id, input.variants);

  const variants = matchBySku(input.variants, existing);
  const kept = new Set(variants.map((variant) => variant.id).filter((id): id is string => !!id));
  const retired = existing.filter((row) => !kept.has(row.id));
  // A retired variant keeps its SKU (past orders and stock history name it): another variant of the
  // set cannot take it over.
  const retiredSkus = new Set(retired.map((row) => row.sku).filter(Boolean));
  const clash = variants.findIndex((variant) => variant.sku && retiredSkus.has(variant.sku));
  if (clash >= 0)
    throw AppError.conflictOn(
      `variants[${clash}].sku`,
      `SKU "${variants[clash]?.sku}" stays with the variant this save retires (past orders name it); keep that variant in the set, or choose another SKU`,
      skuKeptByRetired(variants[clash]?.sku ?? ''),
    );

  await ctx.tx.delete(catalogOptions).where(eq(catalogOptions.itemId, item.id));
  if (options.length > 0)
    await ctx.tx.insert(catalogOptions).values(
      options.map((option, position) => ({
        studioId: ctx.studioId,
        itemId: item.id,
        name: option.name,
        values: option.values,
        position,
      })),
    );

  if (retired.length > 0)
    // After the sent variants (positions 0..n-1), in their old order; already retired ones keep their
    // updated_at.
    await ctx.tx.execute(sql`
      update catalog_variants v set
        active = false,
        position = ${variants.length} + r.rank - 1,
        updated_at = case when v.active then now() else v.updated_at end
      from (
        select id, row_number() over (order by position, id) as rank from catalog_variants
        where id = any(${toUuidArray(retired.map((row) => row.id))})
      ) r
      where v.id = r.id
    `);
  // Clear kept SKUs first so two variants may swap SKUs without tripping the unique index mid-way.
  if (kept.size > 0)
    await ctx.tx
      .update(catalogVariants)
      .set({ sku: null })
      .where(inArray(catalogVariants.id, [...kept]));

  const trackByDefault = item.kind === 'product';
  try {
    for (const [position, variant] of variants.entries()) {
      const row = {
        sku: variant.sku ?? null,
        title: variantTitle(options, variant.optionValues ?? {}),
        optionValues: variant.optionValues ?? {},
        priceMinor: variant.priceMinor,
        compareAtMinor: variant.compareAtMinor ?? null,
        trackStock: variant.trackStock ?? trackByDefault,
        stock: variant.stock ?? 0,
        minOrderQuantity: variant.minOrderQuantity ?? 1,
        weightGrams: variant.weightGrams ?? null,
        imageId: variant.imageId ?? null,
        podProductId: variant.podProductId ?? null,
        podVariantId: variant.podVariantId ?? null,
        details: variant.details ?? {},
        active: variant.active ?? true,
        position,
        updatedAt: new Date(),
      };
      if (variant.id) await ctx.tx.update(catalogVariants).set(row).where(eq(catalogVariants.id, variant.id));
      else
        await ctx.tx
          .insert(catalogVariants)
          .values({ ...row, id: uuidv7(), studioId: ctx.studioId, itemId: item.id });
    }
  } catch (error) {
    if (isUniqueViolation(error, 'catalog_variants_studio_sku_key'))
      throw AppError.conflictOn(
        'variants.sku',
        'A SKU of these variants was just taken by another item',
        CATALOG_RULES.skuTakenMeanwhile,
      );
    throw error;
  }
  await refreshItemPrices(ctx.tx, [item.id]);
}

/**
 * Gives a variant sent without an id the id of this item's variant with the same SKU, unless that
 * variant is sent with its own id as well (then the SKU moves, and the unique index decides).
 */
function matchBySku(
  variants: VariantInput[],
  existing: { id: string; sku: string | null }[],
): VariantInput[] {
  const claimed = new Set(variants.map((variant) => variant.id).filter(Boolean));
  const bySku = new Map(
    existing.flatMap((row) => (row.sku && !claimed.has(row.id) ? [[row.sku, row.id] as const] : [])),
  );
  return variants.map((variant) => {
    const id = !variant.id && variant.sku ? bySku.get(variant.sku) : undefined;
    return id ? { ...variant, id } : variant;
  });
}

/** The options and variants of items, in display order, keyed by item id. */
export async function loadVariants(tx: Tx, itemIds: string[]) {
  if (itemIds.length === 0) return { options: [], variants: [] };
  // One after another: a transaction is one connection, and pg cannot run two queries on it at once.
  const options = await tx
    .select()
    .from(catalogOptions)
    .where(inArray(catalogOptions.itemId, itemIds))
    .orderBy(catalogOptions.position);
  const variants = await tx
    .select()
    .from(catalogVariants)
    .where(inArray(catalogVariants.itemId, itemIds))
    .orderBy(catalogVariants.position, catalogVariants.id);
  return { options, variants };
}

const MAX_COMBINATIONS = 500;

/** "Matte Black" -> "MATTE-BLACK": the default SKU part of an option value. */
function skuPart(value: string): string {
  return (
    value
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .toUpperCase() || 'X'
  );
}

/**
 * Proposes every combination of the options (not saved): price = base + the deltas of its values,
 * SKU from the pattern (`{slug}` and `{Option name}` placeholders, e.g. "PRINT-{Size}-{Material}").
 * Combinations that match an existing variant keep its id, SKU, stock and image, so regenerating after
 * adding a colour does not lose what was there.
 */
export function generateVariantMatrix(
  request: MatrixRequest,
  context: { slug: string; existing?: (typeof catalogVariants.$inferSelect)[] },
): ProposedMatrix {
  const options: OptionInput[] = request.options.map((option) => ({
    name: option.name,
    values: option.values.map((value) => value.value),
  }));
  assertNoFieldErrors(optionErrors(options));
  const count = request.options.reduce((product, option) => product * option.values.length, 1);
  if (count > MAX_COMBINATIONS)
    throw AppError.invalid(
      'options',
      `${count} combinations; at most ${MAX_COMBINATIONS} variants per item`,
      tooManyVariants(count, MAX_COMBINATIONS),
    );

  let combinations: { values: Record<string, string>; delta: number; parts: Record<string, string> }[] = [
    { values: {}, delta: 0, parts: {} },
  ];
  for (const option of request.options)
    combinations = combinations.flatMap((combination) =>
      option.values.map((value) => ({
        values: { ...combination.values, [option.name]: value.value },
        delta: combination.delta + (value.priceDeltaMinor ?? 0),
        parts: { ...combination.parts, [option.name]: value.skuPart ?? skuPart(value.value) },
      })),
    );

  // When a retired variant and an active one share a combination, the active one is the match
  // (inactive first, so the active one overwrites it).
  const existing = new Map(
    [...(context.existing ?? [])]
      .sort((a, b) => Number(a.active) - Number(b.active))
      .map((variant) => [combinationKey(options, variant.optionValues), variant]),
  );
  const pattern = request.skuPattern;
  const variants = combinations.map((combination, i) => {
    const priceMinor = request.basePriceMinor + combination.delta;
    if (priceMinor < 0)
      throw AppError.invalid(
        `options`,
        `variant ${variantTitle(options, combination.values)} would cost ${priceMinor} (below 0)`,
        variantBelowZero(variantTitle(options, combination.values)),
      );
    const match = existing.get(combinationKey(options, combination.values));
    const sku = pattern
      ? pattern.replace(/\{([^}]+)\}/g, (whole, name: string) =>
          name === 'slug' ? context.slug.toUpperCase() : (combination.parts[name] ?? whole),
        )
      : (match?.sku ?? null);
    const variant: VariantInput = {
      ...(match ? { id: match.id } : {}),
      sku: match?.sku && !pattern ? match.sku : sku,
      optionValues: combination.values,
      priceMinor,
      compareAtMinor:
        request.baseCompareAtMinor != null ? request.baseCompareAtMinor + combination.delta : null,
      trackStock: match?.trackStock ?? request.trackStock ?? true,
      stock: match?.stock ?? request.stock ?? 0,
      ...(match?.imageId ? { imageId: match.imageId } : {}),
    };
    return { ...variant, title: variantTitle(options, combination.values), position: i };
  });
  const unknownPlaceholder = pattern?.match(/\{([^}]+)\}/g)?.find((token) => {
    const name = token.slice(1, -1);
    return name !== 'slug' && !options.some((option) => option.name === name);
  });
  if (unknownPlaceholder)
    throw AppError.invalid(
      'skuPattern',
      `${unknownPlaceholder} is neither {slug} nor an option name`,
      unknownSkuPlaceholder(unknownPlaceholder),
    );
  // A proposed SKU must be one the variant write would accept (VariantInputSchema's sku).
  for (const variant of variants) {
    if (!pattern || variant.sku === null || variant.sku === undefined) continue;
    const problem = skuProblem(variant.sku);
    if (problem)
      throw AppError.invalid(
        'skuPattern',
        `gives ${variant.title} the SKU "${variant.sku.slice(0, 40)}", which ${problem}`,
      );
  }
  return { options, variants };
}

/** Why a SKU would be refused by a variant write (1-100 characters, no space at either end); null if fine. */
export function skuProblem(sku: string): string | null {
  if (sku.length === 0) return 'is empty';
  if (sku.length > 100) return `is ${sku.length} characters long (at most 100)`;
  if (/^\s|\s$/.test(sku)) return 'starts or ends with a space';
  return null;
}

/** The item row a variant write needs (kind, slug), or 404. */
export async function itemForVariants(ctx: StudioContext, itemId: string) {
  const [item] = await ctx.tx
    .select({ id: catalogItems.id, kind: catalogItems.kind, slug: catalogItems.slug })
    .from(catalogItems)
    .where(and(eq(catalogItems.studioId, ctx.studioId), eq(catalogItems.id, itemId)));
  if (!item) throw new AppError('not_found', 'No such catalog item');
  return item;
}
