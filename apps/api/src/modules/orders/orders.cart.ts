import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { StudioContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { formatMoney } from '../../platform/mailer/index.js';
import type { CatalogCheckout, QuotedLine } from '../catalog/index.js';
import type { Cart, CartLine, CartNotice } from './orders.schemas.js';
import { cartLines, carts } from './orders.tables.js';

/** Whose cart: a signed-in person, or a guest browser known by its cookie token. */
export type CartOwner = { userId: string } | { guestToken: string };

export const newGuestToken = () => randomBytes(24).toString('base64url');
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type CartRow = typeof carts.$inferSelect;
type LineRow = typeof cartLines.$inferSelect;

async function findCart(tx: Tx, studioId: string, owner: CartOwner): Promise<CartRow | undefined> {
  const where =
    'userId' in owner
      ? and(eq(carts.studioId, studioId), eq(carts.userId, owner.userId))
      : and(eq(carts.studioId, studioId), eq(carts.guestTokenHash, hashToken(owner.guestToken)));
  const [row] = await tx.select().from(carts).where(where);
  return row;
}

async function ensureCart(tx: Tx, studioId: string, owner: CartOwner): Promise<CartRow> {
  const found = await findCart(tx, studioId, owner);
  if (found) return found;
  const values =
    'userId' in owner
      ? { studioId, userId: owner.userId }
      : { studioId, guestTokenHash: hashToken(owner.guestToken) };
  const [created] = await tx.insert(carts).values(values).onConflictDoNothing().returning();
  return created ?? (await findCart(tx, studioId, owner))!;
}

async function linesOf(tx: Tx, cartId: string): Promise<LineRow[]> {
  return tx.select().from(cartLines).where(eq(cartLines.cartId, cartId)).orderBy(asc(cartLines.id));
}

/** Quotes lines, keeping going when a variant has disappeared (it shows as unavailable). */
async function quoteTolerant(
  ctx: StudioContext,
  catalog: CatalogCheckout,
  lines: { variantId: string; quantity: number }[],
): Promise<(QuotedLine | null)[]> {
  try {
    return await catalog.quote(ctx, lines);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
    const each: (QuotedLine | null)[] = [];
    for (const line of lines) {
      each.push(
        await catalog.quote(ctx, [line]).then(
          (q) => q[0] ?? null,
          () => null,
        ),
      );
    }
    return each;
  }
}

/** What is wrong with buying `quantity` of this quoted variant; field is where to point the client. */
export function quantityProblem(quoted: QuotedLine, quantity: number, field: string): AppError | null {
  if (!quoted.purchasable)
    return AppError.conflictOn(
      field.replace(/quantity$/, 'variantId'),
      `${quoted.name} cannot be bought now`,
      { reason: 'item.unavailable', params: { item: quoted.name } },
    );
  if (quantity < quoted.minOrderQuantity)
    return AppError.invalid(field, `At least ${quoted.minOrderQuantity} of ${quoted.name} per order`, {
      reason: 'quantity.minimum',
      params: { minimum: quoted.minOrderQuantity, item: quoted.name },
    });
  if (quoted.stockAvailable !== null && quantity > quoted.stockAvailable)
    return AppError.conflictOn(
      field,
      quoted.stockAvailable === 0
        ? `${quoted.name} is out of stock`
        : `Only ${quoted.stockAvailable} of ${quoted.name} left`,
      quoted.stockAvailable === 0
        ? { reason: 'stock.out', params: { item: quoted.name } }
        : { reason: 'stock.only_left', params: { left: quoted.stockAvailable, item: quoted.name } },
    );
  return null;
}

function noticesFor(row: LineRow, quoted: QuotedLine | null): CartNotice[] {
  if (!quoted) return [{ code: 'unavailable', message: 'This item is no longer available' }];
  const notices: CartNotice[] = [];
  if (!quoted.purchasable)
    notices.push({ code: 'unavailable', message: `${quoted.name} cannot be bought now` });
  if (row.seenFlashSaleId && quoted.flashSale?.id !== row.seenFlashSaleId)
    notices.push({ code: 'flash_sale_ended', message: 'The flash sale on this item has ended' });
  if (quoted.unitPriceMinor !== row.seenUnitPriceMinor)
    notices.push({
      code: 'price_changed',
      message: `The price changed from ${formatMoney(row.seenUnitPriceMinor, quoted.currency)} to ${formatMoney(quoted.unitPriceMinor, quoted.currency)}`,
      previousUnitPriceMinor: row.seenUnitPriceMinor,
    });
  if (quoted.stockAvailable !== null && row.quantity > quoted.stockAvailable)
    notices.push({ code: 'insufficient_stock', message: `Only ${quoted.stockAvailable} left` });
  if (row.quantity < quoted.minOrderQuantity)
    notices.push({ code: 'below_minimum', message: `At least ${quoted.minOrderQuantity} per order` });
  return notices;
}

export function createCarts({ catalog }: { catalog: CatalogCheckout }) {
  async function read(ctx: StudioContext, owner: CartOwner | null, currency: string): Promise<Cart> {
    const cart = owner ? await findCart(ctx.tx, ctx.studioId, owner) : undefined;
    const rows = cart ? await linesOf(ctx.tx, cart.id) : [];
    const quoted = await quoteTolerant(
      ctx,
      catalog,
      rows.map((r) => ({ variantId: r.variantId, quantity: r.quantity })),
    );
    const lines: CartLine[] = rows.map((row, i) => {
      const q = quoted[i] ?? null;
      return {
        id: row.id,
        variantId: row.variantId,
        itemId: q?.itemId ?? null,
        itemSlug: q?.itemSlug ?? null,
        name: q?.name ?? 'Unavailable item',
        variantTitle: q?.variantTitle ?? '',
        sku: q?.sku ?? null,
        imageUrl: q?.imageUrl ?? null,
        quantity: row.quantity,
        unitPriceMinor: q?.unitPriceMinor ?? row.seenUnitPriceMinor,
        listPriceMinor: q?.listPriceMinor ?? row.seenUnitPriceMinor,
        lineTotalMinor: (q?.unitPriceMinor ?? 0) * row.quantity,
        flashSale: q?.flashSale ?? null,
        stockAvailable: q?.stockAvailable ?? null,
        minOrderQuantity: q?.minOrderQuantity ?? 1,
        requiresShipping: q?.requiresShipping ?? false,
        purchasable: q?.purchasable ?? false,
        notices: noticesFor(row, q),
      };
    });
    return {
      id: cart?.id ?? null,
      currency,
      lines,
      itemCount: lines.reduce((n, l) => n + l.quantity, 0),
      subtotalMinor: lines.filter((l) => l.purchasable).reduce((n, l) => n + l.lineTotalMinor, 0),
      requiresShipping: lines.some((l) => l.requiresShipping),
      hasNotices: lines.some((l) => l.notices.length > 0),
    };
  }

  /** Sets a variant's quantity in the cart (adding to what is there when `add`), checked against the catalog. */
  async function put(
    ctx: StudioContext,
    owner: CartOwner,
    input: { variantId: string; quantity: number; add: boolean },
  ): Promise<void> {
    const cart = await ensureCart(ctx.tx, ctx.studioId, owner);
    const [existing] = await ctx.tx
      .select()
      .from(cartLines)
      .where(and(eq(cartLines.cartId, cart.id), eq(cartLines.variantId, input.variantId)));
    const quantity = input.add ? (existing?.quantity ?? 0) + input.quantity : input.quantity;
    if (quantity === 0) {
      if (existing) await ctx.tx.delete(cartLines).where(eq(cartLines.id, existing.id));
      return;
    }
    const [quoted] = await catalog
      .quote(ctx, [{ variantId: input.variantId, quantity }])
      .catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'not_found')
          throw new AppError('not_found', 'No such variant', {
            fields: [{ field: 'variantId', message: 'No such variant' }],
          });
        throw error;
      });
    const problem = quantityProblem(quoted!, quantity, 'quantity');
    if (problem) throw problem;
    await ctx.tx
      .insert(cartLines)
      .values({
        studioId: ctx.studioId,
        cartId: cart.id,
        variantId: input.variantId,
        quantity,
        seenUnitPriceMinor: quoted!.unitPriceMinor,
        seenFlashSaleId: quoted!.flashSale?.id ?? null,
      })
      .onConflictDoUpdate({
        target: [cartLines.cartId, cartLines.variantId],
        // Touching a line is the client looking at it again: the price they now see is acknowledged.
        set: {
          quantity,
          seenUnitPriceMinor: quoted!.unitPriceMinor,
          seenFlashSaleId: quoted!.flashSale?.id ?? null,
          updatedAt: new Date(),
        },
      });
  }

  async function lineOwnedBy(ctx: StudioContext, owner: CartOwner, lineId: string): Promise<LineRow> {
    const cart = await findCart(ctx.tx, ctx.studioId, owner);
    const [line] = cart
      ? await ctx.tx
          .select()
          .from(cartLines)
          .where(and(eq(cartLines.cartId, cart.id), eq(cartLines.id, lineId)))
      : [];
    if (!line) throw new AppError('not_found', 'No such cart line');
    return line;
  }

  return {
    read,
    add: (ctx: StudioContext, owner: CartOwner, input: { variantId: string; quantity: number }) =>
      put(ctx, owner, { ...input, add: true }),

    async setQuantity(ctx: StudioContext, owner: CartOwner, lineId: string, quantity: number): Promise<void> {
      const line = await lineOwnedBy(ctx, owner, lineId);
      await put(ctx, owner, { variantId: line.variantId, quantity, add: false });
    },

    async remove(ctx: StudioContext, owner: CartOwner, lineId: string): Promise<void> {
      const line = await lineOwnedBy(ctx, owner, lineId);
      await ctx.tx.delete(cartLines).where(eq(cartLines.id, line.id));
    },

    /** The raw lines (checkout re-prices them itself). */
    async lines(ctx: StudioContext, owner: CartOwner): Promise<LineRow[]> {
      const cart = await findCart(ctx.tx, ctx.studioId, owner);
      return cart ? linesOf(ctx.tx, cart.id) : [];
    },

    /** After checkout prices moved: the client has now been told the new prices. */
    async acknowledgePrices(ctx: StudioContext, owner: CartOwner, quoted: QuotedLine[]): Promise<void> {
      const cart = await findCart(ctx.tx, ctx.studioId, owner);
      if (!cart) return;
      for (const q of quoted) {
        await ctx.tx
          .update(cartLines)
          .set({ seenUnitPriceMinor: q.unitPriceMinor, seenFlashSaleId: q.flashSale?.id ?? null })
          .where(and(eq(cartLines.cartId, cart.id), eq(cartLines.variantId, q.variantId)));
      }
    },

    async clear(ctx: StudioContext, owner: CartOwner): Promise<void> {
      const cart = await findCart(ctx.tx, ctx.studioId, owner);
      if (cart) await ctx.tx.delete(cartLines).where(eq(cartLines.cartId, cart.id));
    },

    /**
     * Moves a guest cart into a person's cart on sign-in: quantities of the same variant add up, the
     * guest cart is deleted. Returns whether there was anything to merge.
     */
    async merge(ctx: StudioContext, guestToken: string, userId: string): Promise<boolean> {
      const guest = await findCart(ctx.tx, ctx.studioId, { guestToken });
      if (!guest) return false;
      const mine = await ensureCart(ctx.tx, ctx.studioId, { userId });
      for (const line of await linesOf(ctx.tx, guest.id)) {
        await ctx.tx
          .insert(cartLines)
          .values({
            studioId: ctx.studioId,
            cartId: mine.id,
            variantId: line.variantId,
            quantity: line.quantity,
            seenUnitPriceMinor: line.seenUnitPriceMinor,
            seenFlashSaleId: line.seenFlashSaleId,
          })
          .onConflictDoUpdate({
            target: [cartLines.cartId, cartLines.variantId],
            set: { quantity: sql`${cartLines.quantity} + excluded.quantity` },
          });
      }
      await ctx.tx.delete(carts).where(eq(carts.id, guest.id));
      return true;
    },
  };
}

export type Carts = ReturnType<typeof createCarts>;
