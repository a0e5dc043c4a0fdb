import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../lib/create-router.ts";
import {
  staffOnly as denied,
  errorResponses,
  jsonContent,
  listSchema,
  notFoundResponse,
  pageQuery,
  bearer as security,
} from "../../lib/openapi.ts";
import { currentUser } from "../../middleware/auth.ts";
import { commentQueue, moderate, ratingQueue } from "../../services/moderation.service.ts";

const idParam = z.object({ id: z.uuid() });
const approvedQuery = pageQuery.extend({
  approved: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
const approveBody = {
  body: { required: true, content: { "application/json": { schema: z.object({ approved: z.boolean() }) } } },
};
const commentEntry = z
  .object({
    id: z.string(),
    productId: z.string().nullable(),
    author: z.string(),
    kind: z.enum(["suggestion", "criticism"]),
    body: z.string(),
    approved: z.boolean(),
    at: z.string(),
  })
  .openapi("CommentForModeration");
const ratingEntry = z
  .object({
    id: z.string(),
    productId: z.string(),
    author: z.string(),
    vote: z.number().int(),
    text: z.string(),
    approved: z.boolean(),
    at: z.string(),
  })
  .openapi("RatingForModeration");

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
      responses: {
        200: jsonContent(listSchema(commentEntry, "CommentQueue"), "Comments"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await commentQueue(c.get("services").db, c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/ratings",
      tags: ["Admin: moderation"],
      security,
      summary: "Rating texts, by approval",
      request: { query: approvedQuery },
      responses: {
        200: jsonContent(listSchema(ratingEntry, "RatingQueue"), "Ratings"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await ratingQueue(c.get("services").db, c.req.valid("query")), 200),
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
