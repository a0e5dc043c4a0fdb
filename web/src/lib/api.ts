import { query } from "@solidjs/router";
import type { InferRequestType } from "hono/client";
import { type Answer, publicApi, read, setOnly } from "./http.ts";

export { ApiError } from "./http.ts";

export type ProductList = Answer<typeof publicApi.products.$get>;
export type ProductSummary = ProductList["items"][number];
export type ProductDetail = Answer<(typeof publicApi.products)[":idOrSlug"]["$get"]>;
export type Category = Answer<typeof publicApi.categories.$get>["items"][number];
export type Brand = Answer<typeof publicApi.brands.$get>["items"][number];
export type ProductSearch = NonNullable<InferRequestType<typeof publicApi.products.$get>["query"]>;
export type ProductSort = NonNullable<ProductSearch["sort"]>;

export const listProducts = (search: ProductSearch) => read(publicApi.products.$get({ query: setOnly(search) }));

export const getProducts = query(listProducts, "products");
export const getProduct = query(
  (idOrSlug: string) => read(publicApi.products[":idOrSlug"].$get({ param: { idOrSlug } })),
  "product",
);
export const getCategories = query(() => read(publicApi.categories.$get()), "categories");
export const getBrands = query(() => read(publicApi.brands.$get()), "brands");
