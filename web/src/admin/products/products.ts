import { query, type RoutePreloadFuncArgs, type SearchParams } from "@solidjs/router";
import { ApiError, read, setOnly } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { getShopCurrency } from "../lib/currency.ts";
import { getTaxClasses } from "../taxes/taxes.ts";
import { getBrands, getCategories } from "../taxonomy/taxonomy.ts";

/*
 * The products' reads: the list (keyset pages, by the filters in the address), one product, and a
 * variant's stock history. Keys never start one another (a revalidated key is a prefix of those it
 * refreshes): "admin-products", "admin-product-by-id", "admin-stock-history".
 */

/** The list's filters, as the API takes them (unset: no filter). */
export interface ProductFilters {
  q?: string;
  category?: string;
  minStock?: string;
  maxStock?: string;
  active?: "true" | "false";
}

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);
const wholeNumber = (value: string | undefined) => (value && /^\d+$/.test(value) ? value : undefined);

/** The filters the address of /admin/products asks for; what is not a filter is left out. */
export function productFilters(params: SearchParams): ProductFilters {
  const active = one(params.active);
  return {
    q: one(params.q)?.trim() || undefined,
    category: one(params.category) || undefined,
    minStock: wholeNumber(one(params.minStock)),
    maxStock: wholeNumber(one(params.maxStock)),
    active: active === "true" || active === "false" ? active : undefined,
  };
}

/** A page of the products, 25 at a time, filtered. */
export const getProductsPage = query(
  (filters: ProductFilters, cursor?: string) =>
    read(api.admin.products.$get({ query: setOnly({ ...filters, limit: "25", cursor }) })),
  "admin-products",
);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One product with its variants; an id that cannot be one is not found, as an unknown one. */
export const getAdminProduct = query(async (id: string) => {
  if (!uuid.test(id)) throw new ApiError(404, "not_found", "No such product.");
  return read(api.admin.products[":id"].$get({ param: { id } }));
}, "admin-product-by-id");

/** A variant's stock changes, newest first, 10 at a time. */
export const getStockHistoryPage = query(
  (of: { productId: string; variantId: string }, cursor?: string) =>
    read(
      api.admin.products[":id"].variants[":variantId"].inventory.$get({
        param: { id: of.productId, variantId: of.variantId },
        query: { limit: "10", ...(cursor ? { cursor } : {}) },
      }),
    ),
  "admin-stock-history",
);

/** What the product editor opens with: the shop's currency, and the product (null: a new one). */
export const editorData = (id: string | undefined) =>
  Promise.all([getShopCurrency(), id ? getAdminProduct(id) : null]).then(([currency, product]) => ({
    currency,
    product,
  }));

/** /admin/products: the first page for the filters in the address, and the categories to filter by. */
export function preloadProducts({ location }: RoutePreloadFuncArgs) {
  return [getProductsPage(productFilters(location.query)), getCategories()];
}

/** /admin/products/:id (and /admin/products/new): the currency, the product, its categories and brands. */
export function preloadProduct({ params }: RoutePreloadFuncArgs) {
  const reads: Promise<unknown>[] = [getShopCurrency(), getCategories(), getBrands(), getTaxClasses()];
  if (params.id) reads.push(getAdminProduct(params.id));
  return reads;
}
