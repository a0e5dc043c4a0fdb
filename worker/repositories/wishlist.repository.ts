import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { Wishlist } from "../schemas/wishlist.ts";
import { isoTime } from "./sql.ts";

/** The wishlist in the API's shape: each product's money is its first active variant's, its stock their sum. */
export async function listWishlist(db: Database, userId: string, currency: string) {
  const result = await db.execute<Wishlist["items"][number]>(sql`
    SELECT p.id AS "productId", p.slug, p.name, fv.price - fv.discount AS "unitPrice", fv.actual_price AS "actualPrice",
      ${currency}::text AS currency, coalesce(vs.stock, 0) AS "stockQty",
      (p.is_active AND coalesce(vs.stock, 0) > 0) AS "inStock",
      (SELECT url FROM product_images WHERE product_id = p.id ORDER BY position, id LIMIT 1) AS "imageUrl",
      ${isoTime(sql`w.created_at`)} AS "addedAt"
    FROM wishlist_items w JOIN products p ON p.id = w.product_id
    JOIN LATERAL (
      SELECT v.price, v.discount, v.actual_price FROM product_variants v
      WHERE v.product_id = p.id ORDER BY v.is_active DESC, v.position, v.id LIMIT 1
    ) fv ON true
    CROSS JOIN LATERAL (
      SELECT sum(v.stock_qty)::float8 AS stock FROM product_variants v WHERE v.product_id = p.id AND v.is_active
    ) vs
    WHERE w.user_id = ${userId} ORDER BY w.created_at DESC`);
  return result.rows;
}

export async function addToWishlist(db: Database, userId: string, productId: string) {
  await db.execute(
    sql`INSERT INTO wishlist_items (user_id, product_id) VALUES (${userId}, ${productId}) ON CONFLICT DO NOTHING`,
  );
}

export async function removeFromWishlist(db: Database, userId: string, productId: string): Promise<boolean> {
  const result = await db.execute(
    sql`DELETE FROM wishlist_items WHERE user_id = ${userId} AND product_id = ${productId}`,
  );
  return (result.rowCount ?? 0) > 0;
}
