import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { productFeatures, productImages, products } from "../../db/schema.ts";
import { containing, isoTime } from "./sql.ts";

export type AdminProductRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  old_price: number | null;
  shipping_amount: number;
  discount: number;
  actual_price: number;
  stock_qty: number;
  low_stock_threshold: number;
  category_id: string | null;
  brand_id: string | null;
  is_active: boolean;
  features: { name: string; value: string }[];
  gallery: { url: string; alt: string }[];
  created_at: string;
  updated_at: string;
};

const adminColumns = sql`
  p.id, p.slug, p.name, p.description, p.price, p.old_price, p.shipping_amount, p.discount, p.actual_price, p.stock_qty,
  p.low_stock_threshold, p.category_id, p.brand_id, p.is_active, ${isoTime(sql`p.created_at`)} AS created_at, ${isoTime(sql`p.updated_at`)} AS updated_at,
  coalesce((SELECT json_agg(json_build_object('name', f.name, 'value', f.value) ORDER BY f.position, f.id)
    FROM product_features f WHERE f.product_id = p.id), '[]') AS features,
  coalesce((SELECT json_agg(json_build_object('url', i.url, 'alt', i.alt) ORDER BY i.position, i.id)
    FROM product_images i WHERE i.product_id = p.id), '[]') AS gallery`;

export async function findAdminProduct(db: Database, id: string): Promise<AdminProductRow | undefined> {
  const result = await db.execute<AdminProductRow>(sql`SELECT ${adminColumns} FROM products p WHERE p.id = ${id}`);
  return result.rows[0];
}

export interface AdminProductSearch {
  q?: string;
  minStock?: number;
  maxStock?: number;
  category?: string;
  active?: boolean;
}

/** Staff's product search (inactive ones included), keyset-paginated by name. */
export async function searchAdminProducts(
  db: Database,
  search: AdminProductSearch,
  limit: number,
  after?: [string, string],
) {
  const conditions: SQL[] = [sql`true`];
  if (search.q) {
    conditions.push(
      sql`(p.search_vector @@ websearch_to_tsquery('english', ${search.q}) OR p.slug ILIKE ${containing(search.q)})`,
    );
  }
  if (search.minStock !== undefined) conditions.push(sql`p.stock_qty >= ${search.minStock}`);
  if (search.maxStock !== undefined) conditions.push(sql`p.stock_qty <= ${search.maxStock}`);
  if (search.category) {
    conditions.push(sql`p.category_id IN (WITH RECURSIVE tree AS (
      SELECT id FROM categories WHERE slug = ${search.category}
      UNION ALL SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id) SELECT id FROM tree)`);
  }
  if (search.active !== undefined) conditions.push(sql`p.is_active = ${search.active}`);
  if (after) conditions.push(sql`(p.name, p.id) > (${after[0]}, ${after[1]}::uuid)`);
  const result = await db.execute<AdminProductRow>(sql`
    SELECT ${adminColumns} FROM products p WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY p.name, p.id LIMIT ${limit}`);
  return result.rows;
}

export type ProductValues = Partial<typeof products.$inferInsert>;

export async function insertProduct(db: Database, values: typeof products.$inferInsert): Promise<string> {
  const [row] = await db.insert(products).values(values).returning({ id: products.id });
  return row.id;
}

export async function updateProduct(db: Database, id: string, values: ProductValues): Promise<boolean> {
  const rows = await db
    .update(products)
    .set({ ...values, updatedAt: sql`now()` })
    .where(sql`${products.id} = ${id}`)
    .returning({ id: products.id });
  return rows.length > 0;
}

/** Replaces a product's features or gallery as a whole, as the inline admin edits them. */
export async function replaceFeatures(db: Database, productId: string, features: { name: string; value: string }[]) {
  await db.delete(productFeatures).where(sql`${productFeatures.productId} = ${productId}`);
  if (features.length)
    await db.insert(productFeatures).values(features.map((f, position) => ({ ...f, position, productId })));
}

export async function replaceGallery(db: Database, productId: string, gallery: { url: string; alt: string }[]) {
  await db.delete(productImages).where(sql`${productImages.productId} = ${productId}`);
  if (gallery.length)
    await db.insert(productImages).values(gallery.map((g, position) => ({ ...g, position, productId })));
}

export async function deleteProduct(db: Database, id: string): Promise<boolean> {
  const result = await db.execute(sql`DELETE FROM products WHERE id = ${id}`);
  return (result.rowCount ?? 0) > 0;
}
