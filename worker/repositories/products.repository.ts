import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { ProductSort } from "../schemas/catalog.ts";
import { isoTime } from "./sql.ts";

export interface ProductFilters {
  q?: string;
  categorySlug?: string;
  brandSlug?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
}

export type ProductRow = {
  id: string;
  slug: string;
  name: string;
  price: number;
  old_price: number | null;
  shipping_amount: number;
  discount: number;
  actual_price: number;
  stock_qty: number;
  rating_average: string;
  rating_count: number;
  image_url: string | null;
  sort_key: string;
};

export type ProductDetailRow = ProductRow & {
  description: string;
  category: { id: string; slug: string; name: string; parentId: string | null } | null;
  brand: { id: string; slug: string; name: string } | null;
  gallery: { url: string; alt: string }[];
  features: { name: string; value: string }[];
};

/** Per sort: the ordering, the key a cursor carries, and the keyset condition that continues after it. */
const sorts: Record<ProductSort, { key: SQL; order: SQL; after: (key: string, id: string) => SQL }> = {
  newest: {
    key: isoTime(sql`p.created_at`),
    order: sql`p.created_at DESC, p.id DESC`,
    after: (key, id) => sql`(p.created_at, p.id) < (${key}::timestamptz, ${id}::uuid)`,
  },
  price_asc: {
    key: sql`p.actual_price::text`,
    order: sql`p.actual_price ASC, p.id ASC`,
    after: (key, id) => sql`(p.actual_price, p.id) > (${key}::bigint, ${id}::uuid)`,
  },
  price_desc: {
    key: sql`p.actual_price::text`,
    order: sql`p.actual_price DESC, p.id DESC`,
    after: (key, id) => sql`(p.actual_price, p.id) < (${key}::bigint, ${id}::uuid)`,
  },
  rating: {
    key: sql`r.average::text`,
    order: sql`r.average DESC, p.id DESC`,
    after: (key, id) => sql`(r.average, p.id) < (${key}::numeric, ${id}::uuid)`,
  },
};

const ratingJoin = sql`
  CROSS JOIN LATERAL (
    SELECT coalesce(round(avg(vote)::numeric, 2), 0) AS average, count(*)::int AS count
    FROM ratings WHERE product_id = p.id
  ) r`;

const firstImage = sql`(SELECT url FROM product_images WHERE product_id = p.id ORDER BY position, id LIMIT 1)`;

const summaryColumns = sql`
  p.id, p.slug, p.name, p.price, p.old_price, p.shipping_amount, p.discount, p.actual_price, p.stock_qty,
  r.average AS rating_average, r.count AS rating_count, ${firstImage} AS image_url`;

/** One statement, one round trip: filters, rating summary, first image and keyset page together. */
export async function listActiveProducts(
  db: Database,
  filters: ProductFilters,
  sort: ProductSort,
  limit: number,
  after?: [key: string, id: string],
): Promise<ProductRow[]> {
  const { key, order, after: continueAfter } = sorts[sort];
  const conditions: SQL[] = [sql`p.is_active`];
  if (filters.q) conditions.push(sql`p.search_vector @@ websearch_to_tsquery('english', ${filters.q})`);
  if (filters.categorySlug) {
    conditions.push(sql`p.category_id IN (
      WITH RECURSIVE tree AS (
        SELECT id FROM categories WHERE slug = ${filters.categorySlug}
        UNION ALL SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id
      ) SELECT id FROM tree)`);
  }
  if (filters.brandSlug) conditions.push(sql`p.brand_id = (SELECT id FROM brands WHERE slug = ${filters.brandSlug})`);
  if (filters.minPrice !== undefined) conditions.push(sql`p.actual_price >= ${filters.minPrice}`);
  if (filters.maxPrice !== undefined) conditions.push(sql`p.actual_price <= ${filters.maxPrice}`);
  if (filters.inStock !== undefined) conditions.push(filters.inStock ? sql`p.stock_qty > 0` : sql`p.stock_qty = 0`);
  if (after) conditions.push(continueAfter(after[0], after[1]));

  const result = await db.execute<ProductRow>(sql`
    SELECT ${summaryColumns}, ${key} AS sort_key
    FROM products p ${ratingJoin}
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY ${order}
    LIMIT ${limit}`);
  return result.rows;
}

/** A product with its category, brand, gallery and features, in one round trip. */
export async function findActiveProduct(db: Database, by: { id: string } | { slug: string }) {
  const match = "id" in by ? sql`p.id = ${by.id}::uuid` : sql`p.slug = ${by.slug}`;
  const result = await db.execute<ProductDetailRow>(sql`
    SELECT ${summaryColumns}, '' AS sort_key, p.description,
      (SELECT json_build_object('id', c.id, 'slug', c.slug, 'name', c.name, 'parentId', c.parent_id)
         FROM categories c WHERE c.id = p.category_id) AS category,
      (SELECT json_build_object('id', b.id, 'slug', b.slug, 'name', b.name)
         FROM brands b WHERE b.id = p.brand_id) AS brand,
      coalesce((SELECT json_agg(json_build_object('url', i.url, 'alt', i.alt) ORDER BY i.position, i.id)
         FROM product_images i WHERE i.product_id = p.id), '[]') AS gallery,
      coalesce((SELECT json_agg(json_build_object('name', f.name, 'value', f.value) ORDER BY f.position, f.id)
         FROM product_features f WHERE f.product_id = p.id), '[]') AS features
    FROM products p ${ratingJoin}
    WHERE ${match} AND p.is_active`);
  return result.rows[0];
}
