import { createRouter } from "../lib/create-router.ts";
import { errorResponses, jsonContent, notFound } from "../lib/openapi.ts";
import { route } from "../middleware/access.ts";
import { edgeCached } from "../middleware/edge-cache.ts";
import {
  brandListSchema,
  categoryListSchema,
  productDetailSchema,
  productListSchema,
  productParam,
  productQuerySchema,
} from "../schemas/catalog.ts";
import { brands, categories, getProduct, listProducts } from "../services/catalog.service.ts";

const tags = ["Catalog"];

export const catalogRouter = createRouter()
  .openapi(
    route("public", {
      method: "get",
      path: "/products",
      tags,
      middleware: [edgeCached],
      summary: "Lists active products with search, filters, sorts and keyset pagination",
      request: { query: productQuerySchema },
      responses: { 200: jsonContent(productListSchema, "A page of products"), ...errorResponses },
    }),
    async (c) => c.json(await listProducts(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    route("public", {
      method: "get",
      path: "/products/{idOrSlug}",
      tags,
      middleware: [edgeCached],
      summary: "A product with gallery, features, category, brand and rating summary",
      request: { params: productParam },
      responses: { 200: jsonContent(productDetailSchema, "The product"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await getProduct(c.get("ctx"), c.req.valid("param").idOrSlug), 200),
  )
  .openapi(
    route("public", {
      method: "get",
      path: "/categories",
      tags,
      middleware: [edgeCached],
      summary: "All categories, with their parent",
      responses: { 200: jsonContent(categoryListSchema, "Categories"), ...errorResponses },
    }),
    async (c) => c.json(await categories(c.get("ctx")), 200),
  )
  .openapi(
    route("public", {
      method: "get",
      path: "/brands",
      tags,
      middleware: [edgeCached],
      summary: "All brands",
      responses: { 200: jsonContent(brandListSchema, "Brands"), ...errorResponses },
    }),
    async (c) => c.json(await brands(c.get("ctx")), 200),
  );
