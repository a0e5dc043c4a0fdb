import type { Database } from "../../db/client.ts";
import { concerns, evaluatePromotions } from "../domain/promotions.ts";
import { type Cursor, cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import type { ShopContext } from "../platform/context.ts";
import {
  findActiveProduct,
  type LivePromotionRow,
  listActiveProducts,
  productExists,
  suggestProducts,
} from "../repositories/products.repository.ts";
import { listBrands, listCategories } from "../repositories/taxonomy.repository.ts";
import type { ProductDetail, ProductList, ProductQuery, ProductSort } from "../schemas/catalog.ts";
import { promotionOf } from "./offers.service.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cursorKeyPattern: Record<ProductSort, RegExp> = {
  relevance: /^-?\d{1,4}(\.\d{1,6})?$/,
  newest: cursorKeys.time,
  price_asc: /^-?\d{1,10}$/,
  price_desc: /^-?\d{1,10}$/,
  rating: /^\d(\.\d{1,2})?$/,
};
const optionPrefix = "option.";
const maxOptionFilters = 3;

/** The `option.<Name>=<value>` parameters among a request's query parameters. */
function optionFilters(parameters: Record<string, string>): Record<string, string> {
  const entries = Object.entries(parameters).filter(([key]) => key.startsWith(optionPrefix));
  if (entries.length > maxOptionFilters) {
    throw new AppError("invalid_request", `At most ${maxOptionFilters} option filters.`, [
      { path: optionPrefix, message: "too many option filters" },
    ]);
  }
  for (const [key, value] of entries) {
    if (key.length > optionPrefix.length + 40 || value.length === 0 || value.length > 60) {
      throw new AppError("invalid_request", "An option filter is a name up to 40 characters and a value up to 60.", [
        { path: key, message: "name up to 40 characters, value 1 to 60" },
      ]);
    }
  }
  return Object.fromEntries(entries.map(([key, value]) => [key.slice(optionPrefix.length), value]));
}

/** A page of the catalog; `parameters` are the request's raw query parameters, for option filters. */
export async function listProducts(
  ctx: ShopContext,
  query: ProductQuery,
  parameters: Record<string, string> = {},
): Promise<ProductList> {
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
    throw new AppError("invalid_request", "minPrice is above maxPrice.", [
      { path: "minPrice", message: "above maxPrice" },
    ]);
  }
  const sort = query.sort ?? (query.q ? "relevance" : "newest");
  if (sort === "relevance" && !query.q) {
    throw new AppError("invalid_request", "Sorting by relevance needs a search.", [
      { path: "sort", message: "relevance needs q" },
    ]);
  }
  const after = query.cursor ? parseCursor(query.cursor, sort) : undefined;
  const rows = await listActiveProducts(
    ctx.db,
    {
      q: query.q,
      categorySlug: query.category,
      brandSlug: query.brand,
      minPrice: query.minPrice,
      maxPrice: query.maxPrice,
      inStock: query.inStock,
      options: optionFilters(parameters),
    },
    sort,
    query.limit + 1,
    ctx.config.currency,
    after,
  );
  const page = pageOf(rows, query.limit, (row) => [row.sortKey, row.id]);
  return { ...page, items: page.items.map(({ sortKey: _, ...product }) => product) };
}

export async function getProduct(ctx: ShopContext, idOrSlug: string): Promise<ProductDetail> {
  const by = uuidPattern.test(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug };
  const found = await findActiveProduct(ctx.db, by, ctx.config.currency);
  if (!found) throw new AppError("not_found", "No such product.");
  const { livePromotions, ...product } = found;
  return withSalePrices(product, livePromotions);
}

/**
 * The product with the item promotions live for everyone that concern it, and each variant's price
 * for one unit after them, priced by the cart's own evaluation (a unit alone: buy X get Y needs more).
 */
function withSalePrices(product: ProductDetail, rows: LivePromotionRow[]): ProductDetail {
  const lineOf = (variant: ProductDetail["variants"][number]) => ({
    productId: product.id,
    variantId: variant.id,
    categoryId: product.category?.id ?? null,
    brandId: product.brand?.id ?? null,
    unitPrice: variant.price - variant.discount,
    quantity: 1,
  });
  const concerned = rows.filter((row) => concerns(promotionOf(row), product.variants.map(lineOf)));
  const promotions = concerned.map(promotionOf);
  return {
    ...product,
    variants: product.variants.map((variant) => {
      const off = evaluatePromotions([lineOf(variant)], promotions, 0).lineDiscounts[0];
      return { ...variant, salePrice: off > 0 ? variant.price - variant.discount - off : null };
    }),
    promotions: concerned.map((row) => ({ id: row.id, name: row.name, endsAt: row.endsAt })),
  };
}

/** Names for a search box, as a shopper types. */
export const suggest = async (ctx: ShopContext, q: string) => ({ items: await suggestProducts(ctx.db, q) });

export const categories = async (ctx: ShopContext) => ({ items: await listCategories(ctx.db) });
export const brands = async (ctx: ShopContext) => ({ items: await listBrands(ctx.db) });

const parseCursor = (text: string, sort: ProductSort): Cursor => decodeCursor(text, cursorKeyPattern[sort]);

/** 404 unless the product exists and is sold. */
export async function requireProduct(db: Database, productId: string) {
  if (!(await productExists(db, productId))) throw new AppError("not_found", "No such product.");
}
