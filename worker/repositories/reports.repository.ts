import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";

/** The admin's reports: one statement each. */

export async function outOfStock(db: Database) {
  const result = await db.execute<{ id: string; slug: string; name: string; stockQty: number; active: boolean }>(sql`
    SELECT id, slug, name, stock_qty AS "stockQty", is_active AS active
    FROM products WHERE stock_qty = 0 ORDER BY name, id`);
  return result.rows;
}

/** Stock left per product, and in total (a window over the same rows). */
export async function stockLeft(db: Database) {
  const result = await db.execute<{ id: string; slug: string; name: string; stockQty: number; totalStock: number }>(sql`
    SELECT id, slug, name, stock_qty AS "stockQty", (sum(stock_qty) OVER ())::int AS "totalStock"
    FROM products ORDER BY stock_qty, name, id`);
  return { items: result.rows.map(({ totalStock: _, ...row }) => row), totalStock: result.rows[0]?.totalStock ?? 0 };
}

/** Products whose stock is under a threshold given by the caller (the seed's `tres-hold` route, working). */
export async function underThreshold(db: Database, threshold: number) {
  const result = await db.execute<{ id: string; slug: string; name: string; stockQty: number }>(sql`
    SELECT id, slug, name, stock_qty AS "stockQty" FROM products
    WHERE stock_qty < ${threshold} ORDER BY stock_qty, name, id`);
  return result.rows;
}

/** The average rating per product through a lateral subquery (the seed's RateQuery). */
export async function productRatings(db: Database) {
  const result = await db.execute<{ id: string; slug: string; name: string; average: string; count: number }>(sql`
    SELECT p.id, p.slug, p.name, r.average, r.count
    FROM products p CROSS JOIN LATERAL (
      SELECT coalesce(round(avg(vote)::numeric, 2), 0) AS average, count(*)::int AS count FROM ratings WHERE product_id = p.id
    ) r
    ORDER BY r.average DESC, r.count DESC, p.name, p.id`);
  return result.rows.map((row) => ({ ...row, average: Number(row.average) }));
}

export async function highestRated(db: Database, limit: number, minVotes: number) {
  const result = await db.execute<{ id: string; slug: string; name: string; average: string; count: number }>(sql`
    SELECT p.id, p.slug, p.name, round(avg(r.vote)::numeric, 2) AS average, count(*)::int AS count
    FROM ratings r JOIN products p ON p.id = r.product_id
    GROUP BY p.id HAVING count(*) >= ${minVotes}
    ORDER BY average DESC, count DESC, p.name, p.id LIMIT ${limit}`);
  return result.rows.map((row) => ({ ...row, average: Number(row.average) }));
}

/** Revenue (paid orders) and order counts per UTC day over [from, to), every day present. */
export async function revenueByDay(db: Database, from: string, to: string) {
  const result = await db.execute<{ day: string; orders: number; paidOrders: number; revenue: number }>(sql`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
      count(o.id)::int AS orders,
      count(o.id) FILTER (WHERE o.status IN ('paid', 'processing', 'shipped', 'delivered'))::int AS "paidOrders",
      coalesce(sum(o.total) FILTER (WHERE o.status IN ('paid', 'processing', 'shipped', 'delivered')), 0)::int AS revenue
    FROM generate_series(${from}::date, ${to}::date - 1, interval '1 day') AS d(day)
    LEFT JOIN orders o ON o.created_at >= d.day AND o.created_at < d.day + interval '1 day'
    GROUP BY d.day ORDER BY d.day`);
  return result.rows;
}
