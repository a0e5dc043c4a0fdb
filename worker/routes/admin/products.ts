import { bodyLimit } from "hono/body-limit";
import { createRouter } from "../../lib/create-router.ts";
import { errorBody } from "../../lib/errors.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../../lib/openapi.ts";
import { actorOf, route } from "../../middleware/access.ts";
import {
  adminProductListSchema,
  adminProductQuery,
  adminProductSchema,
  adminVariantSchema,
  createProductBody,
  inventoryListSchema,
  updateProductBody,
  variantChanges,
  variantInput,
  variantParams,
} from "../../schemas/admin-products.ts";
import { bulkProductsBody, bulkProductsResultSchema } from "../../schemas/admin-products-bulk.ts";
import { catalogImportBody, catalogImportResultSchema, maxCatalogCsvBytes } from "../../schemas/catalog-import.ts";
import { idParam, pageQuery } from "../../schemas/common.ts";
import {
  addVariant,
  changeProduct,
  changeVariant,
  createProduct,
  getAdminProduct,
  inventoryOf,
  removeProduct,
  removeVariant,
  searchProducts,
} from "../../services/admin-products.service.ts";
import { bulkProducts } from "../../services/admin-products-bulk.service.ts";
import { importCatalog } from "../../services/catalog-import.service.ts";

const tags = ["Admin: catalog"];

const importLimit = bodyLimit({
  maxSize: maxCatalogCsvBytes + 4096,
  onError: (c) => c.json(errorBody(c, "payload_too_large", "A catalog file may be at most 1 MB."), 413),
});

export const adminProductsRouter = createRouter()
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/products/import",
      tags,
      middleware: [importLimit],
      summary: "Imports a catalog CSV file (one line per variant) all or nothing",
      description:
        "Every line is checked first; with any error the answer is 400 with `details: [{ line, column, message }]` for each, and nothing is written. `dryRun` checks and answers the plan only.",
      request: jsonBody(catalogImportBody),
      responses: { 200: jsonContent(catalogImportResultSchema, "What was (or would be) imported"), ...errorResponses },
    }),
    async (c) => {
      const { csv, dryRun } = c.req.valid("json");
      return c.json(await importCatalog(actorOf(c), csv, dryRun), 200);
    },
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/products/bulk",
      tags,
      summary:
        "One action on up to 100 products (for sale or not, stock adjusted by a number of units, each row's changes saved), each product's outcome reported",
      request: jsonBody(bulkProductsBody),
      responses: { 200: jsonContent(bulkProductsResultSchema, "Each product's outcome"), ...errorResponses },
    }),
    async (c) => c.json(await bulkProducts(actorOf(c), c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/products",
      tags,
      summary: "Searches products (inactive ones too) by text, stock range, category and active flag",
      request: { query: adminProductQuery },
      responses: { 200: jsonContent(adminProductListSchema, "Products"), ...errorResponses },
    }),
    async (c) => c.json(await searchProducts(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/products",
      tags,
      summary: "Creates a product with its features and gallery",
      request: jsonBody(createProductBody),
      responses: {
        201: jsonContent(adminProductSchema, "The product"),
        ...conflict("conflict (slug taken)"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await createProduct(actorOf(c), c.req.valid("json")), 201),
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/products/{id}",
      tags,
      summary: "One product as staff see it",
      request: { params: idParam },
      responses: { 200: jsonContent(adminProductSchema, "The product"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await getAdminProduct(c.get("ctx"), c.req.valid("param").id), 200),
  )
  .openapi(
    route("staff", {
      method: "patch",
      path: "/admin/products/{id}",
      tags,
      summary: "Changes a product; features and gallery, when given, replace the old ones",
      request: { params: idParam, ...jsonBody(updateProductBody) },
      responses: {
        200: jsonContent(adminProductSchema, "The product"),
        ...notFound,
        ...conflict("conflict (slug taken)"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await changeProduct(actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "delete",
      path: "/admin/products/{id}",
      tags,
      summary: "Deletes a product no order refers to (otherwise 409: deactivate it)",
      request: { params: idParam },
      responses: {
        204: { description: "Deleted" },
        ...notFound,
        ...conflict("conflict (part of orders)"),
        ...errorResponses,
      },
    }),
    async (c) => {
      await removeProduct(actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/products/{id}/variants",
      tags,
      summary: "Adds a variant: one combination of the product's option values not taken yet",
      request: { params: idParam, ...jsonBody(variantInput) },
      responses: {
        201: jsonContent(adminVariantSchema, "The variant"),
        ...notFound,
        ...conflict("conflict (SKU taken, or the combination exists)"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await addVariant(actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    route("staff", {
      method: "patch",
      path: "/admin/products/{id}/variants/{variantId}",
      tags,
      summary: "Changes a variant's SKU, money, stock (with a reason, kept in its history), threshold or active flag",
      request: { params: variantParams, ...jsonBody(variantChanges) },
      responses: {
        200: jsonContent(adminVariantSchema, "The variant"),
        ...notFound,
        ...conflict("conflict (SKU taken)"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, variantId } = c.req.valid("param");
      return c.json(await changeVariant(actorOf(c), id, variantId, c.req.valid("json")), 200);
    },
  )
  .openapi(
    route("staff", {
      method: "delete",
      path: "/admin/products/{id}/variants/{variantId}",
      tags,
      summary: "Deletes a variant no order refers to (otherwise 409: deactivate it); a product keeps one",
      request: { params: variantParams },
      responses: {
        204: { description: "Deleted" },
        ...notFound,
        ...conflict("conflict (part of orders, or the last variant)"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, variantId } = c.req.valid("param");
      await removeVariant(actorOf(c), id, variantId);
      return c.body(null, 204);
    },
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/products/{id}/variants/{variantId}/inventory",
      tags,
      summary: "A variant's stock changes: by how much, to what, why, by whom and when; newest first",
      request: { params: variantParams, query: pageQuery },
      responses: { 200: jsonContent(inventoryListSchema, "Inventory history"), ...notFound, ...errorResponses },
    }),
    async (c) => {
      const { id, variantId } = c.req.valid("param");
      return c.json(await inventoryOf(c.get("ctx"), id, variantId, c.req.valid("query")), 200);
    },
  );
