import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { createRouter } from "../lib/create-router.ts";
import { jsonContent } from "../lib/openapi.ts";

const status = z.enum(["ok", "down"]);
const healthSchema = z.object({ status: z.enum(["ok", "degraded"]), db: status, redis: status }).openapi("Health");

const route = createRoute({
  method: "get",
  path: "/health",
  tags: ["Health"],
  summary: "Checks Postgres and Redis for real",
  responses: {
    200: jsonContent(healthSchema, "Every dependency answers"),
    503: jsonContent(healthSchema, "A dependency is down; it is marked"),
  },
});

const timeoutMs = 3_000;

async function check(probe: () => Promise<unknown>): Promise<"ok" | "down"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
  });
  try {
    await Promise.race([probe(), timeout]);
    return "ok";
  } catch {
    return "down";
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export const healthRouter = createRouter().openapi(route, async (c) => {
  const { db, redis } = c.get("services");
  const [dbStatus, redisStatus] = await Promise.all([
    check(() => db.execute(sql`SELECT 1`)),
    check(async () => {
      if ((await redis.ping()) !== "PONG") throw new Error("unexpected PING reply");
    }),
  ]);
  const healthy = dbStatus === "ok" && redisStatus === "ok";
  c.header("Cache-Control", "no-store");
  return c.json(
    { status: healthy ? "ok" : "degraded", db: dbStatus, redis: redisStatus } as const,
    healthy ? 200 : 503,
  );
});
