import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../lib/create-router.ts";
import { staffOnly as denied, errorResponses, jsonContent, pageQuery, bearer as security } from "../../lib/openapi.ts";
import {
  lowStockReport,
  outOfStockReport,
  ratingsReport,
  revenueReport,
  stockLeftReport,
} from "../../services/reports.service.ts";

const tags = ["Admin: reports"];
const page = { nextCursor: z.string().nullable() };
const stockRow = z.object({ id: z.string(), slug: z.string(), name: z.string(), stockQty: z.number().int() });
const ratingRow = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  average: z.number(),
  count: z.number().int(),
});
const reportRoute = <S extends z.ZodType, Q extends z.ZodObject>(path: string, summary: string, schema: S, query: Q) =>
  createRoute({
    method: "get",
    path,
    tags,
    security,
    summary,
    request: { query },
    responses: { 200: jsonContent(schema, summary), ...denied, ...errorResponses },
  });

const day = z.iso.date();

/** Mounted under /admin/reports behind requireAuth + requireStaff. */
export const adminReportsRouter = createRouter()
  .openapi(
    reportRoute(
      "/out-of-stock",
      "Products with no stock",
      z.object({ items: z.array(stockRow.extend({ active: z.boolean() })), ...page }),
      pageQuery,
    ),
    async (c) => c.json(await outOfStockReport(c.get("services").db, c.req.valid("query")), 200),
  )
  .openapi(
    reportRoute(
      "/stock-left",
      "Stock left per product, fewest first, and in total",
      z.object({ items: z.array(stockRow), totalStock: z.number().int(), ...page }),
      pageQuery,
    ),
    async (c) => c.json(await stockLeftReport(c.get("services").db, c.req.valid("query")), 200),
  )
  .openapi(
    reportRoute(
      "/low-stock",
      "Products under a threshold: the one given, or each product's own low-stock threshold",
      z.object({
        threshold: z.number().int().nullable(),
        items: z.array(stockRow.extend({ threshold: z.number().int() })),
        ...page,
      }),
      pageQuery.extend({ threshold: z.coerce.number().int().min(0).max(1_000_000).optional() }),
    ),
    async (c) => c.json(await lowStockReport(c.get("services").db, c.req.valid("query")), 200),
  )
  .openapi(
    reportRoute(
      "/product-ratings",
      "Average rating and vote count per product, best first",
      z.object({ items: z.array(ratingRow), ...page }),
      pageQuery,
    ),
    async (c) => c.json(await ratingsReport(c.get("services").db, c.req.valid("query")), 200),
  )
  .openapi(
    reportRoute(
      "/highest-rated",
      "The best-rated products with at least minVotes votes",
      z.object({ items: z.array(ratingRow), ...page }),
      pageQuery.extend({ minVotes: z.coerce.number().int().min(1).max(10_000).default(1) }),
    ),
    async (c) => c.json(await ratingsReport(c.get("services").db, c.req.valid("query")), 200),
  )
  .openapi(
    reportRoute(
      "/revenue",
      "Orders and revenue per UTC day over [from, to)",
      z.object({
        from: z.string(),
        to: z.string(),
        bucket: z.literal("day"),
        currency: z.string(),
        items: z.array(
          z.object({
            day: z.string(),
            orders: z.number().int(),
            paidOrders: z.number().int(),
            revenue: z.number().int(),
          }),
        ),
        ...page,
      }),
      pageQuery.extend({
        from: day,
        to: day,
        bucket: z.literal("day").default("day"),
        limit: z.coerce.number().int().min(1).max(100).default(100),
      }),
    ),
    async (c) => c.json(await revenueReport(c.get("services").db, c.req.valid("query"), c.env.CURRENCY), 200),
  );
