import { createRouter } from "../lib/create-router.ts";
import { errorResponses, jsonBody, jsonContent, notFound, tooMany } from "../lib/openapi.ts";
import { actorOf, route } from "../middleware/access.ts";
import { edgeCached } from "../middleware/edge-cache.ts";
import { limitedPerUser } from "../middleware/rate-limits.ts";
import { idParam, pageQuery } from "../schemas/common.ts";
import {
  commentBody,
  commentListSchema,
  createdCommentSchema,
  ratingBody,
  ratingListSchema,
  ratingSummarySchema,
} from "../schemas/reviews.ts";
import { comment, commentsOf, myRating, rate, ratingsOf } from "../services/reviews.service.ts";

const tags = ["Reviews"];

/** Ratings and comments about products. */
export const reviewsRouter = createRouter()
  .openapi(
    route("signedIn", {
      method: "get",
      path: "/products/{id}/rating",
      tags,
      summary: "The product's rating with my vote and my review",
      request: { params: idParam },
      responses: { 200: jsonContent(ratingSummarySchema, "The product's rating"), ...notFound, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await myRating(ctx, ctx.actor.id, c.req.valid("param").id), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "put",
      path: "/products/{id}/rating",
      tags,
      summary: "Rates a product 1..5 with optional text; a revote without text keeps the text",
      middleware: [limitedPerUser("ratingPerUser")],
      request: { params: idParam, ...jsonBody(ratingBody) },
      responses: {
        200: jsonContent(ratingSummarySchema, "The product's rating"),
        ...notFound,
        ...tooMany,
        ...errorResponses,
      },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await rate(ctx, ctx.actor.id, c.req.valid("param").id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    route("public", {
      method: "get",
      path: "/products/{id}/ratings",
      tags,
      middleware: [edgeCached],
      summary: "Approved rating texts, newest first",
      request: { params: idParam, query: pageQuery },
      responses: { 200: jsonContent(ratingListSchema, "Ratings"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await ratingsOf(c.get("ctx"), c.req.valid("param").id, c.req.valid("query")), 200),
  )
  .openapi(
    route("public", {
      method: "get",
      path: "/products/{id}/comments",
      tags,
      middleware: [edgeCached],
      summary: "Approved comments about a product, newest first",
      request: { params: idParam, query: pageQuery },
      responses: { 200: jsonContent(commentListSchema, "Comments"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await commentsOf(c.get("ctx"), c.req.valid("param").id, c.req.valid("query")), 200),
  )
  .openapi(
    route("signedIn", {
      method: "post",
      path: "/comments",
      tags,
      summary: "A suggestion or criticism, optionally about a product; shown once approved",
      middleware: [limitedPerUser("commentPerUser")],
      request: jsonBody(commentBody),
      responses: {
        201: jsonContent(createdCommentSchema, "The comment, awaiting moderation"),
        ...notFound,
        ...tooMany,
        ...errorResponses,
      },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await comment(ctx, ctx.actor.id, c.req.valid("json")), 201);
    },
  );
