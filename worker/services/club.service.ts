import type { Database } from "../../db/client.ts";
import { maxLineQuantity } from "../domain/limits.ts";
import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import type { ShopContext } from "../platform/context.ts";
import {
  addToWishlist,
  approvedComments,
  approvedRatings,
  insertComment,
  listWishlist,
  productExists,
  ratingSummary,
  removeFromWishlist,
  upsertRating,
} from "../repositories/club.repository.ts";
import { getCart, setQuantity } from "./cart.service.ts";

async function requireProduct(db: Database, productId: string) {
  if (!(await productExists(db, productId))) throw new AppError("not_found", "No such product.");
}

export async function rate(
  ctx: ShopContext,
  userId: string,
  productId: string,
  input: { vote: number; text?: string },
) {
  await requireProduct(ctx.db, productId);
  await upsertRating(ctx.db, userId, productId, input.vote, input.text ?? null);
  const summary = await ratingSummary(ctx.db, productId, userId);
  return { average: Number(summary.average), count: summary.count, myVote: summary.my_vote };
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

export const wishlist = async (ctx: ShopContext, userId: string) => ({
  items: await listWishlist(ctx.db, userId, ctx.config.currency),
});

export async function wish(ctx: ShopContext, userId: string, productId: string) {
  await requireProduct(ctx.db, productId);
  await addToWishlist(ctx.db, userId, productId);
  return wishlist(ctx, userId);
}

export async function unwish(ctx: ShopContext, userId: string, productId: string) {
  if (!(await removeFromWishlist(ctx.db, userId, productId)))
    throw new AppError("not_found", "That product is not on the wishlist.");
  return wishlist(ctx, userId);
}

/** Moves a wished product into the cart (one more of it), then off the wishlist. */
export async function moveToCart(ctx: ShopContext, userId: string, productId: string) {
  const before = await getCart(ctx, userId);
  const current = before.items.find((item) => item.productId === productId)?.quantity ?? 0;
  if (current >= maxLineQuantity) {
    throw new AppError("conflict", `The cart holds ${maxLineQuantity} of this already, the most one line holds.`, {
      productId,
      max: maxLineQuantity,
    });
  }
  await setQuantity(ctx, userId, { productId }, current + 1);
  await removeFromWishlist(ctx.db, userId, productId);
  return wishlist(ctx, userId);
}
