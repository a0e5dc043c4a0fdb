import { createRouter } from "../../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../../lib/openapi.ts";
import { actorOf, route } from "../../middleware/access.ts";
import { idParam, pageQuery } from "../../schemas/common.ts";
import {
  priceHistorySchema,
  priceScheduleBody,
  priceScheduleListSchema,
  priceScheduleSchema,
} from "../../schemas/price-schedules.ts";
import {
  cancelPriceSchedule,
  priceHistoryOf,
  priceSchedulesOf,
  schedulePriceChange,
} from "../../services/price-schedules.service.ts";

const tags = ["Admin: catalog"];

/** Price changes staff schedule for a variant, and the history of its selling prices. */
export const adminPriceSchedulesRouter = createRouter()
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/variants/{id}/price-schedules",
      tags,
      summary: "Schedules a change of a variant's price, compare-at price and discount, applied once startsAt comes",
      request: { params: idParam, ...jsonBody(priceScheduleBody) },
      responses: { 201: jsonContent(priceScheduleSchema, "The scheduled change"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await schedulePriceChange(actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/variants/{id}/price-schedules",
      tags,
      summary: "A variant's scheduled price changes, pending (appliedAt null) and applied, the latest start first",
      request: { params: idParam, query: pageQuery },
      responses: { 200: jsonContent(priceScheduleListSchema, "Scheduled changes"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await priceSchedulesOf(c.get("ctx"), c.req.valid("param").id, c.req.valid("query")), 200),
  )
  .openapi(
    route("staff", {
      method: "delete",
      path: "/admin/price-schedules/{id}",
      tags,
      summary: "Cancels a scheduled price change while it is pending (409 once applied)",
      request: { params: idParam },
      responses: {
        204: { description: "Canceled" },
        ...notFound,
        ...conflict("conflict (applied already)"),
        ...errorResponses,
      },
    }),
    async (c) => {
      await cancelPriceSchedule(actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/variants/{id}/price-history",
      tags,
      summary: "Every selling price (price − discount) a variant had and from when, newest first",
      request: { params: idParam, query: pageQuery },
      responses: { 200: jsonContent(priceHistorySchema, "Price history"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await priceHistoryOf(c.get("ctx"), c.req.valid("param").id, c.req.valid("query")), 200),
  );
