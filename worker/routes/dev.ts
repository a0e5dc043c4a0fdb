import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { createRouter } from "../lib/create-router.ts";
import { AppError } from "../lib/errors.ts";
import { errorResponses, jsonContent } from "../lib/openapi.ts";
import { route } from "../middleware/access.ts";
import { outboxQuery, outboxSchema } from "../schemas/dev.ts";
import { developmentOutbox } from "../services/dev.service.ts";

const developmentOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("ctx").config.environment !== "development")
    throw new AppError("not_found", `No route for ${c.req.method} ${c.req.path}.`);
  await next();
});

/** Development only: the codes the development notifier "sent", newest first. */
export const devRouter = createRouter().openapi(
  route("public", {
    method: "get",
    path: "/dev/outbox",
    tags: ["Development"],
    summary: "Codes sent by the development notifier (404 outside development)",
    middleware: [developmentOnly],
    request: { query: outboxQuery },
    responses: { 200: jsonContent(outboxSchema, "Newest first"), ...errorResponses },
  }),
  async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await developmentOutbox(c.get("ctx"), c.req.valid("query").to), 200);
  },
);
