import { createRoute } from "@hono/zod-openapi";
import { createRouter } from "../lib/create-router.ts";
import { errorSchema } from "../lib/errors.ts";
import { errorResponses, jsonBody, jsonContent } from "../lib/openapi.ts";
import { publicJwks } from "../lib/tokens.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { profileBody, userSchema } from "../schemas/auth.ts";
import { publicUser, updateProfile } from "../services/auth.service.ts";

export const meRouter = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags: ["Accounts"],
      summary: "The signed-in user",
      security: [{ bearer: [] }],
      middleware: [requireAuth] as const,
      responses: {
        200: jsonContent(userSchema, "The user"),
        401: jsonContent(errorSchema, "Not signed in"),
      },
    }),
    (c) => c.json(publicUser(currentUser(c)), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/me",
      tags: ["Accounts"],
      summary: "Changes my display name, the name shown on my reviews and comments",
      security: [{ bearer: [] }],
      middleware: [requireAuth] as const,
      request: jsonBody(profileBody),
      responses: {
        200: jsonContent(userSchema, "The user"),
        401: jsonContent(errorSchema, "Not signed in"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await updateProfile(c.get("services"), currentUser(c).id, c.req.valid("json")), 200),
  )
  .get("/.well-known/jwks.json", async (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.json(await publicJwks(c.env));
  });
