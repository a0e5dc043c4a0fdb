import { createRoute, z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { createRouter } from "../lib/create-router.ts";
import { AppError } from "../lib/errors.ts";
import { jsonContent } from "../lib/openapi.ts";
import { requireUsername } from "../lib/username.ts";
import { readOutbox } from "../notifications/development.ts";

const outboxItem = z.object({
  to: z.string(),
  channel: z.enum(["email", "sms"]),
  purpose: z.enum(["verify", "reset", "login"]),
  code: z.string(),
  text: z.string(),
  sentAt: z.string(),
});

const developmentOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.env.ENVIRONMENT !== "development")
    throw new AppError("not_found", `No route for ${c.req.method} ${c.req.path}.`);
  await next();
});

/** Development only: the codes the development notifier "sent", newest first. */
export const devRouter = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/dev/outbox",
    tags: ["Development"],
    summary: "Codes sent by the development notifier (404 outside development)",
    middleware: [developmentOnly] as const,
    request: { query: z.object({ to: z.string().min(3).max(254) }) },
    responses: { 200: jsonContent(z.object({ items: z.array(outboxItem) }), "Newest first") },
  }),
  async (c) => {
    const to = requireUsername(c.req.valid("query").to, c.env.DEFAULT_PHONE_REGION);
    c.header("Cache-Control", "no-store");
    return c.json({ items: await readOutbox(c.get("services").redis, to.value) }, 200);
  },
);
