import type { z } from "@hono/zod-openapi";
import { createRouter } from "../../lib/create-router.ts";
import { errorResponses, jsonContent } from "../../lib/openapi.ts";
import { route } from "../../middleware/access.ts";
import { pageQuery } from "../../schemas/common.ts";
import {
  highestRatedQuery,
  lowStockQuery,
  lowStockSchema,
  ordersByStatusSchema,
  outOfStockSchema,
  ratingsReportSchema,
  revenueQuery,
  revenueSchema,
  shippingReportSchema,
  spanQuery,
  stockLeftSchema,
  taxReportSchema,
  topProductsQuery,
  topProductsSchema,
} from "../../schemas/reports.ts";
import {
  lowStockReport,
  ordersByStatusReport,
  outOfStockReport,
  ratingsReport,
  revenueReport,
  shippingReport,
  stockLeftReport,
  taxReport,
  topProductsReport,
} from "../../services/reports.service.ts";

const report = <P extends string, S extends z.ZodType, Q extends z.ZodObject>(
  path: P,
  summary: string,
  schema: S,
  query: Q,
) =>
  route("staff", {
    method: "get",
    path: `/admin/reports/${path}` as const,
    tags: ["Admin: reports"],
    summary,
    request: { query },
    responses: { 200: jsonContent(schema, summary), ...errorResponses },
  });

export const adminReportsRouter = createRouter()
  .openapi(report("out-of-stock", "Variants with no stock", outOfStockSchema, pageQuery), async (c) =>
    c.json(await outOfStockReport(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    report("stock-left", "Stock left per variant, fewest first, and in total", stockLeftSchema, pageQuery),
    async (c) => c.json(await stockLeftReport(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    report(
      "low-stock",
      "Variants under a threshold: the one given, or each variant's own low-stock threshold",
      lowStockSchema,
      lowStockQuery,
    ),
    async (c) => c.json(await lowStockReport(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    report("product-ratings", "Average rating and vote count per product, best first", ratingsReportSchema, pageQuery),
    async (c) => c.json(await ratingsReport(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    report(
      "highest-rated",
      "The best-rated products with at least minVotes votes",
      ratingsReportSchema,
      highestRatedQuery,
    ),
    async (c) => c.json(await ratingsReport(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    report("taxes", "Tax collected per destination country and rate over [from, to)", taxReportSchema, spanQuery),
    async (c) => c.json(await taxReport(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    report("shipping", "Shipping charged per method over [from, to)", shippingReportSchema, spanQuery),
    async (c) => c.json(await shippingReport(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    report("revenue", "Orders and revenue per UTC day over [from, to)", revenueSchema, revenueQuery),
    async (c) => c.json(await revenueReport(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/reports/orders-by-status",
      tags: ["Admin: reports"],
      summary: "How many orders are in each status (every status, zero included)",
      responses: { 200: jsonContent(ordersByStatusSchema, "Orders by status"), ...errorResponses },
    }),
    async (c) => c.json(await ordersByStatusReport(c.get("ctx")), 200),
  )
  .openapi(
    report(
      "top-products",
      "The products sold most (units in paid orders) over the last days",
      topProductsSchema,
      topProductsQuery,
    ),
    async (c) => c.json(await topProductsReport(c.get("ctx"), c.req.valid("query")), 200),
  );
