import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { isoTime } from "./sql.ts";

export type Moderated = "comments" | "ratings";

export type ModerationEntry = {
  id: string;
  productId: string | null;
  author: string;
  text: string | null;
  approved: boolean;
  at: string;
  kind?: string;
  vote?: number;
};

export async function listForModeration(db: Database, what: Moderated, approved: boolean | undefined, limit: number) {
  const result =
    what === "comments"
      ? await db.execute<ModerationEntry>(sql`
          SELECT c.id, c.product_id AS "productId", u.username AS author, c.body AS text, c.kind, c.is_approved AS approved,
            ${isoTime(sql`c.created_at`)} AS at
          FROM comments c JOIN users u ON u.id = c.user_id
          WHERE ${approved === undefined ? sql`true` : sql`c.is_approved = ${approved}`}
          ORDER BY c.created_at DESC LIMIT ${limit}`)
      : await db.execute<ModerationEntry>(sql`
          SELECT r.id, r.product_id AS "productId", u.username AS author, r.text, r.vote, r.is_approved AS approved,
            ${isoTime(sql`r.updated_at`)} AS at
          FROM ratings r JOIN users u ON u.id = r.user_id
          WHERE r.text IS NOT NULL AND ${approved === undefined ? sql`true` : sql`r.is_approved = ${approved}`}
          ORDER BY r.updated_at DESC LIMIT ${limit}`);
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
