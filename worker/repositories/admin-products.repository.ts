import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { AdminProduct, AdminVariant, InventoryChange } from "../schemas/admin-products.ts";
import { containing, isoTime } from "./sql.ts";

/** A column of the product's first variant, whose money the product shows. */
const firstVariant = (column: string, name: string) =>
  sql.raw(
    `(SELECT v.${column} FROM product_variants v WHERE v.product_id = p.id ORDER BY v.position, v.id LIMIT 1) AS "${name}"`,
  );

/** A product as staff see it (inactive variants too), read in the API's shape. */
export const adminColumns = (currency: string) => sql`
  p.id, p.slug, p.name, p.description, p.category_id AS "categoryId", p.brand_id AS "brandId", p.is_active AS active,
  ${currency}::text AS currency,
  ${firstVariant("price", "price")}, ${firstVariant("old_price", "oldPrice")}, ${firstVariant("discount", "discount")},
  ${firstVariant("shipping_amount", "shippingAmount")}, ${firstVariant("actual_price", "actualPrice")},
  ${firstVariant("low_stock_threshold", "lowStockThreshold")}, ${firstVariant("weight_grams", "weightGrams")},
  ${firstVariant("tax_class_id", "taxClassId")},
  coalesce((SELECT sum(v.stock_qty) FROM product_variants v WHERE v.product_id = p.id AND v.is_active), 0)::float8 AS "stockQty",
  (SELECT json_build_object('min', min(v.actual_price), 'max', max(v.actual_price))
     FROM product_variants v WHERE v.product_id = p.id AND v.is_active HAVING count(*) > 0) AS "priceRange",
  coalesce((SELECT json_agg(json_build_object('name', o.name, 'values', o.values) ORDER BY o.position)
     FROM product_options o WHERE o.product_id = p.id), '[]') AS options,
  coalesce((SELECT json_agg(json_build_object('id', v.id, 'sku', v.sku, 'title', v.title, 'options', v.options,
       'price', v.price, 'oldPrice', v.old_price, 'discount', v.discount, 'shippingAmount', v.shipping_amount,
       'actualPrice', v.actual_price, 'stockQty', v.stock_qty, 'inStock', v.stock_qty > 0, 'active', v.is_active,
       'lowStockThreshold', v.low_stock_threshold, 'position', v.position, 'weightGrams', v.weight_grams,
       'taxClassId', v.tax_class_id) ORDER BY v.position, v.id)
     FROM product_variants v WHERE v.product_id = p.id), '[]') AS variants,
  coalesce((SELECT json_agg(json_build_object('name', f.name, 'value', f.value) ORDER BY f.position, f.id)
     FROM product_features f WHERE f.product_id = p.id), '[]') AS features,
  coalesce((SELECT json_agg(json_build_object('url', i.url, 'alt', i.alt) ORDER BY i.position, i.id)
     FROM product_images i WHERE i.product_id = p.id), '[]') AS gallery,
  ${isoTime(sql`p.created_at`)} AS "createdAt", ${isoTime(sql`p.updated_at`)} AS "updatedAt"`;

/** The statement that reads one product as staff see it (to run alone or last in a batch). */
export const adminProductStatement = (db: Database, id: string, currency: string) =>
  db.execute<AdminProduct>(sql`SELECT ${adminColumns(currency)} FROM products p WHERE p.id = ${id}`);

export async function findAdminProduct(db: Database, id: string, currency: string): Promise<AdminProduct | undefined> {
  return (await adminProductStatement(db, id, currency)).rows[0];
}

/** Writes an audit row whose `after` is the product as it is at that point of the batch. */
export const auditProductStatement = (
  db: Database,
  entry: { actorId: string; action: string; productId: string; before: unknown },
  currency: string,
) =>
  db.execute(sql`
    INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
    SELECT ${entry.actorId}, ${entry.action}, 'product', ${entry.productId}, ${JSON.stringify(entry.before)}::jsonb,
      (SELECT to_jsonb(view) FROM (SELECT ${adminColumns(currency)} FROM products p WHERE p.id = ${entry.productId}) view)`);

export interface AdminProductSearch {
  q?: string;
  minStock?: number;
  maxStock?: number;
  category?: string;
  brand?: string;
  active?: boolean;
}

