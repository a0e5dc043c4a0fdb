import { z } from "@hono/zod-openapi";
import { orderStatuses } from "../domain/order-status.ts";
import { isoDate, money, pageQuery } from "./common.ts";

const page = { nextCursor: z.string().nullable() };
/** One variant's stock, as every stock report lists it. */
export const stockRowSchema = z
  .object({
    product: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    variant: z.object({
      id: z.string(),
      title: z.string(),
      sku: z.string(),
      stockQty: z.number().int(),
      threshold: z.number().int(),
      active: z.boolean(),
    }),
  })
  .openapi("VariantStock");
const stockRow = stockRowSchema;
const ratingRow = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  average: z.number(),
  count: z.number().int(),
});

export const outOfStockSchema = z.object({ items: z.array(stockRow), ...page }).openapi("OutOfStockReport");
export const stockLeftSchema = z
  .object({ items: z.array(stockRow), totalStock: z.number().int(), ...page })
  .openapi("StockLeftReport");
export const lowStockSchema = z
  .object({
    threshold: z.number().int().nullable(),
    items: z.array(stockRow),
    ...page,
  })
  .openapi("LowStockReport");
export const ratingsReportSchema = z.object({ items: z.array(ratingRow), ...page }).openapi("RatingsReport");

export const lowStockQuery = pageQuery.extend({
  threshold: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export const highestRatedQuery = pageQuery.extend({
  minVotes: z.coerce.number().int().min(1).max(10_000).default(1),
});

const day = isoDate;
export const revenueQuery = pageQuery.extend({
  from: day,
  to: day,
  bucket: z.literal("day").default("day"),
  limit: z.coerce.number().int().min(1).max(100).default(100),
});
export const revenueSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    bucket: z.literal("day"),
    currency: z.string(),
    items: z.array(
      z.object({ day: z.string(), orders: z.number().int(), paidOrders: z.number().int(), revenue: money }),
    ),
    ...page,
  })
  .openapi("RevenueReport");

export const ordersByStatusSchema = z
  .object({ items: z.array(z.object({ status: z.enum(orderStatuses), count: z.number().int() })) })
  .openapi("OrdersByStatusReport");

export const topProductsQuery = pageQuery.extend({ days: z.coerce.number().int().min(1).max(366).default(30) });
export const topProductsSchema = z
  .object({
    days: z.number().int(),
    currency: z.string(),
    items: z.array(z.object({ productId: z.string(), name: z.string(), units: z.number().int(), revenue: money })),
    ...page,
  })
  .openapi("TopProductsReport");

/** A span of days [from, to), as the revenue report takes it. */
export const spanQuery = z.object({ from: day, to: day });

/** Tax collected on orders taken (paid and after, not refunded), per destination country and rate. */
export const taxReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    items: z.array(
      z.object({
        country: z.string(),
        rateBps: z.number().int(),
        orders: z.number().int(),
        net: money,
        tax: money,
      }),
    ),
  })
  .openapi("TaxReport");

/** Shipping charged on orders taken, per method as it was named. */
export const shippingReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    items: z.array(z.object({ method: z.string(), orders: z.number().int(), shipping: money, shippingTax: money })),
  })
  .openapi("ShippingReport");
