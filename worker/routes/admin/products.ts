import { createRouter } from "../../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../../lib/openapi.ts";
import { actorOf, route } from "../../middleware/access.ts";
import {
  adminProductListSchema,
  adminProductQuery,
  adminProductSchema,
  createProductBody,
  updateProductBody,
} from "../../schemas/admin-catalog.ts";
import { idParam } from "../../schemas/common.ts";
import {
  changeProduct,
  createProduct,
  getAdminProduct,
  removeProduct,
  searchProducts,
} from "../../services/admin-catalog.service.ts";

const tags = ["Admin: catalog"];

export const adminProductsRouter = createRouter()
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
  );
