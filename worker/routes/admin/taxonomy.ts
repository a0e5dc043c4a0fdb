import { createRouter } from "../../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../../lib/openapi.ts";
import { actorOf, route } from "../../middleware/access.ts";
import { brandSchema, categorySchema } from "../../schemas/catalog.ts";
import { idParam } from "../../schemas/common.ts";
import { brandBody, brandChanges, categoryBody, categoryChanges } from "../../schemas/taxonomy.ts";
import { deleteTaxonomy, saveTaxonomy } from "../../services/taxonomy.service.ts";

const conflicts = conflict("conflict (slug taken, or still referenced)");

/** Categories (with their parent) and brands: created, renamed, moved and deleted by staff. */
export const adminTaxonomyRouter = createRouter()
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/categories",
      tags: ["Admin: categories"],
      summary: "Creates a category",
      request: jsonBody(categoryBody),
      responses: { 201: jsonContent(categorySchema, "The category"), ...conflicts, ...errorResponses },
    }),
    async (c) => c.json(await saveTaxonomy(actorOf(c), "category", null, c.req.valid("json")), 201),
  )
  .openapi(
    route("staff", {
      method: "patch",
      path: "/admin/categories/{id}",
      tags: ["Admin: categories"],
      summary: "Renames or moves a category",
      request: { params: idParam, ...jsonBody(categoryChanges) },
      responses: { 200: jsonContent(categorySchema, "The category"), ...notFound, ...conflicts, ...errorResponses },
    }),
    async (c) => c.json(await saveTaxonomy(actorOf(c), "category", c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "delete",
      path: "/admin/categories/{id}",
      tags: ["Admin: categories"],
      summary: "Deletes a category without sub-categories (its products keep existing without it)",
      request: { params: idParam },
      responses: { 204: { description: "Deleted" }, ...notFound, ...conflicts, ...errorResponses },
    }),
    async (c) => {
      await deleteTaxonomy(actorOf(c), "category", c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/brands",
      tags: ["Admin: brands"],
      summary: "Creates a brand",
      request: jsonBody(brandBody),
      responses: { 201: jsonContent(brandSchema, "The brand"), ...conflicts, ...errorResponses },
    }),
    async (c) => c.json(await saveTaxonomy(actorOf(c), "brand", null, c.req.valid("json")), 201),
  )
  .openapi(
    route("staff", {
      method: "patch",
      path: "/admin/brands/{id}",
      tags: ["Admin: brands"],
      summary: "Renames a brand",
      request: { params: idParam, ...jsonBody(brandChanges) },
      responses: { 200: jsonContent(brandSchema, "The brand"), ...notFound, ...conflicts, ...errorResponses },
    }),
    async (c) => c.json(await saveTaxonomy(actorOf(c), "brand", c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "delete",
      path: "/admin/brands/{id}",
      tags: ["Admin: brands"],
      summary: "Deletes a brand (its products keep existing without it)",
      request: { params: idParam },
      responses: { 204: { description: "Deleted" }, ...notFound, ...conflicts, ...errorResponses },
    }),
    async (c) => {
      await deleteTaxonomy(actorOf(c), "brand", c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
