import type { z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { OrderStatus } from "../domain/order-status.ts";
import type { stockRowSchema } from "../schemas/reports.ts";

/**
 * The admin's reports: one statement each, keyset-paged. Sums and counts that can pass 32 bits are
 * `bigint` in SQL; the driver hands them over as text, and `Number` holds them exactly up to 2^53.
 */

type Page = { limit: number; after?: [string, string] };

/** A variant's stock, as every stock report lists it. */
const stockRow = sql`
  json_build_object('id', p.id, 'slug', p.slug, 'name', p.name) AS product,
  json_build_object('id', v.id, 'title', v.title, 'sku', v.sku, 'stockQty', v.stock_qty,
    'threshold', v.low_stock_threshold, 'active', v.is_active AND p.is_active) AS variant`;

export type StockRow = z.infer<typeof stockRowSchema>;

/** Variants with no stock, by product name. */
export async function outOfStock(db: Database, page: Page) {
  const result = await db.execute<StockRow & { sortKey: string }>(sql`
    SELECT ${stockRow}, p.name AS "sortKey" FROM product_variants v JOIN products p ON p.id = v.product_id
    WHERE v.stock_qty = 0
      ${page.after ? sql`AND (p.name, v.id) > (${page.after[0]}, ${page.after[1]}::uuid)` : sql``}
    ORDER BY p.name, v.id LIMIT ${page.limit}`);
  return result.rows;
}

/** Stock left per variant, fewest first, with the shop's total over every variant. */
export async function stockLeft(db: Database, page: Page) {
  // The total rides on every row, and on a row of nulls when the page is empty.
  const result = await db.execute<Partial<StockRow> & { totalStock: string }>(sql`
    WITH total AS (SELECT coalesce(sum(stock_qty), 0)::bigint::text AS "totalStock" FROM product_variants)
    SELECT page.product, page.variant, total."totalStock" FROM total LEFT JOIN LATERAL (
      SELECT ${stockRow}, v.stock_qty, v.id FROM product_variants v JOIN products p ON p.id = v.product_id
      WHERE true ${page.after ? sql`AND (v.stock_qty, v.id) > (${page.after[0]}::bigint, ${page.after[1]}::uuid)` : sql``}
      ORDER BY v.stock_qty, v.id LIMIT ${page.limit}
    ) page ON true`);
  return {
    items: result.rows
      .filter((row): row is StockRow & { totalStock: string } => row.variant != null)
      .map(({ totalStock: _, ...row }) => row),
    totalStock: Number(result.rows[0].totalStock),
  };
}

/** Variants under a threshold: the caller's, or each variant's own low-stock threshold. */
export async function underThreshold(db: Database, threshold: number | undefined, page: Page) {
  const result = await db.execute<StockRow>(sql`
    SELECT ${stockRow} FROM product_variants v JOIN products p ON p.id = v.product_id
    WHERE v.stock_qty < coalesce(${threshold ?? null}::int, v.low_stock_threshold)
      ${page.after ? sql`AND (v.stock_qty, v.id) > (${page.after[0]}::bigint, ${page.after[1]}::uuid)` : sql``}
    ORDER BY v.stock_qty, v.id LIMIT ${page.limit}`);
  return result.rows;
}

type RatingRow = { id: string; slug: string; name: string; average: string; count: number };

const ratingsContinuing = (page: Page) =>
  page.after ? sql`AND (average, id) < (${page.after[0]}::numeric, ${page.after[1]}::uuid)` : sql``;

/** The average rating per product (the seed's RateQuery), best first. */
export async function productRatings(db: Database, page: Page, minVotes = 0) {
  const result = await db.execute<RatingRow>(sql`
    SELECT * FROM (
      SELECT p.id, p.slug, p.name, r.average, r.count
      FROM products p CROSS JOIN LATERAL (
        SELECT coalesce(round(avg(vote)::numeric, 2), 0) AS average, count(*)::int AS count
        FROM ratings WHERE product_id = p.id
      ) r
      WHERE r.count >= ${minVotes}
    ) rated
    WHERE true ${ratingsContinuing(page)}
    ORDER BY average DESC, id DESC LIMIT ${page.limit}`);
  return result.rows.map((row) => ({ ...row, average: Number(row.average) }));
}

/** Revenue (paid orders) and order counts per UTC day over [from, to), every day present. */
export async function revenueByDay(db: Database, from: string, to: string, page: { limit: number; after?: string }) {
  const result = await db.execute<{ day: string; orders: string; paidOrders: string; revenue: string }>(sql`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
      count(o.id)::bigint::text AS orders,
      (count(o.id) FILTER (WHERE o.status IN ('paid', 'processing', 'shipped', 'delivered')))::bigint::text AS "paidOrders",
      coalesce(sum(o.total::bigint) FILTER (WHERE o.status IN ('paid', 'processing', 'shipped', 'delivered')), 0)::bigint::text AS revenue
    FROM generate_series(${page.after ? sql`${page.after}::date + 1` : sql`${from}::date`}, ${to}::date - 1, interval '1 day') AS d(day)
    LEFT JOIN orders o ON o.created_at >= d.day AND o.created_at < d.day + interval '1 day'
    GROUP BY d.day ORDER BY d.day LIMIT ${page.limit}`);
  return result.rows.map((row) => ({
    day: row.day,
    orders: Number(row.orders),
    paidOrders: Number(row.paidOrders),
    revenue: Number(row.revenue),
  }));
}

/** Every status with how many orders are in it. */
export async function ordersByStatus(db: Database) {
  const result = await db.execute<{ status: OrderStatus; count: string }>(sql`
    SELECT s.status, count(o.id)::bigint::text AS count
    FROM unnest(enum_range(NULL::order_status)) AS s(status)
    LEFT JOIN orders o ON o.status = s.status
    GROUP BY s.status ORDER BY s.status`);
  return result.rows.map((row) => ({ status: row.status, count: Number(row.count) }));
}

/** Units and revenue per product over paid orders of the last `days`, most units first. */
export async function topProducts(db: Database, days: number, page: Page) {
  const result = await db.execute<{ productId: string; name: string; units: string; revenue: string }>(sql`
    SELECT * FROM (
      SELECT i.product_id AS "productId", max(i.name) AS name, sum(i.quantity)::bigint AS units,
        sum(i.line_total::bigint)::bigint AS revenue
      FROM order_items i JOIN orders o ON o.id = i.order_id
      WHERE o.status IN ('paid', 'processing', 'shipped', 'delivered')
        AND o.created_at >= now() - make_interval(days => ${days})
      GROUP BY i.product_id
    ) ranked
    WHERE true ${page.after ? sql`AND (units, "productId") < (${page.after[0]}::bigint, ${page.after[1]}::uuid)` : sql``}
    ORDER BY units DESC, "productId" DESC LIMIT ${page.limit}`);
  return result.rows.map((row) => ({
    productId: row.productId,
    name: row.name,
    units: Number(row.units),
    revenue: Number(row.revenue),
  }));
}

/** The orders a report of money taken counts: paid and after, not canceled or refunded. */
const taken = sql`o.status IN ('paid', 'processing', 'shipped', 'delivered')`;

/**
 * Tax per destination country and rate over [from, to): the goods' lines and the shipping, from the
 * amounts stored on each order when it was placed.
 */
export async function taxByRegion(db: Database, from: string, to: string) {
  const result = await db.execute<{ country: string; rateBps: number; orders: number; net: string; tax: string }>(sql`
    WITH taxed AS (
      SELECT o.id, o.shipping_address->>'country' AS country, i.tax_rate_bps AS rate, i.net_amount AS net, i.tax_amount AS tax
      FROM orders o JOIN order_items i ON i.order_id = o.id
      WHERE ${taken} AND o.created_at >= ${from}::date AND o.created_at < ${to}::date
      UNION ALL
      SELECT o.id, o.shipping_address->>'country', o.shipping_tax_rate_bps,
        CASE WHEN o.prices_include_tax THEN o.shipping - o.shipping_tax ELSE o.shipping END, o.shipping_tax
      FROM orders o
      WHERE ${taken} AND o.created_at >= ${from}::date AND o.created_at < ${to}::date AND o.shipping > 0
    )
    SELECT coalesce(country, '') AS country, rate AS "rateBps", count(DISTINCT id)::int AS orders,
      sum(net)::bigint::text AS net, sum(tax)::bigint::text AS tax
    FROM taxed GROUP BY country, rate ORDER BY sum(tax) DESC, country, rate`);
  return result.rows.map((row) => ({ ...row, net: Number(row.net), tax: Number(row.tax) }));
}

/** Shipping charged per method (as named when each order was placed) over [from, to). */
export async function shippingByMethod(db: Database, from: string, to: string) {
  const result = await db.execute<{ method: string; orders: number; shipping: string; shippingTax: string }>(sql`
    SELECT coalesce(o.shipping_method_name, 'Not recorded') AS method, count(*)::int AS orders,
      sum(o.shipping)::bigint::text AS shipping, sum(o.shipping_tax)::bigint::text AS "shippingTax"
    FROM orders o
    WHERE ${taken} AND o.created_at >= ${from}::date AND o.created_at < ${to}::date
    GROUP BY 1 ORDER BY sum(o.shipping) DESC, 1`);
  return result.rows.map((row) => ({ ...row, shipping: Number(row.shipping), shippingTax: Number(row.shippingTax) }));
}
