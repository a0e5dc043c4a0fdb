import { createRouter } from "../../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../../lib/openapi.ts";
import { actorOf, route } from "../../middleware/access.ts";
import { idParam, listSchema } from "../../schemas/common.ts";
import {
  adminUserSchema,
  changeUserBody,
  createUserBody,
  customerQuery,
  customerSchema,
  userQuery,
} from "../../schemas/users.ts";
import { changeUser, createUser, findCustomers, listUsers } from "../../services/users.service.ts";

const tags = ["Admin: users"];

export const adminUsersRouter = createRouter()
  .openapi(
    route("admin", {
      method: "get",
      path: "/admin/users",
      tags,
      summary: "Searches users by username and role",
      request: { query: userQuery },
      responses: { 200: jsonContent(listSchema(adminUserSchema, "AdminUserList"), "Users"), ...errorResponses },
    }),
    async (c) => c.json(await listUsers(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    route("admin", {
      method: "post",
      path: "/admin/users",
      tags,
      summary: "Creates a user with a role (verified unless told otherwise)",
      request: jsonBody(createUserBody),
      responses: { 201: jsonContent(adminUserSchema, "The user"), ...conflict("username_taken"), ...errorResponses },
    }),
    async (c) => c.json(await createUser(actorOf(c), c.req.valid("json")), 201),
  )
  .openapi(
    route("admin", {
      method: "patch",
      path: "/admin/users/{id}",
      tags,
      summary: "Changes a user's role or deactivates them (their sessions end at once)",
      request: { params: idParam, ...jsonBody(changeUserBody) },
      responses: {
        200: jsonContent(adminUserSchema, "The user"),
        ...notFound,
        ...conflict("An admin cannot lock themselves out"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await changeUser(actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/customers",
      tags,
      summary: "Finds customers by username or display name (to grant a coupon, to look at their orders)",
      request: { query: customerQuery },
      responses: { 200: jsonContent(listSchema(customerSchema, "CustomerList"), "Customers"), ...errorResponses },
    }),
    async (c) => c.json(await findCustomers(c.get("ctx"), c.req.valid("query")), 200),
  );
