import { query, type RoutePreloadFuncArgs } from "@solidjs/router";
import type { InferRequestType } from "hono/client";
import { type Answer, ApiError, publicApi, read, setOnly } from "../../lib/http.ts";

export { ApiError };

export type ProductList = Answer<typeof publicApi.products.$get>;
export type ProductSummary = ProductList["items"][number];
export type ProductDetail = Answer<(typeof publicApi.products)[":idOrSlug"]["$get"]>;
export type Variant = ProductDetail["variants"][number];
export type ProductOption = ProductDetail["options"][number];
export type Category = Answer<typeof publicApi.categories.$get>["items"][number];
export type Brand = Answer<typeof publicApi.brands.$get>["items"][number];
export type Suggestion = Answer<typeof publicApi.products.suggest.$get>["items"][number];
export type ProductSearch = NonNullable<InferRequestType<typeof publicApi.products.$get>["query"]>;
export type ProductSort = NonNullable<ProductSearch["sort"]>;
/** Option filters by option name (`{ Size: "M" }`), sent as `option.Size=M`. */
export type OptionFilters = Record<string, string>;

export const optionPrefix = "option.";

/**
 * A page of the catalog. Option filters have names of the shop's choosing, which the route's query
 * schema cannot list: they ride beside its parameters, as `option.<Name>` (read by the worker from the
 * raw query).
 */
export const listProducts = (search: ProductSearch, options: OptionFilters = {}) => {
  const byOption = Object.fromEntries(Object.entries(options).map(([name, value]) => [optionPrefix + name, value]));
  return read(publicApi.products.$get({ query: { ...setOnly(search), ...setOnly(byOption) } as ProductSearch }));
};

/** What the catalog's search asks for: the filters of the route's schema and the option filters. */
export interface CatalogFilters {
  search: ProductSearch;
  options: OptionFilters;
}

/** A page of results, or (for a first page) the API's refusal of the filters, shown beside them. */
export type CatalogPage = Pick<ProductList, "items" | "nextCursor"> & { refused?: ApiError };

export const getCatalogPage = query(async (filters: CatalogFilters, cursor?: string): Promise<CatalogPage> => {
  try {
    const page = await listProducts({ ...filters.search, cursor }, filters.options);
    return { items: page.items, nextCursor: page.nextCursor };
  } catch (error) {
    // Filters the API refuses are said beside them; anything else is the page's failure.
    if (!cursor && error instanceof ApiError && error.status === 400)
      return { items: [], nextCursor: null, refused: error };
    throw error;
  }
}, "catalog-page");
export const getProduct = query(
  (idOrSlug: string) => read(publicApi.products[":idOrSlug"].$get({ param: { idOrSlug } })),
  "product",
);
export const getCategories = query(() => read(publicApi.categories.$get()), "categories");
export const getBrands = query(() => read(publicApi.brands.$get()), "brands");
export const suggestProducts = (q: string) => read(publicApi.products.suggest.$get({ query: { q } }));

/** Starts the product's read with the navigation to its page (the route's preload). */
export function preloadProduct({ params }: RoutePreloadFuncArgs) {
  if (params.slug) void getProduct(params.slug);
}
