import { createRouter } from "../lib/create-router.ts";
import { jsonContent } from "../lib/openapi.ts";
import { route } from "../middleware/access.ts";
import { healthSchema } from "../schemas/health.ts";
import { health } from "../services/health.service.ts";

export const healthRouter = createRouter().openapi(
  route("public", {
    method: "get",
    path: "/health",
    tags: ["Health"],
    summary: "Checks Postgres and Redis for real",
    responses: {
      200: jsonContent(healthSchema, "Every dependency answers"),
      503: jsonContent(healthSchema, "A dependency is down; it is marked"),
    },
  }),
  async (c) => {
    const result = await health(c.get("ctx"));
    c.header("Cache-Control", "no-store");
    return result.status === "ok" ? c.json(result, 200) : c.json(result, 503);
  },
);
