import { z } from "@hono/zod-openapi";
import { commentKind } from "../../db/schema.ts";
import { listSchema, pageQuery, timestamp } from "./common.ts";

export const ratingBody = z.object({
  vote: z.number().int().min(1).max(5),
  text: z.string().trim().min(1).max(2_000).optional(),
});

export const ratingSummarySchema = z
  .object({
    average: z.number(),
    count: z.number().int(),
    myVote: z.number().int().nullable(),
    /** My review's text, shown to me before staff read it. */
    myText: z.string().nullable(),
    /** Whether my review's text waits for staff before others see it. */
    myTextPending: z.boolean(),
  })
  .openapi("RatingSummary");

const verifiedPurchase = z.boolean().openapi({
  description: "Whether the author bought the product (an order of theirs with it was paid)",
});

export const publicRatingSchema = z
  .object({
    id: z.string(),
    vote: z.number().int(),
    text: z.string(),
    author: z.string(),
    at: timestamp,
    verifiedPurchase,
  })
  .openapi("Review");

export const publicCommentSchema = z
  .object({ id: z.string(), kind: z.enum(commentKind.enumValues), body: z.string(), author: z.string(), at: timestamp })
  .openapi("Comment");

export const ratingListSchema = listSchema(publicRatingSchema, "ReviewList");
export const commentListSchema = listSchema(publicCommentSchema, "CommentList");

export const commentBody = z.object({
  kind: z.enum(commentKind.enumValues),
  body: z.string().trim().min(1).max(2_000),
  productId: z.uuid().optional(),
});

export const createdCommentSchema = z
  .object({
    id: z.string(),
    kind: z.enum(commentKind.enumValues),
    body: z.string(),
    productId: z.string().nullable(),
    approved: z.boolean(),
    createdAt: timestamp,
  })
  .openapi("CreatedComment");

export const moderationQuery = pageQuery.extend({
  approved: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

export const moderationParams = z.object({ kind: z.enum(["comments", "ratings"]), id: z.uuid() });
export const approvalBody = z.object({ approved: z.boolean() });
export const approvalSchema = z.object({ id: z.string(), approved: z.boolean() }).openapi("Approval");

export const commentForModerationSchema = z
  .object({
    id: z.string(),
    productId: z.string().nullable(),
    author: z.string(),
    kind: z.enum(commentKind.enumValues),
    body: z.string(),
    approved: z.boolean(),
    at: timestamp,
  })
  .openapi("CommentForModeration");

export const ratingForModerationSchema = z
  .object({
    id: z.string(),
    productId: z.string(),
    author: z.string(),
    vote: z.number().int(),
    text: z.string(),
    approved: z.boolean(),
    at: timestamp,
    verifiedPurchase,
  })
  .openapi("RatingForModeration");

export const commentQueueSchema = listSchema(commentForModerationSchema, "CommentQueue");
export const ratingQueueSchema = listSchema(ratingForModerationSchema, "RatingQueue");

export type CommentForModeration = z.infer<typeof commentForModerationSchema>;
export type RatingForModeration = z.infer<typeof ratingForModerationSchema>;
export type PublicRating = z.infer<typeof publicRatingSchema>;
export type PublicComment = z.infer<typeof publicCommentSchema>;
