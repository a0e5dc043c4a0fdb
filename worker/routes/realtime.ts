import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/create-router.ts";
import { errorSchema } from "../lib/errors.ts";
import { jsonContent } from "../lib/openapi.ts";
import { signTicket } from "../lib/tokens.ts";
import { currentUser } from "../middleware/auth.ts";
import { liveStats } from "../services/stats.service.ts";

const statsSchema = z
  .object({
    ordersToday: z.number().int(),
    revenueToday: z.number().int(),
    pendingOrders: z.number().int(),
    lowStockCount: z.number().int(),
    activeShoppers: z.number().int(),
    currency: z.string(),
  })
  .openapi("LiveStats");

/** Mounted behind requireAuth at /realtime. */
export const realtimeRouter = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/ticket",
    tags: ["Realtime"],
    security: [{ bearer: [] }],
    summary: "A 60-second ticket for opening my shopper room (or, for staff, the dashboard)",
    responses: {
      200: jsonContent(z.object({ ticket: z.string(), expiresAt: z.string() }), "The ticket"),
      401: jsonContent(errorSchema, "Not signed in"),
    },
  }),
  async (c) => {
    const user = currentUser(c);
    c.header("Cache-Control", "no-store");
    return c.json(
      await signTicket(c.env, { sub: user.id, role: user.role, sid: c.get("sessionId") ?? undefined }),
      200,
    );
  },
);

/** Mounted behind requireAuth + requireStaff at /admin/stats. */
export const statsRouter = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Admin: reports"],
    security: [{ bearer: [] }],
    summary: "Live counters: orders and revenue today, pending orders, low stock, active shoppers",
    responses: {
      200: jsonContent(statsSchema, "The counters"),
      401: jsonContent(errorSchema, "Not signed in"),
      403: jsonContent(errorSchema, "Not staff"),
    },
  }),
  async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await liveStats(c.get("services").db, c.env.CURRENCY), 200);
  },
);
