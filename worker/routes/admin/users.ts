import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../lib/create-router.ts";
import { errorSchema } from "../../lib/errors.ts";
import { errorResponses, jsonContent, listSchema, notFoundResponse, bearer as security } from "../../lib/openapi.ts";
import { currentUser } from "../../middleware/auth.ts";
import { roles, userSchema } from "../../schemas/auth.ts";
import { changeUser, createUser, listUsers } from "../../services/users.service.ts";

const adminUserSchema = userSchema.extend({ active: z.boolean(), createdAt: z.string() }).openapi("AdminUser");
const tags = ["Admin: users"];
const denied = {
  401: jsonContent(errorSchema, "Not signed in"),
  403: jsonContent(errorSchema, "Not an admin"),
} as const;
const idParam = z.object({ id: z.uuid() });

/** Mounted under /admin/users behind requireAuth + requireAdmin. */
export const adminUsersRouter = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      security,
      summary: "Searches users by username and role",
      request: {
        query: z.object({
          q: z.string().trim().min(1).max(100).optional(),
          role: z.enum(roles).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(500).optional(),
        }),
      },
      responses: {
        200: jsonContent(listSchema(adminUserSchema, "AdminUserList"), "Users"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await listUsers(c.get("services").db, c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      security,
      summary: "Creates a user with a role (verified unless told otherwise)",
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                username: z.string().min(3).max(254),
                password: z.string().min(8).max(128),
                role: z.enum(roles),
                verified: z.boolean().optional(),
              }),
            },
          },
        },
      },
      responses: {
        201: jsonContent(adminUserSchema, "The user"),
        409: jsonContent(errorSchema, "username_taken"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => {
      const user = await createUser(
        c.get("services").db,
        currentUser(c),
        c.req.valid("json"),
        c.env.DEFAULT_PHONE_REGION,
      );
      return c.json(user, 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      security,
      summary: "Changes a user's role or deactivates them (their sessions end at once)",
      request: {
        params: idParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({ role: z.enum(roles).optional(), active: z.boolean().optional() })
                .refine((v) => v.role !== undefined || v.active !== undefined, "Give a role or active"),
            },
          },
        },
      },
      responses: {
        200: jsonContent(adminUserSchema, "The user"),
        ...notFoundResponse,
        409: jsonContent(errorSchema, "An admin cannot lock themselves out"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => {
      const user = await changeUser(c.get("services").db, currentUser(c), c.req.valid("param").id, c.req.valid("json"));
      if (!user.active) c.get("services").live.disconnect(user.id, { userId: user.id }, "account deactivated");
      return c.json(user, 200);
    },
  );