/** Staff's product search (inactive ones included), keyset-paginated by name. */
export async function searchAdminProducts(
  db: Database,
  search: AdminProductSearch,
  limit: number,
  currency: string,
  after?: [string, string],
) {
  const stock = sql`coalesce((SELECT sum(v.stock_qty) FROM product_variants v WHERE v.product_id = p.id AND v.is_active), 0)`;
  const conditions: SQL[] = [sql`true`];
  if (search.q) {
    conditions.push(sql`(p.search_vector @@ websearch_to_tsquery('english', ${search.q}) OR p.slug ILIKE ${containing(search.q)}
      OR EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.sku ILIKE ${containing(search.q)}))`);
  }
  if (search.minStock !== undefined) conditions.push(sql`${stock} >= ${search.minStock}`);
  if (search.maxStock !== undefined) conditions.push(sql`${stock} <= ${search.maxStock}`);
  if (search.category) {
    conditions.push(sql`p.category_id IN (WITH RECURSIVE tree AS (
      SELECT id FROM categories WHERE slug = ${search.category}
      UNION ALL SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id) SELECT id FROM tree)`);
  }
  if (search.brand) conditions.push(sql`p.brand_id = (SELECT id FROM brands WHERE slug = ${search.brand})`);
  if (search.active !== undefined) conditions.push(sql`p.is_active = ${search.active}`);
  if (after) conditions.push(sql`(p.name, p.id) > (${after[0]}, ${after[1]}::uuid)`);
  const result = await db.execute<AdminProduct>(sql`
    SELECT ${adminColumns(currency)} FROM products p WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY p.name, p.id LIMIT ${limit}`);
  return result.rows;
}

/** One variant as staff see it, with its product id. */
export async function findVariant(db: Database, productId: string, variantId: string) {
  const result = await db.execute<AdminVariant & { productId: string }>(sql`
    SELECT v.id, v.product_id AS "productId", v.sku, v.title, v.options, v.price, v.old_price AS "oldPrice",
      v.discount, v.shipping_amount AS "shippingAmount", v.actual_price AS "actualPrice", v.stock_qty AS "stockQty",
      v.stock_qty > 0 AS "inStock", v.is_active AS active, v.low_stock_threshold AS "lowStockThreshold", v.position,
      v.weight_grams AS "weightGrams", v.tax_class_id AS "taxClassId"
    FROM product_variants v WHERE v.id = ${variantId} AND v.product_id = ${productId}`);
  return result.rows[0];
}

/**
 * Sets a variant's stock to an amount and records the change (its delta, the stock after it, the
 * reason and who made it) in the same statement; a change to the same amount records nothing.
 */
export const setStockStatement = (
  db: Database,
  change: { variantId: string; stockQty: number; reason: string; actorId: string },
) =>
  db.execute(sql`
    WITH before AS (
      SELECT id, stock_qty FROM product_variants WHERE id = ${change.variantId} FOR UPDATE
    ), updated AS (
      UPDATE product_variants v SET stock_qty = ${change.stockQty}, updated_at = now()
      FROM before WHERE v.id = before.id RETURNING v.id, v.stock_qty
    )
    INSERT INTO inventory_changes (variant_id, delta, stock_after, reason, actor_id)
    SELECT updated.id, updated.stock_qty - before.stock_qty, updated.stock_qty, ${change.reason}, ${change.actorId}
    FROM before JOIN updated ON updated.id = before.id WHERE updated.stock_qty <> before.stock_qty`);

/** A variant's inventory history, newest first, keyset-paged. */
export async function inventoryHistory(db: Database, variantId: string, limit: number, before?: [string, string]) {
  const result = await db.execute<InventoryChange>(sql`
    SELECT c.id, c.delta, c.stock_after AS "stockAfter", c.reason, c.order_id AS "orderId",
      CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'username', u.username) END AS actor,
      ${isoTime(sql`c.created_at`)} AS at
    FROM inventory_changes c LEFT JOIN users u ON u.id = c.actor_id
    WHERE c.variant_id = ${variantId}
      ${before ? sql`AND (c.created_at, c.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : sql``}
    ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit}`);
  return result.rows;
}

/** What an import needs to know of the shop, in one batch: the products, SKUs, categories and brands it names. */
export function importStateStatements(db: Database, names: { slugs: string[]; skus: string[]; taxonomy: string[] }) {
  const anyOf = (values: string[]) => sql`(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
  return [
    db.execute<ImportedProduct>(sql`
      SELECT p.id, p.slug,
        coalesce((SELECT json_agg(json_build_object('name', o.name, 'values', o.values) ORDER BY o.position)
          FROM product_options o WHERE o.product_id = p.id), '[]') AS options,
        coalesce((SELECT json_agg(json_build_object('id', v.id, 'sku', v.sku, 'options', v.options, 'price', v.price,
            'discount', v.discount) ORDER BY v.position, v.id)
          FROM product_variants v WHERE v.product_id = p.id), '[]') AS variants
      FROM products p WHERE p.slug IN ${anyOf(names.slugs)}`),
    db.execute<{ sku: string; slug: string }>(sql`
      SELECT v.sku, p.slug FROM product_variants v JOIN products p ON p.id = v.product_id
      WHERE v.sku IN ${anyOf(names.skus)}`),
    db.execute<{ kind: "category" | "brand"; id: string; slug: string }>(sql`
      SELECT 'category' AS kind, id, slug FROM categories WHERE slug IN ${anyOf(names.taxonomy)}
      UNION ALL SELECT 'brand', id, slug FROM brands WHERE slug IN ${anyOf(names.taxonomy)}`),
  ] as const;
}

export type ImportedProduct = {
  id: string;
  slug: string;
  options: { name: string; values: string[] }[];
  variants: { id: string; sku: string; options: Record<string, string>; price: number; discount: number }[];
};
