import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { cartItems } from "../../db/schema.ts";

export type CartLineRow = {
  product_id: string;
  name: string;
  quantity: number;
  unit_price: number;
  line_total: number;
  shipping: number;
  shipping_amount: number;
  image_url: string | null;
  stock_qty: number;
  is_active: boolean;
  version: number;
};

/** The user's cart id, creating the cart on first use (one round trip; locks the cart row in a transaction). */
export async function ensureCart(db: Database, userId: string): Promise<string> {
  const result = await db.execute<{ id: string }>(sql`
    INSERT INTO carts (user_id) VALUES (${userId})
    ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id
    RETURNING id`);
  return result.rows[0].id;
}

/**
 * The cart's lines priced from the products' current price, discount and shipping, computed by
 * the database; with the cart's version on every row (and a row of nulls for an empty cart).
 */
export async function readCartLines(db: Database, userId: string): Promise<{ version: number; lines: CartLineRow[] }> {
  const result = await db.execute<CartLineRow>(sql`
    SELECT c.version, ci.product_id, p.name, ci.quantity,
      (p.price - p.discount) AS unit_price,
      (p.price - p.discount) * ci.quantity AS line_total,
      p.shipping_amount * ci.quantity AS shipping, p.shipping_amount,
      (SELECT url FROM product_images WHERE product_id = p.id ORDER BY position, id LIMIT 1) AS image_url,
      p.stock_qty, p.is_active
    FROM carts c
    LEFT JOIN cart_items ci ON ci.cart_id = c.id
    LEFT JOIN products p ON p.id = ci.product_id
    WHERE c.user_id = ${userId}
    ORDER BY ci.added_at, ci.product_id`);
  const rows = result.rows;
  return { version: rows[0]?.version ?? 0, lines: rows.filter((row) => row.product_id !== null) };
}

export async function findSellableProduct(db: Database, productId: string) {
  const result = await db.execute<{ id: string; stock_qty: number }>(sql`
    SELECT id, stock_qty FROM products WHERE id = ${productId} AND is_active`);
  return result.rows[0];
}

export async function findSellableProducts(db: Database, productIds: string[]): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const result = await db.execute<{ id: string; stock_qty: number }>(sql`
    SELECT id, stock_qty FROM products WHERE id IN ${productIds} AND is_active`);
  return new Map(result.rows.map((row) => [row.id, row.stock_qty]));
}

export async function upsertCartItems(db: Database, cartId: string, items: { productId: string; quantity: number }[]) {
  if (items.length === 0) return;
  await db
    .insert(cartItems)
    .values(items.map((item) => ({ cartId, ...item })))
    .onConflictDoUpdate({ target: [cartItems.cartId, cartItems.productId], set: { quantity: sql`excluded.quantity` } });
}

export async function upsertCartItem(db: Database, cartId: string, productId: string, quantity: number) {
  await db.execute(sql`
    INSERT INTO cart_items (cart_id, product_id, quantity) VALUES (${cartId}, ${productId}, ${quantity})
    ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity`);
}

export async function deleteCartItem(db: Database, cartId: string, productId: string) {
  await db.execute(sql`DELETE FROM cart_items WHERE cart_id = ${cartId} AND product_id = ${productId}`);
}

/** Every change bumps the version; the row lock also serialises concurrent changes to one cart. */
export async function bumpCartVersion(db: Database, cartId: string): Promise<number> {
  const result = await db.execute<{ version: number }>(sql`
    UPDATE carts SET version = version + 1, updated_at = now() WHERE id = ${cartId} RETURNING version`);
  return result.rows[0].version;
}

/**
 * The user's cart, locked until the transaction ends: the upsert's update takes the row lock, so
 * changes to one cart (and checkouts of it) run one after another.
 */
export const lockCart = ensureCart;

/** Empties the cart and bumps its version, in one statement. */
export async function emptyCart(db: Database, cartId: string): Promise<void> {
  await db.execute(sql`
    WITH emptied AS (DELETE FROM cart_items WHERE cart_id = ${cartId})
    UPDATE carts SET version = version + 1, updated_at = now() WHERE id = ${cartId}`);
}
