import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { ProductDetail, ProductSort, ProductSummary } from "../schemas/catalog.ts";
import type { PromotionRow } from "./promotions.repository.ts";
import { isoTime } from "./sql.ts";

export interface ProductFilters {
  q?: string;
  categorySlug?: string;
  brandSlug?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  /** Option name → value, each of which some active variant must have. */
  options?: Record<string, string>;
}

/** A product as the catalog answers it, with the key its keyset cursor carries. */
export type ProductRow = ProductSummary & { sortKey: string };

/** The words of a search as a prefix query: `lapt sle` finds "Laptop Sleeve". */
export function prefixQuery(q: string): string {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((word) => `${word}:*`).join(" & ");
}

/** How close a product's name is to a search, typos forgiven (pg_trgm's word similarity). */
const typoFloor = 0.25;

/**
 * The lowest selling price of the 30 days before the current one took effect (EU Omnibus, art. 6a of
 * 98/6/EC), named wherever a variant's page shows a struck-through price beside it (a discount strikes
 * the price, else an old price above the selling one does, as the web's Price shows it). The current
 * price's own period is left out; the price in effect when the 30 days began counts.
 */
const lowestPrice30Days = sql`CASE WHEN v.discount > 0 OR v.old_price > v.price - v.discount THEN (
    SELECT min(h.price) FROM variant_price_history h,
      (SELECT max(changed_at) AS at FROM variant_price_history WHERE variant_id = v.id AND changed_at <= now()) cur
    WHERE h.variant_id = v.id AND h.changed_at < cur.at
      AND h.changed_at >= coalesce((SELECT max(changed_at) FROM variant_price_history
        WHERE variant_id = v.id AND changed_at <= cur.at - interval '30 days'), '-infinity')
  ) END`;

/**
 * A product's variants as the shop shows them (active ones, in their order), its first active
 * variant (whose money is the product's), and what they add up to. Products without an active
 * variant are not sold. A product's own page also names each variant's lowest price of the 30 days
 * before its sale.
 */
const variantJoins = (detail = false) => sql`
  JOIN LATERAL (
    SELECT v.price, v.old_price, v.shipping_amount, v.discount, v.actual_price
    FROM product_variants v WHERE v.product_id = p.id AND v.is_active ORDER BY v.position, v.id LIMIT 1
  ) fv ON true
  CROSS JOIN LATERAL (
    SELECT sum(v.stock_qty)::float8 AS stock, bool_or(v.stock_qty > 0) AS in_stock,
      min(v.actual_price) AS min_price, max(v.actual_price) AS max_price,
      json_agg(json_build_object('id', v.id, 'sku', v.sku, 'title', v.title, 'options', v.options,
        'price', v.price, 'oldPrice', v.old_price, 'discount', v.discount, 'shippingAmount', v.shipping_amount,
        'actualPrice', v.actual_price, 'stockQty', v.stock_qty, 'inStock', v.stock_qty > 0, 'active', v.is_active
        ${detail ? sql`, 'lowestPrice30Days', ${lowestPrice30Days}` : sql``})
        ORDER BY v.position, v.id) AS variants
    FROM product_variants v WHERE v.product_id = p.id AND v.is_active
  ) vs
  CROSS JOIN LATERAL (
    SELECT coalesce(round(avg(vote)::numeric, 2), 0)::float8 AS average, count(*)::int AS count
    FROM ratings WHERE product_id = p.id
  ) r`;

const summaryColumns = (currency: string) => sql`
  p.id, p.slug, p.name, fv.price, fv.old_price AS "oldPrice", fv.shipping_amount AS "shippingAmount",
  fv.discount, fv.actual_price AS "actualPrice", ${currency}::text AS currency, vs.stock AS "stockQty",
  vs.in_stock AS "inStock", json_build_object('average', r.average, 'count', r.count) AS rating,
  (SELECT url FROM product_images WHERE product_id = p.id ORDER BY position, id LIMIT 1) AS "imageUrl",
  json_build_object('min', vs.min_price, 'max', vs.max_price) AS "priceRange",
  coalesce((SELECT json_agg(json_build_object('name', o.name, 'values', o.values) ORDER BY o.position)
    FROM product_options o WHERE o.product_id = p.id), '[]') AS options,
  vs.variants`;

