import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { createRouter } from "../../lib/create-router.ts";
import { errorSchema } from "../../lib/errors.ts";
import {
  staffOnly as denied,
  errorResponses,
  jsonBody as json,
  jsonContent,
  listSchema,
  notFoundResponse,
  bearer as security,
} from "../../lib/openapi.ts";
import { currentUser } from "../../middleware/auth.ts";
import { adminProductSchema, createProductBody, updateProductBody } from "../../schemas/admin-catalog.ts";
import {
  type AdminContext,
  changeProduct,
  createProduct,
  getAdminProduct,
  removeProduct,
  searchProducts,
} from "../../services/admin-catalog.service.ts";

const tags = ["Admin: catalog"];
const idParam = z.object({ id: z.uuid() });
const context = (c: Context<AppEnv>): AdminContext => ({
  db: c.get("services").db,
  redis: c.get("services").redis,
  actor: currentUser(c),
  currency: c.env.CURRENCY,
});
const boolParam = z.enum(["true", "false"]).transform((v) => v === "true");

/** Mounted under /admin/products behind requireAuth + requireStaff. */
export const adminProductsRouter = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      security,
      summary: "Searches products (inactive ones too) by text, stock range, category and active flag",
      request: {
        query: z.object({
          q: z.string().trim().min(1).max(200).optional(),
          minStock: z.coerce.number().int().nonnegative().optional(),
          maxStock: z.coerce.number().int().nonnegative().optional(),
          category: z.string().min(1).max(100).optional(),
          active: boolParam.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(500).optional(),
        }),
      },
      responses: {
        200: jsonContent(listSchema(adminProductSchema, "AdminProductList"), "Products"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await searchProducts(c.get("services").db, c.req.valid("query"), c.env.CURRENCY), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      security,
      summary: "Creates a product with its features and gallery",
      request: json(createProductBody),
      responses: {
        201: jsonContent(adminProductSchema, "The product"),
        409: jsonContent(errorSchema, "conflict (slug taken)"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await createProduct(context(c), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      security,
      summary: "One product as staff see it",
      request: { params: idParam },
      responses: {
        200: jsonContent(adminProductSchema, "The product"),
        ...notFoundResponse,
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await getAdminProduct(c.get("services").db, c.req.valid("param").id, c.env.CURRENCY), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      security,
      summary: "Changes a product; features and gallery, when given, replace the old ones",
      request: { params: idParam, ...json(updateProductBody) },
      responses: {
        200: jsonContent(adminProductSchema, "The product"),
        ...notFoundResponse,
        409: jsonContent(errorSchema, "conflict (slug taken)"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await changeProduct(context(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      security,
      summary: "Deletes a product no order refers to (otherwise 409: deactivate it)",
      request: { params: idParam },
      responses: {
        204: { description: "Deleted" },
        ...notFoundResponse,
        409: jsonContent(errorSchema, "conflict (part of orders)"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => {
      await removeProduct(context(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
