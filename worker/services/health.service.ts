import { sql } from "drizzle-orm";
import type { ShopContext } from "../platform/context.ts";
import type { Health } from "../schemas/health.ts";

const deadlineMs = 3_000;

/** Whether a dependency answers within the deadline. */
async function answers(probe: () => Promise<unknown>): Promise<"ok" | "down"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), deadlineMs);
  });
  try {
    await Promise.race([probe(), deadline]);
    return "ok";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

/** Postgres and Redis, each asked for real. */
export async function health(ctx: ShopContext): Promise<Health> {
  const [db, redis] = await Promise.all([
    answers(() => ctx.db.execute(sql`SELECT 1`)),
    answers(async () => {
      if ((await ctx.redis.ping()) !== "PONG") throw new Error("unexpected PING reply");
    }),
  ]);
  return { status: db === "ok" && redis === "ok" ? "ok" : "degraded", db, redis };
}