/** Per sort: the ordering, the key a cursor carries, and the keyset condition that continues after it. */
function sortOf(sort: ProductSort, relevance: SQL) {
  const sorts: Record<ProductSort, { key: SQL; order: SQL; after: (key: string, id: string) => SQL }> = {
    relevance: {
      key: sql`round((${relevance})::numeric, 6)::text`,
      order: sql`round((${relevance})::numeric, 6) DESC, p.id DESC`,
      after: (key, id) => sql`(round((${relevance})::numeric, 6), p.id) < (${key}::numeric, ${id}::uuid)`,
    },
    newest: {
      key: isoTime(sql`p.created_at`),
      order: sql`p.created_at DESC, p.id DESC`,
      after: (key, id) => sql`(p.created_at, p.id) < (${key}::timestamptz, ${id}::uuid)`,
    },
    price_asc: {
      key: sql`fv.actual_price::text`,
      order: sql`fv.actual_price ASC, p.id ASC`,
      after: (key, id) => sql`(fv.actual_price, p.id) > (${key}::bigint, ${id}::uuid)`,
    },
    price_desc: {
      key: sql`fv.actual_price::text`,
      order: sql`fv.actual_price DESC, p.id DESC`,
      after: (key, id) => sql`(fv.actual_price, p.id) < (${key}::bigint, ${id}::uuid)`,
    },
    rating: {
      key: sql`r.average::numeric::text`,
      order: sql`r.average DESC, p.id DESC`,
      after: (key, id) => sql`(r.average::numeric, p.id) < (${key}::numeric, ${id}::uuid)`,
    },
  };
  return sorts[sort];
}

/**
 * A search: word prefixes through the full-text index; when no product's words match, the words
 * are taken as mistyped and matched by trigram similarity to the name (so `waterproof` finds the
 * waterproof things, not every "watch", and `latpop` still finds laptops). Relevance weighs the
 * full-text rank above the name's closeness.
 */
function searchOf(q: string) {
  const words = prefixQuery(q);
  const tsquery = sql`to_tsquery('english', ${words})`;
  const mistyped = sql`NOT EXISTS (SELECT 1 FROM products m WHERE m.is_active AND m.search_vector @@ ${tsquery})`;
  return {
    match: sql`(p.search_vector @@ ${tsquery} OR (word_similarity(${q}, p.name) >= ${typoFloor} AND ${mistyped}))`,
    // Strict similarity (whole words) breaks ties between names equally close by word similarity.
    relevance: sql`(2 * ts_rank_cd(p.search_vector, ${tsquery}) + word_similarity(${q}, p.name) + strict_word_similarity(${q}, p.name))`,
  };
}

/**
 * The first active variant's actual price (the product's, for price filters and sorts) and the
 * rating average (for the rating sort): all a page needs to be chosen, before anything is built.
 */
const pageJoins = (sort: ProductSort) => sql`
  JOIN LATERAL (
    SELECT v.actual_price FROM product_variants v WHERE v.product_id = p.id AND v.is_active
    ORDER BY v.position, v.id LIMIT 1
  ) fv ON true
  ${
    sort === "rating"
      ? sql`CROSS JOIN LATERAL (
    SELECT coalesce(round(avg(vote)::numeric, 2), 0)::float8 AS average FROM ratings WHERE product_id = p.id
  ) r`
      : sql``
  }`;

/**
 * One statement, one round trip: filters, search and keyset page first, over the products' own
 * columns and indexes; then variants, rating summary, first image and options for that page only.
 */
export async function listActiveProducts(
  db: Database,
  filters: ProductFilters,
  sort: ProductSort,
  limit: number,
  currency: string,
  after?: [key: string, id: string],
): Promise<ProductRow[]> {
  const search = filters.q ? searchOf(filters.q) : undefined;
  const { key, order, after: continueAfter } = sortOf(sort, search?.relevance ?? sql`0`);
  const conditions: SQL[] = [sql`p.is_active`];
  if (search) conditions.push(search.match);
  if (filters.categorySlug) {
    conditions.push(sql`p.category_id IN (
      WITH RECURSIVE tree AS (
        SELECT id FROM categories WHERE slug = ${filters.categorySlug}
        UNION ALL SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id
      ) SELECT id FROM tree)`);
  }
  if (filters.brandSlug) conditions.push(sql`p.brand_id = (SELECT id FROM brands WHERE slug = ${filters.brandSlug})`);
  if (filters.minPrice !== undefined) conditions.push(sql`fv.actual_price >= ${filters.minPrice}`);
  if (filters.maxPrice !== undefined) conditions.push(sql`fv.actual_price <= ${filters.maxPrice}`);
  if (filters.inStock !== undefined) {
    const inStock = sql`EXISTS (SELECT 1 FROM product_variants sv WHERE sv.product_id = p.id AND sv.is_active AND sv.stock_qty > 0)`;
    conditions.push(filters.inStock ? inStock : sql`NOT ${inStock}`);
  }
  for (const [name, value] of Object.entries(filters.options ?? {})) {
    conditions.push(sql`EXISTS (SELECT 1 FROM product_variants ov
      WHERE ov.product_id = p.id AND ov.is_active AND ov.options ->> ${name} = ${value})`);
  }
  if (after) conditions.push(continueAfter(after[0], after[1]));

  const result = await db.execute<ProductRow>(sql`
    WITH page AS (
      SELECT p.id, ${key} AS sort_key, row_number() OVER (ORDER BY ${order}) AS n
      FROM products p ${pageJoins(sort)}
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY ${order}
      LIMIT ${limit}
    )
    SELECT ${summaryColumns(currency)}, page.sort_key AS "sortKey"
    FROM page JOIN products p ON p.id = page.id ${variantJoins()}
    ORDER BY page.n`);
  return result.rows;
}

