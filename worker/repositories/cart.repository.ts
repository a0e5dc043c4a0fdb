import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { Cart } from "../schemas/cart.ts";

/** What a cart line is priced from, for checkout and coupon previews. */
export type CartLine = Omit<Cart["items"][number], "slug" | "imageUrl" | "available" | "lineTotal" | "discount"> & {
  categoryId: string | null;
  brandId: string | null;
  shippingAmount: number;
  weightGrams: number;
  taxClassId: string;
  /** The method the shopper chose for this cart (the same on every line), if any. */
  shippingMethodId?: string | null;
  stockQty: number;
  sellable: boolean;
  version: number;
};

/**
 * The user's cart in the API's shape, priced by the database from each variant's current price,
 * discount and shipping (a user without a cart has none: the caller answers an empty one).
 */
export const cartStatement = (db: Database, userId: string, currency: string) =>
  db.execute<{ cart: Cart }>(sql`
    SELECT json_build_object(
      -- Keys in the order of the cart's schema: the rooms pass the cart through it, and clients compare.
      'items', coalesce(json_agg(json_build_object(
        'productId', p.id, 'variantId', v.id, 'name', p.name, 'variantTitle', v.title, 'sku', v.sku,
        'quantity', ci.quantity, 'unitPrice', v.price - v.discount,
        'lineTotal', (v.price - v.discount)::bigint * ci.quantity,
        'slug', p.slug,
        'imageUrl', (SELECT url FROM product_images WHERE product_id = p.id ORDER BY position, id LIMIT 1),
        'available', CASE WHEN v.is_active AND p.is_active THEN v.stock_qty ELSE 0 END,
        -- For promotions' targets; pricing drops them from the answer.
        'categoryId', p.category_id, 'brandId', p.brand_id)
        ORDER BY ci.added_at, ci.variant_id) FILTER (WHERE ci.variant_id IS NOT NULL), '[]'),
      -- In 64 bits: a cart may hold more than an order may (checkout refuses an order above its limit).
      'subtotal', coalesce(sum((v.price - v.discount)::bigint * ci.quantity), 0),
      'shipping', coalesce(sum(v.shipping_amount::bigint * ci.quantity), 0),
      'itemCount', coalesce(sum(ci.quantity), 0),
      'currency', ${currency}::text,
      'version', c.version,
      'shippingChoice', CASE WHEN c.ship_to IS NULL THEN NULL ELSE json_build_object(
        'country', c.ship_to->>'country', 'subdivision', c.ship_to->>'subdivision',
        'postalCode', coalesce(c.ship_to->>'postalCode', ''), 'methodId', c.shipping_method_id) END) AS cart
    FROM carts c
    LEFT JOIN cart_items ci ON ci.cart_id = c.id
    LEFT JOIN product_variants v ON v.id = ci.variant_id
    LEFT JOIN products p ON p.id = v.product_id
    WHERE c.user_id = ${userId}
    GROUP BY c.id, c.version, c.ship_to, c.shipping_method_id`);

/** The cart's lines with what checkout and previews price them from, and the cart's version. */
export const cartLinesStatement = (db: Database, userId: string) =>
  db.execute<CartLine>(sql`
  SELECT c.version, c.shipping_method_id AS "shippingMethodId", p.id AS "productId", p.category_id AS "categoryId",
    p.brand_id AS "brandId", v.id AS "variantId", p.name, v.title AS "variantTitle", v.sku,
    ci.quantity, v.price - v.discount AS "unitPrice",
    v.shipping_amount AS "shippingAmount", v.weight_grams AS "weightGrams", v.tax_class_id AS "taxClassId",
    v.stock_qty AS "stockQty", (v.is_active AND p.is_active) AS sellable
  FROM carts c JOIN cart_items ci ON ci.cart_id = c.id
  JOIN product_variants v ON v.id = ci.variant_id JOIN products p ON p.id = v.product_id
  WHERE c.user_id = ${userId}
  ORDER BY ci.added_at, ci.variant_id`);

/** Which variant a cart change is about: one named, or the only active variant of a product. */
export type LineTarget = { variantId: string } | { productId: string };

/** What a cart change found, for the caller to answer (nothing changed unless `changed`). */
export type LineOutcome = {
  productId: string | null;
  variantId: string | null;
  available: number | null;
  sellable: boolean | null;
  variants: number | null;
  changed: boolean;
};

/**
 * Sets a line's quantity (0 removes it) in one statement: the cart is created on first use and its
 * row locked (so changes to one cart run one after another), the line is written only when the
 * variant is sold and has the stock, and the version grows when something changed.
 */
