import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { LiveStats } from "../../realtime/messages.ts";

/** The dashboard's counters, in one statement. "Today" is the UTC day; revenue counts paid orders. */
export async function liveStats(db: Database, currency: string): Promise<LiveStats> {
  const result = await db.execute<Omit<LiveStats, "currency">>(sql`
    SELECT
      (SELECT count(*)::int FROM orders WHERE created_at >= date_trunc('day', now())) AS "ordersToday",
      (SELECT coalesce(sum(total), 0)::int FROM orders
        WHERE status IN ('paid', 'processing', 'shipped', 'delivered') AND created_at >= date_trunc('day', now())) AS "revenueToday",
      (SELECT count(*)::int FROM orders WHERE status = 'pending_payment') AS "pendingOrders",
      (SELECT count(*)::int FROM products WHERE is_active AND stock_qty < low_stock_threshold) AS "lowStockCount",
      (SELECT count(*)::int FROM carts WHERE updated_at > now() - interval '15 minutes') AS "activeShoppers"`);
  return { ...result.rows[0], currency };
}
