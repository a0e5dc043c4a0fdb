import { createRoute, z } from "@hono/zod-openapi";
import { orderStatuses } from "../../domain/order-status.ts";
import { createRouter } from "../../lib/create-router.ts";
import { errorSchema } from "../../lib/errors.ts";
import {
  staffOnly as denied,
  errorResponses,
  jsonContent,
  listSchema,
  notFoundResponse,
  bearer as security,
} from "../../lib/openapi.ts";
import { currentUser } from "../../middleware/auth.ts";
import { findOrder, type OrderView } from "../../repositories/orders.repository.ts";
import { orderSchema } from "../../schemas/orders.ts";
import { moveByStaff, searchAllOrders, toOrder } from "../../services/orders.service.ts";
import { refundOrder } from "../../services/payments.service.ts";

const tags = ["Admin: orders"];
const idParam = z.object({ id: z.uuid() });
const invalid = { 409: jsonContent(errorSchema, "invalid_transition") } as const;

/** Mounted under /admin/orders behind requireAuth + requireStaff. */
export const adminOrdersRouter = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      security,
      summary: "Orders by status, text (order id or username) and creation range",
      request: {
        query: z.object({
          status: z.enum(orderStatuses).optional(),
          q: z.string().trim().min(1).max(100).optional(),
          from: z.iso.datetime().optional(),
          to: z.iso.datetime().optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(500).optional(),
        }),
      },
      responses: {
        200: jsonContent(listSchema(orderSchema.extend({ username: z.string() }), "AdminOrderList"), "Orders"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await searchAllOrders(c.get("services").db, c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/status",
      tags,
      security,
      summary: "Moves a paid order forward: processing, shipped, delivered",
      request: {
        params: idParam,
        body: {
          required: true,
          content: { "application/json": { schema: z.object({ status: z.enum(orderStatuses) }) } },
        },
      },
      responses: {
        200: jsonContent(orderSchema, "The order"),
        ...notFoundResponse,
        ...invalid,
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await moveByStaff(
          c.get("services").db,
          c.get("services").live,
          currentUser(c),
          c.req.valid("param").id,
          c.req.valid("json").status,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/refund",
      tags,
      security,
      summary: "Refunds a paid or processing order through its gateway and restocks it",
      request: { params: idParam },
      responses: {
        200: jsonContent(orderSchema, "The refunded order"),
        ...notFoundResponse,
        ...invalid,
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { db, live } = c.get("services");
      const id = c.req.valid("param").id;
      await refundOrder(db, live, c.env, currentUser(c), id);
      return c.json(toOrder((await findOrder(db, id)) as OrderView), 200);
    },
  );
