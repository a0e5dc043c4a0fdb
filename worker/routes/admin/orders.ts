import { createRouter } from "../../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../../lib/openapi.ts";
import { actorOf, route } from "../../middleware/access.ts";
import { idParam } from "../../schemas/common.ts";
import {
  adminOrderDetailSchema,
  adminOrderListSchema,
  adminOrderQuery,
  adminOrderSchema,
  bulkOrdersBody,
  bulkOrdersResultSchema,
  paymentParams,
  shipBody,
  staffCancelBody,
  statusBody,
} from "../../schemas/orders.ts";
import { moveByStaff, searchAllOrders } from "../../services/orders.service.ts";
import { orderWithPayments, refundOnePayment, refundOrder } from "../../services/payments.service.ts";
import { bulkOrders, cancelByStaff, correctShipment, shipOrder } from "../../services/staff-orders.service.ts";

const tags = ["Admin: orders"];
const invalid = conflict("invalid_transition");

export const adminOrdersRouter = createRouter()
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/orders",
      tags,
      summary: "Orders by status, customer, text (order id or username) and creation range, newest first",
      request: { query: adminOrderQuery },
      responses: { 200: jsonContent(adminOrderListSchema, "Orders"), ...errorResponses },
    }),
    async (c) => c.json(await searchAllOrders(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/orders/{id}",
      tags,
      summary: "One order with its payment attempts and what their gateway reported",
      request: { params: idParam },
      responses: { 200: jsonContent(adminOrderDetailSchema, "The order"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await orderWithPayments(c.get("ctx"), c.req.valid("param").id), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/orders/{id}/status",
      tags,
      summary: "Moves a paid order forward: processing, shipped, delivered",
      request: { params: idParam, ...jsonBody(statusBody) },
      responses: { 200: jsonContent(adminOrderSchema, "The order"), ...notFound, ...invalid, ...errorResponses },
    }),
    async (c) => c.json(await moveByStaff(actorOf(c), c.req.valid("param").id, c.req.valid("json").status), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/orders/bulk",
      tags,
      summary:
        "One action on up to 100 orders (ship paid or processing ones, cancel unpaid ones), each order's outcome reported",
      request: jsonBody(bulkOrdersBody),
      responses: { 200: jsonContent(bulkOrdersResultSchema, "Each order's outcome"), ...errorResponses },
    }),
    async (c) => c.json(await bulkOrders(actorOf(c), c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/orders/{id}/ship",
      tags,
      summary: "Ships a paid or processing order with its carrier and tracking number",
      request: { params: idParam, ...jsonBody(shipBody) },
      responses: { 200: jsonContent(adminOrderSchema, "The order"), ...notFound, ...invalid, ...errorResponses },
    }),
    async (c) => c.json(await shipOrder(actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "put",
      path: "/admin/orders/{id}/shipment",
      tags,
      summary: "Corrects a shipped order's carrier and tracking number (one given after a bulk shipment)",
      request: { params: idParam, ...jsonBody(shipBody) },
      responses: { 200: jsonContent(adminOrderSchema, "The order"), ...notFound, ...invalid, ...errorResponses },
    }),
    async (c) => c.json(await correctShipment(actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/orders/{id}/cancel",
      tags,
      summary: "Cancels an unpaid order for the shopper: its stock and coupon use come back",
      request: { params: idParam, ...jsonBody(staffCancelBody) },
      responses: { 200: jsonContent(adminOrderSchema, "The order"), ...notFound, ...invalid, ...errorResponses },
    }),
    async (c) => c.json(await cancelByStaff(actorOf(c), c.req.valid("param").id, c.req.valid("json").note), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/orders/{id}/refund",
      tags,
      summary: "Refunds a paid or processing order through its gateway and restocks it",
      request: { params: idParam },
      responses: {
        200: jsonContent(adminOrderSchema, "The refunded order"),
        ...notFound,
        ...invalid,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await refundOrder(actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/orders/{id}/payments/{paymentId}/refund",
      tags,
      summary:
        "Refunds one payment: one waiting to be refunded is tried again now; the one that paid the order refunds the order",
      request: { params: paymentParams },
      responses: {
        200: jsonContent(adminOrderDetailSchema, "The order with its payments"),
        ...notFound,
        ...invalid,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, paymentId } = c.req.valid("param");
      return c.json(await refundOnePayment(actorOf(c), id, paymentId), 200);
    },
  );
