import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { createContext } from "../platform/create-context.ts";

/**
 * Gives the request its context, and closes what it opened once the response is out. In development
 * the response says, in `Server-Timing`, how many round trips to Postgres and Redis it cost and how long
 * they took (`db;desc="1";dur=3.2, redis;desc="0";dur=0`).
 */
export const context = createMiddleware<AppEnv>(async (c, next) => {
  const handle = createContext(c.env, (work) => c.executionCtx.waitUntil(work));
  c.set("ctx", handle.ctx);
  try {
    await next();
  } finally {
    c.executionCtx.waitUntil(handle.close());
    if (handle.ctx.config.environment === "development") {
      const { db, dbMs, redis, redisMs } = handle.ctx.trips;
      // Responses from the edge cache or an upstream have immutable headers: answer a copy.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.append(
        "server-timing",
        `db;desc="${db}";dur=${dbMs.toFixed(1)}, redis;desc="${redis}";dur=${redisMs.toFixed(1)}`,
      );
    }
  }
});
