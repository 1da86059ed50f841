import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/http/errors.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, type Studio, type StudiosService } from '../studios/index.js';
import { type CartOwner, newGuestToken } from './orders.cart.js';
import {
  CartLineInput,
  CartQuantityInput,
  CartSchema,
  CheckoutInput,
  CheckoutSummarySchema,
  PlacedOrderSchema,
} from './orders.schemas.js';
import type { OrdersService } from './orders.service.js';

export const CART_COOKIE = 'atelier_cart';
const StudioParams = Type.Object({ studio: SlugParam });
const LineParams = Type.Object({ studio: SlugParam, lineId: Type.String({ format: 'uuid' }) });

interface ShopRoutesOptions {
  studios: StudiosService;
  orders: OrdersService;
  /** Secure cookies when the public URL is https. */
  secureCookies: boolean;
}

/** Cart and checkout: open to guests (cart cookie) and signed-in clients (their account). */
export const orderShopRoutes: FastifyPluginAsyncTypebox<ShopRoutesOptions> = async (
  app,
  { studios, orders, secureCookies },
) => {
  const cookiePath = (studio: Studio) => `/api/v1/studios/${studio.slug}`;
  const guestCookie = (request: FastifyRequest) => {
    const value = request.cookies[CART_COOKIE];
    return value && /^[A-Za-z0-9_-]{20,64}$/.test(value) ? value : undefined;
  };
  const clearGuest = (reply: FastifyReply, studio: Studio) =>
    reply.clearCookie(CART_COOKIE, { path: cookiePath(studio) });

  /**
   * The cart's owner: the signed-in person, else the guest cookie (made when `create`). A person who
   * still carries a guest cookie gets that cart merged into theirs (the cookie is then cleared).
   */
  function ownerOf(
    request: FastifyRequest,
    reply: FastifyReply,
    studio: Studio,
    create: boolean,
  ): { owner: CartOwner | null; mergeGuest?: string } {
    const guest = guestCookie(request);
    if (request.actor.kind === 'user') {
      if (guest) {
        clearGuest(reply, studio);
        return { owner: { userId: request.actor.userId }, mergeGuest: guest };
      }
      return { owner: { userId: request.actor.userId } };
    }
    if (guest) return { owner: { guestToken: guest } };
    if (!create) return { owner: null };
    const token = newGuestToken();
    reply.setCookie(CART_COOKIE, token, {
      path: cookiePath(studio),
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: 60 * 60 * 24 * 30,
    });
    return { owner: { guestToken: token } };
  }

  /** Writes need the owner; a person's pending guest cart is merged first so nothing is lost. */
  async function writableOwner(
    request: FastifyRequest,
    reply: FastifyReply,
    studio: Studio,
  ): Promise<CartOwner> {
    const { owner, mergeGuest } = ownerOf(request, reply, studio, true);
    if (mergeGuest && owner && 'userId' in owner)
      await orders.mergeCart(studio, request.actor, mergeGuest, owner.userId);
    return owner!;
  }

  app.get(
    '/api/v1/studios/:studio/cart',
    {
      schema: {
        tags: ['orders'],
        summary: "The caller's cart, priced now, with notices for changed prices and ended sales",
        operationId: 'getCart',
        params: StudioParams,
        response: { 200: CartSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      const { owner, mergeGuest } = ownerOf(request, reply, studio, false);
      return orders.readCart(studio, request.actor, owner, mergeGuest);
    },
  );

  app.post(
    '/api/v1/studios/:studio/cart/lines',
    {
      schema: {
        tags: ['orders'],
        summary: 'Adds a variant to the cart (quantities add up), checked against stock and minimum order',
        operationId: 'addCartLine',
        params: StudioParams,
        body: CartLineInput,
        response: { 200: CartSchema, ...problemResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      const owner = await writableOwner(request, reply, studio);
      return orders.addToCart(studio, request.actor, owner, request.body);
    },
  );

  app.patch(
    '/api/v1/studios/:studio/cart/lines/:lineId',
    {
      schema: {
        tags: ['orders'],
        summary: "Sets a cart line's quantity (0 removes it)",
        operationId: 'updateCartLine',
        params: LineParams,
        body: CartQuantityInput,
        response: { 200: CartSchema, ...problemResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      const owner = await writableOwner(request, reply, studio);
      return orders.setCartQuantity(
        studio,
        request.actor,
        owner,
        request.params.lineId,
        request.body.quantity,
      );
    },
  );

  app.delete(
    '/api/v1/studios/:studio/cart/lines/:lineId',
    {
      schema: {
        tags: ['orders'],
        summary: 'Removes a cart line',
        operationId: 'removeCartLine',
        params: LineParams,
        response: { 200: CartSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      const owner = await writableOwner(request, reply, studio);
      return orders.removeFromCart(studio, request.actor, owner, request.params.lineId);
    },
  );

  app.post(
    '/api/v1/studios/:studio/cart/merge',
    {
      schema: {
        tags: ['orders'],
        summary: "Merges this browser's guest cart into the signed-in person's cart (also automatic on read)",
        operationId: 'mergeCart',
        params: StudioParams,
        response: { 200: CartSchema, ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      if (request.actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to merge carts');
      const guest = guestCookie(request);
      if (guest) clearGuest(reply, studio);
      return guest
        ? orders.mergeCart(studio, request.actor, guest, request.actor.userId)
        : orders.readCart(studio, request.actor, { userId: request.actor.userId });
    },
  );

  app.post(
    '/api/v1/studios/:studio/checkout/preview',
    {
      schema: {
        tags: ['orders'],
        summary:
          'The order summary (server prices, discount, shipping, tax, total) without creating anything',
        operationId: 'previewCheckout',
        params: StudioParams,
        body: CheckoutInput,
        response: { 200: CheckoutSummarySchema, ...problemResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      const { owner, mergeGuest } = ownerOf(request, reply, studio, false);
      if (mergeGuest && owner && 'userId' in owner)
        await orders.mergeCart(studio, request.actor, mergeGuest, owner.userId);
      return orders.preview(studio, request.actor, owner, request.body);
    },
  );

  app.post(
    '/api/v1/studios/:studio/checkout',
    {
      config: { idempotent: true },
      schema: {
        tags: ['orders'],
        summary: 'Places the order: prices it, reserves stock, takes the promo code and starts the payment',
        description:
          'Requires an `Idempotency-Key` header: a retry with the same key returns the same order. A cart ' +
          'price that changed since the client last saw it (e.g. a flash sale ended) answers 409 with ' +
          '`prices_changed` in the detail and one error per line; the cart then shows the new prices and a ' +
          'second attempt goes through. `expectedTotalMinor` (from the preview) guards the total the same way.',
        operationId: 'checkout',
        params: StudioParams,
        headers: Type.Object({ 'idempotency-key': Type.String({ minLength: 1, maxLength: 255 }) }),
        body: CheckoutInput,
        response: { 201: PlacedOrderSchema, ...problemResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      const { owner, mergeGuest } = ownerOf(request, reply, studio, false);
      if (mergeGuest && owner && 'userId' in owner)
        await orders.mergeCart(studio, request.actor, mergeGuest, owner.userId);
      const placed = await orders.placeOrder(
        studio,
        request.actor,
        owner,
        request.body,
        request.headers['idempotency-key'],
      );
      return reply.code(201).send(placed);
    },
  );
};
