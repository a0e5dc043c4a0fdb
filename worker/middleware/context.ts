import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { createContext } from "../platform/create-context.ts";

/** Gives the request its context, and closes what it opened once the response is out. */
export const context = createMiddleware<AppEnv>(async (c, next) => {
  const handle = createContext(c.env, (work) => c.executionCtx.waitUntil(work));
  c.set("ctx", handle.ctx);
  try {
    await next();
  } finally {
    c.executionCtx.waitUntil(handle.close());
  }
});
