import { createRouter } from "../../lib/create-router.ts";
import { errorResponses, jsonBody, jsonContent, notFound } from "../../lib/openapi.ts";
import { actorOf, route } from "../../middleware/access.ts";
import { idParam } from "../../schemas/common.ts";
import {
  approvalBody,
  approvalSchema,
  commentQueueSchema,
  moderationParams,
  moderationQuery,
  ratingQueueSchema,
} from "../../schemas/reviews.ts";
import { commentQueue, deleteEntry, moderate, ratingQueue, rejectText } from "../../services/moderation.service.ts";

const tags = ["Admin: moderation"];

/** Comments and rating texts awaiting (or past) moderation. */
export const adminModerationRouter = createRouter()
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/comments",
      tags,
      summary: "Comments, newest first, by approval",
      request: { query: moderationQuery },
      responses: { 200: jsonContent(commentQueueSchema, "Comments"), ...errorResponses },
    }),
    async (c) => c.json(await commentQueue(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/ratings",
      tags,
      summary: "Rating texts, newest first, by approval",
      request: { query: moderationQuery },
      responses: { 200: jsonContent(ratingQueueSchema, "Ratings"), ...errorResponses },
    }),
    async (c) => c.json(await ratingQueue(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    route("staff", {
      method: "patch",
      path: "/admin/{kind}/{id}",
      tags,
      summary: "Approves or hides a comment or a rating text",
      request: { params: moderationParams, ...jsonBody(approvalBody) },
      responses: { 200: jsonContent(approvalSchema, "Moderated"), ...notFound, ...errorResponses },
    }),
    async (c) => {
      const { kind, id } = c.req.valid("param");
      return c.json(await moderate(actorOf(c), kind, id, c.req.valid("json").approved), 200);
    },
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/ratings/{id}/reject",
      tags,
      summary: "Rejects a rating's text: it is never shown, the shopper's stars still count",
      request: { params: idParam },
      responses: { 200: jsonContent(approvalSchema, "Rejected"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await rejectText(actorOf(c), c.req.valid("param").id), 200),
  )
  .openapi(
    route("staff", {
      method: "delete",
      path: "/admin/{kind}/{id}",
      tags,
      summary: "Deletes a comment, or a rating with its vote",
      request: { params: moderationParams },
      responses: { 204: { description: "Deleted" }, ...notFound, ...errorResponses },
    }),
    async (c) => {
      const { kind, id } = c.req.valid("param");
      await deleteEntry(actorOf(c), kind, id);
      return c.body(null, 204);
    },
  );