/** A live item promotion as the product page reads it (the service keeps those about the product). */
export type LivePromotionRow = Pick<
  PromotionRow,
  "id" | "name" | "kind" | "priority" | "combinesWith" | "conditions" | "action" | "budgetLeft" | "endsAt"
>;

/** A product with its variants, options, category, brand, gallery, features and live item promotions, in one round trip. */
export async function findActiveProduct(db: Database, by: { id: string } | { slug: string }, currency: string) {
  const match = "id" in by ? sql`p.id = ${by.id}::uuid` : sql`p.slug = ${by.slug}`;
  const result = await db.execute<ProductDetail & { livePromotions: LivePromotionRow[] }>(sql`
    SELECT ${summaryColumns(currency)}, p.description,
      (SELECT json_build_object('id', c.id, 'slug', c.slug, 'name', c.name, 'parentId', c.parent_id)
         FROM categories c WHERE c.id = p.category_id) AS category,
      (SELECT json_build_object('id', b.id, 'slug', b.slug, 'name', b.name)
         FROM brands b WHERE b.id = p.brand_id) AS brand,
      coalesce((SELECT json_agg(json_build_object('url', i.url, 'alt', i.alt) ORDER BY i.position, i.id)
         FROM product_images i WHERE i.product_id = p.id), '[]') AS gallery,
      coalesce((SELECT json_agg(json_build_object('name', f.name, 'value', f.value) ORDER BY f.position, f.id)
         FROM product_features f WHERE f.product_id = p.id), '[]') AS features,
      -- Item promotions live for everyone now; the service keeps those about this product.
      coalesce((SELECT json_agg(json_build_object('id', pr.id, 'name', pr.name, 'kind', pr.kind,
          'priority', pr.priority, 'combinesWith', pr.combines_with, 'conditions', pr.conditions,
          'action', pr.action, 'budgetLeft', pr.budget - pr.discount_given, 'endsAt', ${isoTime(sql`pr.ends_at`)}))
         FROM promotions pr WHERE pr.method = 'automatic' AND pr.kind = 'item' AND pr.status = 'active'
           AND (pr.starts_at IS NULL OR pr.starts_at <= now()) AND (pr.ends_at IS NULL OR pr.ends_at > now())
           AND (pr.usage_limit IS NULL OR pr.used_count < pr.usage_limit)
           AND (pr.budget IS NULL OR pr.discount_given < pr.budget)
           AND NOT pr.conditions ? 'customer'), '[]') AS "livePromotions"
    FROM products p ${variantJoins(true)}
    WHERE ${match} AND p.is_active`);
  return result.rows[0];
}

/** Up to 8 names for a search box: prefixes first, then the closest despite a typo. */
export async function suggestProducts(db: Database, q: string) {
  const { match, relevance } = searchOf(q);
  const result = await db.execute<{ id: string; slug: string; name: string; imageUrl: string | null }>(sql`
    SELECT p.id, p.slug, p.name,
      (SELECT url FROM product_images WHERE product_id = p.id ORDER BY position, id LIMIT 1) AS "imageUrl"
    FROM products p
    WHERE p.is_active AND ${match}
      AND EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.is_active)
    ORDER BY ${relevance} DESC, p.name, p.id LIMIT 8`);
  return result.rows;
}

export async function productExists(db: Database, productId: string): Promise<boolean> {
  const result = await db.execute(sql`SELECT 1 FROM products WHERE id = ${productId} AND is_active`);
  return (result.rowCount ?? 0) > 0;
}
