import { createRouter } from "../lib/create-router.ts";
import { errorResponses, jsonBody, jsonContent } from "../lib/openapi.ts";
import { publicJwks } from "../lib/tokens.ts";
import { actorOf, route } from "../middleware/access.ts";
import { jwksSchema, profileBody, userSchema } from "../schemas/auth.ts";
import { updateProfile } from "../services/auth.service.ts";

const tags = ["Accounts"];

export const meRouter = createRouter()
  .openapi(
    route("signedIn", {
      method: "get",
      path: "/me",
      tags,
      summary: "The signed-in user",
      responses: { 200: jsonContent(userSchema, "The user"), ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await ctx.session.user(ctx), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "patch",
      path: "/me",
      tags,
      summary: "Changes my display name, the name shown on my reviews and comments",
      request: jsonBody(profileBody),
      responses: { 200: jsonContent(userSchema, "The user"), ...errorResponses },
    }),
    async (c) => c.json(await updateProfile(actorOf(c), c.req.valid("json")), 200),
  )
  .openapi(
    route("public", {
      method: "get",
      path: "/.well-known/jwks.json",
      tags,
      summary: "The public keys that verify access tokens (current and retired)",
      responses: { 200: jsonContent(jwksSchema, "The key set") },
    }),
    async (c) => {
      c.header("Cache-Control", "public, max-age=300");
      return c.json(await publicJwks(c.get("ctx").config.signing), 200);
    },
  );
