import { type Cursor, cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import type { ShopContext } from "../platform/context.ts";
import {
  findActiveProduct,
  listActiveProducts,
  type ProductDetailRow,
  type ProductRow,
} from "../repositories/products.repository.ts";
import { listBrands, listCategories } from "../repositories/taxonomy.repository.ts";
import type { ProductDetail, ProductList, ProductQuery, ProductSort, ProductSummary } from "../schemas/catalog.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cursorKeyPattern: Record<ProductSort, RegExp> = {
  newest: cursorKeys.time,
  price_asc: /^-?\d{1,10}$/,
  price_desc: /^-?\d{1,10}$/,
  rating: /^\d(\.\d{1,2})?$/,
};

export async function listProducts(ctx: ShopContext, query: ProductQuery): Promise<ProductList> {
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
    throw new AppError("invalid_request", "minPrice is above maxPrice.", [
      { path: "minPrice", message: "above maxPrice" },
    ]);
  }
  const after = query.cursor ? parseCursor(query.cursor, query.sort) : undefined;
  const rows = await listActiveProducts(
    ctx.db,
    {
      q: query.q,
      categorySlug: query.category,
      brandSlug: query.brand,
      minPrice: query.minPrice,
      maxPrice: query.maxPrice,
      inStock: query.inStock,
    },
    query.sort,
    query.limit + 1,
    after,
  );
  const page = pageOf(rows, query.limit, (row) => [row.sort_key, row.id]);
  return { ...page, items: page.items.map((row) => toSummary(row, ctx.config.currency)) };
}

export async function getProduct(ctx: ShopContext, idOrSlug: string): Promise<ProductDetail> {
  const row = await findActiveProduct(ctx.db, uuidPattern.test(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug });
  if (!row) throw new AppError("not_found", "No such product.");
  return toDetail(row, ctx.config.currency);
}

export const categories = async (ctx: ShopContext) => ({ items: await listCategories(ctx.db) });
export const brands = async (ctx: ShopContext) => ({ items: await listBrands(ctx.db) });

const parseCursor = (text: string, sort: ProductSort): Cursor => decodeCursor(text, cursorKeyPattern[sort]);

function toSummary(row: ProductRow, currency: string): ProductSummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    price: row.price,
    oldPrice: row.old_price,
    shippingAmount: row.shipping_amount,
    discount: row.discount,
    actualPrice: row.actual_price,
    currency,
    stockQty: row.stock_qty,
    inStock: row.stock_qty > 0,
    rating: { average: Number(row.rating_average), count: row.rating_count },
    imageUrl: row.image_url,
  };
}

function toDetail(row: ProductDetailRow, currency: string): ProductDetail {
  return {
    ...toSummary(row, currency),
    description: row.description,
    category: row.category,
    brand: row.brand,
    gallery: row.gallery,
    features: row.features,
  };
}
