import { createRouter } from "../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../lib/openapi.ts";
import { enforceLimit } from "../lib/rate-limit.ts";
import { actorOf, clientIp, route } from "../middleware/access.ts";
import { limitedPerAddress, limitedPerUser } from "../middleware/rate-limits.ts";
import type { ActorContext } from "../platform/context.ts";
import {
  cartSchema,
  codeBody,
  mergeBody,
  mergedCartSchema,
  quantityBody,
  shippingChoiceBody,
  variantIdParam,
} from "../schemas/cart.ts";
import { productIdParam } from "../schemas/common.ts";
import {
  savedAddressParam,
  savedAddressQuoteQuery,
  shippingOptionsQuery,
  shippingOptionsSchema,
} from "../schemas/shipping.ts";
import {
  clearCart,
  getCart,
  mergeCart,
  removeLine,
  setCartCode,
  setQuantity,
  setShippingChoice,
} from "../services/cart.service.ts";
import { cartShippingOptions } from "../services/quote.service.ts";

const tags = ["Cart"];

/** A code named in a quote is a code tried: counted as `PUT /cart/code` counts them. */
async function limitCodeTries(ctx: ActorContext, address: string) {
  await enforceLimit(ctx.redis, "promotionCodePerIp", address);
  await enforceLimit(ctx.redis, "promotionCodePerUser", ctx.actor.id);
}
const answer = { 200: jsonContent(cartSchema, "The cart") };

/** A cart belongs to the signed-in user only; every change reaches all their devices. */
export const cartRouter = createRouter()
  .openapi(
    route("signedIn", {
      method: "put",
      path: "/cart/code",
      tags,
      summary:
        "Gives my cart a promotion code or one of my coupons' codes: kept with the cart on every device; the cart's `code` says whether it applies and, if not, why (an unknown code too)",
      middleware: [limitedPerAddress("promotionCodePerIp"), limitedPerUser("promotionCodePerUser")],
      request: jsonBody(codeBody),
      responses: { ...answer, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await setCartCode(ctx, ctx.actor.id, c.req.valid("json").code), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "delete",
      path: "/cart/code",
      tags,
      summary: "Takes the code off my cart",
      responses: { ...answer, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await setCartCode(ctx, ctx.actor.id, null), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "get",
      path: "/cart/shipping-options/{addressId}",
      tags,
      summary: "The same, to one of my saved addresses",
      request: { params: savedAddressParam, query: savedAddressQuoteQuery },
      responses: {
        200: jsonContent(shippingOptionsSchema, "Options and summary"),
        ...notFound,
        ...conflict("cart_empty, coupon_invalid, coupon_expired, coupon_exhausted"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const ctx = actorOf(c);
      const query = { ...c.req.valid("query"), addressId: c.req.valid("param").addressId };
      if (query.couponCode) await limitCodeTries(ctx, clientIp(c));
      return c.json(await cartShippingOptions(ctx, ctx.actor.id, query), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "put",
      path: "/cart/shipping-choice",
      tags,
      summary:
        "Where my cart goes and by which method, as chosen at checkout: kept with the cart, on every device, and what GET /cart/shipping-options prices by when it names no method",
      request: jsonBody(shippingChoiceBody),
      responses: { ...answer, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await setShippingChoice(ctx, ctx.actor.id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "get",
      path: "/cart/shipping-options",
      tags,
      summary:
        "The methods that take my cart to an address, with their prices, and the order's total by the one chosen (each tax line included)",
      request: { query: shippingOptionsQuery },
      responses: {
        200: jsonContent(shippingOptionsSchema, "Options and summary (shippable false: no zone covers the address)"),
        ...conflict("cart_empty, coupon_invalid, coupon_expired, coupon_exhausted"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const ctx = actorOf(c);
      const query = c.req.valid("query");
      if (query.couponCode) await limitCodeTries(ctx, clientIp(c));
      return c.json(await cartShippingOptions(ctx, ctx.actor.id, query), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "get",
      path: "/cart",
      tags,
      summary: "My cart",
      responses: { ...answer, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await getCart(ctx, ctx.actor.id), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "put",
      path: "/cart/items/{productId}",
      tags,
      summary: "Sets the quantity of a product with one variant (0 removes it); 400 variant_required otherwise",
      request: { params: productIdParam, ...jsonBody(quantityBody) },
      responses: {
        ...answer,
        ...notFound,
        ...conflict("insufficient_stock, with the available quantity in details"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const ctx = actorOf(c);
      const target = c.req.valid("param");
      return c.json(await setQuantity(ctx, ctx.actor.id, target, c.req.valid("json").quantity), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "delete",
      path: "/cart/items/{productId}",
      tags,
      summary: "Removes the line of a product with one variant; 400 variant_required otherwise",
      request: { params: productIdParam },
      responses: { ...answer, ...notFound, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await removeLine(ctx, ctx.actor.id, c.req.valid("param")), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "put",
      path: "/cart/variants/{variantId}",
      tags,
      summary: "Sets the quantity of one variant (0 removes its line)",
      request: { params: variantIdParam, ...jsonBody(quantityBody) },
      responses: {
        ...answer,
        ...notFound,
        ...conflict("insufficient_stock, with the variant and what is available in details"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await setQuantity(ctx, ctx.actor.id, c.req.valid("param"), c.req.valid("json").quantity), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "delete",
      path: "/cart/variants/{variantId}",
      tags,
      summary: "Removes one variant's line",
      request: { params: variantIdParam },
      responses: { ...answer, ...notFound, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await removeLine(ctx, ctx.actor.id, c.req.valid("param")), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "delete",
      path: "/cart",
      tags,
      summary: "Empties the cart",
      responses: { ...answer, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await clearCart(ctx, ctx.actor.id), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "post",
      path: "/cart/merge",
      tags,
      summary: "Joins a guest cart into mine (capped at stock; unavailable products dropped)",
      request: jsonBody(mergeBody),
      responses: { 200: jsonContent(mergedCartSchema, "The merged cart with notices"), ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await mergeCart(ctx, ctx.actor.id, c.req.valid("json").items), 200);
    },
  );