export const setLineStatement = (db: Database, userId: string, target: LineTarget, quantity: number) => {
  const byProduct = "productId" in target;
  const find = byProduct
    ? sql`v.product_id = ${target.productId} AND v.is_active`
    : sql`v.id = ${(target as { variantId: string }).variantId}`;
  // The cart row is written once, by the upsert that creates it or bumps its version: a statement
  // cannot update a row twice, so whether the line changes is known before it.
  return db.execute<LineOutcome>(sql`
    WITH target AS (
      SELECT v.id, v.product_id, v.stock_qty, (v.is_active AND p.is_active) AS sellable,
        (SELECT count(*) FROM product_variants a WHERE a.product_id = v.product_id AND a.is_active)::int AS variants
      FROM product_variants v JOIN products p ON p.id = v.product_id
      WHERE ${find} ORDER BY v.position, v.id LIMIT 1
    ), allowed AS (
      SELECT target.* FROM target WHERE ${byProduct ? sql`target.variants = 1` : sql`true`}
    ), change AS (
      SELECT coalesce((SELECT CASE
        WHEN ${quantity} > 0 THEN allowed.sellable AND allowed.stock_qty >= ${quantity}
        ELSE EXISTS (SELECT 1 FROM carts c JOIN cart_items ci ON ci.cart_id = c.id
          WHERE c.user_id = ${userId} AND ci.variant_id = allowed.id) END FROM allowed), false) AS changes
    ), cart AS (
      INSERT INTO carts (user_id, version) SELECT ${userId}, changes::int FROM change
      ON CONFLICT (user_id) DO UPDATE SET version = carts.version + EXCLUDED.version,
        updated_at = CASE WHEN EXCLUDED.version > 0 THEN now() ELSE carts.updated_at END
      RETURNING id
    ), removed AS (
      DELETE FROM cart_items ci USING cart, allowed
      WHERE ${quantity} = 0 AND ci.cart_id = cart.id AND ci.variant_id = allowed.id RETURNING 1
    ), written AS (
      INSERT INTO cart_items (cart_id, variant_id, quantity)
      SELECT cart.id, allowed.id, ${quantity} FROM cart, allowed, change
      WHERE ${quantity} > 0 AND change.changes
      ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity RETURNING 1
    )
    SELECT (SELECT product_id FROM target) AS "productId", (SELECT id FROM target) AS "variantId",
      (SELECT stock_qty FROM target) AS available,
      (SELECT sellable FROM target) AS sellable, (SELECT variants FROM target) AS variants,
      (EXISTS (SELECT 1 FROM written) OR EXISTS (SELECT 1 FROM removed)) AS changed`);
};

/** Empties the cart and bumps its version, in one statement. */
export const emptyCartStatement = (db: Database, userId: string) =>
  db.execute(sql`
    WITH cart AS (SELECT id FROM carts WHERE user_id = ${userId}),
      emptied AS (DELETE FROM cart_items WHERE cart_id IN (SELECT id FROM cart))
    UPDATE carts SET version = version + 1, updated_at = now() WHERE id IN (SELECT id FROM cart)`);

/** What a guest's lines can become: each one's variant (named, or a product's only one) and its stock. */
export async function resolveGuestLines(db: Database, lines: { productId: string; variantId?: string }[]) {
  if (lines.length === 0) return [];
  const wanted = JSON.stringify(lines.map((l) => ({ product_id: l.productId, variant_id: l.variantId ?? null })));
  const result = await db.execute<{
    productId: string;
    variantId: string | null;
    available: number;
    variants: number;
  }>(sql`
    SELECT w.product_id AS "productId", v.id AS "variantId",
      coalesce(CASE WHEN v.is_active AND p.is_active THEN v.stock_qty END, 0) AS available,
      (SELECT count(*) FROM product_variants a WHERE a.product_id = w.product_id AND a.is_active)::int AS variants
    FROM json_to_recordset(${wanted}::json) AS w(product_id uuid, variant_id uuid)
    LEFT JOIN LATERAL (
      SELECT v.* FROM product_variants v WHERE v.product_id = w.product_id
        AND (v.id = w.variant_id OR (w.variant_id IS NULL AND v.is_active))
      ORDER BY v.position, v.id LIMIT 1
    ) v ON true
    LEFT JOIN products p ON p.id = w.product_id`);
  return result.rows;
}

/** Adds a guest cart's lines to the user's, each at the quantity given, and bumps the version. */
export const mergeLinesStatement = (db: Database, userId: string, lines: { variantId: string; quantity: number }[]) =>
  db.execute(sql`
    WITH cart AS (
      INSERT INTO carts (user_id, version) VALUES (${userId}, 1)
      ON CONFLICT (user_id) DO UPDATE SET version = carts.version + 1, updated_at = now() RETURNING id
    )
    INSERT INTO cart_items (cart_id, variant_id, quantity)
    SELECT cart.id, x.variant_id, x.quantity FROM cart,
      json_to_recordset(${JSON.stringify(lines.map((l) => ({ variant_id: l.variantId, quantity: l.quantity })))}::json)
        AS x(variant_id uuid, quantity int)
    ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity`);

/**
 * Records where the cart goes and by which method (an unknown method is none), creating the cart on
 * first use; its version grows, so every device of the shopper hears of it.
 */
export const setShippingChoiceStatement = (
  db: Database,
  userId: string,
  choice: { country: string; subdivision?: string; postalCode: string; methodId?: string | null },
) =>
  db.execute(sql`
    INSERT INTO carts (user_id, version, ship_to, shipping_method_id)
    VALUES (${userId}, 1,
      ${JSON.stringify({ country: choice.country, subdivision: choice.subdivision ?? null, postalCode: choice.postalCode })}::jsonb,
      (SELECT id FROM shipping_methods WHERE id = ${choice.methodId ?? null}::uuid))
    ON CONFLICT (user_id) DO UPDATE SET version = carts.version + 1, ship_to = EXCLUDED.ship_to,
      shipping_method_id = EXCLUDED.shipping_method_id, updated_at = now()`);
