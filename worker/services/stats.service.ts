import { sql } from "drizzle-orm";
import type { ShopContext } from "../platform/context.ts";
import type { LiveStats } from "../schemas/stats.ts";

type Counters = Omit<LiveStats, "currency">;

/**
 * The dashboard's counters, in one statement. "Today" is the UTC day; revenue counts paid orders.
 * Sums are bigint in SQL (the driver hands them over as text).
 */
export async function liveStats(ctx: ShopContext): Promise<LiveStats> {
  const result = await ctx.db.execute<Record<keyof Counters, string>>(sql`
    SELECT
      (SELECT count(*) FROM orders WHERE created_at >= date_trunc('day', now()))::text AS "ordersToday",
      (SELECT coalesce(sum(total::bigint), 0) FROM orders
        WHERE status IN ('paid', 'processing', 'shipped', 'delivered') AND created_at >= date_trunc('day', now()))::text AS "revenueToday",
      (SELECT count(*) FROM orders WHERE status = 'pending_payment')::text AS "pendingOrders",
      (SELECT count(*) FROM product_variants v JOIN products p ON p.id = v.product_id
        WHERE v.is_active AND p.is_active AND v.stock_qty < v.low_stock_threshold)::text AS "lowStockCount",
      (SELECT count(*) FROM carts WHERE updated_at > now() - interval '15 minutes')::text AS "activeShoppers",
      (SELECT count(DISTINCT order_id) FROM promotion_uses
        WHERE released_at IS NULL AND created_at >= date_trunc('day', now()))::text AS "promotionUsesToday",
      (SELECT coalesce(sum(amount::bigint + shipping_amount), 0) FROM promotion_uses
        WHERE released_at IS NULL AND created_at >= date_trunc('day', now()))::text AS "promotionDiscountToday"`);
  const row = result.rows[0];
  return {
    ordersToday: Number(row.ordersToday),
    revenueToday: Number(row.revenueToday),
    pendingOrders: Number(row.pendingOrders),
    lowStockCount: Number(row.lowStockCount),
    activeShoppers: Number(row.activeShoppers),
    currency: ctx.config.currency,
    promotionUsesToday: Number(row.promotionUsesToday),
    promotionDiscountToday: Number(row.promotionDiscountToday),
  };
}
