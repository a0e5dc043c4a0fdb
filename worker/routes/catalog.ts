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
  suggestionsSchema,
  suggestQuery,
} from "../schemas/catalog.ts";
import { brands, categories, getProduct, listProducts, suggest } from "../services/catalog.service.ts";

const tags = ["Catalog"];

export const catalogRouter = createRouter()
  .openapi(
    route("public", {
      method: "get",
      path: "/products",
      tags,
      middleware: [edgeCached],
      summary: "Lists active products with search, filters, sorts and keyset pagination",
      description:
        "Besides the parameters below, up to three option filters `option.<Name>=<value>` (e.g. `option.Size=M`) keep products with an active variant of that value.",
      request: { query: productQuerySchema },
      responses: { 200: jsonContent(productListSchema, "A page of products"), ...errorResponses },
    }),
    async (c) => c.json(await listProducts(c.get("ctx"), c.req.valid("query"), c.req.query()), 200),
  )
  .openapi(
    route("public", {
      method: "get",
      path: "/products/suggest",
      tags,
      middleware: [edgeCached],
      summary: "Up to 8 product names for a search box, prefixes and typos forgiven",
      request: { query: suggestQuery },
      responses: { 200: jsonContent(suggestionsSchema, "Suggestions"), ...errorResponses },
    }),
    async (c) => c.json(await suggest(c.get("ctx"), c.req.valid("query").q), 200),
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
