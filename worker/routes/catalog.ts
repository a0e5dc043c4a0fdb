import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/create-router.ts";
import { errorResponses, jsonContent, listSchema, notFoundResponse } from "../lib/openapi.ts";
import { listBrands, listCategories } from "../repositories/taxonomy.repository.ts";
import {
  brandSchema,
  categorySchema,
  productDetailSchema,
  productQuerySchema,
  productSummarySchema,
} from "../schemas/catalog.ts";
import { getProduct, listProducts } from "../services/catalog.service.ts";

const listProductsRoute = createRoute({
  method: "get",
  path: "/products",
  tags: ["Catalog"],
  summary: "Lists active products with search, filters, sorts and keyset pagination",
  request: { query: productQuerySchema },
  responses: {
    200: jsonContent(listSchema(productSummarySchema, "ProductList"), "A page of products"),
    ...errorResponses,
  },
});

const getProductRoute = createRoute({
  method: "get",
  path: "/products/{idOrSlug}",
  tags: ["Catalog"],
  summary: "A product with gallery, features, category, brand and rating summary",
  request: { params: z.object({ idOrSlug: z.string().min(1).max(200) }) },
  responses: {
    200: jsonContent(productDetailSchema, "The product"),
    ...notFoundResponse,
    ...errorResponses,
  },
});

const listCategoriesRoute = createRoute({
  method: "get",
  path: "/categories",
  tags: ["Catalog"],
  summary: "All categories, with their parent",
  responses: { 200: jsonContent(z.object({ items: z.array(categorySchema) }), "Categories"), ...errorResponses },
});

const listBrandsRoute = createRoute({
  method: "get",
  path: "/brands",
  tags: ["Catalog"],
  summary: "All brands",
  responses: { 200: jsonContent(z.object({ items: z.array(brandSchema) }), "Brands"), ...errorResponses },
});

export const catalogRouter = createRouter()
  .openapi(listProductsRoute, async (c) => {
    const list = await listProducts(c.get("services").db, c.req.valid("query"), c.env.CURRENCY);
    return c.json(list, 200);
  })
  .openapi(getProductRoute, async (c) => {
    const product = await getProduct(c.get("services").db, c.req.valid("param").idOrSlug, c.env.CURRENCY);
    return c.json(product, 200);
  })
  .openapi(listCategoriesRoute, async (c) => c.json({ items: await listCategories(c.get("services").db) }, 200))
  .openapi(listBrandsRoute, async (c) => c.json({ items: await listBrands(c.get("services").db) }, 200));
