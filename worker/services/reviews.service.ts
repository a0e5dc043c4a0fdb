import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import type { ShopContext } from "../platform/context.ts";
import {
  approvedComments,
  approvedRatings,
  insertComment,
  ratingSummary,
  upsertRating,
} from "../repositories/reviews.repository.ts";
import { requireProduct } from "./catalog.service.ts";

/** Ratings (a vote with optional text) and comments (suggestions and criticism) about products. */

export async function rate(
  ctx: ShopContext,
  userId: string,
  productId: string,
  input: { vote: number; text?: string },
) {
  await requireProduct(ctx.db, productId);
  await upsertRating(ctx.db, userId, productId, input.vote, input.text ?? null);
  return myRating(ctx, userId, productId);
}

/** A product's rating with my vote and my review's text (and whether staff have yet to read it). */
export async function myRating(ctx: ShopContext, userId: string, productId: string) {
  await requireProduct(ctx.db, productId);
  const summary = await ratingSummary(ctx.db, productId, userId);
  return {
    average: Number(summary.average),
    count: summary.count,
    myVote: summary.my_vote,
    myText: summary.my_text,
    myTextPending: summary.my_text_pending ?? false,
  };
}

export async function ratingsOf(ctx: ShopContext, productId: string, page: { limit: number; cursor?: string }) {
  await requireProduct(ctx.db, productId);
  const after = page.cursor ? decodeCursor(page.cursor, cursorKeys.time) : undefined;
  const rows = await approvedRatings(ctx.db, productId, page.limit + 1, after);
  return pageOf(rows, page.limit, (row) => [row.at, row.id]);
}

export async function commentsOf(ctx: ShopContext, productId: string, page: { limit: number; cursor?: string }) {
  await requireProduct(ctx.db, productId);
  const after = page.cursor ? decodeCursor(page.cursor, cursorKeys.time) : undefined;
  const rows = await approvedComments(ctx.db, productId, page.limit + 1, after);
  return pageOf(rows, page.limit, (row) => [row.at, row.id]);
}

export async function comment(
  ctx: ShopContext,
  userId: string,
  input: { kind: "suggestion" | "criticism"; body: string; productId?: string },
) {
  if (input.productId) await requireProduct(ctx.db, input.productId);
  const row = await insertComment(ctx.db, userId, input.kind, input.body, input.productId ?? null);
  ctx.live.comment({ id: row.id, kind: input.kind, body: input.body });
  return {
    id: row.id,
    kind: input.kind,
    body: input.body,
    productId: input.productId ?? null,
    approved: false,
    createdAt: row.created_at,
  };
}
