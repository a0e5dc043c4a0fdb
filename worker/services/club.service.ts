import type { Database } from "../../db/client.ts";
import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
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
import { setQuantity } from "./cart.service.ts";

async function requireProduct(db: Database, productId: string) {
  if (!(await productExists(db, productId))) throw new AppError("not_found", "No such product.");
}

export async function rate(db: Database, userId: string, productId: string, vote: number, text: string | null) {
  await requireProduct(db, productId);
  await upsertRating(db, userId, productId, vote, text);
  const summary = await ratingSummary(db, productId, userId);
  return { average: Number(summary.average), count: summary.count, myVote: summary.my_vote };
}

export async function ratingsOf(db: Database, productId: string, page: { limit: number; cursor?: string }) {
  await requireProduct(db, productId);
  const after = page.cursor ? decodeCursor(page.cursor, cursorKeys.time) : undefined;
  const rows = await approvedRatings(db, productId, page.limit + 1, after);
  return pageOf(rows, page.limit, (row) => [row.at, row.id]);
}

export async function commentsOf(db: Database, productId: string, page: { limit: number; cursor?: string }) {
  await requireProduct(db, productId);
  const after = page.cursor ? decodeCursor(page.cursor, cursorKeys.time) : undefined;
  const rows = await approvedComments(db, productId, page.limit + 1, after);
  return pageOf(rows, page.limit, (row) => [row.at, row.id]);
}

export async function comment(
  db: Database,
  userId: string,
  input: { kind: "suggestion" | "criticism"; body: string; productId?: string },
) {
  if (input.productId) await requireProduct(db, input.productId);
  const row = await insertComment(db, userId, input.kind, input.body, input.productId ?? null);
  return {
    id: row.id,
    kind: input.kind,
    body: input.body,
    productId: input.productId ?? null,
    approved: false,
    createdAt: row.created_at,
  };
}

export async function wishlist(db: Database, userId: string, currency: string) {
  const rows = await listWishlist(db, userId);
  return {
    items: rows.map((row) => ({
      productId: row.product_id,
      slug: row.slug,
      name: row.name,
      unitPrice: row.unit_price,
      actualPrice: row.actual_price,
      currency,
      stockQty: row.stock_qty,
      inStock: row.is_active && row.stock_qty > 0,
      imageUrl: row.image_url,
      addedAt: row.added_at,
    })),
  };
}

export async function wish(db: Database, userId: string, productId: string) {
  await requireProduct(db, productId);
  await addToWishlist(db, userId, productId);
}

export async function unwish(db: Database, userId: string, productId: string) {
  if (!(await removeFromWishlist(db, userId, productId)))
    throw new AppError("not_found", "That product is not on the wishlist.");
}

/** Moves a wished product into the cart (one more of it), then off the wishlist. */
export async function moveToCart(db: Database, userId: string, productId: string, currentQuantity: number) {
  await setQuantity(db, userId, productId, currentQuantity + 1);
  await removeFromWishlist(db, userId, productId);
}
