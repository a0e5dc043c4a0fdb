import { query } from "@solidjs/router";
import type { InferRequestType } from "hono/client";
import { type Answer, publicApi, read, setOnly } from "../../lib/http.ts";

export { ApiError } from "../../lib/http.ts";

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

export const getProducts = query(listProducts, "products");
export const getProduct = query(
  (idOrSlug: string) => read(publicApi.products[":idOrSlug"].$get({ param: { idOrSlug } })),
  "product",
);
export const getCategories = query(() => read(publicApi.categories.$get()), "categories");
export const getBrands = query(() => read(publicApi.brands.$get()), "brands");
export const suggestProducts = (q: string) => read(publicApi.products.suggest.$get({ query: { q } }));
