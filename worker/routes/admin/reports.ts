import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../lib/create-router.ts";
import { AppError } from "../../lib/errors.ts";
import { staffOnly as denied, errorResponses, jsonContent, bearer as security } from "../../lib/openapi.ts";
import {
  highestRated,
  outOfStock,
  productRatings,
  revenueByDay,
  stockLeft,
  underThreshold,
} from "../../repositories/reports.repository.ts";

const tags = ["Admin: reports"];
const stockRow = z.object({ id: z.string(), slug: z.string(), name: z.string(), stockQty: z.number().int() });
const ratingRow = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  average: z.number(),
  count: z.number().int(),
});
const report = <S extends z.ZodType>(path: string, summary: string, schema: S) =>
  createRoute({
    method: "get",
    path,
    tags,
    security,
    summary,
    responses: { 200: jsonContent(schema, summary), ...denied, ...errorResponses },
  });
const reportWith = <S extends z.ZodType, Q extends z.ZodObject>(path: string, summary: string, schema: S, query: Q) =>
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
    report(
      "/out-of-stock",
      "Products with no stock",
      z.object({ items: z.array(stockRow.extend({ active: z.boolean() })) }),
    ),
    async (c) => c.json({ items: await outOfStock(c.get("services").db) }, 200),
  )
  .openapi(
    report(
      "/stock-left",
      "Stock left per product and in total",
      z.object({ items: z.array(stockRow), totalStock: z.number().int() }),
    ),
    async (c) => c.json(await stockLeft(c.get("services").db), 200),
  )
  .openapi(
    reportWith(
      "/low-stock",
      "Products whose stock is under the threshold",
      z.object({ threshold: z.number().int(), items: z.array(stockRow) }),
      z.object({ threshold: z.coerce.number().int().min(0).max(1_000_000) }),
    ),
    async (c) => {
      const { threshold } = c.req.valid("query");
      return c.json({ threshold, items: await underThreshold(c.get("services").db, threshold) }, 200);
    },
  )
  .openapi(
    report("/product-ratings", "Average rating and vote count per product", z.object({ items: z.array(ratingRow) })),
    async (c) => c.json({ items: await productRatings(c.get("services").db) }, 200),
  )
  .openapi(
    reportWith(
      "/highest-rated",
      "The best-rated products with at least minVotes votes",
      z.object({ items: z.array(ratingRow) }),
      z.object({
        limit: z.coerce.number().int().min(1).max(100).default(10),
        minVotes: z.coerce.number().int().min(1).max(10_000).default(1),
      }),
    ),
    async (c) => {
      const { limit, minVotes } = c.req.valid("query");
      return c.json({ items: await highestRated(c.get("services").db, limit, minVotes) }, 200);
    },
  )
  .openapi(
    reportWith(
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
      }),
      z.object({ from: day, to: day, bucket: z.literal("day").default("day") }),
    ),
    async (c) => {
      const { from, to } = c.req.valid("query");
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (!(days >= 1 && days <= 366)) {
        throw new AppError("invalid_request", "The range must span 1 to 366 days, with from before to.", [
          { path: "to", message: "range out of bounds" },
        ]);
      }
      return c.json(
        {
          from,
          to,
          bucket: "day" as const,
          currency: c.env.CURRENCY,
          items: await revenueByDay(c.get("services").db, from, to),
        },
        200,
      );
    },
  );
