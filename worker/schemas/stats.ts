import { z } from "@hono/zod-openapi";

/** The dashboard's live counters, as `GET /admin/stats` answers and the dashboard room pushes them. */
export const liveStatsSchema = z
  .object({
    ordersToday: z.number().int(),
    revenueToday: z.number().int(),
    pendingOrders: z.number().int(),
    lowStockCount: z.number().int(),
    activeShoppers: z.number().int(),
    currency: z.string(),
    /** Today's orders that took a promotion (canceled ones give theirs back), and what promotions took off them in all. */
    promotionUsesToday: z.number().int(),
    promotionDiscountToday: z.number().int(),
  })
  .openapi("LiveStats");

export type LiveStats = z.infer<typeof liveStatsSchema>;
