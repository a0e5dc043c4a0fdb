import { createRouter } from "../../lib/create-router.ts";
import { errorResponses, jsonContent } from "../../lib/openapi.ts";
import { route } from "../../middleware/access.ts";
import { liveStatsSchema } from "../../schemas/stats.ts";
import { liveStats } from "../../services/stats.service.ts";

export const adminStatsRouter = createRouter().openapi(
  route("staff", {
    method: "get",
    path: "/admin/stats",
    tags: ["Admin: reports"],
    summary: "Live counters: orders and revenue today, pending orders, low stock, active shoppers",
    responses: { 200: jsonContent(liveStatsSchema, "The counters"), ...errorResponses },
  }),
  async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await liveStats(c.get("ctx")), 200);
  },
);
