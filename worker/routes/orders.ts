import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/create-router.ts";
import { errorSchema } from "../lib/errors.ts";
import {
  signedInOnly as denied,
  errorResponses,
  jsonContent,
  listSchema,
  notFoundResponse,
  bearer as security,
} from "../lib/openapi.ts";
import { currentUser } from "../middleware/auth.ts";
import { checkoutBody, idempotencyHeader, orderSchema, paymentStartSchema } from "../schemas/orders.ts";
import { checkout } from "../services/checkout.service.ts";
import { cancelMyOrder, getVisibleOrder, listMyOrders, toOrder } from "../services/orders.service.ts";
import { createGateway, startPayment } from "../services/payments.service.ts";

const idParam = z.object({ id: z.uuid() });
const conflict = (what: string) => ({ 409: jsonContent(errorSchema, what) }) as const;

/** Mounted behind requireAuth. */
export const ordersRouter = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/checkout",
      tags: ["Checkout"],
      security,
      summary: "Turns the cart into an order in one transaction (idempotent per Idempotency-Key)",
      request: {
        headers: idempotencyHeader,
        body: { required: true, content: { "application/json": { schema: checkoutBody } } },
      },
      responses: {
        201: jsonContent(orderSchema, "The order (the same one for a repeated key)"),
        ...conflict(
          "cart_empty, insufficient_stock, coupon_invalid, coupon_expired, coupon_exhausted, idempotency_conflict",
        ),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => {
      const user = currentUser(c);
      const { db, live } = c.get("services");
      const result = await checkout(db, user.id, c.req.valid("json"), c.req.valid("header")["idempotency-key"], {
        currency: c.env.CURRENCY,
        taxRateBps: Number(c.env.TAX_RATE_BPS),
        reservationMinutes: Number(c.env.RESERVATION_MINUTES),
      });
      if (result.created) live.checkout(user.id, result.order.id, result.reserved);
      return c.json(toOrder(result.order), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/orders",
      tags: ["Orders"],
      security,
      summary: "My orders, newest first",
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(500).optional(),
        }),
      },
      responses: { 200: jsonContent(listSchema(orderSchema, "OrderList"), "Orders"), ...denied, ...errorResponses },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      return c.json(
        await listMyOrders(c.get("services").db, c.get("services").live, currentUser(c), limit, cursor),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/orders/{id}",
      tags: ["Orders"],
      security,
      summary: "One order with its items and status history (owner, staff or admin)",
      request: { params: idParam },
      responses: { 200: jsonContent(orderSchema, "The order"), ...notFoundResponse, ...denied, ...errorResponses },
    }),
    async (c) =>
      c.json(
        toOrder(
          await getVisibleOrder(c.get("services").db, c.get("services").live, currentUser(c), c.req.valid("param").id),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/orders/{id}/cancel",
      tags: ["Orders"],
      security,
      summary: "Cancels my unpaid order and releases its stock",
      request: { params: idParam },
      responses: {
        200: jsonContent(orderSchema, "The canceled order"),
        ...notFoundResponse,
        ...conflict("invalid_transition"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await cancelMyOrder(c.get("services").db, c.get("services").live, currentUser(c), c.req.valid("param").id),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/orders/{id}/payment",
      tags: ["Payments"],
      security,
      summary: "Starts a payment for my unpaid order with the configured gateway",
      request: { params: idParam },
      responses: {
        201: jsonContent(paymentStartSchema, "Where to send the shopper"),
        ...notFoundResponse,
        ...conflict("already_paid, invalid_transition"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => {
      const origin = new URL(c.req.url).origin;
      const started = await startPayment(
        c.get("services").db,
        c.get("services").live,
        createGateway(c.env),
        currentUser(c),
        c.req.valid("param").id,
        origin,
      );
      return c.json(started, 201);
    },
  );
