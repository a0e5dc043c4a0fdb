import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { CommentForModeration, RatingForModeration } from "../schemas/reviews.ts";
import { boughtBy, isoTime } from "./sql.ts";

export type Moderated = "comments" | "ratings";

type Filter = { approved?: boolean; limit: number; before?: [string, string] };

/** Comments for staff, newest first, keyset-paged; the author is the username (staff see who wrote). */
export async function listCommentsForModeration(db: Database, filter: Filter) {
  const result = await db.execute<CommentForModeration>(sql`
    SELECT c.id, c.product_id AS "productId", u.username AS author, c.kind, c.body, c.is_approved AS approved,
      ${isoTime(sql`c.created_at`)} AS at
    FROM comments c JOIN users u ON u.id = c.user_id
    WHERE ${filter.approved === undefined ? sql`true` : sql`c.is_approved = ${filter.approved}`}
      ${filter.before ? sql`AND (c.created_at, c.id) < (${filter.before[0]}::timestamptz, ${filter.before[1]}::uuid)` : sql``}
    ORDER BY c.created_at DESC, c.id DESC LIMIT ${filter.limit}`);
  return result.rows;
}

/** Rating texts for staff, newest first, keyset-paged. */
export async function listRatingsForModeration(db: Database, filter: Filter) {
  const result = await db.execute<RatingForModeration>(sql`
    SELECT r.id, r.product_id AS "productId", u.username AS author, r.vote, r.text, r.is_approved AS approved,
      ${isoTime(sql`r.updated_at`)} AS at, ${boughtBy(sql`r`)} AS "verifiedPurchase"
    FROM ratings r JOIN users u ON u.id = r.user_id
    WHERE r.text IS NOT NULL AND ${filter.approved === undefined ? sql`true` : sql`r.is_approved = ${filter.approved}`}
      ${filter.before ? sql`AND (r.updated_at, r.id) < (${filter.before[0]}::timestamptz, ${filter.before[1]}::uuid)` : sql``}
    ORDER BY r.updated_at DESC, r.id DESC LIMIT ${filter.limit}`);
  return result.rows;
}

/** Sets the approval; returns the previous one, or undefined when there is no such row. */
export async function setApproval(
  db: Database,
  what: Moderated,
  id: string,
  approved: boolean,
): Promise<boolean | undefined> {
  const table = what === "comments" ? sql`comments` : sql`ratings`;
  const result = await db.execute<{ before: boolean }>(sql`
    UPDATE ${table} t SET is_approved = ${approved}
    FROM (SELECT id, is_approved AS before FROM ${table} WHERE id = ${id} FOR UPDATE) old
    WHERE t.id = old.id RETURNING old.before`);
  return result.rows[0]?.before;
}

/** Deletes a comment or a rating (its vote with it); returns what it was, or undefined when there is none. */
export async function deleteModerated(db: Database, what: Moderated, id: string): Promise<unknown> {
  const result =
    what === "comments"
      ? await db.execute<{ before: unknown }>(sql`
          DELETE FROM comments WHERE id = ${id}
          RETURNING json_build_object('kind', kind, 'body', body, 'productId', product_id, 'approved', is_approved) AS before`)
      : await db.execute<{ before: unknown }>(sql`
          DELETE FROM ratings WHERE id = ${id}
          RETURNING json_build_object('vote', vote, 'text', text, 'productId', product_id, 'approved', is_approved) AS before`);
  return result.rows[0]?.before;
}

/** Takes a rating's text away, its vote staying; returns the text it had, or undefined when there is no such rating. */
export async function rejectRatingText(db: Database, id: string): Promise<{ text: string | null } | undefined> {
  const result = await db.execute<{ text: string | null }>(sql`
    UPDATE ratings r SET text = NULL, is_approved = false, updated_at = now()
    FROM (SELECT id, text FROM ratings WHERE id = ${id} FOR UPDATE) old
    WHERE r.id = old.id RETURNING old.text`);
  return result.rows[0];
}
