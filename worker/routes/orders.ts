import { createRouter } from "../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../lib/openapi.ts";
import { actorOf, route } from "../middleware/access.ts";
import { idParam, pageQuery } from "../schemas/common.ts";
import {
  checkoutBody,
  idempotencyHeader,
  orderListSchema,
  orderSchema,
  paymentStartSchema,
} from "../schemas/orders.ts";
import { checkout } from "../services/checkout.service.ts";
import { cancelMyOrder, getMyOrder, listMyOrders, shopperView } from "../services/orders.service.ts";
import { startPayment } from "../services/payments.service.ts";

export const ordersRouter = createRouter()
  .openapi(
    route("signedIn", {
      method: "post",
      path: "/checkout",
      tags: ["Checkout"],
      summary: "Turns the cart into an order in one transaction (idempotent per Idempotency-Key)",
      request: { headers: idempotencyHeader, ...jsonBody(checkoutBody) },
      responses: {
        201: jsonContent(orderSchema, "The order (the same one for a repeated key)"),
        ...conflict(
          "cart_empty, insufficient_stock, coupon_invalid, coupon_expired, coupon_exhausted, idempotency_conflict, order_too_large, too_many_pending_orders",
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const key = c.req.valid("header")["idempotency-key"];
      const { order } = await checkout(actorOf(c), c.req.valid("json"), key);
      return c.json(shopperView(order), 201);
    },
  )
  .openapi(
    route("signedIn", {
      method: "get",
      path: "/orders",
      tags: ["Orders"],
      summary: "My orders, newest first",
      request: { query: pageQuery },
      responses: { 200: jsonContent(orderListSchema, "Orders"), ...errorResponses },
    }),
    async (c) => c.json(await listMyOrders(actorOf(c), c.req.valid("query")), 200),
  )
  .openapi(
    route("signedIn", {
      method: "get",
      path: "/orders/{id}",
      tags: ["Orders"],
      summary: "One order with its items and status history (owner, staff or admin)",
      request: { params: idParam },
      responses: { 200: jsonContent(orderSchema, "The order"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await getMyOrder(actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    route("signedIn", {
      method: "post",
      path: "/orders/{id}/cancel",
      tags: ["Orders"],
      summary: "Cancels my unpaid order and releases its stock",
      request: { params: idParam },
      responses: {
        200: jsonContent(orderSchema, "The canceled order"),
        ...notFound,
        ...conflict("invalid_transition"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await cancelMyOrder(actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    route("signedIn", {
      method: "post",
      path: "/orders/{id}/payment",
      tags: ["Payments"],
      summary: "Starts a payment for my unpaid order with the configured gateway",
      request: { params: idParam },
      responses: {
        201: jsonContent(paymentStartSchema, "Where to send the shopper"),
        ...notFound,
        ...conflict("already_paid, invalid_transition"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const started = await startPayment(actorOf(c), c.req.valid("param").id, new URL(c.req.url).origin);
      return c.json(started, 201);
    },
  );
