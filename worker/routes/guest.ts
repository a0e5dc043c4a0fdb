import { createRouter } from "../lib/create-router.ts";
import { errorSchema } from "../lib/errors.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../lib/openapi.ts";
import { enforceLimit } from "../lib/rate-limit.ts";
import { clientIp, route } from "../middleware/access.ts";
import { idParam } from "../schemas/common.ts";
import {
  guestCartBody,
  guestCartSchema,
  guestCheckoutBody,
  guestOrderSchema,
  idempotencyHeader,
  orderKeyHeader,
  orderLinkBody,
  paymentStartSchema,
} from "../schemas/orders.ts";
import { guestShippingOptionsBody, shippingOptionsSchema } from "../schemas/shipping.ts";
import { priceGuestCart } from "../services/guest-cart.service.ts";
import {
  cancelGuestOrder,
  guestOrder,
  payGuestOrder,
  placeGuestOrder,
  sendOrderLink,
} from "../services/guest-orders.service.ts";
import { guestShippingOptions } from "../services/quote.service.ts";

const tags = ["Guest orders"];
const limited = { 429: jsonContent(errorSchema, "Too many from this address (see Retry-After)") };
const order = (description: string) => ({ 200: jsonContent(guestOrderSchema, description) });

/** Buying without an account: the guest's order opens with its key (the Order-Key header). */
export const guestRouter = createRouter()
  .openapi(
    route("public", {
      method: "post",
      path: "/guest/cart",
      tags,
      summary:
        "A guest's lines priced as they are now, with what the promotions live for everyone take off each line, how far free shipping is, and when that changes next",
      request: jsonBody(guestCartBody),
      responses: { 200: jsonContent(guestCartSchema, "The lines, priced"), ...errorResponses },
    }),
    async (c) => c.json(await priceGuestCart(c.get("ctx"), c.req.valid("json").items), 200),
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/guest/shipping-options",
      tags,
      summary:
        "The methods that take a guest's lines to an address, with their prices, and the order's total by the one chosen",
      request: jsonBody(guestShippingOptionsBody),
      responses: { 200: jsonContent(shippingOptionsSchema, "Options and summary"), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid("json");
      // A code named is a code tried: counted per address, as a signed-in shopper's are.
      if (body.promotionCode) await enforceLimit(c.get("ctx").redis, "promotionCodePerIp", clientIp(c));
      return c.json(await guestShippingOptions(c.get("ctx"), body), 200);
    },
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/guest/checkout",
      tags,
      summary: "Places a guest's order from the lines of their browser's cart (idempotent per Idempotency-Key)",
      request: { headers: idempotencyHeader, ...jsonBody(guestCheckoutBody) },
      responses: {
        201: jsonContent(guestOrderSchema, "The order with its key (the same one for a repeated key)"),
        ...conflict("insufficient_stock, idempotency_conflict, order_too_large"),
        ...limited,
        ...errorResponses,
      },
    }),
    async (c) => {
      const key = c.req.valid("header")["idempotency-key"];
      const { order } = await placeGuestOrder(c.get("ctx"), c.req.valid("json"), key, clientIp(c));
      return c.json(order, 201);
    },
  )
  .openapi(
    route("public", {
      method: "get",
      path: "/guest/orders/{id}",
      tags,
      summary: "A guest's order, opened by its key",
      request: { params: idParam, headers: orderKeyHeader },
      responses: { ...order("The order"), ...notFound, ...errorResponses },
    }),
    async (c) =>
      c.json(await guestOrder(c.get("ctx"), c.req.valid("param").id, c.req.valid("header")["order-key"]), 200),
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/guest/orders/{id}/cancel",
      tags,
      summary: "Cancels a guest's unpaid order and releases its stock",
      request: { params: idParam, headers: orderKeyHeader },
      responses: { ...order("The canceled order"), ...notFound, ...conflict("invalid_transition"), ...errorResponses },
    }),
    async (c) =>
      c.json(await cancelGuestOrder(c.get("ctx"), c.req.valid("param").id, c.req.valid("header")["order-key"]), 200),
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/guest/orders/{id}/payment",
      tags,
      summary: "Starts a payment for a guest's unpaid order with the configured gateway",
      request: { params: idParam, headers: orderKeyHeader },
      responses: {
        201: jsonContent(paymentStartSchema, "Where to send the guest"),
        ...notFound,
        ...conflict("already_paid, invalid_transition"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const started = await payGuestOrder(
        c.get("ctx"),
        id,
        c.req.valid("header")["order-key"],
        new URL(c.req.url).origin,
      );
      return c.json(started, 201);
    },
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/guest/orders/link",
      tags,
      summary: "Sends the link to a guest's order to its email, given the email and the order's number",
      request: jsonBody(orderLinkBody),
      responses: {
        202: { description: "Accepted; the same answer whether or not such an order exists" },
        ...limited,
        ...errorResponses,
      },
    }),
    async (c) => {
      await sendOrderLink(c.get("ctx"), c.req.valid("json"), new URL(c.req.url).origin, clientIp(c));
      return c.body(null, 202);
    },
  );
