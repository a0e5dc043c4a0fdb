import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { brands, categories } from "../../../db/schema.ts";
import type { AppEnv } from "../../env.ts";
import { createRouter } from "../../lib/create-router.ts";
import { errorSchema } from "../../lib/errors.ts";
import {
  staffOnly as denied,
  errorResponses,
  jsonBody as json,
  jsonContent,
  notFoundResponse,
  bearer as security,
} from "../../lib/openapi.ts";
import { currentUser } from "../../middleware/auth.ts";
import { brandSchema, categorySchema } from "../../schemas/catalog.ts";
import { type AdminContext, deleteTaxonomy, saveTaxonomy } from "../../services/admin-catalog.service.ts";

const idParam = z.object({ id: z.uuid() });
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(120);
const conflict = { 409: jsonContent(errorSchema, "conflict (slug taken, or still referenced)") };
const context = (c: Context<AppEnv>): AdminContext => ({
  db: c.get("services").db,
  redis: c.get("services").redis,
  actor: currentUser(c),
  currency: c.env.CURRENCY,
});

/** CRUD for categories (with parent) or brands; mounted under /admin/categories and /admin/brands behind requireStaff. */
function taxonomyRouter(entity: "category" | "brand") {
  const table = entity === "category" ? categories : brands;
  const schema = entity === "category" ? categorySchema : brandSchema;
  const tags = [entity === "category" ? "Admin: categories" : "Admin: brands"];
  // Brands have no parent; a parentId sent for one is refused as an unknown field would be for a category.
  const create = z
    .object({
      name: z.string().trim().min(1).max(100),
      slug: slug.optional(),
      parentId: z.uuid().nullable().optional(),
    })
    .refine((v) => entity === "category" || v.parentId === undefined, {
      message: "brands have no parent",
      path: ["parentId"],
    });
  const update = z
    .object({
      name: z.string().trim().min(1).max(100).optional(),
      slug: slug.optional(),
      parentId: z.uuid().nullable().optional(),
    })
    .refine((v) => Object.keys(v).length > 0, "give at least one field")
    .refine((v) => entity === "category" || v.parentId === undefined, {
      message: "brands have no parent",
      path: ["parentId"],
    });
  return createRouter()
    .openapi(
      createRoute({
        method: "post",
        path: "/",
        tags,
        security,
        summary: `Creates a ${entity}`,
        request: json(create),
        responses: { 201: jsonContent(schema, `The ${entity}`), ...conflict, ...denied, ...errorResponses },
      }),
      async (c) =>
        c.json(
          (await saveTaxonomy(context(c), table, entity, null, c.req.valid("json"))) as z.infer<typeof schema>,
          201,
        ),
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/{id}",
        tags,
        security,
        summary: `Renames or moves a ${entity}`,
        request: { params: idParam, ...json(update) },
        responses: {
          200: jsonContent(schema, `The ${entity}`),
          ...notFoundResponse,
          ...conflict,
          ...denied,
          ...errorResponses,
        },
      }),
      async (c) =>
        c.json(
          (await saveTaxonomy(context(c), table, entity, c.req.valid("param").id, c.req.valid("json"))) as z.infer<
            typeof schema
          >,
          200,
        ),
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/{id}",
        tags,
        security,
        summary: `Deletes a ${entity} (its products keep existing without it)`,
        request: { params: idParam },
        responses: { 204: { description: "Deleted" }, ...notFoundResponse, ...conflict, ...denied, ...errorResponses },
      }),
      async (c) => {
        await deleteTaxonomy(context(c), table, entity, c.req.valid("param").id);
        return c.body(null, 204);
      },
    );
}

export const adminCategoriesRouter = taxonomyRouter("category");
export const adminBrandsRouter = taxonomyRouter("brand");
