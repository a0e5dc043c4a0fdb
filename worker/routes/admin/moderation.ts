import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../lib/create-router.ts";
import {
  staffOnly as denied,
  errorResponses,
  jsonContent,
  notFoundResponse,
  bearer as security,
} from "../../lib/openapi.ts";
import { currentUser } from "../../middleware/auth.ts";
import { listForModeration } from "../../repositories/moderation.repository.ts";
import { moderate } from "../../services/moderation.service.ts";

const idParam = z.object({ id: z.uuid() });
const approvedQuery = z.object({
  approved: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
const approveBody = {
  body: { required: true, content: { "application/json": { schema: z.object({ approved: z.boolean() }) } } },
};
const entry = z.object({
  id: z.string(),
  productId: z.string().nullable(),
  author: z.string(),
  text: z.string().nullable(),
  approved: z.boolean(),
  at: z.string(),
  kind: z.string().optional(),
  vote: z.number().int().optional(),
});

/** Comments and rating texts awaiting (or past) moderation; mounted under /admin behind requireStaff. */
export const adminModerationRouter = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/comments",
      tags: ["Admin: moderation"],
      security,
      summary: "Comments, by approval",
      request: { query: approvedQuery },
      responses: { 200: jsonContent(z.object({ items: z.array(entry) }), "Comments"), ...denied, ...errorResponses },
    }),
    async (c) => {
      const { approved, limit } = c.req.valid("query");
      return c.json({ items: await listForModeration(c.get("services").db, "comments", approved, limit) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/ratings",
      tags: ["Admin: moderation"],
      security,
      summary: "Rating texts, by approval",
      request: { query: approvedQuery },
      responses: { 200: jsonContent(z.object({ items: z.array(entry) }), "Ratings"), ...denied, ...errorResponses },
    }),
    async (c) => {
      const { approved, limit } = c.req.valid("query");
      return c.json({ items: await listForModeration(c.get("services").db, "ratings", approved, limit) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{kind}/{id}",
      tags: ["Admin: moderation"],
      security,
      summary: "Approves or hides a comment or a rating text",
      request: { params: idParam.extend({ kind: z.enum(["comments", "ratings"]) }), ...approveBody },
      responses: {
        200: jsonContent(z.object({ id: z.string(), approved: z.boolean() }), "Moderated"),
        ...notFoundResponse,
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { kind, id } = c.req.valid("param");
      const { approved } = c.req.valid("json");
      const { db, redis } = c.get("services");
      await moderate(db, redis, currentUser(c), kind, id, approved);
      return c.json({ id, approved }, 200);
    },
  );
