import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { PublicComment, PublicRating } from "../schemas/reviews.ts";
import { boughtBy, isoTime, publicAuthor } from "./sql.ts";

export type RatingSummaryRow = {
  average: string;
  count: number;
  my_vote: number | null;
  my_text: string | null;
  my_text_pending: boolean | null;
};

/**
 * Votes once per user and product; voting again replaces the vote. A revote without text, or with
 * the same text (the review form sends it back), keeps the text and its approval; new text replaces
 * the old and awaits approval again.
 */
export async function upsertRating(db: Database, userId: string, productId: string, vote: number, text: string | null) {
  await db.execute(sql`
    INSERT INTO ratings (user_id, product_id, vote, text) VALUES (${userId}, ${productId}, ${vote}, ${text})
    ON CONFLICT (user_id, product_id)
    DO UPDATE SET vote = EXCLUDED.vote,
      text = coalesce(EXCLUDED.text, ratings.text),
      is_approved = (EXCLUDED.text IS NULL OR EXCLUDED.text = ratings.text) AND ratings.is_approved,
      updated_at = now()`);
}

export async function ratingSummary(db: Database, productId: string, userId: string): Promise<RatingSummaryRow> {
  const result = await db.execute<RatingSummaryRow>(sql`
    SELECT coalesce(round(avg(vote)::numeric, 2), 0) AS average, count(*)::int AS count,
      max(vote) FILTER (WHERE user_id = ${userId}) AS my_vote,
      max(text) FILTER (WHERE user_id = ${userId}) AS my_text,
      bool_or(NOT is_approved) FILTER (WHERE user_id = ${userId} AND text IS NOT NULL) AS my_text_pending
    FROM ratings WHERE product_id = ${productId}`);
  return result.rows[0];
}

export async function approvedRatings(db: Database, productId: string, limit: number, before?: [string, string]) {
  const after = before ? sql`AND (r.updated_at, r.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : sql``;
  const result = await db.execute<PublicRating>(sql`
    SELECT r.id, r.vote, r.text, ${publicAuthor(sql`u`)} AS author,
      ${isoTime(sql`r.updated_at`)} AS at, ${boughtBy(sql`r`)} AS "verifiedPurchase"
    FROM ratings r JOIN users u ON u.id = r.user_id
    WHERE r.product_id = ${productId} AND r.is_approved AND r.text IS NOT NULL ${after}
    ORDER BY r.updated_at DESC, r.id DESC LIMIT ${limit}`);
  return result.rows;
}

export async function insertComment(
  db: Database,
  userId: string,
  kind: "suggestion" | "criticism",
  body: string,
  productId: string | null,
) {
  const result = await db.execute<{ id: string; created_at: string }>(sql`
    INSERT INTO comments (user_id, kind, body, product_id) VALUES (${userId}, ${kind}, ${body}, ${productId})
    RETURNING id, ${isoTime(sql`created_at`)} AS created_at`);
  return result.rows[0];
}

export async function approvedComments(db: Database, productId: string, limit: number, before?: [string, string]) {
  const after = before ? sql`AND (c.created_at, c.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : sql``;
  const result = await db.execute<PublicComment>(sql`
    SELECT c.id, c.kind, c.body, ${publicAuthor(sql`u`)} AS author,
      ${isoTime(sql`c.created_at`)} AS at
    FROM comments c JOIN users u ON u.id = c.user_id
    WHERE c.product_id = ${productId} AND c.is_approved ${after}
    ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit}`);
  return result.rows;
}
