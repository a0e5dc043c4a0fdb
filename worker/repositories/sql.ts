import { type SQL, sql } from "drizzle-orm";

/**
 * A timestamp as ISO 8601 UTC with microseconds: the database's full precision, so a keyset cursor
 * made from it continues exactly after its row.
 */
export const isoTime = (column: SQL) =>
  sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A LIKE pattern that finds `text` anywhere, its own % and _ taken literally. */
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * The name others see on a user's reviews and comments: their chosen display name, or a neutral
 * one made from their id, never their username (an email address or a phone number).
 */
export const publicAuthor = (user: SQL) =>
  sql`coalesce(${user}.display_name, 'Shopper ' || upper(substr(md5(${user}.id::text), 1, 4)))`;

/** Whether a rating's author bought its product: an order of theirs holding it was paid (later moves included). */
export const boughtBy = (rating: SQL) =>
  sql<boolean>`EXISTS (SELECT 1 FROM order_items i JOIN orders o ON o.id = i.order_id
    WHERE o.user_id = ${rating}.user_id AND i.product_id = ${rating}.product_id
      AND o.status IN ('paid', 'processing', 'shipped', 'delivered'))`;
