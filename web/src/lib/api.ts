import { query } from "@solidjs/router";
import type { Brand, Category, ProductDetail, ProductList } from "../../../worker/schemas/catalog.ts";
import { type ProductSearch, productSearchParams, request } from "./http.ts";

export type {
  Brand,
  Category,
  ProductDetail,
  ProductList,
  ProductSort,
  ProductSummary,
} from "../../../worker/schemas/catalog.ts";
export { ApiError, type ProductSearch, productSearchParams, request } from "./http.ts";

export const getProducts = query(
  (search: ProductSearch) => request<ProductList>(`/products${productSearchParams(search)}`),
  "products",
);
export const getProduct = query(
  (idOrSlug: string) => request<ProductDetail>(`/products/${encodeURIComponent(idOrSlug)}`),
  "product",
);
export const getCategories = query(() => request<{ items: Category[] }>("/categories"), "categories");
export const getBrands = query(() => request<{ items: Brand[] }>("/brands"), "brands");
